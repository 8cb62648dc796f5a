/**
 * The world model in closed form: harm, costs and metrics as pure functions of time, the faults'
 * start times and the containment episodes (decided → in effect → lifted).
 *
 * Harm does not need a tick per minute: between decisions it grows at a known rate, so the total
 * at any moment is an integral over piecewise-constant factors ("steps"). That keeps a 72-hour run
 * at 1-minute resolution in milliseconds, and lets dashboards sample any window at any resolution
 * on demand instead of caching every minute of the horizon.
 */
import type { Containment, Harm, Metric, Scenario } from '../scenario/schema.ts';
import { HOUR, MINUTE } from '../scenario/duration.ts';
import { hashString, unitRandom } from './rng.ts';
import { scenarioIndex } from './scenario-index.ts';
import { scheduleOf } from './working-hours.ts';

/** A fault counts as contained once every containable harm it drives grows at this factor or less. */
export const CONTAINED_FACTOR = 0.2;

/** One period a containment was in effect (liftedAt null: still in effect). */
export interface Episode {
  containmentId: string;
  decidedAt: number;
  effectiveAt: number;
  liftedAt: number | null;
}

/** What one containment does to one metric while in effect. */
interface MetricMod {
  faultFactor: number;
  scale: number;
  offset: number;
}

/** The factors in force from time `from` on. Sorted by `from`; the first starts at -Infinity. */
export interface FactorStep {
  from: number;
  /** Containments in effect during this step. */
  inEffect: ReadonlyArray<string>;
  /** Harm id → combined growth factor (1: unchanged). Fixed faults are applied separately. */
  harm: Record<string, number>;
  /** Metric index → combined modification. */
  metric: MetricMod[];
  /** Faults that no longer act at all: their root cause is fixed by now, or they ended by themselves. */
  fixed: ReadonlySet<string>;
  /** Of those, the ones that ended by themselves before any fix (`endsAfter`). */
  ended: ReadonlySet<string>;
}

export function containmentById(s: Scenario, id: string): Containment | undefined {
  return scenarioIndex(s).containments.get(id);
}

/** When each fault is fixed (the first fixing containment to take effect), from the episodes. */
export function fixTimes(s: Scenario, episodes: ReadonlyArray<Episode>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of episodes) {
    const c = containmentById(s, e.containmentId);
    if (!c) continue;
    for (const f of c.fixes) if (!out.has(f) || out.get(f)! > e.effectiveAt) out.set(f, e.effectiveAt);
  }
  return out;
}

/**
 * When each fault that ends by itself (`endsAfter`) stops acting: its start plus that age. Fault
 * starts are fixed by the scenario (a fault of another variant is not in a resolved scenario).
 */
export function naturalEnds(s: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of s.faults) if (f.endsAfter !== undefined) out.set(f.id, f.startsAt + f.endsAfter);
  return out;
}

/** Combines containment episodes into steps of constant factors over time. */
export function factorSteps(s: Scenario, episodes: ReadonlyArray<Episode>): FactorStep[] {
  const fixes = fixTimes(s, episodes);
  const ends = naturalEnds(s);
  const times = new Set<number>();
  for (const e of episodes) {
    times.add(e.effectiveAt);
    if (e.liftedAt !== null && e.liftedAt > e.effectiveAt) times.add(e.liftedAt);
  }
  for (const t of fixes.values()) times.add(t);
  for (const t of ends.values()) times.add(t);
  const sorted = [...times].sort((a, b) => a - b);
  const steps: FactorStep[] = [stepFor(s, -Infinity, [], new Set(), new Set())];
  for (const t of sorted) {
    const active = episodes.filter((e) => e.effectiveAt <= t && (e.liftedAt === null || e.liftedAt > t)).map((e) => e.containmentId);
    const fixed = new Set([...fixes].filter(([, at]) => at <= t).map(([f]) => f));
    // Ended by itself, unless the team's fix came first (then it was fixed, not ended).
    const ended = new Set([...ends].filter(([f, at]) => at <= t && !(fixes.has(f) && fixes.get(f)! <= at)).map(([f]) => f));
    steps.push(stepFor(s, t, [...new Set(active)], new Set([...fixed, ...ended]), ended));
  }
  return steps;
}

function stepFor(s: Scenario, from: number, inEffect: string[], fixed: Set<string>, ended: Set<string>): FactorStep {
  const harm: Record<string, number> = {};
  for (const h of s.harm) harm[h.id] = 1;
  const metric: MetricMod[] = s.metrics.map(() => ({ faultFactor: 1, scale: 1, offset: 0 }));
  for (const id of inEffect) {
    const c = containmentById(s, id);
    if (!c) continue;
    for (const h of s.harm) if (h.source !== 'external' && h.source !== 'action') harm[h.id] = harm[h.id]! * (c.harmFactor[h.id] ?? 1);
    s.metrics.forEach((m, i) => {
      const e = c.metricEffects[m.id];
      const mod = metric[i]!;
      mod.faultFactor *= e?.faultFactor ?? (e ? 1 : c.metricFactor);
      mod.scale *= e?.scale ?? 1;
      mod.offset += e?.offset ?? 0;
    });
  }
  return { from, inEffect, harm, metric, fixed, ended };
}

/** The step in force at time t (a change at exactly t is already in force). */
export function stepAt(steps: ReadonlyArray<FactorStep>, t: number): FactorStep {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid]!.from <= t) lo = mid;
    else hi = mid - 1;
  }
  return steps[lo]!;
}

/** A harm's growth factor in a step: 0 once its fault (or one it also needs) is fixed; external harm is never touched. */
export function harmFactorAt(s: Scenario, step: FactorStep, h: Harm): number {
  if (h.source === 'external') return 1;
  if (step.fixed.has(h.source) || h.alsoNeeds.some((f) => step.fixed.has(f))) return 0;
  return step.harm[h.id] ?? 1;
}

/** Whether a fault is contained in a step: fixed, or all its containable harm cut to CONTAINED_FACTOR. */
export function faultContainedIn(s: Scenario, step: FactorStep, faultId: string): boolean {
  if (step.fixed.has(faultId)) return true;
  // A harm that needs this fault with another (alsoNeeds) is this fault's harm too.
  const harms = s.harm.filter((h) => (h.source === faultId || h.alsoNeeds.includes(faultId)) && h.containable);
  return harms.length > 0 && harms.every((h) => harmFactorAt(s, step, h) <= CONTAINED_FACTOR);
}

/** Whether a containment in this step reduces anything the fault drives. */
export function faultMitigatedIn(s: Scenario, step: FactorStep, faultId: string): boolean {
  if (step.fixed.has(faultId)) return true;
  return s.harm.some((h) => (h.source === faultId || h.alsoNeeds.includes(faultId)) && harmFactorAt(s, step, h) < 1);
}

/**
 * Do-nothing cumulative accrual at an age (fault age, or sim time for external harm) of a harm
 * that began at sim time `origin`: its segments, plus its rate by working hours (#17: `rate`,
 * per hour while its schedule is open and `outsideHours` while closed, in closed form).
 */
function accrualAt(s: Scenario, h: Harm, origin: number, age: number): number {
  let total = 0;
  for (const seg of h.accrual) {
    if (age <= seg.from) continue;
    total += (seg.total * (Math.min(age, seg.to) - seg.from)) / (seg.to - seg.from);
  }
  if (h.rate && age > 0) {
    const open = scheduleOf(s, h.rate.schedule).openBetween(origin, origin + age);
    total += (h.rate.perHour * open + h.rate.outsideHours * (age - open)) / HOUR;
  }
  return total;
}

export type HarmTotals = Record<string, number>;

/**
 * When each fault started (null: not yet, or not in this variant), and under `harm:<id>` when an
 * external harm with `startsWith` began (the moment its event happened).
 */
export type FaultStarts = Readonly<Record<string, number | null>>;

/** When a fault's harm begins: its source fault's start, or the last start of the faults it also needs. */
function jointStart(h: Harm, starts: FaultStarts): number | null | undefined {
  const all = [h.source, ...h.alsoNeeds].map((f) => starts[f]);
  if (all.some((x) => x === null || x === undefined)) return null;
  return Math.max(...(all as number[]));
}

/** The `harm:<id>` origins of external harms that start with an event, from the events that happened. */
export function harmOrigins(s: Scenario, happened: Readonly<Record<string, number>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const h of s.harm) if (h.startsWith) out[`harm:${h.id}`] = happened[h.startsWith] ?? null;
  return out;
}

/**
 * Harm accumulated by sim time `t`.
 *
 * Fault-driven accrual integrates factor × rate over each step in the fault's age; a discrete
 * occurrence counts in full under factor 1, never under 0, and in between by a seeded draw (a
 * guardrail that catches 70% of leaks catches a particular leak or not; the same seed decides the
 * same way every time). External harm follows sim time whatever the team does. Action harm is
 * what containments create while in effect.
 */
export function harmAt(
  s: Scenario,
  seed: number,
  steps: ReadonlyArray<FactorStep>,
  starts: FaultStarts,
  episodes: ReadonlyArray<Episode>,
  t: number,
): HarmTotals {
  const out: HarmTotals = {};
  for (const h of s.harm) {
    let total = 0;
    if (h.source === 'action') {
      for (const e of episodes) {
        const c = containmentById(s, e.containmentId);
        // A one-off harm (createsHarmOnce) lands in full when the action takes effect, once per application.
        const once = c?.createsHarmOnce[h.id];
        if (once && e.effectiveAt <= t) total += once;
        const rate = c?.createsHarm[h.id];
        if (!rate) continue;
        const end = Math.min(t, e.liftedAt ?? Infinity);
        if (end > e.effectiveAt) total += (rate * (end - e.effectiveAt)) / HOUR;
      }
    } else {
      const origin = h.source === 'external' ? (h.startsWith ? starts[`harm:${h.id}`] : 0) : jointStart(h, starts);
      if (origin !== null && origin !== undefined && t > origin) {
        for (let i = 0; i < steps.length; i++) {
          const a = Math.max(steps[i]!.from, origin);
          const b = Math.min(i + 1 < steps.length ? steps[i + 1]!.from : Infinity, t);
          if (b <= a) continue;
          const f = harmFactorAt(s, steps[i]!, h);
          if (f > 0) total += f * (accrualAt(s, h, origin, b - origin) - accrualAt(s, h, origin, a - origin));
        }
        const hk = hashString(h.id);
        h.occurrences.forEach((o, i) => {
          const when = origin + o.at;
          if (when > t) return;
          const f = harmFactorAt(s, stepAt(steps, when), h);
          if (f >= 1 || (f > 0 && unitRandom(seed, hk, i) < f)) total += o.amount;
        });
      }
    }
    out[h.id] = total;
  }
  return out;
}

export interface CostTotals {
  revenueLost: number;
  /** User-hours without service. */
  userHoursWithoutService: number;
  /** One-off costs (refunds, settlements) paid when decided. */
  oneOff: number;
}

/** Costs of containments up to `t`: hourly costs while in effect, one-off costs when decided. */
export function costsAt(s: Scenario, episodes: ReadonlyArray<Episode>, t: number): CostTotals {
  let revenueLost = 0;
  let userHours = 0;
  let oneOff = 0;
  for (const e of episodes) {
    const c = containmentById(s, e.containmentId);
    if (!c) continue;
    if (e.decidedAt <= t) oneOff += c.costs.oneOff;
    const end = Math.min(t, e.liftedAt ?? Infinity);
    if (end <= e.effectiveAt) continue;
    const hours = (end - e.effectiveAt) / HOUR;
    revenueLost += c.costs.revenuePerHour * hours;
    userHours += c.costs.usersWithoutService * hours;
  }
  return { revenueLost, userHoursWithoutService: userHours, oneOff };
}

/** A fault's intensity at a fault age: piecewise-linear through its evolution points. */
export function intensityAt(pts: ReadonlyArray<{ at: number; intensity: number }>, age: number): number {
  if (age < 0) return 0;
  if (age <= pts[0]!.at) return pts[0]!.at === 0 ? pts[0]!.intensity : (pts[0]!.intensity * age) / pts[0]!.at;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (age <= b.at) return a.intensity + ((b.intensity - a.intensity) * (age - a.at)) / (b.at - a.at);
  }
  return pts[pts.length - 1]!.intensity;
}

/** A piecewise-linear external driver at sim time t (0 before its first point's value ramps in). */
function driverAt(m: Metric, t: number): number {
  const pts = m.driver;
  if (pts.length === 0) return 0;
  if (t <= pts[0]!.at) return pts[0]!.value;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (t <= b.at) return a.value + ((b.value - a.value) * (t - a.at)) / (b.at - a.at);
  }
  return pts[pts.length - 1]!.value;
}

/** The faults' contribution to a metric at t, before any containment. */
export function faultContribution(s: Scenario, m: Metric, starts: FaultStarts, fixed: ReadonlySet<string>, t: number): number {
  let v = 0;
  for (const f of s.faults) {
    const effect = m.effects[f.id];
    const start = starts[f.id];
    if (!effect || start === null || start === undefined || t < start || fixed.has(f.id)) continue;
    v += effect * intensityAt(f.evolution, t - start);
  }
  return v;
}

/** A metric's value at sim minute `minute`. */
export function metricAt(s: Scenario, seed: number, metricIndex: number, steps: ReadonlyArray<FactorStep>, starts: FaultStarts, minute: number): number {
  return metricValue(s, seed, metricIndex, steps, stepAt(steps, minute * MINUTE), starts, minute);
}

/** The seeded noise of a rolling-window metric drifts between knots this fraction of the window apart. */
export const WINDOW_NOISE_KNOTS = 24;

function metricValue(s: Scenario, seed: number, i: number, steps: ReadonlyArray<FactorStep>, step: FactorStep, starts: FaultStarts, minute: number): number {
  const m = s.metrics[i]!;
  const t = minute * MINUTE;
  let v: number;
  if (m.window === undefined || m.window <= 0) {
    const noise = m.noise === 0 ? 0 : (unitRandom(seed, 0x6d6574 + i, minute) * 2 - 1) * m.noise;
    v = instantValue(s, m, step, i, starts, t, noise);
  } else {
    const sum = windowIntegral(s, m, i, steps, starts, t - m.window, t);
    v = sum / m.window + windowNoise(seed, i, m.noise, m.window, t) * step.metric[i]!.scale;
  }
  if (m.min !== undefined) v = Math.max(m.min, v);
  if (m.max !== undefined) v = Math.min(m.max, v);
  const p = 10 ** m.decimals;
  return Math.round(v * p) / p;
}

/** The metric at one instant, before clamping and rounding (the formula in scenarios/README.md). */
function instantValue(s: Scenario, m: Metric, step: FactorStep, i: number, starts: FaultStarts, t: number, noise: number): number {
  const mod = step.metric[i]!;
  const v = m.baseline + noise + (m.trendPerHour * t) / HOUR + driverAt(m, t) + faultContribution(s, m, starts, step.fixed, t) * mod.faultFactor;
  return v * hoursFactor(s, m, t) * mod.scale + mod.offset;
}

/** #17: a traffic-driven metric's share of its value at t: 1 while its schedule is open, `outsideHours` while closed. */
function hoursFactor(s: Scenario, m: Metric, t: number): number {
  return m.hours === undefined || scheduleOf(s, m.hours.schedule).isOpen(t) ? 1 : m.hours.outsideHours;
}

/**
 * The integral of a metric's instantaneous value over [from, to], exactly: between the moments
 * where something changes (a containment step, a fault starting, a point of its evolution or of
 * the driver) the value is linear, so each piece is its length times the value at its middle. A
 * rolling window is this over the window's length: a fault fills it in and a fix clears it out
 * over the whole window, smoothly, as a trailing 24-hour dashboard does.
 */
function windowIntegral(s: Scenario, m: Metric, i: number, steps: ReadonlyArray<FactorStep>, starts: FaultStarts, from: number, to: number): number {
  const cuts = [from, to];
  const add = (x: number) => {
    if (x > from && x < to) cuts.push(x);
  };
  for (const st of steps) add(st.from);
  for (const f of s.faults) {
    const start = starts[f.id];
    if (start === null || start === undefined || !m.effects[f.id]) continue;
    add(start);
    for (const p of f.evolution) add(start + p.at);
  }
  for (const p of m.driver) add(p.at);
  // A traffic-driven metric steps at each opening and closing.
  if (m.hours) for (const x of scheduleOf(s, m.hours.schedule).boundaries(from, to)) add(x);
  cuts.sort((a, b) => a - b);
  let sum = 0;
  for (let k = 1; k < cuts.length; k++) {
    const a = cuts[k - 1]!;
    const b = cuts[k]!;
    if (b <= a) continue;
    const mid = (a + b) / 2;
    sum += (b - a) * instantValue(s, m, stepAt(steps, mid), i, starts, mid, 0);
  }
  return sum;
}

/**
 * Seeded noise in ±noise that a trailing mean would show: it drifts smoothly between knots a
 * twenty-fourth of the window apart (an hour for a 24-hour window) instead of jumping each minute.
 */
function windowNoise(seed: number, i: number, noise: number, window: number, t: number): number {
  if (noise === 0) return 0;
  const knot = Math.max(MINUTE, window / WINDOW_NOISE_KNOTS);
  const n = Math.floor(t / knot);
  const f = t / knot - n;
  const a = unitRandom(seed, 0x726f6c + i, n) * 2 - 1;
  const b = unitRandom(seed, 0x726f6c + i, n + 1) * 2 - 1;
  return (a + (b - a) * (1 - Math.cos(Math.PI * f)) * 0.5) * noise;
}

/**
 * Samples every metric from minute `from` (inclusive) to `to` (exclusive), one sample every
 * `every` minutes: the dashboards ask for the window and resolution they show, nothing is cached.
 */
export function metricSeries(
  s: Scenario,
  seed: number,
  steps: ReadonlyArray<FactorStep>,
  starts: FaultStarts,
  from: number,
  to: number,
  every = 1,
): number[][] {
  const n = Math.max(0, Math.ceil((to - from) / every));
  return s.metrics.map((_, i) => {
    const out = new Array<number>(n);
    let k = 0;
    for (let j = 0; j < n; j++) {
      const minute = from + j * every;
      const t = minute * MINUTE;
      while (k + 1 < steps.length && steps[k + 1]!.from <= t) k++;
      out[j] = metricValue(s, seed, i, steps, steps[k]!, starts, minute);
    }
    return out;
  });
}

/**
 * For several thresholds on one metric, the first minute each is passed (or null), in one scan.
 *
 * Faults not begun yet count as absent: their start reschedules the alerts that depend on them.
 * Once no further change is scheduled, a threshold the metric cannot reach any more is answered
 * from the reachable range instead of scanning every remaining minute.
 */
export function firstCrossings(
  s: Scenario,
  seed: number,
  metricIndex: number,
  steps: ReadonlyArray<FactorStep>,
  starts: FaultStarts,
  fromMinute: number,
  toMinute: number,
  tests: ReadonlyArray<(v: number) => boolean>,
): (number | null)[] {
  const out: (number | null)[] = tests.map(() => null);
  const open = new Set(tests.keys());
  const last = steps[steps.length - 1]!;
  const m = s.metrics[metricIndex]!;
  // A rolling window still holds what came before the last change for one window after it.
  if (last.from + (m.window ?? 0) <= fromMinute * MINUTE && m.trendPerHour === 0) {
    const mod = last.metric[metricIndex]!;
    let up = 0;
    let down = 0;
    for (const f of s.faults) {
      const e = m.effects[f.id];
      if (!e || last.fixed.has(f.id) || starts[f.id] === null || starts[f.id] === undefined) continue;
      const peak = e * Math.max(...f.evolution.map((p) => p.intensity)) * mod.faultFactor;
      up += Math.max(0, peak);
      down += Math.min(0, peak);
    }
    const drivers = m.driver.map((p) => p.value);
    const clamp = (v: number) => Math.min(m.max ?? Infinity, Math.max(m.min ?? -Infinity, v));
    const raw = [m.baseline - m.noise + down + Math.min(0, ...drivers), m.baseline + m.noise + up + Math.max(0, ...drivers)];
    // A traffic-driven metric (#17 working hours) also takes its value times outsideHours.
    if (m.hours) raw.push(raw[0]! * m.hours.outsideHours, raw[1]! * m.hours.outsideHours);
    const ends = raw.map((v) => v * mod.scale + mod.offset);
    const lo = clamp(Math.min(...ends) - 1e-9);
    const hi = clamp(Math.max(...ends) + 1e-9);
    tests.forEach((test, i) => {
      if (!test(lo) && !test(hi) && !test((lo + hi) / 2)) open.delete(i);
    });
  }
  let k = 0;
  for (let minute = fromMinute; minute < toMinute && open.size > 0; minute++) {
    const t = minute * MINUTE;
    while (k + 1 < steps.length && steps[k + 1]!.from <= t) k++;
    const v = metricValue(s, seed, metricIndex, steps, steps[k]!, starts, minute);
    for (const i of open) {
      if (tests[i]!(v)) {
        out[i] = minute;
        open.delete(i);
      }
    }
  }
  return out;
}
