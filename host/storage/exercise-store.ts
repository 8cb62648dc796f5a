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
 * `ExerciseStore` is a facade over the store's concerns, one module each (#18):
 *   journal-writer.ts  create and append: durable before acknowledged, all or nothing, no replay
 *   catalogue.ts       list, load, the derived meta, finish (with its caller's score), debrief, trash
 *   recovery.ts        damaged journals (salvage) and crash leftovers (cleanup, removeEmpty)
 *   archive.ts         export and import of many exercises
 *   exercise-lock.ts   who may write an exercise, across hosts
 *   exercise-folders.ts the folders, the per-exercise queue and the write lock the others share
 *
 * Rules: an append is fsynced before it is acknowledged, and is all or nothing; whole-file writes
 * are atomic (tmp, fsync, rename); nothing is ever deleted by the store except its own leftovers
 * (deletes go to the trash, damaged bits are kept beside the file they came from); a damaged
 * exercise is reported by name and never hides the others. One host writes an exercise at a time
 * (a lock naming the owner); operations on one exercise are serialised within the process. The
 * store neither replays nor scores: whoever runs the engine for an action checks it before the
 * append (host/session), and scores a finished run before finish().
 */
import type { DebriefEdits, ExerciseMeta, ExerciseSetup, LoadedExercise, StoreProblem } from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import { openForAppend, type OpenForAppend } from './durable-fs.ts';
import { exportArchive, importArchive, type ImportResult } from './archive.ts';
import { Catalogue, type ListResult } from './catalogue.ts';
import { assertId, ExerciseFolders, toApiError } from './exercise-folders.ts';
import { writeMeta } from './exercise-files.ts';
import { pidAlive, type ExerciseLocks } from './exercise-lock.ts';
import { randomBase36 } from './exercise-meta.ts';
import { JournalWriter } from './journal-writer.ts';
import { Recovery, type CleanupResult, type SalvageResult } from './recovery.ts';

export type { ImportResult } from './archive.ts';
export type { ListedExercise, ListResult } from './catalogue.ts';
export type { CleanupResult, SalvageResult } from './recovery.ts';
export { ARCHIVE_FORMAT, type Archive, type ArchiveItem } from './meta-schema.ts';
export { metaFromJournal, newExerciseId, planCounts } from './exercise-meta.ts';
export { DEBRIEF_FILE, HEADER_FILE, JOURNAL_FILE, META_FILE, RECOVERY_FILE } from './folder-layout.ts';

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

export class ExerciseStore {
  readonly exercisesDir: string;
  readonly trashDir: string;
  /** Who may write each exercise, across processes sharing the data folder. */
  readonly writeLocks: ExerciseLocks;
  private readonly folders: ExerciseFolders;
  private readonly randomSuffix: () => string;
  private readonly writer: JournalWriter;
  private readonly recovery: Recovery;
  private readonly catalogue: Catalogue;

  constructor(
    readonly rootDir: string,
    options: ExerciseStoreOptions = {},
  ) {
    this.folders = new ExerciseFolders(rootDir, { now: options.now ?? (() => new Date()), pidAlive: options.pidAlive ?? pidAlive, app: options.app });
    this.exercisesDir = this.folders.exercisesDir;
    this.trashDir = this.folders.trashDir;
    this.writeLocks = this.folders.writeLocks;
    this.randomSuffix = options.randomSuffix ?? randomBase36;
    this.recovery = new Recovery(this.folders, (id) => this.writer.forget(id));
    this.catalogue = new Catalogue(this.folders, this.recovery, (id) => this.writer.forget(id));
    this.writer = new JournalWriter(this.folders, {
      openForAppend: options.openForAppend ?? openForAppend,
      randomSuffix: this.randomSuffix,
      lastTeamOverview: (team, exceptId) => this.catalogue.lastTeamOverview(team, exceptId),
      appended: (id, dir, end) => this.catalogue.appended(id, dir, end),
    });
  }

  /** The folder of a live (not deleted) exercise. */
  dirOf(id: string): string {
    return this.folders.dirOf(id);
  }

  // ---- the write lock -----------------------------------------------------------------------

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
    this.writer.forget(id);
    await this.writeLocks.release(id);
  }

  /** Releases every lock this store holds (the host is closing), once the metas have caught up. */
  async close(): Promise<void> {
    await this.catalogue.settled();
    this.writer.forgetAll();
    await this.writeLocks.releaseAll();
  }

  // ---- the journal (journal-writer.ts) -------------------------------------------------------

  /** Starts an exercise: pins the scenario source and the setup in a new journal and writes its meta. */
  create(setup: ExerciseSetup): Promise<ExerciseMeta> {
    return this.writer.create(setup);
  }

  /**
   * Appends entries the caller's engine has taken already, and resolves once they are fsynced.
   * Only their continuity (seq, time, horizon) is checked here; nothing is replayed.
   */
  append(id: string, entries: ReadonlyArray<JournalEntry>): Promise<{ entryCount: number; lastT: number }> {
    return this.writer.append(id, entries);
  }

  // ---- the catalogue (catalogue.ts) ---------------------------------------------------------

  list(options: { includeDeleted?: boolean } = {}): Promise<ListResult> {
    return this.catalogue.list(options);
  }

  load(id: string): Promise<LoadedExercise> {
    return this.catalogue.load(id);
  }

  /** Marks an exercise finished (with the outcome its caller scored) or abandoned; releases it. */
  finish(id: string, status: 'finished' | 'abandoned', outcome: ExerciseMeta['outcome'] = null): Promise<ExerciseMeta> {
    return this.catalogue.finish(id, status, outcome);
  }

  saveDebrief(id: string, debrief: DebriefEdits): Promise<{ savedAt: string }> {
    return this.catalogue.saveDebrief(id, debrief);
  }

  lastTeamOverview(team: string, exceptId = ''): Promise<DebriefEdits['overview'] | null> {
    return this.catalogue.lastTeamOverview(team, exceptId);
  }

  delete(id: string): Promise<{ deleted: string }> {
    return this.catalogue.delete(id);
  }

  restore(id: string): Promise<{ restored: string }> {
    return this.catalogue.restore(id);
  }

  // ---- recovery (recovery.ts) ---------------------------------------------------------------

  salvage(id: string): Promise<SalvageResult | null> {
    return this.recovery.salvage(id);
  }

  cleanup(): Promise<CleanupResult> {
    return this.recovery.cleanup();
  }

  removeEmpty(ids: ReadonlyArray<string>): Promise<{ removed: string[]; kept: StoreProblem[] }> {
    return this.recovery.removeEmpty(ids);
  }

  // ---- archives (archive.ts) ----------------------------------------------------------------

  /** Builds an archive of the given exercises (JSON text) and a file name to save it under. */
  exportArchive(ids: ReadonlyArray<string>): Promise<{ fileName: string; text: string }> {
    return exportArchive(ids, { load: (id) => this.load(id), now: this.folders.now });
  }

  /**
   * Imports an archive. An exercise already here with the same journal is skipped (no
   * duplicates); one with the same id but a different journal is reported and left alone.
   */
  importArchive(text: string): Promise<ImportResult> {
    return importArchive(text, {
      exercisesDir: this.exercisesDir,
      randomSuffix: this.randomSuffix,
      underWriteLock: (id, fn) => this.folders.serial(id, () => this.folders.withWriteLock(id, fn)),
      writeMeta,
    });
  }
}
