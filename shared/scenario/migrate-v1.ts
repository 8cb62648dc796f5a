/**
 * v1 → v2 scenario migration, on the raw YAML data before the schema sees it.
 *
 * v1 had one `fault`, metrics with a single `faultEffect`, containments with `fixesRootCause` and
 * a rubric with one `bestContainment`. The migration is mechanical and loses nothing: the single
 * fault becomes `faults: [{ id: fault, ... }]` and every reference to "the fault" names it.
 * `loadScenario` applies it on the fly (so v1 files and journals that pin v1 YAML still load);
 * `firebreak migrate` writes the result out so the author can keep editing v2.
 */

import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

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
      // A fix cannot be lifted (v2 requires it); the others keep v2's default, so a migrated file
      // gets no key added to every item (#17). v1 journals have no LIFT, so they replay the same.
      if (fixesRootCause !== true) return rest;
      return { ...rest, fixes: [V1_FAULT_ID], ...('liftable' in rest ? {} : { liftable: false }) };
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

/**
 * Migrates a v1 YAML text to v2 YAML, editing the document in place so the author's comments and
 * layout survive (what `firebreak migrate` writes). Returns null when the text is not v1.
 */
export function migrateV1Yaml(text: string): string | null {
  const doc = parseDocument(text);
  const raw = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (!isV1(raw) || !isMap(doc.contents)) return null;
  // Edited as a plain (not parsed-only) map: the migration inserts nodes it creates itself.
  const top = doc.contents as unknown as YAMLMap<unknown, unknown>;
  const r = raw as Raw;
  const faultNode = top.get('fault', true);
  if (isMap(faultNode)) {
    faultNode.items.unshift(doc.createPair('id', V1_FAULT_ID));
    const rc = rootCauseOf(r);
    if (typeof rc === 'string') faultNode.set('rootCause', rc);
  }
  const pairIndex = top.items.findIndex((p) => isScalar(p.key) && p.key.value === 'fault');
  if (pairIndex < 0) return null;
  const faults = doc.createNode([]) as YAMLSeq;
  faults.items.push(faultNode);
  const pair = top.items[pairIndex]!;
  pair.key = doc.createNode('faults');
  pair.value = faults;
  top.items.splice(
    Math.max(
      0,
      top.items.findIndex((p) => isScalar(p.key) && p.key.value === 'id'),
    ),
    0,
    doc.createPair('format', 2),
  );
  const eachMap = (key: string, f: (m: YAMLMap) => void) => {
    const seq = top.get(key, true);
    if (isSeq(seq)) for (const item of seq.items) if (isMap(item)) f(item);
  };
  eachMap('metrics', (m) => {
    const idx = m.items.findIndex((p) => isScalar(p.key) && p.key.value === 'faultEffect');
    if (idx < 0) return;
    const p = m.items[idx]!;
    const value = doc.createNode({ [V1_FAULT_ID]: (p.value as { value?: unknown } | null)?.value ?? 0 }) as YAMLMap;
    value.flow = true;
    p.key = doc.createNode('effects');
    p.value = value;
  });
  eachMap('harm', (h) => {
    if (!h.has('source')) h.set('source', V1_FAULT_ID);
  });
  eachMap('investigations', (i) => {
    if (!i.has('fault')) i.set('fault', V1_FAULT_ID);
  });
  eachMap('containments', (c) => {
    const fixes = c.get('fixesRootCause');
    c.delete('fixesRootCause');
    if (fixes === true) {
      const seq = doc.createNode([V1_FAULT_ID]) as YAMLSeq;
      seq.flow = true;
      c.set('fixes', seq);
      if (!c.has('liftable')) c.set('liftable', false);
    }
  });
  const rubric = top.get('rubric', true);
  if (isMap(rubric)) {
    const p = rubric.items.find((x) => isScalar(x.key) && x.key.value === 'bestContainment');
    if (p) {
      const seq = doc.createNode([(p.value as { value?: unknown } | null)?.value]) as YAMLSeq;
      seq.flow = true;
      p.key = doc.createNode('bestResponse');
      p.value = seq;
    }
  }
  // No line width: the author's lines and flow mappings stay as written, never rewrapped (#17).
  return doc.toString({ lineWidth: 0 });
}
