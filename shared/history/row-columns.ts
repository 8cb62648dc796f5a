/**
 * History rows on the wire as columns (#18): one array per field, every string and object value
 * kept once in a table and referred to by its index. History with 50,000 exercises sent their
 * metas as JSON objects (80 MB, most of the 30 s it took to show); the same rows as columns are a
 * few megabytes, parsed in tens of milliseconds.
 *
 * Generic over the row's fields, so a field added to `HistoryRow` travels without a change here;
 * `decodeRows(encodeRows(rows))` gives rows equal to `rows` (a property test checks it).
 */
import type { HistoryRow } from './metrics.ts';

type Field = keyof HistoryRow;

/** A column of numbers, booleans and nulls as they are, or of indexes into `values`. */
type Column = { kind: 'raw'; data: (number | boolean | null)[] } | { kind: 'ref'; data: number[] };

export interface HistoryColumns {
  format: 'history-columns/1';
  count: number;
  /** Each distinct string or object value once (objects compared by their JSON). */
  values: unknown[];
  columns: Partial<Record<Field, Column>>;
}

const isRaw = (v: unknown): v is number | boolean | null => v === null || typeof v === 'number' || typeof v === 'boolean';

export function encodeRows(rows: ReadonlyArray<HistoryRow>): HistoryColumns {
  const values: unknown[] = [];
  // Strings by themselves, objects by their JSON: two maps, so no key is built for a string.
  const strings = new Map<string, number>();
  const objects = new Map<string, number>();
  const add = (v: unknown) => values.push(v) - 1;
  const ref = (v: unknown): number => {
    if (typeof v === 'string') {
      let i = strings.get(v);
      if (i === undefined) strings.set(v, (i = add(v)));
      return i;
    }
    const key = JSON.stringify(v ?? null);
    let i = objects.get(key);
    if (i === undefined) objects.set(key, (i = add(v ?? null)));
    return i;
  };
  const fields = new Set<Field>();
  for (const r of rows) for (const f in r) fields.add(f as Field);
  const columns: HistoryColumns['columns'] = {};
  for (const f of fields) {
    const data = rows.map((r) => r[f]);
    columns[f] = data.every(isRaw) ? { kind: 'raw', data } : { kind: 'ref', data: data.map(ref) };
  }
  return { format: 'history-columns/1', count: rows.length, values, columns };
}

/** Rows back from columns; a malformed message is an error that says what is wrong, never rows with holes. */
export function decodeRows(c: HistoryColumns): HistoryRow[] {
  if (c?.format !== 'history-columns/1' || !Number.isInteger(c.count) || c.count < 0 || !Array.isArray(c.values) || typeof c.columns !== 'object') {
    throw new Error('History rows: not a history-columns/1 message');
  }
  const entries = Object.entries(c.columns) as [Field, Column][];
  for (const [f, col] of entries) {
    if (!Array.isArray(col?.data) || col.data.length !== c.count)
      throw new Error(`History rows: column "${f}" has ${col?.data?.length ?? 'no'} values for ${c.count} rows`);
    if (col.kind === 'ref' && col.data.some((i) => !Number.isInteger(i) || i < 0 || i >= c.values.length))
      throw new Error(`History rows: column "${f}" refers past its ${c.values.length} values`);
  }
  // Shared values are frozen: rows that refer to the same verdict share one object, read-only.
  for (const v of c.values) if (v !== null && typeof v === 'object') Object.freeze(v);
  // Column by column: each pass reads one array, and every row gets its fields in the same order
  // (one object shape for all rows, which the screen's sorting and filtering read fast).
  const rows: Record<string, unknown>[] = new Array(c.count);
  for (let i = 0; i < c.count; i++) rows[i] = {};
  for (const [f, col] of entries) {
    if (col.kind === 'raw') for (let i = 0; i < c.count; i++) rows[i]![f] = col.data[i];
    else for (let i = 0; i < c.count; i++) rows[i]![f] = c.values[col.data[i]!];
  }
  return rows as unknown as HistoryRow[];
}
