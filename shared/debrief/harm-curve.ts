/**
 * Harm over time: the run's curve, the do-nothing curve, and the decisions that bent it.
 *
 * Sampled from the closed-form model (harmAt over the run's factor steps) every `step` of sim
 * time up to the horizon, so the last point equals the score card's harm figure exactly. Like the
 * score card, the run's curve assumes the containments in place at the end stay in place.
 */
import type { Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import type { TeamInputType } from '../engine/inputs.ts';
import { describeInput } from '../wording/timeline.ts';
import { factorSteps, harmAt, harmOrigins } from '../engine/model.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import type { HarmTotals, RunContext } from '../engine/run-state.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';
import { EN, type Words } from '../i18n/words.ts';

export interface HarmSeries {
  id: string;
  label: string;
  unit: string;
  kind: Scenario['harm'][number]['kind'];
}

export interface HarmPoint {
  t: number;
  actual: HarmTotals;
  doNothing: HarmTotals;
}

export interface DecisionMarker {
  t: number;
  /** Journal seq of the decision; absent for a containment taking effect. */
  seq?: number;
  type: TeamInputType | 'EFFECT';
  /** For a containment taking effect: which (the room's results word its label themselves). */
  containmentId?: string;
  label: string;
  /** Containments, declaring and closing: the markers worth a label on a small chart. */
  major: boolean;
  /** The run's harm at that moment. */
  harm: HarmTotals;
}

export interface HarmCurve {
  step: number;
  horizon: number;
  harms: HarmSeries[];
  points: HarmPoint[];
  markers: DecisionMarker[];
  final: { actual: HarmTotals; doNothing: HarmTotals };
}

const DECISIONS: ReadonlySet<TeamInputType> = new Set([
  'ACKNOWLEDGE',
  'TRIAGE',
  'INVESTIGATE',
  'CONTAIN',
  'PRESERVE_EVIDENCE',
  'COMMUNICATE',
  'DECLARE_ROOT_CAUSE',
  'RESOLVE',
  'END',
]);
const MAJOR: ReadonlySet<string> = new Set(['ACKNOWLEDGE', 'CONTAIN', 'EFFECT', 'RESOLVE', 'END']);

export function harmCurve(
  s: Scenario,
  seed: number,
  ctx: DeepReadonly<Pick<RunContext, 'containments' | 'faults' | 'inputs' | 'happened'>>,
  step: number = 15 * MINUTE,
  /** The language the decision markers are worded in (the report's). */
  w: Words = EN,
): HarmCurve {
  const horizon = s.clock.horizon;
  const episodes = Object.values(ctx.containments).flatMap((c) => c.episodes);
  const steps = factorSteps(s, episodes);
  const idle = factorSteps(s, []);
  // #17: an external harm that starts with an event starts when it happened in this run, and in
  // the do-nothing world when it happens there (played only when the scenario has such a harm).
  const idleHappened = s.harm.some((h) => h.startsWith) ? doNothingEvents(s, seed) : {};
  const scheduled = { ...Object.fromEntries(s.faults.map((f) => [f.id, f.startsAt])), ...harmOrigins(s, idleHappened) };
  const starts = { ...Object.fromEntries(s.faults.map((f) => [f.id, ctx.faults[f.id]?.startedAt ?? f.startsAt])), ...harmOrigins(s, ctx.happened) };
  const actualAt = (t: number) => harmAt(s, seed, steps, starts, episodes, t);
  const idleAt = (t: number) => harmAt(s, seed, idle, scheduled, [], t);

  const points: HarmPoint[] = [];
  for (let t = 0; t < horizon; t += step) points.push({ t, actual: actualAt(t), doNothing: idleAt(t) });
  points.push({ t: horizon, actual: actualAt(horizon), doNothing: idleAt(horizon) });

  const markers: DecisionMarker[] = [];
  for (const { seq, t, input } of ctx.inputs) {
    if (!DECISIONS.has(input.type)) continue;
    markers.push({ t, seq, type: input.type, label: describeInput(s, input, w), major: MAJOR.has(input.type), harm: actualAt(t) });
  }
  for (const c of episodes) {
    const label = s.containments.find((x) => x.id === c.containmentId)?.label ?? c.containmentId;
    if (c.effectiveAt !== c.decidedAt && c.effectiveAt <= horizon && (c.liftedAt === null || c.liftedAt > c.effectiveAt))
      markers.push({
        t: c.effectiveAt,
        type: 'EFFECT',
        containmentId: c.containmentId,
        label: w.t('harmCurve.inEffect', { label }),
        major: true,
        harm: actualAt(c.effectiveAt),
      });
  }
  markers.sort((a, b) => a.t - b.t || (a.seq ?? Infinity) - (b.seq ?? Infinity));

  return {
    step,
    horizon,
    // A harm that stays at zero in this run and when doing nothing (so in every run: another
    // variant's harm, say) has no story to tell: no chart for it anywhere (#20).
    harms: s.harm
      .filter((h) => points.some((p) => (p.actual[h.id] ?? 0) > 0 || (p.doNothing[h.id] ?? 0) > 0))
      .map((h) => ({ id: h.id, label: h.label, unit: h.unit, kind: h.kind })),
    points,
    markers,
    final: { actual: points[points.length - 1]!.actual, doNothing: points[points.length - 1]!.doNothing },
  };
}

/** The events of the do-nothing world (their first moments), for harm that starts with one. */
function doNothingEvents(s: Scenario, seed: number): Record<string, number> {
  const idle = new ExerciseRun(s, seed);
  idle.runToEnd();
  return { ...idle.context.happened };
}
