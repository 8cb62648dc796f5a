/**
 * The report as JSON: the journal (header + entries), the score card and the report's figures.
 *
 * It is a complete record: `firebreak replay report.json` re-scores the embedded journal, and
 * parseReportJson gives the same Journal a .jsonl file would. What-if journals and the harm curve's
 * samples are left out (both are recomputed from the journal).
 */
import { parseJournal, serializeJournal, JournalError, type Journal, type ParsedJournal } from '../engine/journal.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import type { ReportModel } from './report-model.ts';

export const REPORT_JSON_FORMAT = 'firebreak-report/1';

export function reportJson(m: ReportModel, journal: { header: Journal['header']; entries: ReadonlyArray<JournalEntry> }): string {
  const { card, whatIf, harm, ...rest } = m;
  const doc = {
    format: REPORT_JSON_FORMAT,
    scenarioId: journal.header.scenarioId,
    scenarioVersion: journal.header.scenarioVersion,
    seed: journal.header.seed,
    exerciseId: journal.header.exerciseId,
    journal: { header: journal.header, entries: journal.entries },
    scoreCard: card,
    report: {
      ...rest,
      harm: { rows: harm.rows, costs: harm.costs, markers: harm.curve.markers },
      whatIf: { baseline: whatIf.baseline, items: whatIf.items.map(({ entries: _entries, ...w }) => w) },
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Whether text is a report JSON (rather than a .jsonl journal, whose first line is a header). */
export function isReportJson(text: string): boolean {
  const head = text.trimStart();
  if (!head.startsWith('{')) return false;
  try {
    const doc = JSON.parse(text) as { format?: unknown };
    return doc !== null && typeof doc === 'object' && doc.format === REPORT_JSON_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Reads the journal out of a report JSON, with every check parseJournal makes.
 *
 * Throws JournalError; its line is 1 for the header and 2.. for entries, as in a .jsonl file, and
 * the message names the JSON path.
 */
export function parseReportJson(text: string): ParsedJournal {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new JournalError(1, `not JSON (${(e as Error).message})`);
  }
  const d = doc as { format?: unknown; journal?: { header?: unknown; entries?: unknown } } | null;
  if (!d || typeof d !== 'object' || d.format !== REPORT_JSON_FORMAT)
    throw new JournalError(1, `not a Firebreak report (format is not "${REPORT_JSON_FORMAT}")`);
  if (!d.journal || typeof d.journal !== 'object' || !Array.isArray(d.journal.entries))
    throw new JournalError(1, 'the report has no journal (journal.header and journal.entries)');
  // Re-use the journal reader's validation by reading the embedded journal as its .jsonl form.
  const jsonl = serializeJournal({ header: d.journal.header as Journal['header'], entries: d.journal.entries as JournalEntry[] });
  try {
    return parseJournal(jsonl);
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    const where = e.line === 1 ? 'journal.header' : `journal.entries[${e.line - 2}]`;
    throw new JournalError(e.line, `${where}: ${e.message.replace(/^line \d+: /, '')}`);
  }
}

/** A journal from either form: a report JSON or a .jsonl journal. */
export function parseJournalOrReport(text: string): ParsedJournal {
  return isReportJson(text) ? parseReportJson(text) : parseJournal(text);
}
