/**
 * History rows on the wire as columns (#18): one array per field. History with 50,000 exercises
 * sent their metas as JSON objects (80 MB, most of the 30 s it took to show); the same rows as
 * columns are a few megabytes, parsed in tens of milliseconds.
 *
 * Each column is sent the cheapest way for what it holds: numbers, booleans and nulls as they are
 * (`raw`); text that is mostly distinct (ids, dates) as it is (`text`); anything repeated (teams,
 * scenarios, verdicts, targets) once in the column's own table and referred to by its index
 * (`ref`), so indexes stay one or two digits. The encoder is generic over the row's fields; the
 * decoder builds every row with one object literal (below), so all rows share one fast shape
 * (rows grown field by field from `{}` became hash tables in V8 past 16 fields: slow to sort and
 * filter, heavy to collect) and a field added to `HistoryRow` fails the typecheck here until it
 * is decoded. `decodeRows(encodeRows(rows))` gives rows equal to `rows` (a property test checks it).
 */
import type { HistoryRow } from './metrics.ts';

type Field = keyof HistoryRow;

type Raw = number | boolean | null;

/** One field of every row: as it is, or as indexes into the column's own table of values. */
export type HistoryColumn = { kind: 'raw'; data: Raw[] } | { kind: 'text'; data: string[] } | { kind: 'ref'; values: unknown[]; data: number[] };

export interface HistoryColumns {
  format: 'history-columns/2';
  count: number;
  columns: Partial<Record<Field, HistoryColumn>>;
}

const isRaw = (v: unknown): v is Raw => v === null || typeof v === 'number' || typeof v === 'boolean';

function allStrings(data: ReadonlyArray<unknown>, from: number): boolean {
  for (let i = from; i < data.length; i++) if (typeof data[i] !== 'string') return false;
  return true;
}

/** A column of numbers, booleans and nulls with at most this many distinct values goes by reference. */
const FEW = 100;

function encodeColumn(data: unknown[]): HistoryColumn {
  if (data.every(isRaw)) {
    // `null`, `false` or a repeated figure in every row: an index of one or two digits is shorter.
    const distinct = new Map<Raw, number>();
    const refs = new Array<number>(data.length);
    for (let i = 0; i < data.length && distinct.size <= FEW; i++) {
      let ref = distinct.get(data[i]!);
      if (ref === undefined) distinct.set(data[i]!, (ref = distinct.size));
      refs[i] = ref;
    }
    return distinct.size <= FEW && data.length > distinct.size * 2 ? { kind: 'ref', values: [...distinct.keys()], data: refs } : { kind: 'raw', data };
  }
  const values: unknown[] = [];
  // Strings by themselves; objects by identity first (rows often share one verdict object), then
  // by their JSON, so equal objects made apart are still sent once.
  const strings = new Map<string, number>();
  const same = new Map<unknown, number>();
  const objects = new Map<string, number>();
  const add = (v: unknown) => values.push(v) - 1;
  const refs = new Array<number>(data.length);
  let allText = true;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    let ref: number | undefined;
    if (typeof v === 'string') {
      ref = strings.get(v);
      if (ref === undefined) {
        strings.set(v, (ref = add(v)));
        // Mostly distinct text (ids, dates) goes as it is: once over half the rows are distinct,
        // the rest need only be text, not looked up (5,000 dates made 5,000 map entries).
        if (allText && strings.size * 2 > data.length && allStrings(data, i + 1)) return { kind: 'text', data: data as string[] };
      }
    } else {
      allText = false;
      ref = same.get(v);
      if (ref === undefined) {
        const key = JSON.stringify(v ?? null);
        ref = objects.get(key);
        if (ref === undefined) objects.set(key, (ref = add(v ?? null)));
        same.set(v, ref);
      }
    }
    refs[i] = ref;
  }
  // Text that is mostly distinct (ids, dates) costs less as it is than as a table plus indexes.
  if (allText && values.length * 2 > data.length) return { kind: 'text', data: data as string[] };
  return { kind: 'ref', values, data: refs };
}

export function encodeRows(rows: ReadonlyArray<HistoryRow>): HistoryColumns {
  // Every row has the same fields (toRow makes them): the first row names them.
  const fields = rows.length ? (Object.keys(rows[0]!) as Field[]) : [];
  const columns: HistoryColumns['columns'] = {};
  for (const f of fields) columns[f] = encodeColumn(rows.map((r) => r[f]));
  return { format: 'history-columns/2', count: rows.length, columns };
}

/** One column's values, one per row; a malformed column is an error that says what is wrong. */
function columnValues(c: HistoryColumns, f: Field): unknown[] {
  const col = c.columns[f];
  if (!col) throw new Error(`History rows: no column "${f}"`);
  if (!Array.isArray(col.data) || col.data.length !== c.count)
    throw new Error(`History rows: column "${f}" has ${(col.data as unknown[] | undefined)?.length ?? 'no'} values for ${c.count} rows`);
  switch (col.kind) {
    case 'raw':
      if (!col.data.every(isRaw)) throw new Error(`History rows: column "${f}" holds something other than numbers, booleans and nulls`);
      return col.data;
    case 'text':
      if (!col.data.every((v) => typeof v === 'string')) throw new Error(`History rows: column "${f}" holds something other than text`);
      return col.data;
    case 'ref': {
      const values = col.values;
      if (!Array.isArray(values)) throw new Error(`History rows: column "${f}" has no values`);
      if (col.data.some((i) => !Number.isInteger(i) || i < 0 || i >= values.length))
        throw new Error(`History rows: column "${f}" refers past its ${values.length} values`);
      // Shared values are frozen: rows that refer to the same verdict share one object, read-only.
      for (const v of values) if (v !== null && typeof v === 'object') Object.freeze(v);
      return col.data.map((i) => values[i]);
    }
    default:
      throw new Error(`History rows: column "${f}" is of an unknown kind`);
  }
}

/** Rows back from columns; a malformed message is an error that says what is wrong, never rows with holes. */
export function decodeRows(c: HistoryColumns): HistoryRow[] {
  if (c?.format !== 'history-columns/2' || !Number.isInteger(c.count) || c.count < 0 || typeof c.columns !== 'object' || c.columns === null) {
    throw new Error('History rows: not a history-columns/2 message');
  }
  if (c.count === 0) return []; // no rows: the encoder saw no fields either
  const col = <F extends Field>(f: F) => columnValues(c, f) as HistoryRow[F][];
  const id = col('id');
  const date = col('date');
  const quarter = col('quarter');
  const team = col('team');
  const scenarioId = col('scenarioId');
  const scenarioTitle = col('scenarioTitle');
  const mode = col('mode');
  const status = col('status');
  const duration = col('duration');
  const severity = col('severity');
  const mttd = col('mttd');
  const mttc = col('mttc');
  const mttcCensored = col('mttcCensored');
  const contained = col('contained');
  const timeToNotify = col('timeToNotify');
  const notifyByAudience = col('notifyByAudience');
  const overall = col('overall');
  const mttdVerdict = col('mttdVerdict');
  const mttcVerdict = col('mttcVerdict');
  const notifyVerdict = col('notifyVerdict');
  const scored = col('scored');
  const targets = col('targets');
  const plan = col('plan');
  const rows = new Array<HistoryRow>(c.count);
  for (let i = 0; i < c.count; i++) {
    // One literal with every field, in one order: every row gets the same (fast) shape. (`!`:
    // every column was checked above to hold exactly `count` values.)
    const row: Required<HistoryRow> = {
      id: id[i]!,
      date: date[i]!,
      quarter: quarter[i]!,
      team: team[i]!,
      scenarioId: scenarioId[i]!,
      scenarioTitle: scenarioTitle[i]!,
      mode: mode[i]!,
      status: status[i]!,
      duration: duration[i]!,
      severity: severity[i]!,
      mttd: mttd[i]!,
      mttc: mttc[i]!,
      mttcCensored: mttcCensored[i]!,
      contained: contained[i]!,
      timeToNotify: timeToNotify[i]!,
      notifyByAudience: notifyByAudience[i]!,
      overall: overall[i]!,
      mttdVerdict: mttdVerdict[i]!,
      mttcVerdict: mttcVerdict[i]!,
      notifyVerdict: notifyVerdict[i]!,
      scored: scored[i]!,
      targets: targets[i]!,
      plan: plan[i]!,
    };
    rows[i] = row;
  }
  return rows;
}
