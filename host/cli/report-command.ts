/**
 * `firebreak report <journal> --format pdf|md|json|csv|aar --out FILE [--force]`
 *
 * Replays and scores the journal (a .jsonl journal, or a report JSON written earlier), builds the
 * after-action report and writes it in one format. The facilitator's debrief edits and the
 * exercise's meta are picked up when the journal sits in an exercise folder (debrief.json and
 * meta.json beside it), so a report from the CLI matches one exported from the app.
 *
 * Never overwrites an existing file without --force. Exit codes as main.ts: 0 ok, 1 input or
 * write failure, 2 usage.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { debriefEditsSchema, reportFormatSchema, type DebriefEdits, type ExerciseMeta, type ReportFormat } from '../../shared/contract/api.ts';
import type { ReportInput } from '../../shared/debrief/report-model.ts';
import { exerciseMetaSchema } from '../storage/meta-schema.ts';
import { loadJournal, type CliIo } from './main.ts';
import { UsageError } from './command-table.ts';
import { renderReport } from './render-off-thread.ts';
import { EN, isLocale, LOCALES, type Locale } from '../../shared/i18n/words.ts';

/** CliIo may offer `exists`; otherwise the real file system is asked. */
type ReportIo = CliIo & { exists?: (path: string) => boolean };

/** A usage error: main.ts prints it with the command's usage line and exits 2. */
function usage(message: string): never {
  throw new UsageError(message, 'report');
}

/** Reads an optional JSON file beside the journal; missing is fine, damaged is a warning. */
function neighbour<T>(io: CliIo, path: string, parse: (json: unknown) => T): { value: T | null; warning?: string } {
  let text: string;
  try {
    text = io.readFile(path).toString('utf8');
  } catch {
    return { value: null };
  }
  try {
    return { value: parse(JSON.parse(text)) };
  } catch (e) {
    return { value: null, warning: `${path}: ignored (${(e as Error).message.split('\n')[0]})` };
  }
}

/** Debrief edits and meta for the journal: `<name>.debrief.json`, else the folder's debrief.json. */
function sidecars(io: CliIo, journalPath: string, exerciseId: string): { debrief: DebriefEdits | null; meta: ExerciseMeta | null; warnings: string[] } {
  const dir = dirname(journalPath);
  const stem = basename(journalPath).replace(/\.(jsonl|json)$/i, '');
  const warnings: string[] = [];
  let debrief: DebriefEdits | null = null;
  for (const path of [join(dir, `${stem}.debrief.json`), join(dir, 'debrief.json')]) {
    const r = neighbour(io, path, (j) => debriefEditsSchema.parse(j));
    if (r.warning) warnings.push(r.warning);
    if (r.value) {
      debrief = r.value;
      break;
    }
  }
  const m = neighbour(io, join(dir, 'meta.json'), (j) => exerciseMetaSchema.parse(j) as ExerciseMeta);
  if (m.warning) warnings.push(m.warning);
  // A meta.json for another exercise (a shared folder) is not this journal's.
  const meta = m.value && m.value.id === exerciseId ? m.value : null;
  return { debrief, meta, warnings };
}

/** Arguments as parsed by main.ts from the `report` entry of its command table. */
export interface ReportArgs {
  positionals: string[];
  values: { format?: string; out?: string; force?: boolean; lang?: string };
}

export async function report({ positionals, values }: ReportArgs, io: ReportIo): Promise<number> {
  if (positionals.length !== 1) usage('give exactly one journal file');
  const format = reportFormatSchema.safeParse(values.format);
  if (!format.success) usage(values.format === undefined ? '--format is required' : `unknown format "${values.format}" (use pdf, md, json, csv or aar)`);
  if (!values.out) usage('--out FILE is required');
  if (values.lang !== undefined && !isLocale(values.lang)) usage(`unknown language "${values.lang}" (use ${LOCALES.join(' or ')})`);
  const locale: Locale = isLocale(values.lang) ? values.lang : 'en';
  const journalPath = positionals[0]!;
  const out = values.out;

  const exists = io.exists ?? existsSync;
  if (!values.force && exists(out)) {
    io.err(`${out} already exists; not overwriting it (use --force to replace it)`);
    return 1;
  }

  // loadJournal throws main.ts's InputError, which main() prints and turns into exit code 1.
  const { journal, scenario, warnings } = loadJournal(io, journalPath);
  warnings.forEach((w) => io.err(w));
  const side = sidecars(io, journalPath, journal.header.exerciseId);
  side.warnings.forEach((w) => io.err(`warning: ${w}`));

  const input: ReportInput = {
    scenario,
    header: journal.header,
    entries: journal.entries,
    meta: side.meta,
    debrief: side.debrief,
    warnings: warnings.map((w) => w.replace(/^.*?warning: /, '')),
    locale,
  };
  // The printer (and playwright-core) loads while the report is computed, on a worker when compiled.
  const printer = format.data === 'pdf' || format.data === 'aar' ? import('../pdf/print-html.ts') : null;
  printer?.catch(() => undefined); // a load failure is reported below, where it is awaited
  let rendered;
  try {
    rendered = await renderReport(format.data, input);
  } catch (e) {
    io.err(`${journalPath}: cannot build the report: ${(e as Error).message}`);
    return 1;
  }

  let bytes: Uint8Array | string = rendered.text;
  if (rendered.needsPrinting) {
    try {
      const { printHtmlToPdf } = await (printer ?? import('../pdf/print-html.ts'));
      bytes = await printHtmlToPdf(rendered.text);
    } catch (e) {
      io.err(`cannot print the PDF: ${(e as Error).message}`);
      return 1;
    }
  }

  try {
    io.writeFile(out, bytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(`cannot write ${out}: ${describeWriteError(err)}`);
    return 1;
  }
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  io.out(`wrote ${out} (${formatName(format.data)}, ${EN.whole(size)} bytes)`);
  return 0;
}

function describeWriteError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return e.code ? `${e.code} (${e.message})` : e.message;
  }
}

function formatName(f: ReportFormat): string {
  return { pdf: 'PDF', md: 'Markdown', json: 'JSON', csv: 'timeline CSV', aar: 'HSEEP AAR/IP PDF' }[f];
}
