/**
 * Changes between two JSON values, for sending a live view as a patch instead of whole (issue #18:
 * while the clock runs, a 15 KB view went to every client several times a second though only the
 * clock and a few fields had moved).
 *
 * A patch is exact: `applyViewPatch(a, viewPatch(a, b))` deep-equals `b` for any JSON values a
 * and b (list items matched by position, after the list's shift when it moved). Unchanged branches of `a` are kept as they are (same objects), so a React
 * screen re-renders only what changed.
 */
export type ViewPatch =
  /** Replace the value. */
  | { v: unknown }
  /** Object: changed or added keys (`s`), removed keys (`d`). */
  | { s?: Record<string, ViewPatch>; d?: string[] }
  /**
   * Array: its new length (`n`), the shift (`s`: item k is the old item k + s, so a window that
   * dropped its oldest item and took a new one is `s: 1`, a list that took one at its head is
   * `s: -1`; absent: 0), and the changed or added items by index (`i`).
   */
  | { n: number; s?: number; i?: Record<string, ViewPatch> };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Patches already worked out between two objects, for a broadcast that diffs several views
 * holding the same parts (every role's view carries the same people and team state): each such
 * part is diffed once, not once per view. Consulted for an object's own fields only.
 */
export type PatchMemo = WeakMap<object, WeakMap<object, ViewPatch | null>>;

function memoPatch(a: object | null, b: object | null, memo: PatchMemo): ViewPatch | null {
  if (a === null || b === null) return viewPatch(a, b);
  let byB = memo.get(a);
  if (byB === undefined) memo.set(a, (byB = new WeakMap()));
  let p = byB.get(b);
  if (p === undefined) byB.set(b, (p = viewPatch(a, b)));
  return p;
}

/**
 * The patch from `a` to `b`, or null when they are equal. Read as JSON reads them: a field whose
 * value is undefined is no field (the host diffs the views it built, not their wire copies).
 */
export function viewPatch(a: unknown, b: unknown, memo?: PatchMemo): ViewPatch | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    // A sliding window (the room's latest 30 lines) or a newest-first list moves every item by
    // one when one arrives: matched by position, each action re-sent the whole list (8 KB of a
    // 9 KB patch, to each of 300 clients). Matched after the shift, only the new item goes.
    const shift = shiftOf(a, b);
    const i: Record<string, ViewPatch> = {};
    let changed = a.length !== b.length || shift !== 0;
    for (let k = 0; k < b.length; k++) {
      const j = k + shift;
      const p = j >= 0 && j < a.length ? viewPatch(a[j], b[k]) : { v: b[k] };
      if (p) {
        i[k] = p;
        changed = true;
      }
    }
    if (!changed) return null;
    const out: { n: number; s?: number; i?: Record<string, ViewPatch> } = { n: b.length };
    if (shift !== 0) out.s = shift;
    if (Object.keys(i).length > 0) out.i = i;
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const s: Record<string, ViewPatch> = {};
    const d: string[] = [];
    let hasS = false;
    for (const k of Object.keys(b)) {
      const y = b[k];
      if (y === undefined) continue; // absent on the wire
      const x = Object.prototype.hasOwnProperty.call(a, k) ? a[k] : undefined;
      const p = x === undefined ? { v: y } : memo !== undefined && typeof x === 'object' && typeof y === 'object' ? memoPatch(x, y, memo) : viewPatch(x, y);
      if (p) {
        s[k] = p;
        hasS = true;
      }
    }
    for (const k of Object.keys(a)) if (a[k] !== undefined && (!Object.prototype.hasOwnProperty.call(b, k) || b[k] === undefined)) d.push(k);
    if (!hasS && d.length === 0) return null;
    return { ...(hasS ? { s } : {}), ...(d.length ? { d } : {}) };
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return null;
  return { v: b };
}

/** Deep equality of two JSON values (no allocation: it runs over every item a patch compares). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'number' && typeof b === 'number' && a !== a && b !== b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!same(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k) || x[k] === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !same(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) n--;
  return n === 0;
}

/** Items of `b` that differ from the items of `a` they would be diffed against under `shift`. */
function misses(a: unknown[], b: unknown[], shift: number): number {
  let n = 0;
  for (let k = 0; k < b.length; k++) {
    const j = k + shift;
    if (j < 0 || j >= a.length || !same(a[j], b[k])) n++;
  }
  return n;
}

/**
 * How far `b`'s items moved from `a`'s: 0 when the first items match (the usual case: nothing
 * is searched), else the shift that leaves the fewest items to send, of the oldest item dropped
 * (`b[0]` found further on in `a`) and new items at the head (`a[0]` found further on in `b`).
 */
function shiftOf(a: unknown[], b: unknown[]): number {
  if (a.length === 0 || b.length === 0 || same(a[0], b[0])) return 0;
  let best = 0;
  let fewest = misses(a, b, 0);
  for (let j = 1; j < a.length; j++) {
    if (!same(a[j], b[0])) continue;
    const m = misses(a, b, j);
    if (m < fewest) [best, fewest] = [j, m];
    break;
  }
  for (let k = 1; k < b.length; k++) {
    if (!same(b[k], a[0])) continue;
    const m = misses(a, b, -k);
    if (m < fewest) [best, fewest] = [-k, m];
    break;
  }
  return best;
}

/** `a` with the patch applied: a new value, sharing `a`'s unchanged branches. */
export function applyViewPatch<T>(a: T, p: ViewPatch): T {
  if ('v' in p) return p.v as T;
  if ('n' in p) {
    const base = Array.isArray(a) ? (a as unknown[]) : [];
    const shift = p.s ?? 0;
    const out = shift === 0 ? base.slice(0, p.n) : Array.from({ length: p.n }, (_, k) => base[k + shift]);
    for (const [k, q] of Object.entries(p.i ?? {})) out[Number(k)] = applyViewPatch(out[Number(k)], q);
    return out as T;
  }
  const base: Record<string, unknown> = isObject(a) ? a : {};
  const out: Record<string, unknown> = { ...base };
  for (const k of p.d ?? []) delete out[k];
  for (const [k, q] of Object.entries(p.s ?? {})) out[k] = applyViewPatch(base[k], q);
  return out as T;
}
