/**
 * A real signal: one the room could have acted on. Not a red herring, not the facilitator's own,
 * after a fault began, and fired independently of the team (a fixed time, a metric crossing, or a
 * delay after the fault or after another independent inject, with no condition on what the team
 * did). Detection counts only from the first one; the engine and scoring share this rule
 * (definition `real_signal` in shared/scoring/definitions.ts).
 */
import type { Inject, Scenario } from '../scenario/schema.ts';
import { scenarioIndex } from './scenario-index.ts';

export function independentInject(s: Scenario, inj: Inject, seen: Set<string> = new Set()): boolean {
  if (seen.has(inj.id)) return false;
  seen.add(inj.id);
  const w = inj.when;
  if (w && (w.detected !== undefined || w.actionTaken !== undefined || w.actionNotTaken !== undefined)) return false;
  const t = inj.trigger;
  if ('at' in t || 'metric' in t) return true;
  const ev = t.after.event;
  if (ev === 'fault' || ev.startsWith('fault:')) return true;
  if (ev.startsWith('inject:')) {
    const parent = scenarioIndex(s).injects.get(ev.slice(7));
    return parent !== undefined && independentInject(s, parent, seen);
  }
  return false;
}

export function isRealSignal(s: Scenario, signal: { id: string; t: number; adhoc: boolean; redHerring: boolean }, faultStart: number | null): boolean {
  if (signal.adhoc || signal.redHerring || faultStart === null || signal.t < faultStart) return false;
  const ix = scenarioIndex(s);
  // Memoised per scenario: an inject's independence depends only on the scenario, and a chain of
  // `after: inject:` triggers would otherwise be walked again for every signal.
  let independent = ix.independent.get(signal.id);
  if (independent === undefined) {
    const inj = ix.injects.get(signal.id);
    independent = inj !== undefined && independentInject(s, inj);
    ix.independent.set(signal.id, independent);
  }
  return independent;
}
