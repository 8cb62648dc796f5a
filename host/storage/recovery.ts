/**
 * Recovery: damaged journals and what crashes leave behind.
 *
 * salvage() keeps what a damaged journal still holds (the damaged file kept byte for byte beside
 * it, `recovery.json` saying what was kept and lost); cleanup() removes the store's own leftovers
 * (temporary files and import staging folders whose writer no longer runs), gives older
 * exercises their header copy, and brings a running exercise's meta back in line with its journal
 * after a crash between the two writes. Nothing here touches what it did not make, nor another
 * live host's work in progress.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type StoreProblem } from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import {
  JournalError,
  parseJournalBytes,
  recoveredEntries,
  serializeJournal,
  type JournalDamage,
  type JournalGap,
  type SalvagedJournal,
} from '../../shared/engine/journal.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { loadPinnedScenario as loadPinned } from '../../shared/scenario/pinned.ts';
import { errnoCode, exists, mapLimit, tmpOwnerPid, writeFileAtomic, writeFileExclusive } from './durable-fs.ts';
import { assertId, messageOf, toApiError, type ExerciseFolders } from './exercise-folders.ts';
import { keepHeaderCopy, readHeaderCopy, readMeta, updateMeta } from './exercise-files.ts';
import { fileStamp, lastTOf } from './exercise-meta.ts';
import { HEADER_FILE, JOURNAL_FILE, META_FILE, RECOVERY_FILE } from './folder-layout.ts';
import { EXERCISE_ID_RE } from './meta-schema.ts';

/** Parallel file reads when sweeping the store (well under every platform's open-file limit). */
export const LIST_CONCURRENCY = 64;

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

/** What a (possibly damaged) journal still holds, as the exercise's entries: see usableEntries. */
export interface Usable {
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
export function usableEntries(journal: SalvagedJournal): Usable {
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

export function describeGaps(gaps: ReadonlyArray<JournalGap>): string {
  return gaps.map((g) => (g.fromSeq === g.toSeq ? `entry ${g.fromSeq}` : `entries ${g.fromSeq}–${g.toSeq}`)).join(', ');
}

export class Recovery {
  constructor(
    private readonly folders: ExerciseFolders,
    /** The journal changed under the writer (salvage rewrote it): forget what it knew. */
    private readonly journalRewritten: (id: string) => void,
  ) {}

  /**
   * Recovers a damaged journal: keeps the entries before the damage as the exercise's journal.
   *
   * The damaged file is first copied, byte for byte, to `journal.damaged-<time>.jsonl` beside it
   * (never modified); `recovery.json` records what was kept and lost, and every later load says
   * so. Returns null when the journal is not damaged (nothing to do).
   */
  salvage(id: string): Promise<SalvageResult | null> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      const dir = await f.liveDir(id);
      const journalPath = join(dir, JOURNAL_FILE);
      try {
        return await f.withWriteLock(id, async () => {
          const bytes = await readFile(journalPath);
          let parsed: SalvagedJournal;
          try {
            parsed = parseJournalBytes(bytes, await readHeaderCopy(dir));
          } catch (e) {
            throw new ApiError(
              'io',
              `${JOURNAL_FILE} cannot be recovered: ${messageOf(e)} (without its header nothing can be replayed, and its copy in ${HEADER_FILE} is missing or damaged too); it was left as is`,
            );
          }
          if (!parsed.damage) return null;
          const usable = usableEntries(parsed);
          const at = f.now();
          const aside = join(dir, `journal.damaged-${fileStamp(at)}.jsonl`);
          await writeFileExclusive(aside, bytes);
          const recovered = serializeJournal({ header: parsed.header, entries: usable.entries });
          await writeFileAtomic(journalPath, recovered);
          await keepHeaderCopy(dir, Buffer.from(recovered, 'utf8'));
          const result: SalvageResult = {
            exerciseId: id,
            damage: parsed.damage,
            entriesKept: usable.kept,
            linesLost: usable.linesLost,
            gaps: usable.gaps,
            originalKeptAt: aside,
          };
          await writeFileAtomic(join(dir, RECOVERY_FILE), `${JSON.stringify({ ...result, recoveredAt: at.toISOString() }, null, 2)}\n`);
          this.journalRewritten(id);
          await updateMeta(dir, (m) => ({ ...m, entryCount: usable.entries.length, lastT: lastTOf(usable.entries), updatedAt: at.toISOString() })).catch(
            () => undefined,
          );
          return result;
        });
      } catch (e) {
        throw toApiError(e, `could not recover the journal of exercise "${id}"`);
      }
    });
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
    const f = this.folders;
    await f.writeLocks.cleanup();
    let entries: Dirent[];
    try {
      entries = await readdir(f.exercisesDir, { withFileTypes: true });
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return result;
      throw e;
    }
    // Folders in parallel, like list(): the first list after start waits for this.
    await mapLimit(entries, LIST_CONCURRENCY, async (d) => {
      const path = join(f.exercisesDir, d.name);
      if (d.isDirectory() && d.name.startsWith('.import-')) {
        // Still under way when its importer runs (this process included); older names carry no PID.
        const pid = Number(/^\.import-(\d+)-/.exec(d.name)?.[1] ?? NaN);
        if (pid === process.pid || (Number.isInteger(pid) && f.pidAlive(pid))) return;
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
      for (const name of files.filter((n) => this.isDeadTemp(n))) {
        await rm(join(path, name), { force: true });
        result.removedTemp.push(join(path, name));
      }
      if (files.every((n) => this.isDeadTemp(n))) {
        if (!(await f.writeLocks.ownerOf(d.name))) result.emptyFolders.push(d.name);
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
    await keepHeaderCopy(dir, bytes);
    return (await exists(join(dir, HEADER_FILE))) ? true : null;
  }

  private isDeadTemp(name: string): boolean {
    const pid = tmpOwnerPid(name);
    return pid !== null && pid !== process.pid && !this.folders.pidAlive(pid);
  }

  /** A running exercise's meta with a stale entry count (crash between journal and meta) is fixed. */
  private async reconcile(id: string, dir: string): Promise<boolean> {
    const f = this.folders;
    const r = await readMeta(join(dir, META_FILE));
    if (!('meta' in r) || r.meta.status !== 'running') return false;
    let journal: SalvagedJournal;
    try {
      journal = parseJournalBytes(await readFile(join(dir, JOURNAL_FILE)), await readHeaderCopy(dir));
    } catch {
      return false;
    }
    const entryCount = journal.entries.length;
    const lastT = lastTOf(journal.entries);
    if (r.meta.entryCount === entryCount && r.meta.lastT === lastT) return false;
    if (await f.writeLocks.ownerOf(id)) return false; // another host is writing it: its meta is its own
    try {
      await f.serial(id, () => f.withWriteLock(id, () => updateMeta(dir, (m) => ({ ...m, entryCount, lastT }))));
      return true;
    } catch {
      return false; // taken by another host meanwhile, or not writable: load() still reconciles
    }
  }

  /** Removes exercise folders that are still empty (never one with anything in it). */
  async removeEmpty(ids: ReadonlyArray<string>): Promise<{ removed: string[]; kept: StoreProblem[] }> {
    const f = this.folders;
    const removed: string[] = [];
    const kept: StoreProblem[] = [];
    for (const id of ids) {
      assertId(id);
      const dir = join(f.exercisesDir, id);
      await f.serial(id, async () => {
        try {
          if (await f.writeLocks.ownerOf(id)) throw new Error('another Firebreak is creating it right now');
          await rmdir(dir); // fails unless empty
          removed.push(id);
        } catch (e) {
          kept.push({ file: dir, message: `not removed: ${errnoCode(e) === 'ENOTEMPTY' || errnoCode(e) === 'EEXIST' ? 'it is not empty' : messageOf(e)}` });
        }
      });
    }
    return { removed, kept };
  }
}
