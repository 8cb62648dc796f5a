/**
 * MSEL files on the host: a scenario's MSEL as .xlsx or .csv bytes, and a planner's workbook read
 * (size- and row-capped, cells as text) and imported into a scenario's YAML. Both the CLI and the
 * app go through here; the spreadsheet library stays behind spreadsheet.ts.
 */
import { MSEL_HEADER, importMsel, scenarioToMsel, type ImportMode, type MselField, type MselImport } from '../../shared/exercise/msel.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { readWorkbook, SpreadsheetError, writeCsv, writeXlsx, type SpreadsheetKind } from './spreadsheet.ts';

export async function exportMsel(s: Scenario, kind: SpreadsheetKind): Promise<Uint8Array> {
  const sheets = scenarioToMsel(s);
  if (kind === 'csv') return new TextEncoder().encode(writeCsv(sheets[0]!));
  const method = MSEL_HEADER.findIndex(([f]) => f === 'method');
  return writeXlsx(sheets, { methodColumn: { sheet: 'MSEL', column: method } });
}

export function mselFileName(s: Pick<Scenario, 'id'>, kind: SpreadsheetKind): string {
  return `${s.id}-msel.${kind}`;
}

export async function importMselFile(
  bytes: Uint8Array,
  kind: SpreadsheetKind,
  options: {
    baseYaml: string;
    baseFile?: string;
    mode: ImportMode;
    remembered?: Partial<Record<string, MselField>>;
    fileName?: string;
    newDiscussion?: { id: string; title?: string };
  },
): Promise<MselImport> {
  let sheets;
  try {
    sheets = await readWorkbook(bytes, kind, (options.fileName ?? 'MSEL').replace(/\.[a-z]+$/i, ''));
  } catch (e) {
    if (e instanceof SpreadsheetError) return { ok: false, problems: [{ sheet: options.fileName ?? '', row: 0, column: '', message: e.message }] };
    throw e;
  }
  return importMsel(sheets, options);
}
