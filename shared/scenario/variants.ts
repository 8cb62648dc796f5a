/**
 * Variants: one scenario, several versions of what actually went wrong.
 *
 * A run plays exactly one variant, chosen by the facilitator or drawn from the seed. Resolving a
 * variant gives a concrete scenario (faults, injects and investigations of other variants removed,
 * the rubric's per-variant answer applied) that the engine, scoring and debrief use unchanged, so
 * signals, findings and rubric are consistent with the variant by construction.
 */
import { hashString, unitRandom } from '../engine/rng.ts';
import type { Scenario } from './schema.ts';

/** The variant a seed draws (null when the scenario has none). */
export function variantForSeed(s: Scenario, seed: number): string | null {
  if (s.variants.length === 0) return null;
  const i = Math.floor(unitRandom(seed, hashString('variant')) * s.variants.length);
  return s.variants[Math.min(i, s.variants.length - 1)]!.id;
}

const cache = new WeakMap<Scenario, Map<string, Scenario>>();

const inVariant = (v: string | null) => (x: { variants?: string[] }) => v === null || !x.variants || x.variants.includes(v);

/** The concrete scenario for a variant (the scenario itself when it has no variants). */
export function resolveVariant(s: Scenario, variant: string | null): Scenario {
  if (s.variants.length === 0 || variant === null) return s;
  if (!s.variants.some((v) => v.id === variant)) throw new Error(`unknown variant "${variant}" (one of ${s.variants.map((v) => v.id).join(', ')})`);
  let byVariant = cache.get(s);
  if (!byVariant) cache.set(s, (byVariant = new Map()));
  const hit = byVariant.get(variant);
  if (hit) return hit;
  const keep = inVariant(variant);
  const o = s.rubric.variants[variant] ?? {};
  const resolved: Scenario = {
    ...s,
    // The concrete scenario keeps only its own variant, so a re-simulation of it (baselines,
    // what-ifs) plays the same variant whatever its seed.
    variants: s.variants.filter((v) => v.id === variant),
    faults: s.faults.filter(keep),
    injects: s.injects.filter(keep),
    investigations: s.investigations.filter(keep),
    statedFigures: s.statedFigures.filter((f) => !f.variant || f.variant === variant),
    rubric: { ...s.rubric, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) },
  };
  byVariant.set(variant, resolved);
  return resolved;
}
