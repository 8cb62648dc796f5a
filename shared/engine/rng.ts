/**
 * Seeded randomness as a pure hash of (seed, keys).
 *
 * A stateless hash rather than a stream: the noise of a metric at minute m is the same whether the
 * dashboard samples it live, the debrief samples it later, or a what-if re-simulation never samples
 * it at all. Streams would make results depend on the order of sampling.
 */

/** 32-bit mix (the finaliser of murmur3), applied over the seed and each key in turn. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string, for turning ids into hash keys. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) determined entirely by the seed and keys. */
export function unitRandom(seed: number, ...keys: number[]): number {
  let h = mix(seed ^ 0x9e3779b9);
  for (const k of keys) h = mix((h ^ Math.imul(k | 0, 0x27d4eb2d)) >>> 0);
  return h / 4294967296;
}
