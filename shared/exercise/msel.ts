/**
 * The Master Scenario Events List (MSEL) of a scenario as sheets of text cells, and back.
 *
 * Export: an "MSEL" sheet (one row per inject), an "Objectives" sheet and a "Modules" sheet.
 * Import reads the spreadsheets planners make: a title block above the header row, column names in
 * their own words (COLUMN_WORDS), `T+h:mm` offsets or absolute date-times, several sheets. It
 * never evaluates anything: every cell is text (the host adapter turns formulas into their text).
 * Import works on the scenario's YAML (the base file's own document), replacing or merging its
 * injects, inject questions, modules and objectives, and then loads the result with the normal
 * loader, so a scenario that comes out is exactly as valid as a hand-written one. Every problem is
 * reported by sheet, row and column; with any problem nothing is returned.
 */
import { parseDocument } from 'yaml';
import { formatDuration, parseDuration } from '../scenario/duration.ts';
import { capabilityLabel, moduleOfInject } from '../scenario/exercise-plan.ts';
import { formatProblem, loadScenario } from '../scenario/load.ts';
import type { Inject, Scenario } from '../scenario/schema.ts';
import { startEpoch, wallTime } from '../scenario/sim-time.ts';
import { METHOD_LABELS, methodToChannel } from './channel-labels.ts';
import { discussionBaseYaml, type DiscussionBaseOptions } from './discussion-base.ts';

export interface Sheet {
  name: string;
  /** Rows of text cells, row 1 first. */
  rows: string[][];
}

export type MselField =
  | 'event'
  | 'id'
  | 'module'
  | 'time'
  | 'wallTime'
  | 'method'
  | 'from'
  | 'to'
  | 'title'
  | 'message'
  | 'questions'
  | 'expected'
  | 'objective'
  | 'capability'
  | 'notes';

/** The MSEL sheet's columns as export writes them (import also accepts COLUMN_WORDS). */
export const MSEL_HEADER: ReadonlyArray<[MselField, string]> = [
  ['event', 'Event #'],
  ['id', 'Inject ID'],
  ['module', 'Module'],
  ['time', 'Scenario time'],
  ['wallTime', 'Wall time'],
  ['method', 'Delivery method'],
  ['from', 'From'],
  ['to', 'To (role)'],
  ['title', 'Title'],
  ['message', 'Inject text'],
  ['questions', 'Questions'],
  ['expected', 'Expected action'],
  ['objective', 'Objective'],
  ['capability', 'Capability'],
  ['notes', 'Notes'],
];

/** Planners' own words for each column (lowercase, punctuation folded to spaces). */
export const COLUMN_WORDS: Record<MselField, string[]> = {
  event: ['event', 'event #', 'event no', 'event number', '#', 'no', 'msel #', 'msel no', 'serial', 'seq', 'inject #', 'inject no', 'number'],
  id: ['inject id', 'id', 'ref', 'reference'],
  module: ['module', 'phase', 'part', 'session'],
  time: [
    'scenario time',
    'time',
    'exercise time',
    'inject time',
    't+',
    'offset',
    'timing',
    'sim time',
    'date/time',
    'date time',
    'datetime',
    'when',
    'delivery time',
  ],
  wallTime: ['wall time', 'wall clock', 'clock time', 'real time', 'actual time'],
  method: ['delivery method', 'method', 'channel', 'mode', 'delivery', 'medium', 'means'],
  from: ['from', 'sender', 'source', 'originator', 'simcell', 'sent by'],
  to: ['to', 'to (role)', 'recipient', 'recipients', 'player', 'players', 'audience', 'addressee', 'sent to', 'role'],
  title: ['title', 'subject', 'inject title', 'headline', 'summary'],
  message: ['inject text', 'inject', 'message', 'description', 'content', 'body', 'inject description', 'text', 'details'],
  questions: ['questions', 'discussion questions', 'question', 'key questions'],
  expected: [
    'expected action',
    'expected actions',
    'expected response',
    'expected outcome',
    'expected player action',
    'expected player response',
    'expected player actions',
  ],
  objective: ['objective', 'objectives', 'obj', 'exercise objective', 'related objective', 'objective id'],
  capability: ['capability', 'core capability', 'capabilities'],
  notes: ['notes', 'facilitator notes', 'controller notes', 'remarks', 'comments', 'note'],
};

export const MAX_ROWS = 2000;
export const MAX_COLUMNS = 60;
export const MAX_CELL_CHARS = 20_000;
export const MAX_SHEETS = 12;

export interface MselProblem {
  sheet: string;
  /** 1-based spreadsheet row (0: the whole sheet). */
  row: number;
  /** Spreadsheet column letter ('' when not one cell). */
  column: string;
  message: string;
}

export function formatMselProblem(p: MselProblem): string {
  return `${p.sheet}${p.row ? `!${p.column}${p.row}` : ''}  ${p.row ? `row ${p.row}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.message}`;
}

export function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Export

const join = (xs: string[]) => xs.join('\n');

/** "T+1:30" (hours may exceed 24: "T+49:15"). */
export function formatTPlus(ms: number): string {
  const m = Math.round(ms / 60_000);
  return `T+${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** The scenario-time cell of an inject: `T+h:mm` for a timed one, else its rule ("fault + 6m"). */
export function triggerCell(inj: Inject): string {
  const t = inj.trigger;
  if ('at' in t) return formatTPlus(t.at);
  if ('after' in t) return `${t.after.event} + ${formatDuration(t.after.delay)}`;
  return `${t.metric} ${t.above !== undefined ? `above ${t.above}` : `below ${t.below}`}`;
}

export function scenarioToMsel(s: Scenario): Sheet[] {
  const rows: string[][] = [MSEL_HEADER.map(([, h]) => h)];
  s.injects.forEach((inj, i) => {
    const mod = moduleOfInject(s, inj);
    const t = inj.trigger;
    const objectiveCaps = inj.objectives.map((o) => s.objectives.find((x) => x.id === o)?.capability).filter((c): c is string => !!c);
    const cell: Record<MselField, string> = {
      event: String(i + 1),
      id: inj.id,
      module: mod ?? '',
      time: triggerCell(inj),
      wallTime: 'at' in t ? wallTime(s, t.at) : '',
      method: METHOD_LABELS[inj.channel],
      from: inj.source,
      to: inj.roles.join(', '),
      title: inj.title,
      message: inj.body,
      questions: join(inj.questions),
      expected: join(inj.expectedActions),
      objective: inj.objectives.join(', '),
      capability: [...new Set(objectiveCaps)].map((c) => capabilityLabel(s, c)).join(', '),
      notes: inj.facilitatorNotes,
    };
    rows.push(MSEL_HEADER.map(([f]) => cell[f]));
  });
  const objectives: string[][] = [['Objective ID', 'Objective', 'Capability']];
  for (const o of s.objectives) objectives.push([o.id, o.text, o.capability ?? '']);
  const modules: string[][] = [['Module ID', 'Module', 'From', 'To', 'Situation', 'Questions', 'Expected actions', 'Facilitator notes', 'Objectives']];
  for (const m of s.modules)
    modules.push([
      m.id,
      m.title,
      formatTPlus(m.from),
      formatTPlus(m.to),
      m.narrative,
      join(m.questions),
      join(m.expectedActions),
      m.facilitatorNotes,
      m.objectives.join(', '),
    ]);
  return [
    { name: 'MSEL', rows },
    { name: 'Objectives', rows: objectives },
    { name: 'Modules', rows: modules },
  ];
}

// ---------------------------------------------------------------------------------------------
// Import

export type ImportMode = 'replace' | 'merge';

export type MselImport =
  | {
      ok: true;
      /** The new scenario file (YAML) and the scenario it loads as. */
      yaml: string;
      scenario: Scenario;
      /** How each MSEL sheet's headers were read: header text → field (remembered for the next import). */
      mapping: Record<string, Partial<Record<string, MselField>>>;
      counts: { injects: number; objectives: number; modules: number };
    }
  | { ok: false; problems: MselProblem[] };

const fold = (h: string) =>
  h
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[_\s]+/g, ' ')
    .replace(/[.:]+$/g, '')
    .trim();

/** The field a header names, in the planner's words (a remembered mapping wins). */
export function fieldOfHeader(header: string, remembered: Partial<Record<string, MselField>> = {}): MselField | null {
  const h = fold(header);
  if (h === '') return null;
  if (remembered[h]) return remembered[h]!;
  for (const [field, words] of Object.entries(COLUMN_WORDS) as [MselField, string[]][]) if (words.includes(h)) return field;
  return null;
}

/** A cell as text: strips the apostrophe CSV export puts before a leading = + - @ (see csvCell). */
const clean = (v: string | undefined) => {
  const t = (v ?? '').replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
};

const splitList = (v: string) =>
  v
    .split(/\n|;|,/)
    .map((x) => x.trim())
    .filter(Boolean);
const splitLines = (v: string) =>
  v
    .split('\n')
    .map((x) => x.replace(/^[-•*]\s+/, '').trim())
    .filter(Boolean);

/** Finds the header row (title block above it): the first of the top 30 rows naming 3+ known columns. */
function findHeader(sheet: Sheet, known: (h: string) => string | null): number {
  for (let r = 0; r < Math.min(30, sheet.rows.length); r++) {
    const hits = new Set(sheet.rows[r]!.map((c) => known(c)).filter(Boolean));
    if (hits.size >= 3) return r;
  }
  return -1;
}

const OBJECTIVE_WORDS: Record<'id' | 'text' | 'capability', string[]> = {
  id: ['objective id', 'id', 'obj', 'obj #', 'objective #', 'number', 'no', '#', 'ref'],
  text: ['objective', 'objectives', 'description', 'text', 'objective text', 'exercise objective'],
  capability: ['capability', 'core capability', 'capabilities'],
};
const MODULE_WORDS: Record<'id' | 'title' | 'from' | 'to' | 'narrative' | 'questions' | 'expected' | 'notes' | 'objectives', string[]> = {
  id: ['module id', 'id'],
  title: ['module', 'title', 'module title', 'phase', 'name'],
  from: ['from', 'start', 'starts', 'begins'],
  to: ['to', 'end', 'ends'],
  narrative: ['situation', 'narrative', 'scenario', 'description'],
  questions: ['questions', 'discussion questions', 'key questions'],
  expected: ['expected actions', 'expected action', 'expected outcomes', 'expected outcome'],
  notes: ['facilitator notes', 'notes', 'remarks'],
  objectives: ['objectives', 'objective'],
};

function wordMatcher<K extends string>(words: Record<K, string[]>) {
  return (h: string): K | null => {
    const f = fold(h);
    for (const [k, list] of Object.entries(words) as [K, string[]][]) if (list.includes(f)) return k;
    return null;
  };
}

/** Sim time of a cell: `T+h:mm`, `T+1h30m`, a bare `h:mm`, or an absolute date-time (from the clock start). */
export function parseTimeCell(v: string, clockStart: number): number | null {
  const t = v.trim();
  let m = /^T?\s*\+\s*(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/i.exec(t) ?? /^(\d{1,4}):([0-5]\d)$/.exec(t);
  if (m) return (Number(m[1]) * 60 + Number(m[2])) * 60_000 + Number(m[3] ?? 0) * 1000;
  m = /^T\s*\+\s*(.+)$/i.exec(t);
  if (m) return parseDuration(m[1]!.replace(/\s+/g, ''));
  // Absolute: 2026-03-09T09:30, 2026-03-09 09:30(:00), with an optional Z or seconds.
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
    const at = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    const dt = new Date(at);
    if (dt.getUTCMonth() !== mo! - 1 || dt.getUTCDate() !== d! || h! > 23) return null;
    return at - clockStart >= 0 ? at - clockStart : null;
  }
  return null;
}

type RawTrigger = { at: string } | { after: { event: string; delay: string } } | { metric: string; above?: number; below?: number };

/** The trigger of a scenario-time cell: a time, `<event> + <delay>`, or `<metric> above|below <n>`. */
function parseTrigger(v: string, clockStart: number): RawTrigger | string {
  const at = parseTimeCell(v, clockStart);
  if (at !== null) return { at: formatDuration(at) };
  let m = /^((?:fault|detection|containment)(?::[a-z0-9_-]+)?|(?:inject|action|finding|communication|lifted|fixed):[a-z0-9_-]+)\s*(?:\+\s*(.+))?$/.exec(
    v.trim(),
  );
  if (m) {
    const delay = m[2] ? parseDuration(m[2].replace(/\s+/g, '')) : 0;
    if (delay === null) return `"${m[2]}" is not a delay (use e.g. 45m or 1h30m)`;
    return { after: { event: m[1]!, delay: formatDuration(delay) } };
  }
  m = /^([a-z0-9][a-z0-9_-]*)\s+(above|below)\s+(-?\d+(?:\.\d+)?)$/.exec(v.trim());
  if (m) return m[2] === 'above' ? { metric: m[1]!, above: Number(m[3]) } : { metric: m[1]!, below: Number(m[3]) };
  return `"${v}" is not a time: use T+h:mm (T+1:30), a date and time (2026-03-09 09:30), or a rule (fault + 45m, action:<id> + 10m, <metric> above <n>)`;
}

const slug = (text: string, fallback: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || fallback;

export interface ImportOptions {
  /** The scenario's YAML the MSEL goes into. */
  baseYaml: string;
  baseFile?: string;
  mode: ImportMode;
  /** Header → field mappings remembered from earlier imports, per folded header text. */
  remembered?: Partial<Record<string, MselField>>;
  /**
   * #19: import as a new discussion-based scenario with this id (and title; default: the
   * workbook's title block) instead of into `baseYaml` (then ignored; the mode is 'replace').
   */
  newDiscussion?: { id: string; title?: string };
}

const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

/**
 * The frame of a new discussion-based scenario from the workbook: its title (the first cell of the
 * title block above the MSEL header, else the id), when sim time starts (the hour of the earliest
 * absolute date-time, else Monday 09:00 of a fixed week) and how long it runs (an hour past the
 * last inject or module end).
 */
export function discussionFrame(
  sheets: Sheet[],
  o: { id: string; title?: string },
  remembered: Partial<Record<string, MselField>> = {},
): DiscussionBaseOptions {
  const known = (h: string) => fieldOfHeader(h, remembered);
  let title = o.title ?? '';
  const absolute: number[] = [];
  const offsets: string[] = [];
  for (const sh of sheets.slice(0, MAX_SHEETS)) {
    const rows = sh.rows.slice(0, MAX_ROWS + 1);
    const h = findHeader({ name: sh.name, rows }, known);
    if (h < 0) continue;
    if (!title)
      title =
        rows
          .slice(0, h)
          .flat()
          .map((c) => clean(c))
          .find(Boolean) ?? '';
    const timeCols = rows[h]!.flatMap((c, i) => (known(c) === 'time' ? [i] : []));
    for (const r of rows.slice(h + 1))
      for (const i of timeCols) {
        const v = clean(r[i]);
        const m = ABSOLUTE.exec(v);
        if (m) absolute.push(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
        else if (v) offsets.push(v);
      }
  }
  const first = absolute.length ? Math.min(...absolute) : Date.UTC(2026, 0, 5, 9, 0);
  const startMs = first - (first % 3_600_000);
  const start = new Date(startMs).toISOString().slice(0, 16);
  const ends = [...absolute.map((a) => a - startMs), ...offsets.map((v) => parseTimeCell(v, startMs) ?? 0)];
  for (const sh of sheets)
    for (const r of sh.rows.slice(0, MAX_ROWS)) for (const c of r) if (/^T\s*\+/i.test(clean(c))) ends.push(parseTimeCell(clean(c), startMs) ?? 0);
  const horizon = Math.max(0, ...ends) + 3_600_000;
  return { id: o.id, title: (title || o.id).slice(0, 200), start, horizon };
}

export function importMsel(sheets: Sheet[], given: ImportOptions): MselImport {
  // #19: a new discussion-based scenario starts from the placeholder base, dated by the workbook.
  const options: ImportOptions = given.newDiscussion
    ? { ...given, baseYaml: discussionBaseYaml(discussionFrame(sheets, given.newDiscussion, given.remembered)), mode: 'replace' }
    : given;
  const problems: MselProblem[] = [];
  const add = (sheet: string, row: number, col: number | null, message: string) =>
    problems.push({ sheet, row, column: col === null ? '' : columnLetter(col), message });

  const base = loadScenario(options.baseYaml, options.baseFile ?? '<scenario>');
  if (!base.ok) return { ok: false, problems: base.problems.map((p) => ({ sheet: '', row: 0, column: '', message: formatProblem(p) })) };
  const s = base.scenario;
  const clockStart = startEpoch(s);

  if (sheets.length > MAX_SHEETS) add(sheets[MAX_SHEETS]!.name, 0, null, `a workbook may have at most ${MAX_SHEETS} sheets`);
  for (const sh of sheets) {
    if (sh.rows.length > MAX_ROWS) add(sh.name, MAX_ROWS + 1, null, `a sheet may have at most ${MAX_ROWS} rows`);
    sh.rows.forEach((r, i) => {
      if (r.length > MAX_COLUMNS) add(sh.name, i + 1, MAX_COLUMNS, `a row may have at most ${MAX_COLUMNS} columns`);
      r.forEach((c, j) => {
        if (c.length > MAX_CELL_CHARS) add(sh.name, i + 1, j, `a cell may hold at most ${MAX_CELL_CHARS} characters`);
      });
    });
  }
  if (problems.length) return { ok: false, problems };

  const known = (h: string) => fieldOfHeader(h, options.remembered);
  const objectiveCol = wordMatcher(OBJECTIVE_WORDS);
  const moduleCol = wordMatcher(MODULE_WORDS);

  // Which sheet is which: the MSEL (3+ MSEL columns incl. a message), objectives, modules.
  let mselSheet: { sheet: Sheet; header: number } | null = null;
  let objSheet: { sheet: Sheet; header: number } | null = null;
  let modSheet: { sheet: Sheet; header: number } | null = null;
  for (const sh of sheets) {
    const n = fold(sh.name);
    if (!objSheet && /objective/.test(n)) {
      const h = findHeader(sh, (x) => objectiveCol(x));
      objSheet = { sheet: sh, header: h >= 0 ? h : findFirstRow(sh, (x) => objectiveCol(x), 2) };
      continue;
    }
    if (!modSheet && /module|phase/.test(n)) {
      modSheet = { sheet: sh, header: findHeader(sh, (x) => moduleCol(x)) };
      continue;
    }
    if (!mselSheet) {
      const h = findHeader(sh, known);
      if (h >= 0 && sh.rows[h]!.some((c) => known(c) === 'message' || known(c) === 'title')) mselSheet = { sheet: sh, header: h };
    }
  }
  if (!mselSheet) {
    add(
      sheets[0]?.name ?? 'MSEL',
      0,
      null,
      `no sheet has an MSEL header row (at least three of: ${MSEL_HEADER.map(([, h]) => h).join(', ')}, including the inject text) in its first 30 rows`,
    );
    return { ok: false, problems };
  }

  // Objectives: the sheet's, in the MSEL's objective column's terms.
  const doc = parseDocument(options.baseYaml);
  const raw = doc.toJS() as Record<string, unknown>;
  let objectives = s.objectives.map((o) => ({ ...o }));
  if (objSheet && objSheet.header >= 0) {
    const { sheet, header } = objSheet;
    const cols = sheet.rows[header]!.map((c) => objectiveCol(c));
    const at = (k: 'id' | 'text' | 'capability') => cols.indexOf(k);
    if (at('text') < 0) add(sheet.name, header + 1, null, 'the objectives sheet needs an "Objective" column');
    else {
      const fromSheet: { id: string; text: string; capability?: string }[] = [];
      for (let r = header + 1; r < sheet.rows.length; r++) {
        const row = sheet.rows[r]!;
        const text = clean(row[at('text')]);
        const idCell = at('id') >= 0 ? clean(row[at('id')]) : '';
        if (!text && !idCell) continue;
        if (!text) {
          add(sheet.name, r + 1, at('text'), 'the objective has no text');
          continue;
        }
        const id = idCell ? slug(idCell, `o${fromSheet.length + 1}`) : `o${fromSheet.length + 1}`;
        const cap = at('capability') >= 0 ? clean(row[at('capability')]) : '';
        const capability = cap ? capabilityId(s, cap) : undefined;
        fromSheet.push(capability ? { id, text, capability } : { id, text });
      }
      if (fromSheet.length) {
        const byId = new Map(objectives.map((o) => [o.id, o]));
        for (const o of fromSheet) byId.set(o.id, o);
        objectives = options.mode === 'replace' ? fromSheet : [...byId.values()];
      }
    }
  }
  const objectiveIds = new Map<string, string>();
  for (const o of objectives) {
    objectiveIds.set(fold(o.id), o.id);
    objectiveIds.set(fold(o.text), o.id);
  }

  // Modules (optional sheet).
  let modules: Record<string, unknown>[] | null = null;
  if (modSheet && modSheet.header >= 0) {
    const { sheet, header } = modSheet;
    const cols = sheet.rows[header]!.map((c) => moduleCol(c));
    const at = (k: keyof typeof MODULE_WORDS) => cols.indexOf(k);
    modules = [];
    for (let r = header + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r]!;
      const get = (k: keyof typeof MODULE_WORDS) => (at(k) >= 0 ? clean(row[at(k)]) : '');
      if (row.every((c) => clean(c) === '')) continue;
      const title = get('title');
      if (!title) {
        add(sheet.name, r + 1, at('title'), 'the module has no title');
        continue;
      }
      const from = parseTimeCell(get('from'), clockStart);
      const to = parseTimeCell(get('to'), clockStart);
      if (from === null) add(sheet.name, r + 1, at('from'), `"${get('from')}" is not a time (use T+h:mm or a date and time)`);
      if (to === null) add(sheet.name, r + 1, at('to'), `"${get('to')}" is not a time (use T+h:mm or a date and time)`);
      if (from === null || to === null) continue;
      const objs = splitList(get('objectives')).map(
        (o) => objectiveIds.get(fold(o)) ?? (add(sheet.name, r + 1, at('objectives'), `unknown objective "${o}"`), o),
      );
      const baseModule = s.modules.find((m) => m.id === (get('id') || slug(title, `m${modules!.length + 1}`)));
      modules.push({
        id: get('id') || slug(title, `m${modules.length + 1}`),
        title,
        from: formatDuration(from),
        to: formatDuration(to),
        ...(get('narrative') ? { narrative: get('narrative') } : {}),
        questions: splitLines(get('questions')),
        expectedActions: splitLines(get('expected')),
        ...(get('notes') ? { facilitatorNotes: get('notes') } : {}),
        ...(baseModule?.injects.length ? { injects: [...baseModule.injects] } : {}),
        objectives: objs,
      });
    }
  }

  // The MSEL rows.
  const { sheet, header } = mselSheet;
  const cols = sheet.rows[header]!.map((c) => known(c));
  const mapping: Record<string, Partial<Record<string, MselField>>> = { [sheet.name]: {} };
  sheet.rows[header]!.forEach((c, i) => {
    if (cols[i]) mapping[sheet.name]![c.trim()] = cols[i]!;
  });
  const col = (f: MselField) => cols.indexOf(f);
  for (const need of ['time', 'method'] as const)
    if (col(need) < 0)
      add(
        sheet.name,
        header + 1,
        null,
        `no ${need === 'time' ? 'scenario time' : 'delivery method'} column (headers: ${sheet.rows[header]!.filter(Boolean).join(', ')})`,
      );
  if (col('message') < 0 && col('title') < 0) add(sheet.name, header + 1, null, 'no inject text column');
  if (problems.length) return { ok: false, problems };

  const baseRawInjects = (raw.injects as Record<string, unknown>[]) ?? [];
  const rawById = new Map(baseRawInjects.map((x) => [x.id as string, x]));
  const knownRoles = new Set([...Object.keys(ROLE_WORDS), ...s.roles.map((r) => r.id)]);
  const injects: Record<string, unknown>[] = [];
  const moduleAssign: { id: string; module: string }[] = [];
  const seen = new Set<string>();
  /** Spreadsheet row (1-based) of each imported inject, for problems found after the rows. */
  const rowOf = new Map<string, number>();
  for (let r = header + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    if (row.every((c) => clean(c) === '')) continue;
    const get = (f: MselField) => (col(f) >= 0 ? clean(row[col(f)]) : '');
    const before = problems.length;
    const bad = (f: MselField, message: string) => add(sheet.name, r + 1, col(f) >= 0 ? col(f) : null, message);

    const timeText = get('time');
    const trigger = timeText ? parseTrigger(timeText, clockStart) : 'no scenario time';
    if (typeof trigger === 'string') bad('time', trigger);
    const channel = methodToChannel(get('method'));
    if (!channel)
      bad(
        'method',
        get('method') ? `unknown delivery method "${get('method')}" (use one of: ${Object.values(METHOD_LABELS).join(', ')})` : 'no delivery method',
      );
    const message = get('message');
    const title = get('title');
    if (!message && !title) bad(col('message') >= 0 ? 'message' : 'title', 'the inject has no text');
    const objs = splitList(get('objective')).map((o) => {
      const id = objectiveIds.get(fold(o));
      if (!id) bad('objective', `unknown objective "${o}" (objectives: ${objectives.map((x) => x.id).join(', ')})`);
      return id ?? o;
    });
    const roles = splitList(get('to'))
      .map((x) => roleId(x, s))
      .filter((x): x is string => x !== null);
    for (const t of splitList(get('to')))
      if (roleId(t, s) === null && !/^(all|everyone|all players|team)$/i.test(t)) bad('to', `unknown role "${t}" (roles: ${[...knownRoles].join(', ')})`);
    if (problems.length > before) continue;

    const event = get('event');
    let id = get('id') || slug(title || message, `inject-${event || r + 1}`);
    if (seen.has(id)) {
      if (get('id')) {
        bad('id', `inject ID "${id}" is used twice`);
        continue;
      }
      let n = 2;
      while (seen.has(`${id}-${n}`)) n++;
      id = `${id}-${n}`;
    }
    seen.add(id);
    rowOf.set(id, r + 1);
    const prior = rawById.get(id) ?? {};
    // The base file's own text where the cell says the same (a YAML block keeps a final newline).
    const same = (key: string, v: string) => (typeof prior[key] === 'string' && (prior[key] as string).trim() === v ? (prior[key] as string) : v);
    const firstLine = (message.split('\n')[0] ?? '').slice(0, 120);
    const inj: Record<string, unknown> = {
      ...prior,
      id,
      trigger: trigger as RawTrigger,
      channel: channel!,
      source: get('from') ? same('source', get('from')) : (prior.source as string | undefined) || 'Exercise control',
      title: same('title', title || firstLine),
      body: same('body', message || title),
      roles,
      questions: splitLines(get('questions')),
      expectedActions: splitLines(get('expected')),
      objectives: objs,
      facilitatorNotes: same('facilitatorNotes', get('notes')),
    };
    for (const k of ['roles', 'questions', 'expectedActions', 'objectives'] as const) if ((inj[k] as unknown[]).length === 0 && !(k in prior)) delete inj[k];
    if (inj.facilitatorNotes === '' && !('facilitatorNotes' in prior)) delete inj.facilitatorNotes;
    // A `when` written for the old trigger stays; it is the base scenario's rule, not the MSEL's.
    injects.push(inj);
    if (get('module')) moduleAssign.push({ id, module: get('module') });
  }
  if (problems.length) return { ok: false, problems };

  const finalInjects = options.mode === 'replace' ? injects : mergeById(baseRawInjects, injects);
  const next: Record<string, unknown> = { ...raw, injects: finalInjects, objectives: objectives.map((o) => ({ ...o })) };
  const finalModules = modules ?? ((raw.modules as Record<string, unknown>[] | undefined) ?? []).map((m) => ({ ...m }));
  if (finalModules.length) next.modules = finalModules;

  // Module column: an inject named in a module other than the one its time puts it in is listed there.
  const moduleByWord = new Map<string, Record<string, unknown>>();
  for (const m of finalModules) {
    moduleByWord.set(fold(m.id as string), m);
    moduleByWord.set(fold(m.title as string), m);
  }
  // Objectives a replaced objectives sheet dropped are no longer the base modules' objectives.
  const objectiveSet = new Set(objectives.map((o) => o.id));
  if (!modules) for (const m of finalModules) if (Array.isArray(m.objectives)) m.objectives = (m.objectives as string[]).filter((x) => objectiveSet.has(x));
  const injectIds = new Set(finalInjects.map((x) => x.id as string));
  for (const m of finalModules) if (Array.isArray(m.injects)) m.injects = (m.injects as string[]).filter((x) => injectIds.has(x));
  const trial = loadScenario(stringifyScenario(doc, next), options.baseFile ?? '<scenario>');
  if (trial.ok) {
    for (const a of moduleAssign) {
      const m = moduleByWord.get(fold(a.module));
      if (!m) {
        add(sheet.name, rowOf.get(a.id) ?? 0, col('module'), `unknown module "${a.module}" (modules: ${finalModules.map((x) => x.id).join(', ') || 'none'})`);
        continue;
      }
      const inj = trial.scenario.injects.find((x) => x.id === a.id)!;
      const derived = moduleOfInject({ ...trial.scenario, modules: trial.scenario.modules.map((x) => ({ ...x, injects: [] })) }, inj);
      const list = (m.injects as string[] | undefined) ?? [];
      for (const other of finalModules) if (other !== m && Array.isArray(other.injects)) other.injects = (other.injects as string[]).filter((x) => x !== a.id);
      if (derived !== m.id && !list.includes(a.id)) m.injects = [...list, a.id];
    }
  }
  if (problems.length) return { ok: false, problems };

  const yaml = stringifyScenario(doc, next);
  const loaded = loadScenario(yaml, options.baseFile ?? '<scenario>');
  if (!loaded.ok) {
    return { ok: false, problems: loaded.problems.map((p) => locateLoadProblem(p, sheet, rowOf, cols, finalInjects)) };
  }
  return {
    ok: true,
    yaml,
    scenario: loaded.scenario,
    mapping,
    counts: { injects: injects.length, objectives: objectives.length, modules: finalModules.length },
  };
}

function findFirstRow(sheet: Sheet, known: (h: string) => string | null, need: number): number {
  for (let r = 0; r < Math.min(30, sheet.rows.length); r++) if (new Set(sheet.rows[r]!.map(known).filter(Boolean)).size >= need) return r;
  return -1;
}

function mergeById(base: Record<string, unknown>[], rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const out = base.map((b) => byId.get(b.id as string) ?? b);
  for (const r of rows) if (!base.some((b) => b.id === r.id)) out.push(r);
  return out;
}

/** Writes the changed fields into the base document, so its other fields and comments stay. */
function stringifyScenario(doc: ReturnType<typeof parseDocument>, next: Record<string, unknown>): string {
  const copy = doc.clone();
  for (const key of ['injects', 'objectives', 'modules'] as const) if (next[key] !== undefined) copy.set(key, copy.createNode(next[key]));
  return copy.toString({ lineWidth: 0 });
}

/** A loader problem about an inject, put back on its MSEL row where it can be. */
function locateLoadProblem(
  p: { path: string; message: string; line: number; column: number; file: string },
  sheet: Sheet,
  rowOf: Map<string, number>,
  cols: (MselField | null)[],
  injects: Record<string, unknown>[],
): MselProblem {
  const m = /^injects\.(\d+)(?:\.(\w+))?/.exec(p.path);
  if (m) {
    const row = rowOf.get(injects[Number(m[1])]?.id as string) ?? 0;
    const field: MselField | null =
      (
        { trigger: 'time', channel: 'method', source: 'from', title: 'title', body: 'message', roles: 'to', objectives: 'objective' } as Record<
          string,
          MselField
        >
      )[m[2] ?? ''] ?? null;
    return { sheet: sheet.name, row, column: field && cols.indexOf(field) >= 0 ? columnLetter(cols.indexOf(field)) : '', message: `${p.path}: ${p.message}` };
  }
  return { sheet: sheet.name, row: 0, column: '', message: `${p.path}: ${p.message}` };
}

const ROLE_WORDS: Record<string, string[]> = {
  incident_commander: ['incident commander', 'ic', 'commander'],
  technical_lead: ['technical lead', 'tech lead', 'engineering'],
  communications_lead: ['communications lead', 'comms lead', 'comms', 'communications'],
  scribe: ['scribe', 'note taker'],
  client_liaison: ['client liaison', 'legal', 'client liaison / legal'],
  data_lead: ['data lead', 'data'],
};

function roleId(text: string, s: Scenario): string | null {
  const t = fold(text);
  const asId = t.replace(/[\s/-]+/g, '_');
  if (ROLE_WORDS[asId] || s.roles.some((r) => r.id === asId)) return asId;
  for (const [id, words] of Object.entries(ROLE_WORDS)) if (words.includes(t)) return id;
  const own = s.roles.find((r) => r.label && fold(r.label) === t);
  return own?.id ?? null;
}

function capabilityId(s: Scenario, text: string): string {
  const t = fold(text);
  const own = s.capabilities.find((c) => fold(c.id) === t || (c.label && fold(c.label) === t));
  if (own) return own.id;
  const builtIn = ['detection_monitoring', 'triage', 'containment', 'investigation', 'communication', 'documentation_governance'].find(
    (c) => c === t.replace(/\s+/g, '_') || fold(capabilityLabel(s, c)) === t,
  );
  return builtIn ?? t.replace(/[^a-z0-9]+/g, '_');
}
