/**
 * The world model in closed form: harm, costs and metrics as pure functions of time and the
 * containment timeline.
 *
 * Harm does not need a tick per minute: between decisions it grows at a known rate, so the total
 * at any moment is an integral over the piecewise-constant containment factors. This is what keeps
 * a 72-hour run at 1-minute resolution in milliseconds (see bench/).
 */
import type { Containment, Harm, Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import { hashString, unitRandom } from './rng.ts';
import type { AppliedContainment, CostTotals, HarmTotals } from './run-state.ts';

/** A run counts as contained once every harm's combined factor is at or below this. */
export const CONTAINED_FACTOR = 0.2;

/** The factors in force from time `from` on. Sorted by `from`; the first starts at 0. */
export interface FactorStep {
  from: number;
  harm: Record<string, number>;
  metric: number;
  /** The root cause is fixed: the fault no longer acts at all. */
  fixed: boolean;
}

export function containmentById(s: Scenario, id: string): Containment | undefined {
  return s.containments.find((c) => c.id === id);
}

/** Combines applied containments into steps of constant factors over time. */
export function factorSteps(s: Scenario, applied: ReadonlyArray<AppliedContainment>): FactorStep[] {
  const ones = () => Object.fromEntries(s.harm.map((h) => [h.id, 1]));
  const steps: FactorStep[] = [{ from: 0, harm: ones(), metric: 1, fixed: false }];
  const byEffect = [...applied].sort((a, b) => a.effectiveAt - b.effectiveAt || a.decidedAt - b.decidedAt);
  for (const a of byEffect) {
    const c = containmentById(s, a.id);
    if (!c) continue;
    const prev = steps[steps.length - 1]!;
    const harm = { ...prev.harm };
    for (const h of s.harm) harm[h.id] = harm[h.id]! * (c.harmFactor[h.id] ?? 1);
    const next: FactorStep = { from: a.effectiveAt, harm, metric: prev.metric * c.metricFactor, fixed: prev.fixed || c.fixesRootCause };
    if (prev.from === a.effectiveAt) steps[steps.length - 1] = next;
    else steps.push(next);
  }
  return steps;
}

export function harmFactorAt(step: FactorStep, harmId: string): number {
  return step.fixed ? 0 : (step.harm[harmId] ?? 1);
}

/** The first moment every harm's factor is at or below CONTAINED_FACTOR, or null. */
export function containedFrom(s: Scenario, steps: ReadonlyArray<FactorStep>): number | null {
  for (const step of steps) if (s.harm.every((h) => harmFactorAt(step, h.id) <= CONTAINED_FACTOR)) return step.from;
  return null;
}

/** Do-nothing cumulative harm from linear accrual only, at a fault age. */
function accrualAt(h: Harm, age: number): number {
  let total = 0;
  for (const seg of h.accrual) {
    if (age <= seg.from) continue;
    const span = seg.to - seg.from;
    total += (seg.total * (Math.min(age, seg.to) - seg.from)) / span;
  }
  return total;
}

/**
 * Harm accumulated by sim time `t` given the factor steps.
 *
 * Linear accrual integrates factor × rate over each step; a discrete occurrence counts in full
 * under factor 1, never under 0, and in between by a seeded draw (a guardrail that catches 70% of
 * leaks catches a particular leak or not; the same seed decides the same way every time).
 */
export function harmAt(s: Scenario, seed: number, steps: ReadonlyArray<FactorStep>, faultStart: number | null, t: number, stopAt: number | null): HarmTotals {
  const out: HarmTotals = {};
  const end = stopAt === null ? t : Math.min(t, stopAt);
  for (const h of s.harm) {
    let total = 0;
    if (faultStart !== null && end > faultStart) {
      for (let i = 0; i < steps.length; i++) {
        const a = Math.max(steps[i]!.from, faultStart);
        const b = Math.min(i + 1 < steps.length ? steps[i + 1]!.from : Infinity, end);
        if (b <= a) continue;
        const f = harmFactorAt(steps[i]!, h.id);
        if (f > 0) total += f * (accrualAt(h, b - faultStart) - accrualAt(h, a - faultStart));
      }
      const hk = hashString(h.id);
      h.occurrences.forEach((o, i) => {
        const when = faultStart + o.at;
        if (when > end) return;
        const step = stepAt(steps, when);
        const f = harmFactorAt(step, h.id);
        if (f >= 1 || (f > 0 && unitRandom(seed, hk, i) < f)) total += o.amount;
      });
    }
    out[h.id] = total;
  }
  return out;
}

/** The step in force at time t (a change at exactly t is already in force). */
export function stepAt(steps: ReadonlyArray<FactorStep>, t: number): FactorStep {
  let cur = steps[0]!;
  for (const s of steps) {
    if (s.from <= t) cur = s;
    else break;
  }
  return cur;
}

/** Revenue lost and user-hours without service from containments in effect up to `t`. */
export function costsAt(s: Scenario, applied: ReadonlyArray<AppliedContainment>, t: number, stopAt: number | null): CostTotals {
  const end = stopAt === null ? t : Math.min(t, stopAt);
  let revenueLost = 0;
  let userHours = 0;
  for (const a of applied) {
    const c = containmentById(s, a.id);
    if (!c || end <= a.effectiveAt) continue;
    const hours = (end - a.effectiveAt) / 3_600_000;
    revenueLost += c.costs.revenuePerHour * hours;
    userHours += c.costs.usersWithoutService * hours;
  }
  return { revenueLost, userHoursWithoutService: userHours };
}

/** Fault intensity at a fault age: piecewise-linear through the evolution points. */
export function intensityAt(s: Scenario, age: number): number {
  if (age < 0) return 0;
  const pts = s.fault.evolution;
  if (age <= pts[0]!.at) return pts[0]!.at === 0 ? pts[0]!.intensity : (pts[0]!.intensity * age) / pts[0]!.at;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (age <= b.at) return a.intensity + ((b.intensity - a.intensity) * (age - a.at)) / (b.at - a.at);
  }
  return pts[pts.length - 1]!.intensity;
}

/** A metric's value at sim minute `minute`. */
export function metricAt(s: Scenario, seed: number, metricIndex: number, steps: ReadonlyArray<FactorStep>, faultStart: number, minute: number): number {
  const m = s.metrics[metricIndex]!;
  const t = minute * MINUTE;
  const noise = m.noise === 0 ? 0 : (unitRandom(seed, 0x6d6574 + metricIndex, minute) * 2 - 1) * m.noise;
  let v = m.baseline + noise;
  if (t >= faultStart && m.faultEffect !== 0) {
    const step = stepAt(steps, t);
    if (!step.fixed) v += m.faultEffect * intensityAt(s, t - faultStart) * step.metric;
  }
  if (m.min !== undefined) v = Math.max(m.min, v);
  if (m.max !== undefined) v = Math.min(m.max, v);
  const p = 10 ** m.decimals;
  return Math.round(v * p) / p;
}

/**
 * Samples every metric at 1-minute resolution from minute `from` (inclusive) to `to` (exclusive).
 *
 * Same values as metricAt minute by minute, but walks the factor steps with a cursor instead of
 * searching them for every sample: dashboards and the benchmark sample tens of thousands of points.
 */
export function metricSeries(s: Scenario, seed: number, steps: ReadonlyArray<FactorStep>, faultStart: number, from: number, to: number): number[][] {
  return s.metrics.map((m, i) => {
    const out = new Array<number>(Math.max(0, to - from));
    const p = 10 ** m.decimals;
    const lo = m.min ?? -Infinity;
    const hi = m.max ?? Infinity;
    let k = 0;
    for (let minute = from; minute < to; minute++) {
      const t = minute * MINUTE;
      while (k + 1 < steps.length && steps[k + 1]!.from <= t) k++;
      let v = m.baseline + (m.noise === 0 ? 0 : (unitRandom(seed, 0x6d6574 + i, minute) * 2 - 1) * m.noise);
      const step = steps[k]!;
      if (t >= faultStart && m.faultEffect !== 0 && !step.fixed) v += m.faultEffect * intensityAt(s, t - faultStart) * step.metric;
      v = Math.min(hi, Math.max(lo, v));
      out[minute - from] = Math.round(v * p) / p;
    }
    return out;
  });
}

/** The first minute in [fromMinute, toMinute) when a metric crosses a threshold, or null. */
export function firstCrossing(
  s: Scenario,
  seed: number,
  metricIndex: number,
  steps: ReadonlyArray<FactorStep>,
  faultStart: number,
  fromMinute: number,
  toMinute: number,
  test: (v: number) => boolean,
): number | null {
  // Most reschedules happen after containment, when the metric can no longer reach the threshold:
  // check the reachable range first instead of scanning every remaining minute.
  const m = s.metrics[metricIndex]!;
  const last = steps[steps.length - 1]!;
  if (last.from <= fromMinute * MINUTE) {
    const maxIntensity = Math.max(...s.fault.evolution.map((p) => p.intensity));
    const effect = last.fixed ? 0 : m.faultEffect * maxIntensity * last.metric;
    const clampTo = (v: number) => Math.min(m.max ?? Infinity, Math.max(m.min ?? -Infinity, v));
    const lo = clampTo(m.baseline - m.noise + Math.min(0, effect) - 1e-9);
    const hi = clampTo(m.baseline + m.noise + Math.max(0, effect) + 1e-9);
    if (!test(lo) && !test(hi) && !test((lo + hi) / 2)) return null;
  }
  for (let m = fromMinute; m < toMinute; m++) if (test(metricAt(s, seed, metricIndex, steps, faultStart, m))) return m;
  return null;
}
