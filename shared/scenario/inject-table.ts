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
import { DAY, HOUR, MINUTE, parseDuration } from './duration.ts';

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

// --- Adding, deleting and moving injects -------------------------------------------------------
//
// Each inject of the block list is a span of whole lines: from its dash line (with the comment
// lines just above it at the dash's indentation or less, which describe it) to its last non-blank
// line. Blank lines between two items are the separator and stay where they are. Every operation
// splices whole spans and is checked like a cell edit: the new text must parse and its data equal
// the old data with exactly that change, or the text is left alone.

export type AddResult = { ok: true; text: string; index: number; id: string } | { ok: false; message: string };
/** A refused delete names the places that refer to the inject (`referencedBy`: inject ids or paths). */
export type DeleteResult = { ok: true; text: string } | { ok: false; message: string; referencedBy?: string[] };

/** What a new inject says until the author edits it (the renderer passes them in its language). */
export interface InjectPlaceholder {
  title: string;
  body: string;
}
const PLACEHOLDER: InjectPlaceholder = { title: 'New inject', body: 'What the team sees: edit this text.' };
/** How long after the previous row a new inject fires. */
const NEW_INJECT_GAP_MS = 5 * MINUTE;

interface Span {
  /** Start of the item's first line (a comment above it included). */
  start: number;
  /** End of its last non-blank line, newline included. */
  end: number;
}

function injectSpans(text: string): { spans: Span[]; doc: Document } | { message: string } {
  const doc = parse(text);
  if (doc.errors.length) return { message: 'the YAML does not parse: fix the text first' };
  const list = doc.get('injects', true);
  if (!isSeq(list) || list.flow) return { message: 'the inject list is not a block list: edit it in the text' };
  const spans: Span[] = [];
  for (const [i, item] of list.items.entries()) {
    if (!isNode(item) || !item.range) return { message: `injects.${i} could not be located: edit it in the text` };
    let start = lineStart(text, item.range[0]);
    const prefix = text.slice(start, item.range[0]);
    if (!/^ *- +$/.test(prefix)) return { message: `injects.${i} does not start on its dash line: edit it in the text` };
    const dash = prefix.indexOf('-');
    // Comment lines right above the dash line, not indented deeper than it, describe this item.
    while (start > 0) {
      const prev = lineStart(text, start - 1);
      const line = text.slice(prev, start - 1);
      const m = /^( *)#/.exec(line);
      if (!m || m[1]!.length > dash) break;
      start = prev;
    }
    let end = item.range[1];
    // Back over blank lines (a block scalar's range may hold them), then to the line's end.
    while (end > item.range[0] && /\s/.test(text[end - 1]!)) end--;
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl + 1;
    spans.push({ start, end });
  }
  // Anything but blank lines between two items (a comment indented under the first) goes with the first.
  for (let i = 1; i < spans.length; i++) if (text.slice(spans[i - 1]!.end, spans[i]!.start).trim() !== '') spans[i - 1]!.end = spans[i]!.start;
  return { spans, doc };
}

/** Checks that `after` holds the data of `before` with `change` applied, and nothing else. */
function checkedChange(
  before: string,
  after: string,
  change: (data: Record<string, Json>) => void,
  what: string,
): { ok: true; text: string } | { ok: false; message: string } {
  const doc = parseDocument(after, { uniqueKeys: false });
  const expected = structuredClone(parseDocument(before, { uniqueKeys: false }).toJS({ maxAliasCount: 50 })) as Record<string, Json>;
  change(expected);
  if (doc.errors.length || !sameData(doc.toJS({ maxAliasCount: 50 }), expected))
    return { ok: false, message: `could not ${what} in place: edit it in the text` };
  return { ok: true, text: after };
}

const injectList = (data: Record<string, Json>) => data.injects as Record<string, Json>[];

/** A compact duration as scenarios write it: 25m, 1h5m, 2d3h, 90s. */
function durationWords(ms: number): string {
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = Math.round((ms % MINUTE) / 1000);
  const out = `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0m';
}

/**
 * Adds a new inject after the row `after` (null: at the end), with a fresh id (`inject-N`), five
 * minutes after that row (or five minutes after it fires, when it has no fixed time), on its
 * channel and from its source, with a placeholder title and body: it validates as it stands.
 */
export function addInject(text: string, after: number | null, placeholder: InjectPlaceholder = PLACEHOLDER): AddResult {
  const found = injectSpans(text);
  if ('message' in found) return { ok: false, message: found.message };
  const { spans, doc } = found;
  if (spans.length === 0) return { ok: false, message: 'the inject list is empty: add the first inject in the text' };
  const at = after === null ? spans.length - 1 : after;
  if (!Number.isInteger(at) || at < 0 || at >= spans.length) return { ok: false, message: `no inject at row ${at + 1}` };
  const data = doc.toJS({ maxAliasCount: 50 }) as Record<string, Json>;
  const injects = injectList(data);
  const prev = injects[at] ?? {};
  const taken = new Set(injects.map((x) => x?.id));
  let n = injects.length + 1;
  while (taken.has(`inject-${n}`)) n++;
  const id = `inject-${n}`;
  const prevTrigger = prev.trigger as Record<string, Json> | undefined;
  const prevAt = prevTrigger && 'at' in prevTrigger ? parseDuration(prevTrigger.at as string | number) : null;
  const trigger: Record<string, Json> =
    prevAt !== null
      ? { at: durationWords(prevAt + NEW_INJECT_GAP_MS) }
      : typeof prev.id === 'string' && prev.id
        ? { after: { event: `inject:${prev.id}`, delay: durationWords(NEW_INJECT_GAP_MS) } }
        : { at: durationWords(NEW_INJECT_GAP_MS) };
  const fresh: Record<string, Json> = {
    id,
    trigger,
    channel: typeof prev.channel === 'string' ? prev.channel : 'internal',
    source: typeof prev.source === 'string' && prev.source ? prev.source : placeholder.title,
    title: placeholder.title,
    body: placeholder.body,
  };
  // The neighbour's layout: its dash prefix ("  - ") and its keys' indentation.
  const item = (doc.get('injects', true) as { items: Node[] }).items[at]!;
  const prefix = text.slice(lineStart(text, item.range![0]), item.range![0]);
  const indent = ' '.repeat(prefix.length);
  const block = Object.entries(fresh)
    .map(([k, v], i) => `${i === 0 ? prefix : indent}${k}: ${flow(v)}\n`)
    .join('');
  // The blank lines the author puts between items, repeated around the new one.
  const sep = at + 1 < spans.length ? text.slice(spans[at]!.end, spans[at + 1]!.start) : at > 0 ? text.slice(spans[at - 1]!.end, spans[at]!.start) : '';
  const pos = spans[at]!.end;
  const needsNewline = text[pos - 1] !== '\n';
  const out = `${text.slice(0, pos)}${needsNewline ? '\n' : ''}${sep}${block}${text.slice(pos)}`;
  const r = checkedChange(text, out, (d) => void injectList(d).splice(at + 1, 0, fresh), 'add an inject');
  return r.ok ? { ok: true, text: r.text, index: at + 1, id } : r;
}

/** The places outside the inject itself that name it (an event `inject:<id>`, a condition's `injectFired`). */
function referencesTo(data: Record<string, Json>, index: number, id: string): string[] {
  const found = new Set<string>();
  const walk = (v: Json, path: (string | number)[]) => {
    if (path[0] === 'injects' && path[1] === index) return;
    if (path[0] === 'modules' && path[2] === 'injects') return; // taken out with the inject
    if (typeof v === 'string') {
      const key = path.at(-1);
      if (v === `inject:${id}` || ((key === 'injectFired' || key === 'injectNotFired') && v === id)) {
        const inj = path[0] === 'injects' && typeof path[1] === 'number' ? injectList(data)[path[1]]?.id : undefined;
        found.add(typeof inj === 'string' ? inj : path.join('.'));
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return [...found];
}

/**
 * Deletes the inject at `index`: its lines, and its id from any module's `injects` list. Refused
 * while anything else refers to it (another inject's `after inject:<id>`, a condition, a clock).
 */
export function deleteInject(text: string, index: number): DeleteResult {
  const found = injectSpans(text);
  if ('message' in found) return { ok: false, message: found.message };
  const { spans, doc } = found;
  if (index < 0 || index >= spans.length) return { ok: false, message: `no inject at row ${index + 1}` };
  if (spans.length === 1) return { ok: false, message: 'a scenario needs at least one inject: this is the last one' };
  const data = doc.toJS({ maxAliasCount: 50 }) as Record<string, Json>;
  const id = injectList(data)[index]?.id;
  if (typeof id === 'string' && id) {
    const by = referencesTo(data, index, id);
    if (by.length) return { ok: false, message: `${id} cannot be deleted: ${by.join(', ')} refers to it. Change that first.`, referencedBy: by };
  }
  // First out of the modules' lists (they may sit before or after the injects in the file).
  let out = text;
  if (typeof id === 'string' && id) {
    const m = setModule(text, doc, index, '');
    if (!m.ok) return m;
    out = m.text;
  }
  const again = injectSpans(out);
  if ('message' in again) return { ok: false, message: again.message };
  const s = again.spans;
  const cut = index + 1 < s.length ? [s[index]!.start, s[index + 1]!.start] : [s[index - 1]!.end, s[index]!.end];
  out = out.slice(0, cut[0]) + out.slice(cut[1]);
  return checkedChange(
    text,
    out,
    (d) => {
      injectList(d).splice(index, 1);
      if (!Array.isArray(d.modules)) return;
      for (const m of d.modules as Record<string, Json>[]) {
        if (!m || !Array.isArray(m.injects) || !m.injects.includes(id)) continue;
        const rest = m.injects.filter((x) => x !== id);
        if (rest.length) m.injects = rest;
        else delete m.injects;
      }
    },
    'delete the inject',
  );
}

/** Moves the inject at `index` one row up or down: the two items' lines swap, blank lines stay. */
export function moveInject(text: string, index: number, direction: 'up' | 'down'): EditResult {
  const found = injectSpans(text);
  if ('message' in found) return { ok: false, message: found.message };
  const { spans } = found;
  const a = direction === 'up' ? index - 1 : index;
  const b = a + 1;
  if (a < 0 || b >= spans.length) return { ok: false, message: direction === 'up' ? 'the first inject cannot move up' : 'the last inject cannot move down' };
  const first = spans[a]!;
  const second = spans[b]!;
  const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const last = text.slice(second.start, second.end);
  const swapped = `${withNewline(last)}${text.slice(first.end, second.start)}${text.slice(first.start, first.end)}`;
  const out = `${text.slice(0, first.start)}${last.endsWith('\n') ? swapped : swapped.replace(/\n$/, '')}${text.slice(second.end)}`;
  return checkedChange(
    text,
    out,
    (d) => {
      const list = injectList(d);
      [list[a], list[b]] = [list[b]!, list[a]!];
    },
    `move the inject ${direction}`,
  );
}
