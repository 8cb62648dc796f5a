/**
 * The journal: a JSON-lines file, one header line then one entry per input.
 *
 * The header carries the scenario's YAML source, so a journal replays on its own even after the
 * scenario file changes. A torn last line (the app died mid-write) is dropped with a warning;
 * every whole line before it is kept. A bad line in the middle is an error that names the line.
 */
import { z } from 'zod';
import { journalEntrySchema, type JournalEntry } from './inputs.ts';

export const JOURNAL_FORMAT = 'firebreak-journal/1';

export const journalHeaderSchema = z
  .object({
    format: z.literal(JOURNAL_FORMAT),
    exerciseId: z.string().min(1).max(200),
    scenarioId: z.string().min(1),
    scenarioVersion: z.number().int(),
    /** The scenario YAML as it was when the exercise started. */
    scenarioSource: z.string(),
    seed: z.number().int(),
    createdAt: z.string(),
  })
  .strict();
export type JournalHeader = z.infer<typeof journalHeaderSchema>;

export interface Journal {
  header: JournalHeader;
  entries: JournalEntry[];
}

export interface ParsedJournal extends Journal {
  warnings: string[];
}

export class JournalError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function serializeHeader(h: JournalHeader): string {
  return `${JSON.stringify(h)}\n`;
}

export function serializeEntry(e: JournalEntry): string {
  return `${JSON.stringify(e)}\n`;
}

export function serializeJournal(j: Journal): string {
  return serializeHeader(j.header) + j.entries.map(serializeEntry).join('');
}

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
}

/** Parses journal text. Throws JournalError (with the line) for damage that is not a torn tail. */
export function parseJournal(text: string): ParsedJournal {
  const warnings: string[] = [];
  const lines = text.split('\n');
  // A file that ends in "\n" has an empty last element; anything else at the end is a torn write.
  const tail = lines.pop() ?? '';
  let tornTail = tail.trim() !== '';
  if (tornTail) {
    // A complete JSON object missing only its newline is still whole.
    try {
      JSON.parse(tail);
      lines.push(tail);
      tornTail = false;
    } catch {
      warnings.push(`the last line (${lines.length + 1}) was cut off mid-write and was dropped; ${lines.length - 1} entries before it were recovered`);
    }
  }
  if (lines.length === 0) throw new JournalError(1, 'empty journal (no header line)');

  let headerJson: unknown;
  try {
    headerJson = JSON.parse(lines[0]!);
  } catch {
    throw new JournalError(1, 'the header line is not JSON');
  }
  const header = journalHeaderSchema.safeParse(headerJson);
  if (!header.success) throw new JournalError(1, `not a Firebreak journal header: ${describe(header.error.issues)}`);

  const entries: JournalEntry[] = [];
  let lastT = 0;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new JournalError(lineNo, 'not JSON');
    }
    const entry = journalEntrySchema.safeParse(json);
    if (!entry.success) throw new JournalError(lineNo, describe(entry.error.issues));
    if (entry.data.seq !== entries.length + 1) throw new JournalError(lineNo, `entry seq ${entry.data.seq} out of order (expected ${entries.length + 1})`);
    if (entry.data.t < lastT) throw new JournalError(lineNo, `time goes backwards (${entry.data.t} after ${lastT})`);
    lastT = entry.data.t;
    entries.push(entry.data);
  }
  return { header: header.data, entries, warnings };
}
