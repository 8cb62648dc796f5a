/**
 * The timeline as CSV (RFC 4180): one row per entry, for spreadsheets and incident trackers.
 *
 * Fields holding a comma, a quote or a line break are quoted, quotes are doubled, and rows end in
 * CRLF. A text cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, so a pasted note cannot execute when the file is opened.
 */
import type { ReportModel } from './report-model.ts';

export const CSV_HEADER = ['sim_offset', 'wall_time', 'kind', 'text', 'visibility'] as const;

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(fields: ReadonlyArray<string>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function reportCsv(m: ReportModel): string {
  return csvRow(CSV_HEADER) + m.timeline.map((r) => csvRow([r.offset, r.wall, r.kind, r.text, r.visibility])).join('');
}
