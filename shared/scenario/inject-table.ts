/**
 * The inject list as a table of text cells, and edits written back into the scenario's YAML in
 * place (#21's table editor).
 *
 * An edit changes only the node it concerns: a scalar is rewritten through the `yaml` package's
 * CST (`CST.setScalarValue`, which keeps its quoting style and block indentation), a list or
 * mapping value is spliced over the node's own source range, a new key is inserted as one line
 * after the mapping's last pair. Every other byte of the file (comments, blank lines, key order,
 * quoting) stays as the author wrote it. Each edit is checked afterwards: the file must still
 * parse, and its data must equal the old data with exactly the intended change, or the edit is
 * refused with a message (the text is never half-edited).
 *
 * Whether the scenario is valid after the edit is the loader's business (`loadScenario`, the same
 * located problems as `firebreak validate`): an edit may leave an invalid scenario on the way to a
 * valid one, and the editor shows the problems.
 */
import {
  Composer,
  CST,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/** The table's editable columns. */
export const INJECT_FIELDS = ['when', 'channel', 'from', 'to', 'title', 'body', 'condition', 'module', 'questions'] as const;
export type InjectField = (typeof INJECT_FIELDS)[number];

export interface InjectRow {
  /** Position in `injects`. */
  index: number;
  id: string;
  /** The trigger as text: `20m`, `after fault + 40m`, `fraud-holds above 60`. */
  when: string;
  channel: string;
  /** `source`: who the signal comes from. */
  from: string;
  /** `roles`: who receives it in a live room, comma-separated ('' = by channel). */
  to: string;
  title: string;
  body: string;
  /** `when`, as a YAML flow mapping ('' = always). */
  condition: string;
  /** The module that lists this inject ('' = the module whose time span holds it). */
  module: string;
  /** One question per line. */
  questions: string;
  /** 1-based line of the inject's first key in the file. */
  line: number;
  /** False when the inject is written as a flow mapping (`- { id: ..., ... }`): edit it as text. */
  editable: boolean;
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

type Path = (string | number)[];
type Json = unknown;

const parse = (text: string) => parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });

const asText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** One line of YAML flow text for a value (`{ at: 20m }`, `[a, b]`, `"Alert: x"`). */
function flow(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, Json>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }` : '{}';
  }
  if (typeof value === 'string') return plainSafe(value) ? value : JSON.stringify(value);
  return String(value);
}

/** A string that reads back as the same string when written plain inside a flow collection. */
function plainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s) || /[,[\]{}#&*!|>'"%@`]/.test(s) || /^[-?:]/.test(s) || /: /.test(s) || s.endsWith(':')) return false;
  const back = parseDocument(`[${s}]`).toJS() as unknown;
  return Array.isArray(back) && back.length === 1 && back[0] === s;
}

export function triggerText(trigger: unknown): string {
  if (trigger === null || typeof trigger !== 'object') return asText(trigger);
  const t = trigger as Record<string, unknown>;
  if ('at' in t) return asText(t.at);
  if ('after' in t && t.after && typeof t.after === 'object') {
    const a = t.after as Record<string, unknown>;
    const delay = a.delay === undefined || a.delay === 0 || a.delay === '0m' ? '' : ` + ${asText(a.delay)}`;
    return `after ${asText(a.event)}${delay}`;
  }
  if ('metric' in t) return 'above' in t ? `${asText(t.metric)} above ${asText(t.above)}` : `${asText(t.metric)} below ${asText(t.below)}`;
  return flow(trigger);
}

/** Reads the trigger cell's text back into a trigger, or says what it expects. */
export function parseTriggerText(text: string): { ok: true; trigger: Record<string, Json> } | { ok: false; message: string } {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: false, message: 'give a time (20m), "after EVENT + DELAY" or "METRIC above NUMBER"' };
  const after = /^after (\S+)(?: ?\+ ?(\S+))?$/.exec(s);
  if (after) return { ok: true, trigger: { after: after[2] ? { event: after[1]!, delay: numberOr(after[2]) } : { event: after[1]! } } };
  const metric = /^(\S+) (above|below) (-?\d+(?:\.\d+)?)$/.exec(s);
  if (metric) return { ok: true, trigger: { metric: metric[1]!, [metric[2]!]: Number(metric[3]) } };
  if (/\s/.test(s)) return { ok: false, message: `"${s}" is not a trigger: give a time (20m), "after EVENT + DELAY" or "METRIC above NUMBER"` };
  return { ok: true, trigger: { at: numberOr(s) } };
}

/** Plain minutes stay numbers (`90`), as the schema reads them; anything else is text. */
const numberOr = (s: string): string | number => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : s);

function conditionValue(text: string): { ok: true; value: Json | undefined } | { ok: false; message: string } {
  const s = text.trim();
  if (s === '') return { ok: true, value: undefined };
  const doc = parseDocument(s.startsWith('{') ? s : `{ ${s} }`);
  if (doc.errors.length) return { ok: false, message: `condition: ${doc.errors[0]!.message.split('\n')[0]}` };
  const v = doc.toJS() as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, message: 'a condition is a mapping, e.g. { contained: false }' };
  return { ok: true, value: Object.keys(v).length ? v : undefined };
}

const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const splitLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The table's rows, read from the YAML as written (null when it does not parse or has no inject list). */
export function injectRows(text: string): InjectRow[] | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length) return null;
  const list = doc.get('injects', true);
  if (!isSeq(list)) return null;
  const modules = doc.toJS({ maxAliasCount: 50 })?.modules;
  const listedIn = (id: string): string => {
    if (!Array.isArray(modules)) return '';
    const m = (modules as Record<string, unknown>[]).find((x) => x && Array.isArray(x.injects) && (x.injects as unknown[]).includes(id));
    return m ? asText(m.id) : '';
  };
  return list.items.map((item, index) => {
    const data = (isNode(item) ? item.toJS(doc, { maxAliasCount: 50 }) : item) as Record<string, unknown> | null;
    const raw = data && typeof data === 'object' ? data : {};
    const id = asText(raw.id);
    const at = isNode(item) && item.range ? lc.linePos(item.range[0]).line : 1;
    return {
      index,
      id,
      when: triggerText(raw.trigger),
      channel: asText(raw.channel),
      from: asText(raw.source),
      to: Array.isArray(raw.roles) ? raw.roles.map(asText).join(', ') : asText(raw.roles),
      title: asText(raw.title),
      body: asText(raw.body),
      condition: raw.when === undefined ? '' : flow(raw.when),
      module: id ? listedIn(id) : '',
      questions: Array.isArray(raw.questions) ? raw.questions.map(asText).join('\n') : asText(raw.questions),
      line: at,
      editable: isMap(item) && !item.flow,
    };
  });
}

/** Edits one cell of the inject at `index`; the rest of the file is kept byte for byte. */
export function editInject(text: string, index: number, field: InjectField, cell: string): EditResult {
  const doc = parse(text);
  if (doc.errors.length) return { ok: false, message: 'the YAML does not parse: fix the text first' };
  const item = doc.getIn(['injects', index], true);
  if (!isMap(item)) return { ok: false, message: `injects.${index} is not a mapping` };
  if (item.flow) return { ok: false, message: `injects.${index} is written on one line: edit it in the text` };
  const at: Path = ['injects', index];
  switch (field) {
    case 'title':
    case 'body':
    case 'channel':
      return setScalar(text, [...at, field], cell);
    case 'from':
      return setScalar(text, [...at, 'source'], cell);
    case 'to': {
      const roles = splitList(cell);
      return setValue(text, at, 'roles', roles.length ? roles : undefined);
    }
    case 'questions': {
      const qs = splitLines(cell);
      return setValue(text, at, 'questions', qs.length ? qs : undefined, 'block');
    }
    case 'when': {
      const t = parseTriggerText(cell);
      return t.ok ? setValue(text, at, 'trigger', t.trigger) : t;
    }
    case 'condition': {
      const c = conditionValue(cell);
      return c.ok ? setValue(text, at, 'when', c.value) : c;
    }
    case 'module':
      return setModule(text, doc, index, cell.trim());
    default: {
      const never: never = field;
      return { ok: false, message: `unknown field ${String(never)}` };
    }
  }
}

/** Lists the inject in one module's `injects` (and in no other); '' leaves it to the time spans. */
function setModule(text: string, doc: Document, index: number, moduleId: string): EditResult {
  const id = doc.getIn(['injects', index, 'id']);
  if (typeof id !== 'string' || !id) return { ok: false, message: `injects.${index} has no id` };
  const modules = doc.get('modules', true);
  if (!isSeq(modules)) return moduleId ? { ok: false, message: 'the scenario has no modules' } : { ok: true, text };
  const js = modules.toJS(doc) as Record<string, unknown>[];
  if (moduleId && !js.some((m) => m?.id === moduleId)) return { ok: false, message: `no module "${moduleId}"` };
  let out = text;
  // From the last module to the first, so earlier edits do not move later ones' places.
  for (let j = js.length - 1; j >= 0; j--) {
    const m = js[j]!;
    const list = Array.isArray(m.injects) ? (m.injects as unknown[]) : [];
    const wanted = m.id === moduleId;
    const has = list.includes(id);
    if (wanted === has) continue;
    const next = wanted ? [...list, id] : list.filter((x) => x !== id);
    const r = setValue(out, ['modules', j], 'injects', next.length ? next : undefined);
    if (!r.ok) return r;
    out = r.text;
  }
  return { ok: true, text: out };
}

/** The data with `value` set (or the key removed when undefined) at path. */
function withChange(data: Json, path: Path, value: Json | undefined): Json {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Same data (deep), key order ignored: the edit changed what it meant to and nothing else. */
function sameData(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]));
}

function verified(before: string, after: string, path: Path, value: Json | undefined): EditResult {
  const doc = parseDocument(after, { uniqueKeys: false });
  const expected = withChange(parseDocument(before, { uniqueKeys: false }).toJS({ maxAliasCount: 50 }), path, value);
  if (doc.errors.length || !sameData(doc.toJS({ maxAliasCount: 50 }), expected)) {
    return { ok: false, message: `could not write ${path.join('.')} in place: edit it in the text` };
  }
  return { ok: true, text: after };
}

/** Sets one string field of the YAML (e.g. `['id']`) in place; the rest of the file is kept byte for byte. */
export function setScalarAt(text: string, path: (string | number)[], value: string): EditResult {
  return setScalar(text, path, value);
}

/** Sets a string field through the CST, keeping its quoting style; adds the key when missing. */
function setScalar(text: string, path: Path, value: string): EditResult {
  const tokens = Array.from(new Parser().parse(text));
  const docs = Array.from(new Composer({ keepSourceTokens: true }).compose(tokens));
  const doc = docs[0];
  if (!doc || docs.length !== 1) return { ok: false, message: 'the file holds more than one YAML document' };
  const node = doc.getIn(path, true);
  if (node === undefined) return setValue(text, path.slice(0, -1), path.at(-1) as string, value);
  if (!isScalar(node) || !node.srcToken) return setValue(text, path.slice(0, -1), path.at(-1) as string, value);
  if (node.value === value) return { ok: true, text };
  try {
    CST.setScalarValue(node.srcToken, value, { afterKey: true });
  } catch (e) {
    return { ok: false, message: `could not write ${path.join('.')}: ${(e as Error).message}` };
  }
  return verified(text, tokens.map((t) => CST.stringify(t)).join(''), path, value);
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const columnOf = (text: string, at: number) => at - lineStart(text, at);

/**
 * Sets `key` of the block mapping at `mapPath` to `value` (undefined: removes the pair), as flow
 * text on the key's line, or for `block` lists as one item per line under it.
 */
function setValue(text: string, mapPath: Path, key: string, value: Json | undefined, style: 'flow' | 'block' = 'flow'): EditResult {
  const doc = parse(text);
  const map = doc.getIn(mapPath, true);
  if (!isMap(map) || map.flow) return { ok: false, message: `${mapPath.join('.')} is not a block mapping: edit it in the text` };
  const pair = (map as YAMLMap).items.find((p): p is Pair<Node, Node> => isPair(p) && isScalar(p.key) && p.key.value === key);
  const current = pair?.value && isNode(pair.value) ? pair.value.toJS(doc) : undefined;
  if (value === undefined ? pair === undefined : current !== undefined && sameData(current, value)) return { ok: true, text };
  const path = [...mapPath, key];
  const first = (map as YAMLMap).items[0];
  const firstKey = isPair(first) && isNode(first.key) ? first.key : null;
  if (!firstKey?.range) return { ok: false, message: `${mapPath.join('.')} is empty: edit it in the text` };
  const indent = columnOf(text, firstKey.range[0]);
  const render = (v: Json) => (style === 'block' && Array.isArray(v) ? v.map((x) => `\n${' '.repeat(indent + 2)}- ${flow(x)}`).join('') : ` ${flow(v)}`);

  if (!pair) {
    // A new key: one more line after the mapping's last pair (and its trailing comment).
    const last = map.items.at(-1) as Pair<Node, Node | null>;
    const end = last.value && isNode(last.value) && last.value.range ? last.value.range[2] : (last.key.range?.[2] ?? map.range![1]);
    const line = `${' '.repeat(indent)}${key}:${render(value)}`;
    const after = text[end - 1] === '\n' ? `${text.slice(0, end)}${line}\n${text.slice(end)}` : `${text.slice(0, end)}\n${line}${text.slice(end)}`;
    return verified(text, after, path, value);
  }
  const keyRange = pair.key.range!;
  const v = pair.value && isNode(pair.value) && pair.value.range ? pair.value : null;
  if (value === undefined) {
    // Removes the pair's lines, from its key's line to the end of its value (and comment).
    if (text.slice(lineStart(text, keyRange[0]), keyRange[0]).trim() !== '')
      return { ok: false, message: `could not remove ${path.join('.')}: edit it in the text` };
    let end = v ? v.range![2] : keyRange[2];
    if (text[end - 1] !== '\n' && text[end] === '\n') end += 1;
    return verified(text, text.slice(0, lineStart(text, keyRange[0])) + text.slice(end), path, undefined);
  }
  // Replaces from just after the key's colon to the end of the value; a comment after a flow
  // value or scalar stays where it is.
  const colon = text.indexOf(':', keyRange[1]);
  if (colon < 0) return { ok: false, message: `could not write ${path.join('.')} in place: edit it in the text` };
  const end = v ? v.range![1] : keyRange[2];
  const newline = text[end - 1] === '\n' ? '\n' : '';
  return verified(text, `${text.slice(0, colon + 1)}${render(value)}${newline}${text.slice(end)}`, path, value);
}

/** The ids of the scenario's modules as written (for the table's module choice). */
export function moduleIds(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return [];
  const modules = doc.get('modules', true);
  if (!isSeq(modules)) return [];
  return modules.items.flatMap((m) => {
    const id = isMap(m) ? m.get('id') : undefined;
    return typeof id === 'string' && id ? [id] : [];
  });
}
