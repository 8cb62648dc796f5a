/**
 * CSV for issue trackers and spreadsheets: RFC 4180 (CRLF between records, every field quoted,
 * a quote doubled), and safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) is prefixed with a single quote, so it is read as text, never as a formula
 * (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvValue): string {
  const text = v === null || v === undefined ? '' : String(v);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A header and its rows as one CSV document (a final CRLF ends the last record). */
export function toCsv(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
