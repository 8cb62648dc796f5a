/**
 * The report pipeline for hosts: a stored exercise (or a bare journal) in, a file's content out.
 *
 * Markdown, CSV and JSON come out as text. PDF comes out as the printable HTML; the host prints it
 * (Chromium) with its own `printPdf`, since printing needs Node and a browser. `renderReportFile`
 * does both steps for a host that passes its printer in.
 */
import '../i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import type { Scenario } from '../scenario/schema.ts';
import { journalHeaderSchema, type JournalHeader } from '../engine/journal.ts';
import type { LoadedExercise, ReportFormat } from '../contract/api.ts';
import { buildReportModel, type ReportInput, type ReportModel } from './report-model.ts';
import { reportMarkdown } from './report-markdown.ts';
import { reportCsv } from './report-csv.ts';
import { reportJson } from './report-json.ts';
import { reportHtml } from './report-html.ts';
import { moment } from './phrasing.ts';
import { buildAarIp } from './aar-ip.ts';
import { aarIpHtml } from './aar-ip-html.ts';
import { wordsFor, type Locale } from '../i18n/words.ts';

export const REPORT_MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  aar: 'application/pdf',
};

export interface RenderedReport {
  format: ReportFormat;
  /** A suggested file name: "<scenario>-<exercise>-aar.<ext>" ("-timeline.csv" for CSV). */
  fileName: string;
  mime: string;
  /** The file's text (md, csv, json), or for pdf the HTML to print. */
  text: string;
  /** True when `text` is HTML still to be printed to PDF. */
  needsPrinting: boolean;
}

/** Reads the journal header (first line) of a stored exercise's journal text. */
export function headerOf(journalText: string): JournalHeader {
  const nl = journalText.indexOf('\n');
  return journalHeaderSchema.parse(JSON.parse(nl < 0 ? journalText : journalText.slice(0, nl)));
}

export function reportInputFromLoaded(loaded: LoadedExercise, scenario: Scenario, locale: Locale = 'en'): ReportInput {
  return {
    scenario,
    header: headerOf(loaded.journalText),
    entries: loaded.entries,
    meta: loaded.meta,
    debrief: loaded.debrief,
    warnings: loaded.warnings,
    locale,
  };
}

export function reportFileName(scenarioId: string, exerciseId: string, format: ReportFormat): string {
  const safe = (x: string) => x.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'exercise';
  const base = exerciseId.startsWith(scenarioId) ? safe(exerciseId) : `${safe(scenarioId)}-${safe(exerciseId)}`;
  if (format === 'aar') return `${base}-aar-ip.pdf`;
  return `${base}-${format === 'csv' ? 'timeline' : 'aar'}.${format}`;
}

/** Renders one format from a built model (the debrief screen already has the model). */
export function renderModel(
  format: ReportFormat,
  model: ReportModel,
  input: Pick<ReportInput, 'scenario' | 'header' | 'entries'> & Partial<Pick<ReportInput, 'debrief'>>,
): RenderedReport {
  const base = { format, fileName: reportFileName(input.scenario.id, input.header.exerciseId, format), mime: REPORT_MIME[format] };
  switch (format) {
    case 'md':
      return { ...base, text: reportMarkdown(model), needsPrinting: false };
    case 'csv':
      return { ...base, text: reportCsv(model), needsPrinting: false };
    case 'json':
      return { ...base, text: reportJson(model, { header: input.header, entries: input.entries }), needsPrinting: false };
    case 'pdf':
      return { ...base, text: reportHtml(model, { tickLabel: (t) => moment(input.scenario, t, wordsFor(model.locale)) }), needsPrinting: true };
    case 'aar':
      return { ...base, text: aarIpHtml(buildAarIp(model, input.scenario, input.entries, input.debrief?.overview)), needsPrinting: true };
  }
}

export function renderReportFromInput(format: ReportFormat, input: ReportInput): RenderedReport {
  return renderModel(format, buildReportModel(input), input);
}

/** The formats hosts ask for as text: 'html' is the printable document the PDF is made from. */
export type ReportTextFormat = Exclude<ReportFormat, 'pdf' | 'aar'> | 'html' | 'aar-html';

/**
 * For hosts' report:export (HandlerDeps.renderReport): a stored exercise and the scenario pinned
 * in its journal, rendered as text; for a PDF ask for 'html' and print it.
 */
export function renderReport(format: ReportTextFormat, loaded: LoadedExercise, scenario: Scenario, locale: Locale = 'en'): string {
  const f: ReportFormat = format === 'html' ? 'pdf' : format === 'aar-html' ? 'aar' : format;
  return renderReportFromInput(f, reportInputFromLoaded(loaded, scenario, locale)).text;
}

/** Renders and, for PDF, prints: the bytes to write or send. */
export async function renderReportFile(
  format: ReportFormat,
  input: ReportInput,
  printPdf: (html: string) => Promise<Uint8Array>,
): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  const r = renderReportFromInput(format, input);
  const bytes = r.needsPrinting ? await printPdf(r.text) : new TextEncoder().encode(r.text);
  return { fileName: r.fileName, mime: r.mime, bytes };
}
