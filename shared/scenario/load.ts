/**
 * Loading a scenario file: bytes → YAML → schema → cross-checks, with every problem located.
 *
 * Never throws on bad input. Each failure mode of the issue list has a guard here: a size cap
 * before parsing (a 50 MB file), a fatal UTF-8 decode (non-UTF-8 bytes), yaml's alias cap (an
 * alias bomb), and schema + reference checks that report `line:column  path: message`.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { scenarioSchema, type Scenario } from './schema.ts';
import { isV1, migrateV1, v1PathOf } from './migrate-v1.ts';
import { crossCheck } from './cross-check.ts';
import { decodeUtf8 } from './utf8.ts';
import { expandRegulatoryProfiles } from '../frameworks/regulatory-profiles.ts';

export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted path to the field, e.g. injects.3.trigger.at ('' for the whole file). */
  path: string;
  message: string;
}

/** `migratedFrom: 1` when the file is in the v1 format and was migrated on load (see migrate-v1.ts). */
export type LoadResult = { ok: true; scenario: Scenario; source: string; migratedFrom?: 1 } | { ok: false; problems: Problem[] };

/** How a problem is printed by the CLI and shown in the library. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

function decode(input: string | Uint8Array, file: string): { text: string } | { problem: Problem } {
  if (typeof input === 'string') return { text: input };
  const r = decodeUtf8(input);
  if (r.ok) return { text: r.text };
  return { problem: { file, line: r.line, column: r.column, path: '', message: r.message } };
}

/** Locates a path in the YAML document, falling back to the nearest existing ancestor. */
function locate(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
    // A key whose value is missing or null: point at the key itself.
    if (n > 0) {
      const parent = doc.getIn(path.slice(0, n - 1) as (string | number)[], true);
      if (parent && typeof parent === 'object' && 'items' in parent) {
        const items = (parent as { items: unknown[] }).items;
        for (const item of items) {
          const key = (item as { key?: { value?: unknown; range?: [number, number, number] } }).key;
          if (key?.range && key.value === path[n - 1]) {
            const pos = lc.linePos(key.range[0]);
            return { line: pos.line, column: pos.col };
          }
        }
      }
    }
  }
  return { line: 1, column: 1 };
}

export function loadScenario(input: string | Uint8Array, file = '<scenario>'): LoadResult {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message: `file is ${(size / 1048576).toFixed(1)} MB; scenarios are limited to ${MAX_SCENARIO_BYTES / 1048576} MB`,
        },
      ],
    };
  }
  const decoded = decode(input, file);
  if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
  const source = decoded.text;

  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '', message: `YAML: ${e.message.split('\n')[0]}${yamlHint(e.code)}` };
      }),
    };
  }
  let raw: unknown;
  try {
    // maxAliasCount stops "billion laughs" expansion before it allocates.
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '', message: `YAML: ${(e as Error).message}` }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '', message: 'a scenario is a YAML mapping (id: ..., title: ..., ...)' }] };
  }

  const v1 = isV1(raw);
  const at = (path: ReadonlyArray<PropertyKey>) => (v1 ? v1PathOf(path) : [...path]);
  // #21: regulatory profiles expand into ordinary notification obligations before the schema.
  const parsed = scenarioSchema.safeParse(expandRegulatoryProfiles(v1 ? migrateV1(raw as Record<string, unknown>) : (raw as Record<string, unknown>)));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        ...locate(doc, lc, at(issue.path)),
        path: at(issue.path).join('.'),
        message: issue.message + unknownKeyHint(issue),
      })),
    };
  }
  const refs = crossCheck(parsed.data);
  if (refs.length > 0) {
    return { ok: false, problems: refs.map((r) => ({ file, ...locate(doc, lc, at(r.path)), path: at(r.path).join('.'), message: r.message })) };
  }
  return v1 ? { ok: true, scenario: parsed.data, source, migratedFrom: 1 } : { ok: true, scenario: parsed.data, source };
}

/** For an unknown key, the keys allowed there (zod reports only the stray one). */
function unknownKeyHint(issue: { code: string; path: PropertyKey[] }): string {
  if (issue.code !== 'unrecognized_keys') return '';
  const shape = shapeAt(issue.path);
  return shape ? ` (allowed here: ${shape.join(', ')})` : '';
}

/** The keys of the object schema at a data path, walking the scenario schema. */
function shapeAt(path: ReadonlyArray<PropertyKey>): string[] | null {
  let node: unknown = scenarioSchema;
  for (const key of path) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }).def;
    if (!def) return null;
    if (def.type === 'object' && typeof key === 'string') node = def.shape?.[key];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return null;
  }
  node = unwrap(node);
  const def = (node as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}

function unwrap(node: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (node as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } } | undefined)?.def;
    if (!def) return node;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else return node;
  }
  return node;
}

/** Plain-words advice for the YAML mistakes authors make most. */
function yamlHint(code: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return ' (hint: quote a value that contains ": " or starts with a special character, e.g. title: "Alert: drift")';
    case 'TAB_AS_INDENT':
      return ' (hint: indent with spaces, not tabs)';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return ' (hint: check the indentation: items of one list or mapping line up under each other)';
    case 'DUPLICATE_KEY':
      return ' (hint: each key may appear once in a mapping; remove or rename the second one)';
    default:
      return '';
  }
}
