/**
 * The one adapter between Firebreak and spreadsheet files (exceljs 4.4.0 for XLSX, a small
 * RFC 4180 reader/writer for CSV). Everything else sees sheets of text cells (shared/exercise/msel.ts).
 *
 * Reading never evaluates anything: a formula cell becomes its formula's text ("=SUM(A1:A3)"), a
 * date its ISO date-time, rich text its plain text, an error cell nothing. Files are size-capped
 * before parsing, and sheets are cut at the row and column caps (the MSEL import reports them).
 * Writing CSV puts an apostrophe before a cell that starts with = + - @ so no spreadsheet opens it
 * as a formula (import strips it again); XLSX cells are written as text, never as formulas.
 *
 * exceljs is loaded on first use: it is the heaviest module the browser host and the CLI would
 * otherwise load at start (half a second of CPU on a loaded machine), for a feature most runs never touch.
 */
import type ExcelJS from 'exceljs';
import { MAX_COLUMNS, MAX_ROWS, type Sheet } from '../../shared/exercise/msel.ts';
import { METHOD_LABELS } from '../../shared/exercise/channel-labels.ts';

const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;

export class SpreadsheetError extends Error {}

export type SpreadsheetKind = 'xlsx' | 'csv';

export function kindOf(fileName: string): SpreadsheetKind | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' || ext === 'txt' ? 'csv' : null;
}

export async function readWorkbook(bytes: Uint8Array, kind: SpreadsheetKind, name = 'MSEL'): Promise<Sheet[]> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES)
    throw new SpreadsheetError(`the file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; an MSEL may be at most ${MAX_WORKBOOK_BYTES / 1048576} MB`);
  if (kind === 'csv') {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
    return [{ name, rows: parseCsv(text) }];
  }
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new SpreadsheetError(`not a readable .xlsx workbook (${(e as Error).message.split('\n')[0]})`);
  }
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    const last = Math.min(ws.rowCount, MAX_ROWS + 1);
    for (let r = 1; r <= last; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      const width = Math.min(row.cellCount, MAX_COLUMNS + 1);
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      while (cells.length && cells.at(-1) === '') cells.pop();
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's value as text, never evaluated. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    // A time-only cell (Excel's day 0, 1899-12-30) is an offset: "1:30".
    if (v.getUTCFullYear() < 1900) return `${(v.getUTCDate() === 31 ? 24 : 0) + v.getUTCHours()}:${pad(v.getUTCMinutes())}`;
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}T${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const f = (v as { formula?: string; sharedFormula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? '';
      return `=${f}`;
    }
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return '';
  }
  return '';
}

/** RFC 4180: quoted fields with "" escapes and line breaks; CRLF or LF. Stops past the row cap. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (rows.length > MAX_ROWS) return rows;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A CSV cell: quoted when needed; a leading = + - @ is defused with an apostrophe. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function writeCsv(sheet: Sheet): string {
  return sheet.rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The MSEL workbook: each sheet with a bold, frozen header row and sensible widths; on the MSEL
 * sheet, a drop-down of delivery methods in the method column.
 */
export async function writeXlsx(sheets: Sheet[], options: { methodColumn?: { sheet: string; column: number } } = {}): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Firebreak';
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    // Plain strings: exceljs writes them as shared strings, never as formulas (even "=1+1").
    for (const r of sh.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    const header = sh.rows[0] ?? [];
    header.forEach((h, i) => {
      const longest = Math.max(h.length, ...sh.rows.slice(1).map((r) => Math.min(60, (r[i] ?? '').split('\n')[0]!.length)));
      ws.getColumn(i + 1).width = Math.max(10, Math.min(60, longest + 2));
      ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
    const m = options.methodColumn;
    if (m && m.sheet === sh.name) {
      const list = `"${Object.values(METHOD_LABELS).join(',')}"`;
      const last = Math.max(sh.rows.length + 200, 500);
      for (let r = 2; r <= last; r++)
        ws.getCell(r, m.column + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          errorTitle: 'Delivery method',
          error: 'Pick a delivery method from the list',
        };
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
