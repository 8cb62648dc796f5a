/**
 * The room's results view (#20): what the projector and the participants' devices show when the
 * exercise ends, if the facilitator shares it. Built from the score card's verdicts (never a value
 * compared with a target here) and carried as codes and figures, so each page words it in its own
 * language. Nothing facilitator-only: no adjustments, notes, faults, red herrings or harm the
 * facilitator did not reveal, only the team's scores, its key times against the targets and how
 * many false alarms it raised.
 */
import type { Audience, Dimension, Scenario } from '../scenario/schema.ts';
import type { VerdictStatus } from '../scoring/verdict.ts';
import type { ScoreCard } from '../scoring/score-card.ts';
import { harmCurve, type HarmCurve } from '../debrief/harm-curve.ts';
import type { RunContext } from '../engine/run-state.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';
import { inputMessage } from '../wording/timeline.ts';
import { msg, type Msg } from '../i18n/words.ts';

export interface RoomResults {
  overall: number;
  dimensions: Array<{ dimension: Dimension; score: number; verdict: VerdictStatus }>;
  /** Key times against their targets: MTTD, time to triage, MTTC, then each notification. */
  targets: Array<{ id: 'mttd' | 'triage' | 'mttc' | 'notify'; audience: Audience | null; value: number | null; target: number; verdict: VerdictStatus }>;
  falseAlarms: number;
  /**
   * Harm over time with the team's decisions marked (the debrief's chart), only once the
   * facilitator has revealed harm to the room: the projection leaves it out otherwise.
   */
  harm?: RoomHarm | null;
}

/**
 * The harm curve as the debrief draws it (this run against doing nothing), its markers left out;
 * the team's decisions come as messages, numbered as on the debrief, so each page words them.
 */
export interface RoomHarm {
  curve: HarmCurve;
  decisions: Array<{ n: number; t: number; msg: Msg }>;
  /** The scenario's currency (ISO 4217), for a harm counted in money (the projector's axis reads "$2M"). */
  currency: string;
}

/** The debrief's harm curve of a finished run, for the room (see RoomHarm). */
export function roomHarm(s: Scenario, seed: number, ctx: DeepReadonly<Pick<RunContext, 'containments' | 'faults' | 'inputs' | 'happened'>>): RoomHarm | null {
  const curve = harmCurve(s, seed, ctx);
  if (curve.harms.length === 0) return null;
  const inputs = new Map(ctx.inputs.map((x) => [x.seq, x.input]));
  const decisions = curve.markers
    .filter((m) => m.major)
    .map((m, i) => {
      const input = m.seq !== undefined ? inputs.get(m.seq) : undefined;
      if (input) return { n: i + 1, t: m.t, msg: inputMessage(s, input as Parameters<typeof inputMessage>[1]) };
      // A containment taking effect has no input: the same words as the debrief's marker.
      const label = s.containments.find((c) => c.id === m.containmentId)?.label ?? m.containmentId ?? '';
      return { n: i + 1, t: m.t, msg: msg('harmCurve.inEffect', { label }) };
    });
  return { curve: { ...curve, markers: [] }, decisions, currency: s.currency };
}

export function roomResults(s: Pick<Scenario, 'rubric'>, card: ScoreCard): RoomResults {
  const r = card.targets;
  return {
    overall: card.overall,
    dimensions: card.dimensions.map((d) => ({ dimension: d.dimension, score: d.score, verdict: d.verdict.status })),
    targets: [
      { id: 'mttd', audience: null, value: card.mttd, target: r.mttd, verdict: card.verdicts.mttd.status },
      { id: 'triage', audience: null, value: card.timeToTriage, target: r.triageWithin, verdict: card.verdicts.timeToTriage.status },
      // Never contained reads "never", not the span to the horizon the score counts it as (censored).
      { id: 'mttc', audience: null, value: card.mttc, target: r.mttc, verdict: card.verdicts.mttc.status },
      // The card keeps one result per rubric notification, in the rubric's order (as key times read it).
      ...card.notifications.map((n, i) => ({
        id: 'notify' as const,
        audience: n.audience,
        value: n.elapsed,
        target: s.rubric.notifications[i]?.within ?? 0,
        verdict: n.verdict.status,
      })),
    ],
    falseAlarms: card.falseAlarms.length,
  };
}
