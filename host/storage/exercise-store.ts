/**
 * Exercises on disk: one folder per exercise with its meta, journal and debrief.
 *
 *   <root>/exercises/<id>/meta.json      ExerciseMeta (small: history lists read only this)
 *   <root>/exercises/<id>/journal.jsonl  header line + one line per input (the source of truth)
 *   <root>/exercises/<id>/journal.header the header line again, byte for byte (its own checksum):
 *                                        a damaged header in the journal is taken from here
 *   <root>/exercises/<id>/debrief.json   DebriefEdits
 *   <root>/trash/<id>/                   deleted exercises (restore moves them back)
 *
 *   <root>/locks/<id>.lock/              who may write the exercise (exercise-lock.ts)
 *
 * Rules: an append is fsynced before it is acknowledged, and is all or nothing (a failed append
 * is cut back off the journal before the error is answered); whole-file writes are atomic (tmp,
 * fsync, rename); nothing is ever deleted by the store except its own leftovers (deletes go to
 * the trash, damaged bits are kept beside the file they came from); a damaged exercise is
 * reported by name and never hides the others. One host writes an exercise at a time (a lock
 * naming the owner); operations on one exercise are serialised within the process.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  ApiError,
  EMPTY_DEBRIEF,
  debriefEditsSchema,
  type DebriefEdits,
  type ExerciseMeta,
  type ExerciseSetup,
  type LoadedExercise,
  type StoreProblem,
  newExerciseMeta,
} from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import {
  JOURNAL_FORMAT,
  JournalError,
  formatDamage,
  headerCopyOf,
  parseJournalBytes,
  recoveredEntries,
  lineHash,
  serializeEntries,
  serializeHeader,
  serializeJournal,
  type JournalDamage,
  type JournalGap,
  type JournalHeader,
  type SalvagedJournal,
} from '../../shared/engine/journal.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { loadPinnedScenario as loadPinned } from '../../shared/scenario/pinned.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { outcomeOf, scoreFinishedRun } from '../../shared/scoring/score-card.ts';
import {
  AppendFailed,
  appendAllOrNothing,
  appendDurable,
  errnoCode,
  exists,
  KeyedMutex,
  mapLimit,
  openForAppend,
  renameWithRetry,
  syncDir,
  tmpOwnerPid,
  truncateDurable,
  writeFileAtomic,
  writeFileExclusive,
  type OpenForAppend,
} from './durable-fs.ts';
import { ExerciseLocks, LockedByOther, LockLost, pidAlive } from './exercise-lock.ts';
import { exportArchive, importArchive, type ImportResult } from './archive.ts';
export type { ImportResult } from './archive.ts';
import { fileStamp, lastTOf, metaFromJournal, newExerciseId, nonFinite, planCounts, randomBase36 } from './exercise-meta.ts';
import { describeIssues, EXERCISE_ID_RE, exerciseMetaSchema } from './meta-schema.ts';

export { ARCHIVE_FORMAT, type Archive, type ArchiveItem } from './meta-schema.ts';
export { metaFromJournal, newExerciseId, planCounts } from './exercise-meta.ts';

import { DEBRIEF_FILE, HEADER_FILE, JOURNAL_FILE, META_FILE, RECOVERY_FILE } from './folder-layout.ts';
export { DEBRIEF_FILE, HEADER_FILE, JOURNAL_FILE, META_FILE, RECOVERY_FILE } from './folder-layout.ts';

/** How many exercises keep a replayed run in memory for checking appends. */
const OPEN_JOURNALS = 8;
/** Parallel file reads when listing (well under every platform's open-file limit). */
const LIST_CONCURRENCY = 64;

export interface ExerciseStoreOptions {
  /** The clock for ids and timestamps (tests pass a fixed one). */
  now?: () => Date;
  /** Six base36 characters for new ids (tests pass a fixed sequence). */
  randomSuffix?: () => string;
  /** Which app this store runs in, named to another host that finds an exercise locked. */
  app?: string;
  /** The file operations of an append (tests inject a full disk here). */
  openForAppend?: OpenForAppend;
  /** Whether a PID runs (tests pretend a lock owner died). */
  pidAlive?: (pid: number) => boolean;
}

/** A listed exercise; `deleted` is set only for items listed from the trash. */
export type ListedExercise = ExerciseMeta & { deleted?: true };

export interface ListResult {
  exercises: ListedExercise[];
  problems: StoreProblem[];
}

/** What cleanup() found and did. */
export interface CleanupResult {
  /** Temporary files of interrupted writes (their writer no longer runs), removed. */
  removedTemp: string[];
  /** Staging folders of interrupted archive imports, removed. */
  removedImports: string[];
  /** Exercise folders with nothing in them (a create that never finished): listed, not removed. */
  emptyFolders: string[];
  /** Running exercises whose meta lagged behind the journal (a crash between the two writes), fixed. */
  reconciled: string[];
  /** Exercises made before header copies existed that were given one. */
  headerCopied: string[];
  /** Exercises whose journal header is damaged with no copy to restore it from: they cannot be opened. */
  unopenable: StoreProblem[];
}

/** What salvage() kept and lost. */
export interface SalvageResult {
  exerciseId: string;
  damage: JournalDamage;
  /** Entries kept as they were (before the damage and verified ones after it). */
  entriesKept: number;
  linesLost: number;
  /** Entries lost in the middle, each stood in for by a clock checkpoint (empty when none). */
  gaps: JournalGap[];
  /** The damaged journal, byte for byte, beside the recovered one. */
  originalKeptAt: string;
}

export interface AppendOptions {
  /**
   * The entries were taken by the caller's own engine at that moment (a live session), so the
   * store checks only their order and times, not the inputs again, and updates the meta after
   * acknowledging rather than before.
   */
  checked?: boolean;
}

/** What the store knows about a journal it has open for appending. */
interface OpenJournal {
  /** Bytes on disk after our last acknowledged write; a different size means someone else wrote. */
  size: number;
  /** The journal's mtime then: an edit that keeps the size (a flipped byte) still shows. */
  mtimeMs: number;
  entryCount: number;
  lastT: number;
  /** The chain hash of the journal's last line (what the next line commits to); null: an unchained journal. */
  chainTip: string | null;
  /** The replayed run: every appended input is checked against it first. */
  run: ExerciseRun;
  /**
   * Entries appended as already checked (a live session's: its own engine took them) that `run`
   * has not taken yet; applied only if an unchecked append needs the run.
   */
  unapplied?: JournalEntry[];
}

/**
 * One queue per exercise folder for the whole process: two stores on the same data folder in one
 * process (a re-created store, tests) still write one exercise one operation at a time.
 */
const folderQueue = new KeyedMutex();

function assertId(id: string): void {
  if (!EXERCISE_ID_RE.test(id)) throw new ApiError('invalid-request', `"${id}" is not an exercise id`);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Any failure that is not already an ApiError becomes an 'io' error that keeps the OS message. */
function toApiError(e: unknown, what: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof LockedByOther || e instanceof LockLost) return new ApiError('conflict', e.message);
  return new ApiError('io', `${what}: ${messageOf(e)}`);
}

/** What a (possibly damaged) journal still holds, as the exercise's entries: see usableEntries. */
interface Usable {
  entries: JournalEntry[];
  gaps: JournalGap[];
  /** Real entries in `entries` (the stand-ins for lost ones not counted). */
  kept: number;
  /** Lines that could not be kept, including verified ones the replay refused. */
  linesLost: number;
}

/**
 * The entries to keep from a parsed journal: all of them when it is whole; when it is damaged,
 * the entries before the damage and the verified ones after it (the lost ones stood in for by
 * checkpoints), as far as the engine replays them: a later entry that no longer applies without
 * what was lost ends what is kept, and is counted as lost.
 */
function usableEntries(journal: SalvagedJournal): Usable {
  if (journal.later.length === 0) return { entries: journal.entries, gaps: [], kept: journal.entries.length, linesLost: journal.linesLost };
  const joined = recoveredEntries(journal);
  let entries = joined.entries;
  const scenario = loadPinned(journal.header);
  if (scenario.ok) {
    const run = new ExerciseRun(scenario.scenario, journal.header.seed);
    let i = 0;
    try {
      for (; i < entries.length; i++) run.apply(entries[i]!.input, entries[i]!.t, entries[i]!.by ? { by: entries[i]!.by } : {});
    } catch {
      entries = entries.slice(0, Math.max(i, journal.entries.length));
    }
  } else entries = journal.entries;
  const gaps = joined.gaps.filter((g) => g.fromSeq <= entries.length);
  const standIns = gaps.reduce((n, g) => n + g.toSeq - g.fromSeq + 1, 0);
  const kept = entries.length - standIns;
  return { entries, gaps, kept, linesLost: journal.linesLost + journal.later.length - (kept - journal.entries.length) };
}

function describeGaps(gaps: ReadonlyArray<JournalGap>): string {
  return gaps.map((g) => (g.fromSeq === g.toSeq ? `entry ${g.fromSeq}` : `entries ${g.fromSeq}–${g.toSeq}`)).join(', ');
}

function loadPinnedScenario(header: JournalHeader): Scenario {
  const r = loadPinned(header);
  if (!r.ok) throw new ApiError('io', `the scenario pinned in the journal does not load: ${r.problems.slice(0, 3).map(formatProblem).join('; ')}`);
  return r.scenario;
}

export class ExerciseStore {
  readonly exercisesDir: string;
  readonly trashDir: string;
  private readonly now: () => Date;
  private readonly randomSuffix: () => string;
  private readonly openAppend: OpenForAppend;
  private readonly pidAlive: (pid: number) => boolean;
  /** Who may write each exercise, across processes sharing the data folder. */
  readonly writeLocks: ExerciseLocks;
  /** Journals open for appending, least recently used first. */
  private readonly open = new Map<string, OpenJournal>();
  /** Acknowledged sizes of journals whose failed append could not be cut off (cut at the next append). */
  private readonly unacknowledgedAfter = new Map<string, number>();
  /** cleanup() runs once, before the first list. */
  private cleaned: Promise<CleanupResult> | null = null;
  /** Empty folders found at start-up: named by every list while they are still there and empty. */
  private emptyAtStart: string[] = [];
  /** Exercises found at start-up that cannot be opened (named by every list while listed). */
  private unopenable = new Map<string, StoreProblem>();

  constructor(
    readonly rootDir: string,
    options: ExerciseStoreOptions = {},
  ) {
    this.exercisesDir = join(rootDir, 'exercises');
    this.trashDir = join(rootDir, 'trash');
    this.now = options.now ?? (() => new Date());
    this.randomSuffix = options.randomSuffix ?? randomBase36;
    this.openAppend = options.openForAppend ?? openForAppend;
    this.pidAlive = options.pidAlive ?? pidAlive;
    this.writeLocks = new ExerciseLocks(rootDir, { app: options.app, pidAlive: this.pidAlive, now: this.now });
  }

  /** The folder of a live (not deleted) exercise. */
  dirOf(id: string): string {
    assertId(id);
    return join(this.exercisesDir, id);
  }

  /** Serialises work on one exercise within the process (keyed by folder, shared by every store). */
  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return folderQueue.run(resolve(this.exercisesDir, id), fn);
  }

  /**
   * Runs a write with the exercise's lock: kept when this store holds it already (a running
   * exercise), otherwise taken for the write only.
   */
  private async withWriteLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.writeLocks.holds(id)) {
      // Still ours? (A host that stalled long enough may have lost it to another.)
      await this.writeLocks.verify(id);
      return fn();
    }
    await this.writeLocks.acquire(id);
    try {
      return await fn();
    } finally {
      await this.writeLocks.release(id).catch(() => undefined);
    }
  }

  /** Takes (and keeps) the right to write an exercise; refuses naming the host that has it. */
  async openForWriting(id: string): Promise<void> {
    assertId(id);
    try {
      await this.writeLocks.acquire(id);
    } catch (e) {
      throw toApiError(e, `could not lock exercise "${id}"`);
    }
  }

  /** Lets other hosts write the exercise again. */
  async release(id: string): Promise<void> {
    assertId(id);
    this.open.delete(id);
    await this.writeLocks.release(id);
  }

  /** Releases every lock this store holds (the host is closing). */
  async close(): Promise<void> {
    this.open.clear();
    await this.writeLocks.releaseAll();
  }

  private async liveDir(id: string): Promise<string> {
    const dir = this.dirOf(id);
    try {
      const s = await stat(dir);
      if (s.isDirectory()) return dir;
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
    const inTrash = await exists(join(this.trashDir, id));
    throw new ApiError('not-found', inTrash ? `exercise "${id}" is in the trash (restore it first)` : `no exercise "${id}"`);
  }

  // ---------------------------------------------------------------------------------------------
  // Create, append, finish

  /** Starts an exercise: pins the scenario source and the setup in a new journal and writes its meta. */
  async create(setup: ExerciseSetup): Promise<ExerciseMeta> {
    const loaded = loadScenario(setup.scenarioSource, setup.scenarioId);
    if (!loaded.ok) {
      throw new ApiError('invalid-request', `scenarioSource: ${loaded.problems.slice(0, 5).map(formatProblem).join('; ')}`);
    }
    if (loaded.scenario.id !== setup.scenarioId) {
      throw new ApiError('invalid-request', `scenarioId: "${setup.scenarioId}" does not match the source's id "${loaded.scenario.id}"`);
    }
    const variant = setup.variant ?? null;
    if (variant !== null && !loaded.scenario.variants.some((v) => v.id === variant)) {
      const known = loaded.scenario.variants.map((v) => v.id).join(', ') || 'none';
      throw new ApiError('invalid-request', `variant: the scenario has no variant "${variant}" (its variants: ${known})`);
    }
    const at = this.now();
    let madeDir: string | null = null;
    let id = '';
    try {
      await mkdir(this.exercisesDir, { recursive: true });
      // The lock first, then the folder: another host never sees this folder empty and unlocked.
      for (let attempt = 0; ; attempt++) {
        id = newExerciseId(at, this.randomSuffix());
        await this.writeLocks.acquire(id);
        try {
          await mkdir(join(this.exercisesDir, id));
          break;
        } catch (e) {
          await this.writeLocks.release(id);
          if (errnoCode(e) !== 'EEXIST' || attempt >= 20) throw e;
        }
      }
      madeDir = join(this.exercisesDir, id);
      await syncDir(this.exercisesDir);
      const createdAt = at.toISOString();
      const header: JournalHeader = {
        format: JOURNAL_FORMAT,
        exerciseId: id,
        scenarioId: loaded.scenario.id,
        scenarioVersion: loaded.scenario.version,
        scenarioSource: loaded.source,
        seed: setup.seed,
        createdAt,
        team: setup.team,
        participants: setup.participants,
        mode: setup.mode,
        speed: setup.speed,
        ...(variant !== null ? { variant } : {}),
      };
      const headerText = serializeHeader(header);
      // Journal first: if we die before meta.json exists, list() rebuilds the meta from it.
      await writeFileAtomic(join(madeDir, JOURNAL_FILE), headerText);
      await writeFileAtomic(join(madeDir, HEADER_FILE), headerText);
      const meta = newExerciseMeta(id, createdAt, setup, loaded.scenario);
      await this.writeMeta(madeDir, meta);
      // #19: the team's Exercise Overview (sponsor, location, point of contact…) carries over.
      const overview = await this.lastTeamOverview(setup.team, id).catch(() => null);
      if (overview) await writeFileAtomic(join(madeDir, DEBRIEF_FILE), `${JSON.stringify({ ...EMPTY_DEBRIEF, overview }, null, 2)}\n`);
      const written = await stat(join(madeDir, JOURNAL_FILE));
      this.remember(id, {
        size: written.size,
        mtimeMs: written.mtimeMs,
        entryCount: 0,
        lastT: 0,
        chainTip: lineHash(headerText),
        run: new ExerciseRun(loaded.scenario, setup.seed),
      });
      return meta;
    } catch (e) {
      // A failed create leaves nothing behind: remove the folder it made (only our own files are in it).
      if (madeDir) {
        await rm(madeDir, { recursive: true, force: true }).catch(() => undefined);
        await this.writeLocks.release(id).catch(() => undefined);
      }
      throw toApiError(e, 'could not create the exercise');
    }
  }

  /**
   * Appends journal entries and resolves only once they are on disk (fsynced).
   *
   * Entries must continue the journal exactly (seq = last + 1, time never going back nor past the
   * scenario's horizon) and must be inputs the engine accepts at that moment; otherwise nothing is
   * written. The batch is all or nothing: if the write fails part-way, what reached the disk is cut
   * off again before the error is answered, and the error says so.
   */
  append(id: string, entries: ReadonlyArray<JournalEntry>, options: AppendOptions = {}): Promise<{ entryCount: number; lastT: number }> {
    assertId(id);
    return this.serial(id, async () => {
      if (entries.length === 0) throw new ApiError('invalid-request', 'entries: nothing to append');
      const dir = await this.liveDir(id);
      const journalPath = join(dir, JOURNAL_FILE);
      try {
        // Held already (a running exercise): check it is still ours before writing; else take it.
        if (this.writeLocks.holds(id)) await this.writeLocks.verify(id);
        else await this.writeLocks.acquire(id);
        const now = await stat(journalPath);
        const cached = this.open.get(id);
        const state = cached && cached.size === now.size && cached.mtimeMs === now.mtimeMs ? cached : await this.openJournal(id, dir);
        this.touch(id, state);

        let expected = state.entryCount + 1;
        let lastT = state.lastT;
        const horizon = state.run.horizon;
        for (const e of entries) {
          if (e.seq !== expected) {
            const what = e.seq <= state.entryCount ? `entry ${e.seq} is already in the journal` : `entries ${expected}–${e.seq - 1} are missing`;
            throw new ApiError('conflict', `seq ${e.seq}: ${what} (the journal on disk has ${state.entryCount} entries); nothing was written`);
          }
          if (!Number.isSafeInteger(e.t))
            throw new ApiError('invalid-request', `seq ${e.seq}: t ${e.t} is not a whole number of milliseconds; nothing was written`);
          if (e.t < lastT) throw new ApiError('conflict', `seq ${e.seq}: time goes backwards (${e.t} ms after ${lastT} ms); nothing was written`);
          if (e.t > horizon) {
            throw new ApiError('invalid-request', `seq ${e.seq}: t ${e.t} ms is past the exercise's end (${horizon} ms); nothing was written`);
          }
          lastT = e.t;
          expected++;
        }
        if (options.checked) {
          // The caller's engine took these already (one engine per action): no replay here.
          (state.unapplied ??= []).push(...entries);
        } else {
          if (state.unapplied?.length) {
            try {
              for (const e of state.unapplied) state.run.apply(e.input, e.t, e.by ? { by: e.by } : {});
              state.unapplied = [];
            } catch (err) {
              this.open.delete(id);
              throw new ApiError('conflict', `the journal does not replay (${messageOf(err)}); nothing was written`);
            }
          }
          for (const e of entries) {
            try {
              state.run.apply(e.input, e.t);
            } catch (err) {
              // The run has taken part of the batch; rebuild it from disk next time.
              this.open.delete(id);
              throw new ApiError('invalid-request', `seq ${e.seq} (${e.input.type}): ${messageOf(err)}; nothing was written`);
            }
          }
        }

        const lines = serializeEntries(entries, state.chainTip);
        const bytes = Buffer.from(lines.text, 'utf8');
        try {
          await appendAllOrNothing(this.openAppend, journalPath, bytes, state.size);
        } catch (e) {
          this.open.delete(id); // the run took the batch; re-read the journal next time
          if (e instanceof AppendFailed) {
            if (!e.rolledBack) this.unacknowledgedAfter.set(id, state.size);
            const first = entries[0]!.seq;
            const last = entries[entries.length - 1]!.seq;
            const range = first === last ? `entry ${first}` : `entries ${first}–${last}`;
            const kept = state.entryCount === 0 ? 'nothing after the header' : `entries 1–${state.entryCount}`;
            throw new ApiError(
              'io',
              e.rolledBack
                ? `could not append to the journal of exercise "${id}": ${e.message}. Nothing of ${range} was kept (the journal still ends at entry ${state.entryCount}; ${kept} are safe); retry when the problem is fixed`
                : `could not append to the journal of exercise "${id}": ${e.message}, and the partial write could not be cut off either. Part of ${range} may be on disk; ${kept} are safe; the next append cuts the rest off (kept aside in a journal.unacknowledged file)`,
            );
          }
          throw e;
        }
        state.size += bytes.length;
        state.mtimeMs = (await stat(journalPath)).mtimeMs;
        state.entryCount = expected - 1;
        state.lastT = lastT;
        state.chainTip = lines.tip;

        // The journal is the truth and is already safe; a failed meta update is repaired by load().
        const meta = () =>
          this.updateMeta(dir, (m) => ({ ...m, entryCount: state.entryCount, lastT: state.lastT, updatedAt: this.now().toISOString() })).catch(() => undefined);
        if (options.checked) this.metaLater(id, meta);
        else await meta();
        return { entryCount: state.entryCount, lastT: state.lastT };
      } catch (e) {
        throw toApiError(e, `could not append to the journal of exercise "${id}"`);
      }
    });
  }

  /**
   * Reads a journal for appending: replays it, and repairs a torn last line.
   *
   * A torn line (the app died mid-write) is copied to `journal.torn-<time>.txt` beside the journal
   * before it is cut off, so the next append starts on a clean line and nothing is lost. Damage in
   * the middle refuses the append and points at salvage().
   */
  private async openJournal(id: string, dir: string): Promise<OpenJournal> {
    const journalPath = join(dir, JOURNAL_FILE);
    let bytes = await readFile(journalPath);
    const acknowledged = this.unacknowledgedAfter.get(id);
    if (acknowledged !== undefined && bytes.length > acknowledged) {
      // What a failed append left behind was refused: it must not become part of the journal.
      await writeFileAtomic(join(dir, `journal.unacknowledged-${fileStamp(this.now())}.txt`), bytes.subarray(acknowledged));
      await truncateDurable(journalPath, acknowledged);
      bytes = bytes.subarray(0, acknowledged);
    }
    this.unacknowledgedAfter.delete(id);
    let parsed: SalvagedJournal;
    try {
      parsed = parseJournalBytes(bytes, await this.readHeaderCopy(dir));
    } catch (e) {
      if (e instanceof JournalError) throw new ApiError('io', `${JOURNAL_FILE} is damaged (${e.message}); not appending to it`);
      throw e;
    }
    if (parsed.damage) {
      throw new ApiError(
        'conflict',
        `${JOURNAL_FILE} is damaged at ${formatDamage(parsed.damage)}; not appending to it. Recover it first: ${usableEntries(parsed).kept} entries can be kept`,
      );
    }
    await this.keepHeaderCopy(dir, bytes);
    let size = bytes.length;
    if (size > 0 && bytes[size - 1] !== 0x0a) {
      const cut = bytes.lastIndexOf(0x0a) + 1;
      const tail = bytes.subarray(cut);
      const whole = parsed.warnings.every((w) => !w.includes('cut off mid-write'));
      if (whole) {
        await appendDurable(journalPath, '\n');
        size += 1;
      } else {
        await writeFileAtomic(join(dir, `journal.torn-${fileStamp(this.now())}.txt`), tail);
        await truncateDurable(journalPath, cut);
        size = cut;
      }
    }
    const scenario = loadPinnedScenario(parsed.header);
    let run: ExerciseRun;
    try {
      run = ExerciseRun.replay(scenario, parsed.header.seed, parsed.entries);
    } catch (e) {
      throw new ApiError('io', `${JOURNAL_FILE} does not replay (${messageOf(e)}); not appending to it`);
    }
    const state: OpenJournal = {
      size,
      mtimeMs: (await stat(journalPath)).mtimeMs,
      entryCount: parsed.entries.length,
      lastT: lastTOf(parsed.entries),
      chainTip: parsed.chainTip,
      run,
    };
    this.remember(id, state);
    return state;
  }

  private remember(id: string, state: OpenJournal): void {
    this.open.delete(id);
    this.open.set(id, state);
    while (this.open.size > OPEN_JOURNALS) this.open.delete(this.open.keys().next().value!);
  }

  private touch(id: string, state: OpenJournal): void {
    this.open.delete(id);
    this.open.set(id, state);
  }

  /**
   * Marks an exercise finished or abandoned, and lets other hosts write it again.
   *
   * A finished exercise is replayed to the end and scored, and the key figures are kept in its
   * meta so history lists without replaying. An abandoned one keeps no score. A score with a
   * number that is not finite is refused rather than stored (it would read back as damage).
   */
  finish(id: string, status: 'finished' | 'abandoned'): Promise<ExerciseMeta> {
    assertId(id);
    return this.serial(id, async () => {
      const dir = await this.liveDir(id);
      try {
        const meta = await this.withWriteLock(id, async () => {
          const { loaded, header, damage } = await this.read(id, dir);
          if (damage) throw new ApiError('conflict', `the journal is damaged at ${formatDamage(damage)}; recover it before finishing`);
          let outcome: ExerciseMeta['outcome'] = null;
          if (status === 'finished') {
            const scenario = loadPinnedScenario(header);
            let run: ExerciseRun;
            try {
              run = ExerciseRun.replay(scenario, header.seed, loaded.entries);
            } catch (e) {
              throw new ApiError('conflict', `the journal does not replay, so it cannot be scored: ${messageOf(e)}`);
            }
            run.runToEnd();
            // A discussion-based exercise is judged by its evaluators' ratings (#19): its simulation
            // is a placeholder, so History lists it unscored and keeps it out of MTTD/MTTC figures.
            outcome = scenario.exerciseType === 'discussion' ? null : outcomeOf(scoreFinishedRun(run));
            const bad = nonFinite(outcome);
            if (bad) throw new ApiError('internal', `the score card has a number that is not finite (${bad}); the exercise was not marked finished`);
          }
          const next: ExerciseMeta = { ...loaded.meta, status, outcome, updatedAt: this.now().toISOString() };
          await this.writeMeta(dir, next);
          return next;
        });
        this.open.delete(id);
        await this.writeLocks.release(id);
        return meta;
      } catch (e) {
        throw toApiError(e, `could not finish exercise "${id}"`);
      }
    });
  }

  /** Saves the facilitator's debrief edits (atomically; a damaged old file is kept aside). */
  saveDebrief(id: string, debrief: DebriefEdits): Promise<{ savedAt: string }> {
    assertId(id);
    return this.serial(id, async () => {
      const dir = await this.liveDir(id);
      const path = join(dir, DEBRIEF_FILE);
      try {
        return await this.withWriteLock(id, async () => {
          const old = await this.readDebrief(path);
          const at = this.now();
          if (old.warning) await renameWithRetry(path, join(dir, `debrief.corrupt-${fileStamp(at)}.json`));
          await writeFileAtomic(path, `${JSON.stringify(debrief, null, 2)}\n`);
          const savedAt = at.toISOString();
          // History counts improvement-plan items from meta.json without reading every debrief.
          await this.updateMeta(dir, (m) => ({ ...m, updatedAt: savedAt, plan: planCounts(debrief) })).catch(() => undefined);
          return { savedAt };
        });
      } catch (e) {
        throw toApiError(e, `could not save ${path}`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Damage and recovery

  /**
   * Recovers a damaged journal: keeps the entries before the damage as the exercise's journal.
   *
   * The damaged file is first copied, byte for byte, to `journal.damaged-<time>.jsonl` beside it
   * (never modified); `recovery.json` records what was kept and lost, and every later load says
   * so. Returns null when the journal is not damaged (nothing to do).
   */
  salvage(id: string): Promise<SalvageResult | null> {
    assertId(id);
    return this.serial(id, async () => {
      const dir = await this.liveDir(id);
      const journalPath = join(dir, JOURNAL_FILE);
      try {
        return await this.withWriteLock(id, async () => {
          const bytes = await readFile(journalPath);
          let parsed: SalvagedJournal;
          try {
            parsed = parseJournalBytes(bytes, await this.readHeaderCopy(dir));
          } catch (e) {
            throw new ApiError(
              'io',
              `${JOURNAL_FILE} cannot be recovered: ${messageOf(e)} (without its header nothing can be replayed, and its copy in ${HEADER_FILE} is missing or damaged too); it was left as is`,
            );
          }
          if (!parsed.damage) return null;
          const usable = usableEntries(parsed);
          const at = this.now();
          const aside = join(dir, `journal.damaged-${fileStamp(at)}.jsonl`);
          await writeFileExclusive(aside, bytes);
          const recovered = serializeJournal({ header: parsed.header, entries: usable.entries });
          await writeFileAtomic(journalPath, recovered);
          await this.keepHeaderCopy(dir, Buffer.from(recovered, 'utf8'));
          const result: SalvageResult = {
            exerciseId: id,
            damage: parsed.damage,
            entriesKept: usable.kept,
            linesLost: usable.linesLost,
            gaps: usable.gaps,
            originalKeptAt: aside,
          };
          await writeFileAtomic(join(dir, RECOVERY_FILE), `${JSON.stringify({ ...result, recoveredAt: at.toISOString() }, null, 2)}\n`);
          this.open.delete(id);
          await this.updateMeta(dir, (m) => ({ ...m, entryCount: usable.entries.length, lastT: lastTOf(usable.entries), updatedAt: at.toISOString() })).catch(
            () => undefined,
          );
          return result;
        });
      } catch (e) {
        throw toApiError(e, `could not recover the journal of exercise "${id}"`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Read

  /**
   * Reads one exercise: meta (reconciled with the journal), entries, debrief and any warnings.
   *
   * A journal damaged in the middle still loads, read-only: the entries before the damage, and a
   * warning that says where the damage is, what would be lost and that it can be recovered.
   */
  async load(id: string): Promise<LoadedExercise> {
    const dir = await this.liveDir(id);
    try {
      return (await this.read(id, dir)).loaded;
    } catch (e) {
      throw toApiError(e, `could not load exercise "${id}"`);
    }
  }

  private async read(id: string, dir: string): Promise<{ loaded: LoadedExercise; header: JournalHeader; damage: JournalDamage | null }> {
    const journalPath = join(dir, JOURNAL_FILE);
    const [metaRead, journalBytes, headerCopy, debriefRead, recovery] = await Promise.all([
      this.readMeta(join(dir, META_FILE)),
      readFile(journalPath),
      this.readHeaderCopy(dir),
      this.readDebrief(join(dir, DEBRIEF_FILE)),
      readFile(join(dir, RECOVERY_FILE), 'utf8').catch(() => null),
    ]);
    let journal: SalvagedJournal;
    try {
      journal = parseJournalBytes(journalBytes, headerCopy);
    } catch (e) {
      if (e instanceof JournalError) throw new ApiError('io', `the journal of exercise "${id}" is damaged: ${e.message}`);
      throw e;
    }
    if (journal.header.exerciseId !== id) {
      throw new ApiError('io', `the journal in folder "${id}" belongs to exercise "${journal.header.exerciseId}"`);
    }
    const warnings = [...journal.warnings];
    const usable = journal.damage ? usableEntries(journal) : null;
    if (journal.damage && usable) {
      const lost = usable.linesLost;
      const gaps = usable.gaps.length > 0 ? ` ${describeGaps(usable.gaps)} could not be read (a clock checkpoint stands in for each);` : '';
      warnings.unshift(
        `the journal is damaged at ${formatDamage(journal.damage)}. Showing the ${usable.kept} entries that are whole;${gaps} ` +
          `${lost} line${lost === 1 ? '' : 's'} cannot be read. Recover the exercise to keep what is whole ` +
          `(the damaged file is kept beside it); until then it is read-only`,
      );
    }
    if (recovery) {
      try {
        const r = JSON.parse(recovery) as SalvageResult & { recoveredAt: string };
        const gaps = r.gaps?.length ? ` (${describeGaps(r.gaps)} lost: a clock checkpoint stands in for each)` : '';
        warnings.push(
          `recovered on ${r.recoveredAt}: the journal was damaged at ${formatDamage(r.damage)}; ${r.entriesKept} entries were kept${gaps} and ${r.linesLost} line${r.linesLost === 1 ? '' : 's'} lost; the damaged original is kept at ${r.originalKeptAt}`,
        );
      } catch {
        warnings.push(`${RECOVERY_FILE} is not readable; this exercise was recovered from a damaged journal once`);
      }
    }
    let meta: ExerciseMeta;
    if ('meta' in metaRead && metaRead.meta.id === id) {
      meta = metaRead.meta;
      if (!journal.damage && meta.entryCount > journal.entries.length) {
        const lost = meta.entryCount - journal.entries.length;
        warnings.push(
          `the journal has ${journal.entries.length} entries but ${meta.entryCount} were recorded: the last ${lost === 1 ? 'entry was' : `${lost} entries were`} cut off the file (it was truncated outside Firebreak)`,
        );
      }
    } else {
      const why = 'meta' in metaRead ? `names exercise "${metaRead.meta.id}"` : metaRead.missing ? 'is missing' : `could not be read (${metaRead.error})`;
      warnings.push(`${META_FILE} ${why}; the exercise details were rebuilt from the journal`);
      meta = metaFromJournal(journal);
    }
    const entries = usable ? usable.entries : journal.entries;
    // The journal is the truth: a meta update lost in a crash must not hide entries.
    meta = { ...meta, entryCount: entries.length, lastT: lastTOf(entries) };
    if (debriefRead.warning) warnings.push(debriefRead.warning);
    const text = journal.damage ? serializeJournal({ header: journal.header, entries }) : journalBytes.toString('utf8');
    return {
      loaded: { meta, journalText: text, entries, debrief: debriefRead.debrief, warnings, ...(journal.damage ? { recoverable: true } : {}) },
      header: journal.header,
      damage: journal.damage,
    };
  }

  /** The header copy's bytes, or null when there is none. */
  private async readHeaderCopy(dir: string): Promise<Buffer | null> {
    return readFile(join(dir, HEADER_FILE)).catch(() => null);
  }

  /**
   * Makes the header copy match the journal's (intact) header line: written for exercises made
   * before there were copies, and rewritten when the copy is damaged. Best effort: the journal
   * stays the truth, and a copy that could not be written is tried again next time.
   */
  private async keepHeaderCopy(dir: string, journalBytes: Uint8Array): Promise<void> {
    const end = journalBytes.indexOf(0x0a);
    if (end < 0) return;
    const line = journalBytes.subarray(0, end + 1);
    if (!headerCopyOf(line)) return; // not a verified format 2 header (format 1 journals have no copy)
    const copy = await this.readHeaderCopy(dir);
    if (copy && Buffer.compare(copy, line) === 0) return;
    await writeFileAtomic(join(dir, HEADER_FILE), line).catch(() => undefined);
  }

  private async readMeta(path: string): Promise<{ meta: ExerciseMeta } | { missing: true } | { missing: false; error: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { missing: true };
      return { missing: false, error: messageOf(e) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { missing: false, error: `not JSON: ${messageOf(e)}` };
    }
    const r = exerciseMetaSchema.safeParse(json);
    return r.success ? { meta: r.data } : { missing: false, error: describeIssues(r.error.issues) };
  }

  private async readDebrief(path: string): Promise<{ debrief: DebriefEdits; warning: string | null }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { debrief: EMPTY_DEBRIEF, warning: null };
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { debrief: EMPTY_DEBRIEF, warning: `${DEBRIEF_FILE} is not JSON (${messageOf(e)}); it will be kept aside when the debrief is next saved` };
    }
    const r = debriefEditsSchema.safeParse(json);
    if (!r.success)
      return {
        debrief: EMPTY_DEBRIEF,
        warning: `${DEBRIEF_FILE} is not a valid debrief (${describeIssues(r.error.issues)}); it will be kept aside when the debrief is next saved`,
      };
    return { debrief: r.data, warning: null };
  }

  /**
   * #19: the Exercise Overview the team entered in its latest debrief that has one (the team's
   * exercises newest first; other exercises' files are only read, each written atomically).
   */
  async lastTeamOverview(team: string, exceptId = ''): Promise<DebriefEdits['overview'] | null> {
    let names: string[];
    try {
      names = await readdir(this.exercisesDir);
    } catch {
      return null;
    }
    const mine: { id: string; at: string }[] = [];
    for (const name of names) {
      if (name === exceptId) continue;
      const r = await this.readMeta(join(this.exercisesDir, name, META_FILE)).catch(() => null);
      if (r && 'meta' in r && r.meta.team === team) mine.push({ id: name, at: r.meta.createdAt });
    }
    mine.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    for (const x of mine) {
      const { debrief } = await this.readDebrief(join(this.exercisesDir, x.id, DEBRIEF_FILE)).catch(() => ({ debrief: EMPTY_DEBRIEF }));
      const o = debrief.overview;
      if (o && Object.values(o).some((v) => (Array.isArray(v) ? v.some((y) => y.trim()) : Boolean(v?.trim())))) return o;
    }
    return null;
  }

  private readonly metaQueued = new Set<string>();

  /**
   * Updates a meta after the append that changed it has been acknowledged, in the exercise's queue
   * (so after that append and before the next operation), once for however many appends queued it:
   * the meta is derived from the journal, so its two fsyncs stay off the acknowledgement's path.
   */
  private metaLater(id: string, update: () => Promise<void>): void {
    if (this.metaQueued.has(id)) return;
    this.metaQueued.add(id);
    void this.serial(id, async () => {
      this.metaQueued.delete(id);
      await update();
    }).catch(() => undefined);
  }

  private async writeMeta(dir: string, meta: ExerciseMeta): Promise<void> {
    await writeFileAtomic(join(dir, META_FILE), `${JSON.stringify(meta)}\n`);
  }

  private async updateMeta(dir: string, change: (m: ExerciseMeta) => ExerciseMeta): Promise<void> {
    const r = await this.readMeta(join(dir, META_FILE));
    if (!('meta' in r)) return; // left for list()/load() to rebuild from the journal
    await this.writeMeta(dir, change(r.meta));
  }

  /**
   * Lists exercises from their meta files only (fast: no journal is read unless a meta is bad).
   *
   * A missing or damaged meta.json next to a good journal is rebuilt from the journal (a damaged
   * one is kept aside first) and the exercise stays listed, with a warning in `problems`. The
   * first list after start also runs cleanup() and names empty exercise folders once.
   */
  async list(options: { includeDeleted?: boolean } = {}): Promise<ListResult> {
    const problems: StoreProblem[] = [];
    const exercises: ListedExercise[] = [];
    await this.cleanupOnce().catch((e: unknown) => problems.push({ file: this.exercisesDir, message: `cleanup of leftovers failed: ${messageOf(e)}` }));
    // Named on every list while still there and empty (the host's own first list must not use them up).
    const stillEmpty = await mapLimit(this.emptyAtStart, LIST_CONCURRENCY, async (id) =>
      (await readdir(join(this.exercisesDir, id)).catch(() => null))?.length === 0 ? id : null,
    );
    this.emptyAtStart = stillEmpty.filter((id): id is string => id !== null);
    for (const id of this.emptyAtStart) {
      problems.push({
        file: join(this.exercisesDir, id),
        message: 'an empty exercise folder (an exercise creation that did not finish); there is nothing in it to recover, and it can be removed',
        emptyExerciseId: id,
      });
    }
    const dirs: { base: string; deleted: boolean }[] = [{ base: this.exercisesDir, deleted: false }];
    if (options.includeDeleted) dirs.push({ base: this.trashDir, deleted: true });
    for (const { base, deleted } of dirs) {
      let names: string[];
      try {
        names = (await readdir(base, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') continue;
        throw toApiError(e, `could not read ${base}`);
      }
      const results = await mapLimit(names, LIST_CONCURRENCY, (name) => this.listOne(base, name, !deleted));
      for (const r of results) {
        if (r.problem) problems.push(r.problem);
        if (r.meta) exercises.push(deleted ? { ...r.meta, deleted: true } : r.meta);
      }
    }
    exercises.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
    // An exercise History lists but cannot open is always named as such.
    for (const e of exercises) {
      const p = !e.deleted && this.unopenable.get(e.id);
      if (p) problems.push(p);
    }
    return { exercises, problems };
  }

  private async listOne(base: string, name: string, repair: boolean): Promise<{ meta?: ExerciseMeta; problem?: StoreProblem }> {
    const dir = join(base, name);
    const metaPath = join(dir, META_FILE);
    if (!EXERCISE_ID_RE.test(name)) return { problem: { file: dir, message: 'not an exercise folder (unexpected name); left as is' } };
    const read = await this.readMeta(metaPath);
    if ('meta' in read && read.meta.id === name) return { meta: read.meta };
    // A meta that names another exercise is as damaged as one that does not parse.
    const r = 'meta' in read ? { missing: false as const, error: `says it is exercise "${read.meta.id}" but is in folder "${name}"` } : read;

    // meta.json missing or damaged: rebuild it from the journal's header if there is a journal.
    const journalPath = join(dir, JOURNAL_FILE);
    let journal: SalvagedJournal;
    try {
      journal = parseJournalBytes(await readFile(journalPath), await this.readHeaderCopy(dir));
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') {
        if (r.missing && (await readdir(dir).catch(() => [''])).length === 0) return {}; // empty: named once by cleanup
        return { problem: { file: dir, message: `has ${r.missing ? 'neither meta.json nor' : 'a damaged meta.json and no'} journal.jsonl; skipped` } };
      }
      const why = e instanceof JournalError ? e.message : messageOf(e);
      return {
        problem: { file: journalPath, message: `meta.json is ${r.missing ? 'missing' : `damaged (${r.error})`} and the journal is damaged (${why}); skipped` },
      };
    }
    if (journal.header.exerciseId !== name) {
      return { problem: { file: journalPath, message: `belongs to exercise "${journal.header.exerciseId}" but is in folder "${name}"; skipped` } };
    }
    const meta = metaFromJournal(journal);
    const lacking = journal.header.team === undefined ? ' (an older journal: team and participants are unknown)' : '';
    let note = r.missing
      ? `meta.json was missing; rebuilt from the journal${lacking}`
      : `meta.json was damaged (${r.error}); rebuilt from the journal${lacking}`;
    if (repair) {
      await this.serial(name, async () => {
        const again = await this.readMeta(metaPath);
        if ('meta' in again && again.meta.id === name) return;
        await this.withWriteLock(name, async () => {
          if ('meta' in again || !again.missing) {
            const aside = `meta.corrupt-${fileStamp(this.now())}.json`;
            await renameWithRetry(metaPath, join(dir, aside));
            note += `; the damaged file was kept as ${aside}`;
          }
          await this.writeMeta(dir, meta);
        });
      }).catch((e: unknown) => {
        note += ` but could not be written back (${messageOf(e)})`;
      });
    }
    return { meta, problem: { file: metaPath, message: note } };
  }

  // ---------------------------------------------------------------------------------------------
  // Leftovers

  private cleanupOnce(): Promise<CleanupResult> {
    this.cleaned ??= this.cleanup().then((r) => {
      this.emptyAtStart = r.emptyFolders;
      for (const p of r.unopenable) this.unopenable.set(basename(dirname(p.file)), p);
      return r;
    });
    return this.cleaned;
  }

  /**
   * Cleans the store's own leftovers from crashes and failed writes.
   *
   * Removes temporary files whose writer no longer runs and staging folders of interrupted
   * imports; fixes the meta of running exercises whose entry count lagged the journal; names
   * empty exercise folders (removeEmpty() deletes them). Never touches anything it did not make,
   * nor another live host's work in progress.
   */
  async cleanup(): Promise<CleanupResult> {
    const result: CleanupResult = { removedTemp: [], removedImports: [], emptyFolders: [], reconciled: [], headerCopied: [], unopenable: [] };
    await this.writeLocks.cleanup();
    let entries: Dirent[];
    try {
      entries = await readdir(this.exercisesDir, { withFileTypes: true });
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return result;
      throw e;
    }
    // Folders in parallel, like list(): the first list after start waits for this.
    await mapLimit(entries, LIST_CONCURRENCY, async (d) => {
      const path = join(this.exercisesDir, d.name);
      if (d.isDirectory() && d.name.startsWith('.import-')) {
        // Still under way when its importer runs (this process included); older names carry no PID.
        const pid = Number(/^\.import-(\d+)-/.exec(d.name)?.[1] ?? NaN);
        if (pid === process.pid || (Number.isInteger(pid) && this.pidAlive(pid))) return;
        await rm(path, { recursive: true, force: true });
        result.removedImports.push(path);
        return;
      }
      if (d.isFile() && this.isDeadTemp(d.name)) {
        await rm(path, { force: true });
        result.removedTemp.push(path);
        return;
      }
      if (!d.isDirectory() || !EXERCISE_ID_RE.test(d.name)) return;
      const files = await readdir(path).catch(() => [] as string[]);
      for (const f of files.filter((f) => this.isDeadTemp(f))) {
        await rm(join(path, f), { force: true });
        result.removedTemp.push(join(path, f));
      }
      if (files.every((f) => this.isDeadTemp(f))) {
        if (!(await this.writeLocks.ownerOf(d.name))) result.emptyFolders.push(d.name);
        return;
      }
      if (files.includes(JOURNAL_FILE) && !files.includes(HEADER_FILE)) {
        // Made before header copies existed: give it one while its header is whole.
        const copied = await this.copyHeaderOnce(path);
        if (copied === true) result.headerCopied.push(d.name);
        else if (copied) result.unopenable.push(copied);
      }
      if (files.includes(JOURNAL_FILE) && (await this.reconcile(d.name, path))) result.reconciled.push(d.name);
    });
    result.emptyFolders.sort();
    return result;
  }

  /** Writes the header copy of an older exercise: true, or what stops it being opened (a damaged header). */
  private async copyHeaderOnce(dir: string): Promise<true | StoreProblem | null> {
    const journalPath = join(dir, JOURNAL_FILE);
    const bytes = await readFile(journalPath).catch(() => null);
    if (!bytes) return null;
    try {
      parseJournalBytes(bytes, null);
    } catch (e) {
      if (!(e instanceof JournalError)) return null;
      return { file: journalPath, message: `cannot be opened: its header line is damaged (${e.message}) and there is no copy to restore it from` };
    }
    await this.keepHeaderCopy(dir, bytes);
    return (await exists(join(dir, HEADER_FILE))) ? true : null;
  }

  private isDeadTemp(name: string): boolean {
    const pid = tmpOwnerPid(name);
    return pid !== null && pid !== process.pid && !this.pidAlive(pid);
  }

  /** A running exercise's meta with a stale entry count (crash between journal and meta) is fixed. */
  private async reconcile(id: string, dir: string): Promise<boolean> {
    const r = await this.readMeta(join(dir, META_FILE));
    if (!('meta' in r) || r.meta.status !== 'running') return false;
    let journal: SalvagedJournal;
    try {
      journal = parseJournalBytes(await readFile(join(dir, JOURNAL_FILE)), await this.readHeaderCopy(dir));
    } catch {
      return false;
    }
    const entryCount = journal.entries.length;
    const lastT = lastTOf(journal.entries);
    if (r.meta.entryCount === entryCount && r.meta.lastT === lastT) return false;
    if (await this.writeLocks.ownerOf(id)) return false; // another host is writing it: its meta is its own
    try {
      await this.serial(id, () => this.withWriteLock(id, () => this.updateMeta(dir, (m) => ({ ...m, entryCount, lastT }))));
      return true;
    } catch {
      return false; // taken by another host meanwhile, or not writable: load() still reconciles
    }
  }

  /** Removes exercise folders that are still empty (never one with anything in it). */
  async removeEmpty(ids: ReadonlyArray<string>): Promise<{ removed: string[]; kept: StoreProblem[] }> {
    const removed: string[] = [];
    const kept: StoreProblem[] = [];
    for (const id of ids) {
      assertId(id);
      const dir = join(this.exercisesDir, id);
      await this.serial(id, async () => {
        try {
          if (await this.writeLocks.ownerOf(id)) throw new Error('another Firebreak is creating it right now');
          await rmdir(dir); // fails unless empty
          removed.push(id);
        } catch (e) {
          kept.push({ file: dir, message: `not removed: ${errnoCode(e) === 'ENOTEMPTY' || errnoCode(e) === 'EEXIST' ? 'it is not empty' : messageOf(e)}` });
        }
      });
    }
    return { removed, kept };
  }

  // ---------------------------------------------------------------------------------------------
  // Delete and restore

  /** Moves an exercise to the trash (undoable with restore). */
  delete(id: string): Promise<{ deleted: string }> {
    assertId(id);
    return this.serial(id, async () => {
      const from = await this.liveDir(id);
      const to = join(this.trashDir, id);
      try {
        await this.withWriteLock(id, async () => {
          await mkdir(this.trashDir, { recursive: true });
          if (await exists(to)) throw new ApiError('conflict', `the trash already holds an exercise "${id}"`);
          await renameWithRetry(from, to);
        });
        this.open.delete(id);
        await this.writeLocks.release(id);
        return { deleted: id };
      } catch (e) {
        throw toApiError(e, `could not move ${from} to the trash`);
      }
    });
  }

  /** Moves an exercise back from the trash. */
  restore(id: string): Promise<{ restored: string }> {
    assertId(id);
    return this.serial(id, async () => {
      const from = join(this.trashDir, id);
      const to = join(this.exercisesDir, id);
      try {
        return await this.withWriteLock(id, async () => {
          if (!(await exists(from))) throw new ApiError('not-found', `exercise "${id}" is not in the trash`);
          if (await exists(to)) throw new ApiError('conflict', `an exercise "${id}" already exists`);
          await mkdir(this.exercisesDir, { recursive: true });
          await renameWithRetry(from, to);
          return { restored: id };
        });
      } catch (e) {
        throw toApiError(e, `could not restore ${from}`);
      }
    });
  }
  // ---------------------------------------------------------------------------------------------
  // Archives (host/storage/archive.ts)

  /** Builds an archive of the given exercises (JSON text) and a file name to save it under. */
  exportArchive(ids: ReadonlyArray<string>): Promise<{ fileName: string; text: string }> {
    return exportArchive(ids, { load: (id) => this.load(id), now: this.now });
  }

  /**
   * Imports an archive. An exercise already here with the same journal is skipped (no
   * duplicates); one with the same id but a different journal is reported and left alone.
   */
  importArchive(text: string): Promise<ImportResult> {
    return importArchive(text, {
      exercisesDir: this.exercisesDir,
      randomSuffix: this.randomSuffix,
      underWriteLock: (id, fn) => this.serial(id, () => this.withWriteLock(id, fn)),
      writeMeta: (dir, meta) => this.writeMeta(dir, meta),
    });
  }
}
