/**
 * The scenario an exercise plays, from its journal header: the pinned YAML, resolved to the
 * variant the facilitator chose at setup, or else the one the seed draws. Every place that
 * replays a journal loads its scenario through here, so a replay plays the same variant.
 */
import { loadScenario, type LoadResult } from './load.ts';
import { resolveVariant, variantForSeed } from './variants.ts';

export interface PinnedHeader {
  scenarioId: string;
  scenarioSource: string;
  seed: number;
  variant?: string | null | undefined;
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
  return { ...r, scenario: resolveVariant(r.scenario, variant) };
}
