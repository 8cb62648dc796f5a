/**
 * The catalogue: what exercises there are and what each one says about itself.
 *
 * Lists exercises from their meta files only (a missing or damaged meta is rebuilt from the
 * journal and the exercise stays listed, with a warning); reads one exercise whole (meta
 * reconciled with the journal, entries, debrief, warnings); keeps the meta in line with the
 * journal after appends (derived, so never on an acknowledgement's path); marks an exercise
 * finished with the outcome its caller scored (the store does not score); saves the debrief;
 * moves exercises to the trash and back. A damaged exercise is reported by name and never hides
 * the others.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError, EMPTY_DEBRIEF, type DebriefEdits, type ExerciseMeta, type LoadedExercise, type StoreProblem } from '../../shared/contract/api.ts';
import { JournalError, formatDamage, parseJournalBytes, serializeJournal, type JournalDamage, type SalvagedJournal } from '../../shared/engine/journal.ts';
import { errnoCode, exists, mapLimit, renameWithRetry, writeFileAtomic } from './durable-fs.ts';
import { assertId, messageOf, toApiError, type ExerciseFolders } from './exercise-folders.ts';
import { readDebrief, readHeaderCopy, readMeta, updateMeta, writeMeta } from './exercise-files.ts';
import { fileStamp, lastTOf, metaFromJournal, nonFinite, planCounts } from './exercise-meta.ts';
import { DEBRIEF_FILE, JOURNAL_FILE, META_FILE, RECOVERY_FILE } from './folder-layout.ts';
import { EXERCISE_ID_RE } from './meta-schema.ts';
import { describeGaps, LIST_CONCURRENCY, usableEntries, type CleanupResult, type Recovery, type SalvageResult } from './recovery.ts';

/** A listed exercise; `deleted` is set only for items listed from the trash. */
export type ListedExercise = ExerciseMeta & { deleted?: true };

export interface ListResult {
  exercises: ListedExercise[];
  problems: StoreProblem[];
}

export class Catalogue {
  /** cleanup() runs once, before the first list. */
  private cleaned: Promise<CleanupResult> | null = null;
  /** Empty folders found at start-up: named by every list while they are still there and empty. */
  private emptyAtStart: string[] = [];
  /** Exercises found at start-up that cannot be opened (named by every list while listed). */
  private readonly unopenable = new Map<string, StoreProblem>();
  /** Where each journal ended at its last acknowledged append, for a meta update not yet run. */
  private readonly appendedTo = new Map<string, { dir: string; entryCount: number; lastT: number }>();
  /** Meta updates queued or running: a list waits for them, so it never reads a meta behind this host's journal. */
  private readonly metaUpdates = new Set<Promise<void>>();

  constructor(
    private readonly folders: ExerciseFolders,
    private readonly recovery: Recovery,
    /** The exercise stopped being written (finished, deleted): the journal writer forgets it. */
    private readonly closed: (id: string) => void,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // The meta, derived from the journal

  /**
   * Updates a meta after the append that changed it has been acknowledged, in the exercise's queue
   * (so after that append and before the next operation), once for however many appends queued it:
   * the meta is derived from the journal, so its two fsyncs stay off the acknowledgement's path.
   * The journal is the truth: a failed meta update is repaired by load() and cleanup().
   */
  appended(id: string, dir: string, end: { entryCount: number; lastT: number }): void {
    const queued = this.appendedTo.has(id);
    this.appendedTo.set(id, { dir, ...end });
    if (queued) return;
    const job = this.folders
      .serial(id, async () => {
        const to = this.appendedTo.get(id);
        this.appendedTo.delete(id);
        if (!to) return;
        await updateMeta(to.dir, (m) => ({ ...m, entryCount: to.entryCount, lastT: to.lastT, updatedAt: this.folders.now().toISOString() }));
      })
      .catch(() => undefined);
    this.metaUpdates.add(job);
    void job.then(() => this.metaUpdates.delete(job));
  }

  /** Resolves once every meta update queued so far has run (a list, or the store closing, waits for them). */
  async settled(): Promise<void> {
    await Promise.all(this.metaUpdates);
  }

  /**
   * Marks an exercise finished or abandoned, and lets other hosts write it again.
   *
   * `outcome` is the score its caller worked out from its own run (the live session's, or the
   * API's replay): the store keeps it so History lists without replaying, and refuses one with a
   * number that is not finite rather than store it (it would read back as damage). An abandoned
   * exercise keeps no score.
   */
  finish(id: string, status: 'finished' | 'abandoned', outcome: ExerciseMeta['outcome']): Promise<ExerciseMeta> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      const dir = await f.liveDir(id);
      try {
        const meta = await f.withWriteLock(id, async () => {
          const { loaded, damage } = await this.read(id, dir);
          if (damage) throw new ApiError('conflict', `the journal is damaged at ${formatDamage(damage)}; recover it before finishing`);
          const kept = status === 'finished' ? outcome : null;
          const bad = nonFinite(kept);
          if (bad) throw new ApiError('internal', `the score card has a number that is not finite (${bad}); the exercise was not marked finished`);
          const next: ExerciseMeta = { ...loaded.meta, status, outcome: kept, updatedAt: f.now().toISOString() };
          await writeMeta(dir, next);
          return next;
        });
        this.closed(id);
        await f.writeLocks.release(id);
        return meta;
      } catch (e) {
        throw toApiError(e, `could not finish exercise "${id}"`);
      }
    });
  }

  /** Saves the facilitator's debrief edits (atomically; a damaged old file is kept aside). */
  saveDebrief(id: string, debrief: DebriefEdits): Promise<{ savedAt: string }> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      const dir = await f.liveDir(id);
      const path = join(dir, DEBRIEF_FILE);
      try {
        return await f.withWriteLock(id, async () => {
          const old = await readDebrief(path);
          const at = f.now();
          if (old.warning) await renameWithRetry(path, join(dir, `debrief.corrupt-${fileStamp(at)}.json`));
          await writeFileAtomic(path, `${JSON.stringify(debrief, null, 2)}\n`);
          const savedAt = at.toISOString();
          // History counts improvement-plan items from meta.json without reading every debrief.
          await updateMeta(dir, (m) => ({ ...m, updatedAt: savedAt, plan: planCounts(debrief) })).catch(() => undefined);
          return { savedAt };
        });
      } catch (e) {
        throw toApiError(e, `could not save ${path}`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Listing

  /**
   * Lists exercises from their meta files only (fast: no journal is read unless a meta is bad).
   *
   * A missing or damaged meta.json next to a good journal is rebuilt from the journal (a damaged
   * one is kept aside first) and the exercise stays listed, with a warning in `problems`. The
   * first list after start also runs cleanup() and names empty exercise folders once.
   */
  async list(options: { includeDeleted?: boolean } = {}): Promise<ListResult> {
    const f = this.folders;
    const problems: StoreProblem[] = [];
    const exercises: ListedExercise[] = [];
    await this.cleanupOnce().catch((e: unknown) => problems.push({ file: f.exercisesDir, message: `cleanup of leftovers failed: ${messageOf(e)}` }));
    await this.settled();
    // Named on every list while still there and empty (the host's own first list must not use them up).
    const stillEmpty = await mapLimit(this.emptyAtStart, LIST_CONCURRENCY, async (id) =>
      (await readdir(join(f.exercisesDir, id)).catch(() => null))?.length === 0 ? id : null,
    );
    this.emptyAtStart = stillEmpty.filter((id): id is string => id !== null);
    for (const id of this.emptyAtStart) {
      problems.push({
        file: join(f.exercisesDir, id),
        message: 'an empty exercise folder (an exercise creation that did not finish); there is nothing in it to recover, and it can be removed',
        emptyExerciseId: id,
      });
    }
    const dirs: { base: string; deleted: boolean }[] = [{ base: f.exercisesDir, deleted: false }];
    if (options.includeDeleted) dirs.push({ base: f.trashDir, deleted: true });
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

  private cleanupOnce(): Promise<CleanupResult> {
    this.cleaned ??= this.recovery.cleanup().then((r) => {
      this.emptyAtStart = r.emptyFolders;
      for (const p of r.unopenable) this.unopenable.set(basename(dirname(p.file)), p);
      return r;
    });
    return this.cleaned;
  }

  private async listOne(base: string, name: string, repair: boolean): Promise<{ meta?: ExerciseMeta; problem?: StoreProblem }> {
    const f = this.folders;
    const dir = join(base, name);
    const metaPath = join(dir, META_FILE);
    if (!EXERCISE_ID_RE.test(name)) return { problem: { file: dir, message: 'not an exercise folder (unexpected name); left as is' } };
    const read = await readMeta(metaPath);
    if ('meta' in read && read.meta.id === name) return { meta: read.meta };
    // A meta that names another exercise is as damaged as one that does not parse.
    const r = 'meta' in read ? { missing: false as const, error: `says it is exercise "${read.meta.id}" but is in folder "${name}"` } : read;

    // meta.json missing or damaged: rebuild it from the journal's header if there is a journal.
    const journalPath = join(dir, JOURNAL_FILE);
    let journal: SalvagedJournal;
    try {
      journal = parseJournalBytes(await readFile(journalPath), await readHeaderCopy(dir));
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
      await f
        .serial(name, async () => {
          const again = await readMeta(metaPath);
          if ('meta' in again && again.meta.id === name) return;
          await f.withWriteLock(name, async () => {
            if ('meta' in again || !again.missing) {
              const aside = `meta.corrupt-${fileStamp(f.now())}.json`;
              await renameWithRetry(metaPath, join(dir, aside));
              note += `; the damaged file was kept as ${aside}`;
            }
            await writeMeta(dir, meta);
          });
        })
        .catch((e: unknown) => {
          note += ` but could not be written back (${messageOf(e)})`;
        });
    }
    return { meta, problem: { file: metaPath, message: note } };
  }

  /**
   * #19: the Exercise Overview the team entered in its latest debrief that has one (the team's
   * exercises newest first; other exercises' files are only read, each written atomically).
   */
  async lastTeamOverview(team: string, exceptId = ''): Promise<DebriefEdits['overview'] | null> {
    const f = this.folders;
    let names: string[];
    try {
      names = await readdir(f.exercisesDir);
    } catch {
      return null;
    }
    const mine: { id: string; at: string }[] = [];
    for (const name of names) {
      if (name === exceptId) continue;
      const r = await readMeta(join(f.exercisesDir, name, META_FILE)).catch(() => null);
      if (r && 'meta' in r && r.meta.team === team) mine.push({ id: name, at: r.meta.createdAt });
    }
    mine.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    for (const x of mine) {
      const { debrief } = await readDebrief(join(f.exercisesDir, x.id, DEBRIEF_FILE)).catch(() => ({ debrief: EMPTY_DEBRIEF }));
      const o = debrief.overview;
      if (o && Object.values(o).some((v) => (Array.isArray(v) ? v.some((y) => y.trim()) : Boolean(v?.trim())))) return o;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading one exercise

  /**
   * Reads one exercise: meta (reconciled with the journal), entries, debrief and any warnings.
   *
   * A journal damaged in the middle still loads, read-only: the entries before the damage, and a
   * warning that says where the damage is, what would be lost and that it can be recovered.
   */
  async load(id: string): Promise<LoadedExercise> {
    const dir = await this.folders.liveDir(id);
    try {
      return (await this.read(id, dir)).loaded;
    } catch (e) {
      throw toApiError(e, `could not load exercise "${id}"`);
    }
  }

  private async read(id: string, dir: string): Promise<{ loaded: LoadedExercise; damage: JournalDamage | null }> {
    const journalPath = join(dir, JOURNAL_FILE);
    const [metaRead, journalBytes, headerCopy, debriefRead, recovery] = await Promise.all([
      readMeta(join(dir, META_FILE)),
      readFile(journalPath),
      readHeaderCopy(dir),
      readDebrief(join(dir, DEBRIEF_FILE)),
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
    // The journal is the truth: a meta update lost in a crash (or not yet run) must not hide entries.
    meta = { ...meta, entryCount: entries.length, lastT: lastTOf(entries) };
    if (debriefRead.warning) warnings.push(debriefRead.warning);
    const text = journal.damage ? serializeJournal({ header: journal.header, entries }) : journalBytes.toString('utf8');
    return {
      loaded: { meta, journalText: text, entries, debrief: debriefRead.debrief, warnings, ...(journal.damage ? { recoverable: true } : {}) },
      damage: journal.damage,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Trash

  /** Moves an exercise to the trash (undoable with restore). */
  delete(id: string): Promise<{ deleted: string }> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      const from = await f.liveDir(id);
      const to = join(f.trashDir, id);
      try {
        await f.withWriteLock(id, async () => {
          await mkdir(f.trashDir, { recursive: true });
          if (await exists(to)) throw new ApiError('conflict', `the trash already holds an exercise "${id}"`);
          await renameWithRetry(from, to);
        });
        this.closed(id);
        await f.writeLocks.release(id);
        return { deleted: id };
      } catch (e) {
        throw toApiError(e, `could not move ${from} to the trash`);
      }
    });
  }

  /** Moves an exercise back from the trash. */
  restore(id: string): Promise<{ restored: string }> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      const from = join(f.trashDir, id);
      const to = join(f.exercisesDir, id);
      try {
        return await f.withWriteLock(id, async () => {
          if (!(await exists(from))) throw new ApiError('not-found', `exercise "${id}" is not in the trash`);
          if (await exists(to)) throw new ApiError('conflict', `an exercise "${id}" already exists`);
          await mkdir(f.exercisesDir, { recursive: true });
          await renameWithRetry(from, to);
          return { restored: id };
        });
      } catch (e) {
        throw toApiError(e, `could not restore ${from}`);
      }
    });
  }
}
