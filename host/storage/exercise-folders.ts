/**
 * Where the store's exercises live and how work on one of them is ordered: the one context the
 * store's modules (journal writer, catalogue, recovery, archive) share.
 *
 * Operations on one exercise are serialised within the process (one queue per folder, shared by
 * every store on the same data folder), and writes happen under the exercise's lock
 * (exercise-lock.ts), kept when this host holds it already (a running exercise).
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/contract/api.ts';
import { errnoCode, exists, KeyedMutex } from './durable-fs.ts';
import { ExerciseLocks, LockedByOther, LockLost } from './exercise-lock.ts';
import { EXERCISE_ID_RE } from './meta-schema.ts';

/**
 * One queue per exercise folder for the whole process: two stores on the same data folder in one
 * process (a re-created store, tests) still write one exercise one operation at a time.
 */
const folderQueue = new KeyedMutex();

export function assertId(id: string): void {
  if (!EXERCISE_ID_RE.test(id)) throw new ApiError('invalid-request', `"${id}" is not an exercise id`);
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Any failure that is not already an ApiError becomes an 'io' error that keeps the OS message. */
export function toApiError(e: unknown, what: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof LockedByOther || e instanceof LockLost) return new ApiError('conflict', e.message);
  return new ApiError('io', `${what}: ${messageOf(e)}`);
}

export interface ExerciseFoldersOptions {
  now: () => Date;
  pidAlive: (pid: number) => boolean;
  app?: string;
}

export class ExerciseFolders {
  readonly exercisesDir: string;
  readonly trashDir: string;
  readonly now: () => Date;
  readonly pidAlive: (pid: number) => boolean;
  /** Who may write each exercise, across processes sharing the data folder. */
  readonly writeLocks: ExerciseLocks;

  constructor(
    readonly rootDir: string,
    options: ExerciseFoldersOptions,
  ) {
    this.exercisesDir = join(rootDir, 'exercises');
    this.trashDir = join(rootDir, 'trash');
    this.now = options.now;
    this.pidAlive = options.pidAlive;
    this.writeLocks = new ExerciseLocks(rootDir, { app: options.app, pidAlive: options.pidAlive, now: options.now });
  }

  /** The folder of a live (not deleted) exercise. */
  dirOf(id: string): string {
    assertId(id);
    return join(this.exercisesDir, id);
  }

  /** Serialises work on one exercise within the process (keyed by folder, shared by every store). */
  serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return folderQueue.run(resolve(this.exercisesDir, id), fn);
  }

  /**
   * Runs a write with the exercise's lock: kept when this store holds it already (a running
   * exercise), otherwise taken for the write only.
   */
  async withWriteLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
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

  /** The folder of an exercise that exists (not-found, naming the trash when it is there). */
  async liveDir(id: string): Promise<string> {
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
}
