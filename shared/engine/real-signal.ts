/**
 * A real signal: one the room could have acted on. Not a red herring, not the facilitator's own,
 * after a fault began, fired independently of the team (a fixed time, a metric crossing, or a
 * delay after the fault or after another independent inject, with no condition on what the team
 * did), and, when the scenario says which signals show which fault (`shows` on injects), one that
 * shows a fault already begun: a routine change ticket after the fault is not a sign of it.
 * Detection counts only from the first one; the engine and scoring share this rule (definition
 * `real_signal` in shared/scoring/definitions.ts).
 *
 * What each inject can be is worked out once per scenario (a map by id), so judging a signal is
 * a lookup, never a scan over the injects.
 */
import type { Inject, Scenario } from '../scenario/schema.ts';

interface SignalRule {
  /** Fires independently of the team. */
  independent: boolean;
  /** The faults it shows (null: the scenario declares none, so any begun fault). */
  shows: ReadonlyArray<string> | null;
}

const rules = new WeakMap<Scenario, Map<string, SignalRule>>();

function rulesOf(s: Scenario): Map<string, SignalRule> {
  let m = rules.get(s);
  if (m) return m;
  const byId = new Map(s.injects.map((i) => [i.id, i]));
  const declares = s.injects.some((i) => i.shows !== undefined);
  m = new Map(s.injects.map((i) => [i.id, { independent: independentWith(byId, i), shows: declares ? (i.shows ?? []) : null }]));
  rules.set(s, m);
  return m;
}

function independentWith(byId: ReadonlyMap<string, Inject>, inj: Inject, seen: Set<string> = new Set()): boolean {
  if (seen.has(inj.id)) return false;
  seen.add(inj.id);
  const w = inj.when;
  if (w && (w.detected !== undefined || w.actionTaken !== undefined || w.actionNotTaken !== undefined)) return false;
  const t = inj.trigger;
  if ('at' in t || 'metric' in t) return true;
  const ev = t.after.event;
  if (ev === 'fault' || ev.startsWith('fault:')) return true;
  if (ev.startsWith('inject:')) {
    const parent = byId.get(ev.slice(7));
    return parent !== undefined && independentWith(byId, parent, seen);
  }
  return false;
}

/** Whether an inject fires independently of what the team did. */
export function independentInject(s: Scenario, inj: Inject): boolean {
  return rulesOf(s).get(inj.id)?.independent ?? false;
}

/**
 * Whether a signal is real (definition `real_signal`). `faultStart` is the earliest fault start;
 * `faultStarts` (each fault's start, null while dormant) lets a signal that shows a given fault
 * count only once that fault has begun.
 */
export function isRealSignal(
  s: Scenario,
  signal: { id: string; t: number; adhoc: boolean; redHerring: boolean },
  faultStart: number | null,
  faultStarts?: Readonly<Record<string, number | null>>,
): boolean {
  if (signal.adhoc || signal.redHerring || faultStart === null || signal.t < faultStart) return false;
  const rule = rulesOf(s).get(signal.id);
  if (!rule || !rule.independent) return false;
  if (rule.shows === null) return true;
  return rule.shows.some((f) => {
    const start = faultStarts ? faultStarts[f] : faultStart;
    return start !== null && start !== undefined && signal.t >= start;
  });
}

/** The faults a real signal shows (every begun fault when the scenario declares none). */
export function faultsShown(s: Scenario, injectId: string): ReadonlyArray<string> | null {
  return rulesOf(s).get(injectId)?.shows ?? null;
}
