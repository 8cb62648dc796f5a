/**
 * Changes between two JSON values, for sending a live view as a patch instead of whole (issue #18:
 * while the clock runs, a 15 KB view went to every client several times a second though only the
 * clock and a few fields had moved).
 *
 * A patch is positional and exact: `applyViewPatch(a, viewPatch(a, b))` deep-equals `b` for any
 * JSON values a and b. Unchanged branches of `a` are kept as they are (same objects), so a React
 * screen re-renders only what changed.
 */
export type ViewPatch =
  /** Replace the value. */
  | { v: unknown }
  /** Object: changed or added keys (`s`), removed keys (`d`). */
  | { s?: Record<string, ViewPatch>; d?: string[] }
  /** Array: its new length (`n`) and the changed or added items by index (`i`). */
  | { n: number; i?: Record<string, ViewPatch> };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The patch from `a` to `b`, or null when they are equal. */
export function viewPatch(a: unknown, b: unknown): ViewPatch | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const i: Record<string, ViewPatch> = {};
    let changed = a.length !== b.length;
    for (let k = 0; k < b.length; k++) {
      const p = k < a.length ? viewPatch(a[k], b[k]) : { v: b[k] };
      if (p) {
        i[k] = p;
        changed = true;
      }
    }
    if (!changed) return null;
    return Object.keys(i).length > 0 ? { n: b.length, i } : { n: b.length };
  }
  if (isObject(a) && isObject(b)) {
    const s: Record<string, ViewPatch> = {};
    const d: string[] = [];
    for (const k of Object.keys(b)) {
      const p = Object.prototype.hasOwnProperty.call(a, k) ? viewPatch(a[k], b[k]) : { v: b[k] };
      if (p) s[k] = p;
    }
    for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) d.push(k);
    const hasS = Object.keys(s).length > 0;
    if (!hasS && d.length === 0) return null;
    return { ...(hasS ? { s } : {}), ...(d.length ? { d } : {}) };
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return null;
  return { v: b };
}

/** `a` with the patch applied: a new value, sharing `a`'s unchanged branches. */
export function applyViewPatch<T>(a: T, p: ViewPatch): T {
  if ('v' in p) return p.v as T;
  if ('n' in p) {
    const base = Array.isArray(a) ? (a as unknown[]) : [];
    const out = base.slice(0, p.n);
    for (const [k, q] of Object.entries(p.i ?? {})) out[Number(k)] = applyViewPatch(out[Number(k)], q);
    return out as T;
  }
  const base: Record<string, unknown> = isObject(a) ? a : {};
  const out: Record<string, unknown> = { ...base };
  for (const k of p.d ?? []) delete out[k];
  for (const [k, q] of Object.entries(p.s ?? {})) out[k] = applyViewPatch(base[k], q);
  return out as T;
}
