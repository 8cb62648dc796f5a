/**
 * The journal: a JSON-lines file, one header line then one entry per input.
 *
 * The header carries the scenario's YAML source (and, from format 2, the team and setup), so a
 * journal replays on its own even after the scenario file changes and a lost meta.json can be
 * rebuilt from it.
 *
 * Format 2 (`firebreak-journal/2`) ends every line, header included, with `,"crc":"xxxxxxxx"}`:
 * the CRC-32 of the line as it would read without that member. The checksum covers the whole
 * line, whatever fields the entry has, so a flipped byte anywhere is detected and located.
 * Format 1 journals (no checksums) still load, with a note that they carry no integrity check.
 *
 * Hash chain (`"chain":"sha256"` in the header): every entry line carries `"prev"`, the SHA-256
 * of the whole line before it (its text without the newline, checksum included). A CRC catches
 * damage; the chain makes an edit show even when the editor recomputed the line's CRC, because the
 * next line no longer commits to it: only rewriting every line after it hides an edit, and a
 * signed bundle (host/programme) pins the last line. Journals written before the chain load as
 * they are and are reported as "unchained"; appends to them stay unchained.
 *
 * A torn last line (the app died mid-write) is dropped with a warning; every whole line before it
 * is kept. Damage in the middle is reported with its line, column and byte offset, and
 * `parseJournalLenient` salvages the entries before it and every verified entry after it
 * (`recoveredEntries` joins them, naming the gap). The header line has a copy beside the journal
 * (`parseJournalBytes` takes the header from it when the journal's own is damaged).
 */
import { z } from 'zod';
import { journalEntrySchema, type JournalEntry } from './inputs.ts';
import { crc32Hex } from './crc32.ts';
import { sha256Hex } from './sha256.ts';

export const JOURNAL_FORMAT_V1 = 'firebreak-journal/1';
export const JOURNAL_FORMAT = 'firebreak-journal/2';
export type JournalFormat = typeof JOURNAL_FORMAT_V1 | typeof JOURNAL_FORMAT;
/** The header's `chain` member: entry lines carry `prev`, the SHA-256 of the line before. */
export const JOURNAL_CHAIN = 'sha256';

/** A seed the engine's hash accepts and a setup can choose (ExerciseSetup allows the same range). */
export const MAX_SEED = 2 ** 31 - 1;

/**
 * An ISO date and time that exists on the calendar: Date.parse alone takes 2026-02-31 as 3 March.
 */
export function isCalendarDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

const isoDate = z.string().refine(isCalendarDateTime, 'not a date and time that exists (YYYY-MM-DDTHH:MM:SSZ)');

const headerObject = z
  .object({
    format: z.enum([JOURNAL_FORMAT_V1, JOURNAL_FORMAT]),
    /** Present when every entry line commits to the line before (see the module comment). */
    chain: z.literal(JOURNAL_CHAIN).optional(),
    exerciseId: z.string().min(1).max(200),
    scenarioId: z.string().min(1).max(200),
    scenarioVersion: z.number().int().min(0),
    /** The scenario YAML as it was when the exercise started. */
    scenarioSource: z.string(),
    seed: z.number().int().min(0).max(MAX_SEED),
    createdAt: isoDate,
    /** Setup details (format 2, written by the store): what a lost meta.json is rebuilt from. */
    team: z.string().min(1).max(200).optional(),
    participants: z
      .array(z.object({ name: z.string().min(1).max(200), role: z.string().max(80).optional() }).strict())
      .max(100)
      .optional(),
    mode: z.enum(['facilitated', 'solo']).optional(),
    speed: z.number().positive().max(3600).optional(),
    /** The variant the facilitator chose (absent or null: the one the seed draws). */
    variant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .max(200)
      .nullable()
      .optional(),
  })
  .strict();

/** A header line's object without its checksum and chain members (the line's framing, not its content). */
function withoutCrc(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('crc' in v || 'chain' in v)) return v;
  const { crc: _crc, chain: _chain, ...rest } = v as Record<string, unknown>;
  return rest;
}

/** The header as readers see it: whether the journal is chained is told apart (`chained`). */
function plainHeader(h: z.output<typeof headerObject>): JournalHeader {
  const { chain: _chain, ...rest } = h;
  return rest;
}

/**
 * The header's schema. A header line read straight from a file may end with its checksum member;
 * readers that only want the header (the renderer, report rendering) can parse the line as is.
 */
export const journalHeaderSchema = z.preprocess(withoutCrc, headerObject);
export type JournalHeader = Omit<z.output<typeof headerObject>, 'chain'>;

export interface Journal {
  header: JournalHeader;
  entries: JournalEntry[];
}

export interface ParsedJournal extends Journal {
  warnings: string[];
}

/** Where a journal is damaged: 1-based line and column, 0-based byte offset of the line start. */
export interface JournalDamage {
  line: number;
  column: number;
  offset: number;
  message: string;
}

export class JournalError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly column = 1,
    readonly offset = 0,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** The result of a lenient parse: what is whole, and where it stopped if it stopped early. */
export interface SalvagedJournal extends ParsedJournal {
  /** Null when the whole journal is intact (a torn last line is a warning, not damage). */
  damage: JournalDamage | null;
  /** Byte length of the intact part (header and kept entries, each with its newline). */
  intactBytes: number;
  /** Non-empty lines at or after the damage that could not be kept (neither in `entries` nor `later`). */
  linesLost: number;
  /**
   * Entries after the damage whose lines verify (checksum, schema) and continue the sequence (seq
   * rising, time never going back): a damaged line in the middle does not lose what follows it.
   * Always empty for format 1 (its lines cannot be verified).
   */
  later: JournalEntry[];
  /** The header line was damaged and was taken from its copy (journal.header beside the journal). */
  headerRestored: boolean;
  /** Whether every kept line carried a verified checksum (false for format 1). */
  checked: boolean;
  /** Whether the header declares a hash chain (every kept entry line was checked against it). */
  chained: boolean;
  /** SHA-256 of the last intact line (what the next appended line commits to); null when unchained. */
  chainTip: string | null;
}

const CRC_TAIL = /,"crc":"([0-9a-f]{8})"\}$/;

/** One JSON object as a journal line with its checksum member and newline. */
function withCrc(json: string): string {
  return `${json.slice(0, -1)},"crc":"${crc32Hex(json)}"}\n`;
}

/** A new header line: format 2, chained. */
export function serializeHeader(h: JournalHeader): string {
  const header = { ...h, format: JOURNAL_FORMAT, chain: JOURNAL_CHAIN } satisfies z.output<typeof headerObject>;
  return withCrc(JSON.stringify(header));
}

/** The chain hash of a journal line (its text, newline excluded or included). */
export function lineHash(line: string): string {
  return sha256Hex(line.endsWith('\n') ? line.slice(0, -1) : line);
}

/**
 * One entry line. With `prev` (the chain hash of the line before, from lineHash or a parse's
 * chainTip) the line joins the hash chain; without it the line is unchained (for appends to a
 * journal written before the chain).
 */
export function serializeEntry(e: JournalEntry, prev: string | null = null): string {
  const { prev: _drop, ...plain } = e as JournalEntry & { prev?: unknown };
  return withCrc(JSON.stringify(prev === null ? plain : { ...plain, prev }));
}

/** Entry lines continuing a chain from `tip` (null: unchained lines). */
export function serializeEntries(entries: ReadonlyArray<JournalEntry>, tip: string | null): { text: string; tip: string | null } {
  let text = '';
  let prev = tip;
  for (const e of entries) {
    const line = serializeEntry(e, prev);
    text += line;
    if (prev !== null) prev = lineHash(line);
  }
  return { text, tip: prev };
}

/**
 * The whole journal as format 2 text with a hash chain (a format 1 or unchained journal is
 * upgraded: same entries, checksums and chain added).
 */
export function serializeJournal(j: Journal): string {
  const header = serializeHeader(j.header);
  return header + serializeEntries(j.entries, lineHash(header)).text;
}

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
}

type LineCheck = { ok: true; json: unknown; hadCrc: boolean; prev: string | null } | { ok: false; column: number; message: string };

/** An entry line's `prev` member, taken out (entries are validated without it). */
function takePrev(v: unknown): { json: unknown; prev: string | null } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('prev' in v)) return { json: v, prev: null };
  const { prev, ...rest } = v as Record<string, unknown>;
  return { json: rest, prev: typeof prev === 'string' ? prev : '(not a string)' };
}

/** Parses one line, verifying its checksum when it has one (and requiring one when `needCrc`). */
function checkLine(raw: string, needCrc: boolean): LineCheck {
  const m = CRC_TAIL.exec(raw);
  let body = raw;
  if (m) {
    body = `${raw.slice(0, m.index)}}`;
    if (crc32Hex(body) !== m[1]) return { ok: false, column: 1, message: 'checksum mismatch (the line was changed or damaged)' };
  } else if (needCrc) {
    return { ok: false, column: Math.max(1, raw.length), message: 'no checksum (a format 2 journal has one on every line)' };
  }
  try {
    const { json, prev } = takePrev(JSON.parse(body));
    return { ok: true, json, hadCrc: m !== null, prev };
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    return { ok: false, column: pos ? Number(pos[1]) + 1 : 1, message: 'not JSON' };
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Parses journal text, keeping everything up to the first damaged line.
 *
 * Never throws for damage after the header: it returns the intact entries, where the damage is
 * and how many lines after it were lost. A header that is missing, not JSON, fails its checksum
 * or its schema throws JournalError (line 1): without it nothing can be replayed.
 */
export function parseJournalLenient(text: string): SalvagedJournal {
  const warnings: string[] = [];
  const lines = text.split('\n');
  // A file that ends in "\n" has an empty last element; anything else at the end is a torn write.
  const tail = lines.pop() ?? '';
  let tornTail = false;
  if (tail.trim() !== '') {
    // A complete line missing only its newline is still whole.
    if (checkLine(tail, false).ok) lines.push(tail);
    else tornTail = true;
  }
  if (lines.length === 0) {
    if (tornTail) throw new JournalError(1, 'the header line was cut off mid-write');
    throw new JournalError(1, 'empty journal (no header line)');
  }

  const first = checkLine(lines[0]!, false);
  if (!first.ok) throw new JournalError(1, first.message === 'not JSON' ? 'the header line is not JSON' : `the header line: ${first.message}`, first.column);
  const header = headerObject.safeParse(first.json);
  if (!header.success) throw new JournalError(1, `not a Firebreak journal header: ${describe(header.error.issues)}`);
  const v2 = header.data.format === JOURNAL_FORMAT;
  if (v2 && !first.hadCrc) throw new JournalError(1, 'the header line has no checksum (a format 2 journal has one on every line)', lines[0]!.length);
  if (!v2) warnings.push('this journal was written by an older version (format 1): its lines carry no checksums, so damage inside a line cannot be detected');
  const chained = header.data.chain === JOURNAL_CHAIN;
  let previousLine = lines[0]!;

  const entries: JournalEntry[] = [];
  const later: JournalEntry[] = [];
  let lastT = 0;
  let offset = utf8Length(lines[0]!) + 1;
  let damage: JournalDamage | null = null;
  let linesLost = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineBytes = utf8Length(raw) + 1;
    if (damage) {
      if (raw.trim() === '') continue;
      // Past the damage, a line is kept only if it proves itself: its checksum, its schema, and a
      // place after everything kept so far. Anything else is counted as lost.
      const kept = v2 ? laterEntry(raw, later.at(-1) ?? entries.at(-1) ?? null) : null;
      if (kept) later.push(kept);
      else linesLost++;
      continue;
    }
    const lineNo = i + 1;
    const fail = (column: number, message: string): void => {
      damage = { line: lineNo, column, offset, message };
      linesLost = 1;
    };
    if (raw.trim() === '') {
      // Format 2 never writes an empty line: one is an edit or damage (a byte turned into a newline).
      if (v2) fail(1, 'an empty line (a format 2 journal has none)');
      else offset += lineBytes;
      continue;
    }
    const c = checkLine(raw, v2);
    if (!c.ok) {
      fail(c.column, c.message);
      continue;
    }
    const entry = journalEntrySchema.safeParse(c.json);
    if (!entry.success) {
      fail(1, describe(entry.error.issues));
      continue;
    }
    if (entry.data.seq !== entries.length + 1) {
      fail(1, `entry seq ${entry.data.seq} out of order (expected ${entries.length + 1})`);
      continue;
    }
    if (entry.data.t < lastT) {
      fail(1, `time goes backwards (${entry.data.t} after ${lastT})`);
      continue;
    }
    // Last: a line that is wrong in itself is reported for that, not as a broken chain.
    if (chained && c.prev !== lineHash(previousLine)) {
      fail(
        1,
        c.prev === null
          ? `no chain hash ("prev"): every entry line of a chained journal commits to the line before`
          : `the chain is broken: this line does not commit to line ${lineNo - 1} as it reads now (a line was changed, removed or inserted)`,
      );
      continue;
    }
    lastT = entry.data.t;
    entries.push(entry.data);
    offset += lineBytes;
    previousLine = raw;
  }
  if (tornTail) {
    warnings.push(`the last line (${lines.length + 1}) was cut off mid-write and was dropped; ${entries.length} entries before it were recovered`);
  }
  return {
    header: plainHeader(header.data),
    entries,
    warnings,
    damage,
    intactBytes: Math.min(offset, utf8Length(text)),
    linesLost,
    checked: v2,
    later,
    headerRestored: false,
    chained,
    chainTip: chained ? lineHash(previousLine) : null,
  };
}

/** A verified entry line after damage, if it continues after `previous` (seq up, time not back). */
function laterEntry(raw: string, previous: JournalEntry | null): JournalEntry | null {
  const c = checkLine(raw, true);
  if (!c.ok) return null;
  const entry = journalEntrySchema.safeParse(c.json);
  if (!entry.success) return null;
  if (entry.data.seq <= (previous?.seq ?? 0) || entry.data.t < (previous?.t ?? 0)) return null;
  return entry.data;
}

/**
 * Parses a journal's bytes, taking the header from its copy when the journal's own header line
 * is damaged.
 *
 * The copy is the header line byte for byte, so it verifies by its own checksum, and a damaged
 * byte does not change the header's length: the entries start right after as many bytes as the
 * copy has. The damage is reported at line 1 (read-only until recovered) with every entry kept.
 * Without a valid copy a damaged header throws JournalError, as parseJournalLenient does.
 */
export function parseJournalBytes(bytes: Uint8Array, headerCopy: Uint8Array | null = null): SalvagedJournal {
  const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
  const text = decode(bytes);
  let firstError: unknown;
  try {
    return parseJournalLenient(text);
  } catch (e) {
    if (!(e instanceof JournalError) || !headerCopy) throw e;
    firstError = e;
  }
  const copy = headerCopyOf(headerCopy);
  if (!copy) throw firstError;
  const damagedHeader = firstError as JournalError;
  const rest = bytes.subarray(Math.min(bytes.length, headerCopy.length));
  const r = parseJournalLenient(decode(headerCopy) + decode(rest));
  const headerDamage: JournalDamage = {
    line: 1,
    column: damagedHeader.column,
    offset: damagedHeader.offset,
    message: `${damagedHeader.message.replace(/^line 1: /, '')}; restored from its copy`,
  };
  return {
    ...r,
    damage: r.damage ?? headerDamage,
    headerRestored: true,
    warnings: [...r.warnings, `the journal's header line was damaged (${headerDamage.message}); the header was taken from its copy`],
  };
}

/** The header line in a copy's bytes, if the copy is one whole, verified header line. */
export function headerCopyOf(bytes: Uint8Array): JournalHeader | null {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (!text.endsWith('\n') || text.indexOf('\n') !== text.length - 1) return null;
  const c = checkLine(text.slice(0, -1), true);
  if (!c.ok) return null;
  const h = headerObject.safeParse(c.json);
  return h.success && h.data.format === JOURNAL_FORMAT ? plainHeader(h.data) : null;
}

/** Entries lost in the middle of a journal (seq from–to), stood in for by clock checkpoints. */
export interface JournalGap {
  fromSeq: number;
  toSeq: number;
}

/**
 * Every entry a damaged journal still has, as one unbroken sequence: the entries before the
 * damage, then the verified ones after it. Each seq lost in between is stood in for by a clock
 * checkpoint (`CLOCK` with no change: the engine does nothing with it) at the time of the entry
 * before, so seq numbers stay what they were and the gap is named, never silently closed.
 */
export function recoveredEntries(j: Pick<SalvagedJournal, 'entries' | 'later'>): { entries: JournalEntry[]; gaps: JournalGap[] } {
  const entries = [...j.entries];
  const gaps: JournalGap[] = [];
  for (const e of j.later) {
    const expected = entries.length + 1;
    if (e.seq > expected) {
      const t = entries.at(-1)?.t ?? 0;
      for (let seq = expected; seq < e.seq; seq++) entries.push({ seq, t, input: { type: 'CLOCK' } });
      gaps.push({ fromSeq: expected, toSeq: e.seq - 1 });
    }
    entries.push(e);
  }
  return { entries, gaps };
}

/** Parses journal text. Throws JournalError (with line, column and offset) for damage that is not a torn tail. */
export function parseJournal(text: string): ParsedJournal {
  const r = parseJournalLenient(text);
  if (r.damage) throw new JournalError(r.damage.line, r.damage.message, r.damage.column, r.damage.offset);
  return { header: r.header, entries: r.entries, warnings: r.warnings };
}

/** "line 7, column 1 (byte 1234): checksum mismatch" */
export function formatDamage(d: JournalDamage): string {
  return `line ${d.line}, column ${d.column} (byte ${d.offset}): ${d.message}`;
}
