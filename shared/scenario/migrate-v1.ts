/**
 * v1 → v2 scenario migration, on the raw YAML data before the schema sees it.
 *
 * v1 had one `fault`, metrics with a single `faultEffect`, containments with `fixesRootCause` and
 * a rubric with one `bestContainment`. The migration is mechanical and loses nothing: the single
 * fault becomes `faults: [{ id: fault, ... }]` and every reference to "the fault" names it.
 * `loadScenario` applies it on the fly (so v1 files and journals that pin v1 YAML still load);
 * `firebreak migrate` writes the result out so the author can keep editing v2.
 */

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The id the single v1 fault gets. */
export const V1_FAULT_ID = 'fault';

/** True when the raw data is a v1 scenario (a `fault` mapping and no `faults` list). */
export function isV1(raw: unknown): boolean {
  return isObject(raw) && 'fault' in raw && !('faults' in raw);
}

/** Returns a v2-shaped copy of v1 raw data (the input is not changed). Unknown data passes through. */
export function migrateV1(raw: Raw): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'fault') {
      out.faults = [isObject(v) ? { id: V1_FAULT_ID, ...v, ...(rootCauseOf(raw) ? { rootCause: rootCauseOf(raw) } : {}) } : v];
      continue;
    }
    out[k] = v;
  }
  out.format = 2;
  if (Array.isArray(raw.metrics))
    out.metrics = raw.metrics.map((m) => {
      if (!isObject(m) || !('faultEffect' in m)) return m;
      const { faultEffect, ...rest } = m;
      return { ...rest, effects: { [V1_FAULT_ID]: faultEffect } };
    });
  if (Array.isArray(raw.harm)) out.harm = raw.harm.map((h) => (isObject(h) && !('source' in h) ? { ...h, source: V1_FAULT_ID } : h));
  if (Array.isArray(raw.investigations))
    out.investigations = raw.investigations.map((i) => (isObject(i) && !('fault' in i) ? { ...i, fault: V1_FAULT_ID } : i));
  if (Array.isArray(raw.containments))
    out.containments = raw.containments.map((c) => {
      if (!isObject(c)) return c;
      const { fixesRootCause, ...rest } = c;
      // v1 had no lifting: a migrated containment keeps it that way unless the author opts in.
      const migrated: Raw = { ...rest, liftable: false };
      if (fixesRootCause === true) migrated.fixes = [V1_FAULT_ID];
      return migrated;
    });
  if (isObject(raw.rubric)) {
    const { bestContainment, ...rest } = raw.rubric;
    out.rubric = { ...rest, ...(bestContainment !== undefined ? { bestResponse: [bestContainment] } : {}) };
  }
  return out;
}

function rootCauseOf(raw: Raw): unknown {
  return isObject(raw.rubric) ? raw.rubric.rootCause : undefined;
}

/** Maps a v2 path back to where the same value sits in a v1 file, for located errors. */
export function v1PathOf(path: ReadonlyArray<PropertyKey>): PropertyKey[] {
  const p = [...path];
  if (p[0] === 'faults' && p[1] === 0) return ['fault', ...p.slice(2)];
  if (p[0] === 'metrics' && p[2] === 'effects') return ['metrics', p[1]!, 'faultEffect'];
  if (p[0] === 'containments' && p[2] === 'fixes') return ['containments', p[1]!, 'fixesRootCause'];
  if (p[0] === 'rubric' && p[1] === 'bestResponse') return ['rubric', 'bestContainment'];
  return p;
}
