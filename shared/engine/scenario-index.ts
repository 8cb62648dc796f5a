/**
 * Lookups by id into a scenario, built once per scenario object and cached beside it (a WeakMap,
 * so a scenario that is dropped takes its index with it). The engine and scoring ask for an inject
 * by id per signal; a scan of `s.injects` there made a run quadratic in the number of injects.
 * Scenarios are immutable once loaded, so the index never goes stale.
 */
import type { Containment, Inject, Scenario } from '../scenario/schema.ts';

export interface ScenarioIndex {
  injects: ReadonlyMap<string, Inject>;
  containments: ReadonlyMap<string, Containment>;
  /** Memo for derived per-inject facts (e.g. whether an inject fires independently of the team). */
  independent: Map<string, boolean>;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

export function scenarioIndex(s: Scenario): ScenarioIndex {
  let ix = cache.get(s);
  if (!ix) {
    ix = {
      injects: new Map(s.injects.map((i) => [i.id, i])),
      containments: new Map(s.containments.map((c) => [c.id, c])),
      independent: new Map(),
    };
    cache.set(s, ix);
  }
  return ix;
}
