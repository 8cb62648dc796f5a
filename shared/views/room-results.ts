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

export interface RoomResults {
  overall: number;
  dimensions: Array<{ dimension: Dimension; score: number; verdict: VerdictStatus }>;
  /** Key times against their targets: MTTD, time to triage, MTTC, then each notification. */
  targets: Array<{ id: 'mttd' | 'triage' | 'mttc' | 'notify'; audience: Audience | null; value: number | null; target: number; verdict: VerdictStatus }>;
  falseAlarms: number;
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
