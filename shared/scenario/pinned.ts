/**
 * The scenario an exercise plays, from its journal header: the pinned YAML, resolved to the
 * variant the facilitator chose at setup, or else the one the seed draws (and, in solo mode, with no
 * roles required of the lone responder). Every place that
 * replays a journal loads its scenario through here, so a replay plays the same variant.
 */
import { loadScenario, type LoadResult } from './load.ts';
import { resolveVariant, variantForSeed } from './variants.ts';
import type { Scenario } from './schema.ts';

export interface PinnedHeader {
  scenarioId: string;
  scenarioSource: string;
  seed: number;
  variant?: string | null | undefined;
  mode?: 'facilitated' | 'solo' | undefined;
}

const solos = new WeakMap<Scenario, Scenario>();

/**
 * Solo mode is one responder holding every role: no role assignments are required, so the rubric's
 * required roles are dropped (documentation is scored on evidence alone).
 */
export function soloScenario(s: Scenario): Scenario {
  let out = solos.get(s);
  if (!out) solos.set(s, (out = { ...s, rubric: { ...s.rubric, requiredRoles: [] } }));
  return out;
}

export function loadPinnedScenario(header: PinnedHeader, file = `${header.scenarioId} (pinned in the journal)`): LoadResult {
  const r = loadScenario(header.scenarioSource, file);
  if (!r.ok) return r;
  const variant = header.variant ?? variantForSeed(r.scenario, header.seed);
  if (variant !== null && !r.scenario.variants.some((v) => v.id === variant)) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, path: 'variant', message: `the journal names variant "${variant}", which the scenario does not have` }],
    };
  }
  const resolved = resolveVariant(r.scenario, variant);
  return { ...r, scenario: header.mode === 'solo' ? soloScenario(resolved) : resolved };
}
