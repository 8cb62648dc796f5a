/**
 * Exercises on disk: one folder per exercise with its meta, journal and debrief.
 *
 *   <root>/exercises/<id>/meta.json      ExerciseMeta (small: history lists read only this)
 *   <root>/exercises/<id>/journal.jsonl  header line + one line per input (the source of truth)
 *   <root>/exercises/<id>/debrief.json   DebriefEdits
 *   <root>/trash/<id>/                   deleted exercises (restore moves them back)
 *
 * Rules: an append is fsynced before it is acknowledged; whole-file writes are atomic (tmp, fsync,
 * rename); nothing is ever deleted by the store (deletes go to the trash, damaged bits are kept
 * beside the file they came from); a damaged exercise is reported by name and never hides the
 * others. Operations on one exercise are serialised in-process; the journal's size on disk is
 * re-checked before each append so another process writing the same folder is noticed.
 */
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
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
  parseJournal,
  serializeEntry,
  serializeHeader,
  serializeJournal,
  type JournalHeader,
  type ParsedJournal,
} from '../../shared/engine/journal.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { outcomeOf, scoreFinishedRun } from '../../shared/scoring/score-card.ts';
import { appendDurable, errnoCode, exists, KeyedMutex, mapLimit, renameWithRetry, syncDir, writeFileAtomic } from './durable-fs.ts';
import {
  ARCHIVE_FORMAT,
  archiveItemSchema,
  archiveSchema,
  describeIssues,
  EXERCISE_ID_RE,
  exerciseMetaSchema,
  type Archive,
  type ArchiveItem,
} from './meta-schema.ts';

export { ARCHIVE_FORMAT, type Archive, type ArchiveItem } from './meta-schema.ts';

export const META_FILE = 'meta.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const DEBRIEF_FILE = 'debrief.json';

/** How many exercises keep a replayed run in memory for checking appends. */
const OPEN_JOURNALS = 8;
/** Parallel file reads when listing (well under every platform's open-file limit). */
const LIST_CONCURRENCY = 64;

export interface ExerciseStoreOptions {
  /** The clock for ids and timestamps (tests pass a fixed one). */
  now?: () => Date;
  /** Six base36 characters for new ids (tests pass a fixed sequence). */
  randomSuffix?: () => string;
}

/** A listed exercise; `deleted` is set only for items listed from the trash. */
export type ListedExercise = ExerciseMeta & { deleted?: true };

export interface ListResult {
  exercises: ListedExercise[];
  problems: StoreProblem[];
}

export interface ImportResult {
  imported: string[];
  skipped: string[];
  problems: StoreProblem[];
}

/** What the store knows about a journal it has open for appending. */
interface OpenJournal {
  /** Bytes on disk after our last write; a different size means someone else wrote. */
  size: number;
  entryCount: number;
  lastT: number;
  /** The replayed run: every appended input is checked against it first. */
  run: ExerciseRun;
}

function randomBase36(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += randomInt(36).toString(36);
  return s;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `ex-20260105-090000-k3x9qa`: creation time (UTC) and six random base36 characters. */
export function newExerciseId(at: Date, suffix: string): string {
  const d = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const t = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `ex-${d}-${t}-${suffix}`;
}

function fileStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

function assertId(id: string): void {
  if (!EXERCISE_ID_RE.test(id)) throw new ApiError('invalid-request', `"${id}" is not an exercise id`);
}

/** Any failure that is not already an ApiError becomes an 'io' error that keeps the OS message. */
function toApiError(e: unknown, what: string): ApiError {
  if (e instanceof ApiError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new ApiError('io', `${what}: ${msg}`);
}

function lastTOf(entries: ReadonlyArray<JournalEntry>): number {
  return entries.length > 0 ? entries[entries.length - 1]!.t : 0;
}

function loadPinnedScenario(header: JournalHeader): Scenario {
  const r = loadScenario(header.scenarioSource, `${header.scenarioId} (pinned in the journal)`);
  if (!r.ok) throw new ApiError('io', `the scenario pinned in the journal does not load: ${r.problems.slice(0, 3).map(formatProblem).join('; ')}`);
  return r.scenario;
}

/** Improvement-plan items open and closed, as kept in meta.json for programme reporting. */
export function planCounts(debrief: DebriefEdits): { open: number; closed: number } {
  const closed = debrief.actionItems.filter((x) => x.status === 'closed').length;
  return { open: debrief.actionItems.length - closed, closed };
}

/** Meta rebuilt from a journal when meta.json is missing: setup details the journal lacks are placeholders. */
export function metaFromJournal(journal: ParsedJournal): ExerciseMeta {
  const h = journal.header;
  const sc = loadScenario(h.scenarioSource, h.scenarioId);
  return {
    id: h.exerciseId,
    createdAt: h.createdAt,
    updatedAt: h.createdAt,
    status: 'running',
    scenarioId: h.scenarioId,
    scenarioVersion: h.scenarioVersion,
    scenarioTitle: sc.ok ? sc.scenario.title : h.scenarioId,
    seed: h.seed,
    team: '(unknown team)',
    participants: [],
    mode: 'facilitated',
    speed: 1,
    lastT: lastTOf(journal.entries),
    entryCount: journal.entries.length,
    outcome: null,
  };
}

export class ExerciseStore {
  readonly exercisesDir: string;
  readonly trashDir: string;
  private readonly now: () => Date;
  private readonly randomSuffix: () => string;
  private readonly locks = new KeyedMutex();
  /** Journals open for appending, least recently used first. */
  private readonly open = new Map<string, OpenJournal>();

  constructor(
    readonly rootDir: string,
    options: ExerciseStoreOptions = {},
  ) {
    this.exercisesDir = join(rootDir, 'exercises');
    this.trashDir = join(rootDir, 'trash');
    this.now = options.now ?? (() => new Date());
    this.randomSuffix = options.randomSuffix ?? randomBase36;
  }

  /** The folder of a live (not deleted) exercise. */
  dirOf(id: string): string {
    assertId(id);
    return join(this.exercisesDir, id);
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

  /** Starts an exercise: pins the scenario source in a new journal and writes its meta. */
  async create(setup: ExerciseSetup): Promise<ExerciseMeta> {
    const loaded = loadScenario(setup.scenarioSource, setup.scenarioId);
    if (!loaded.ok) {
      throw new ApiError('invalid-request', `scenarioSource: ${loaded.problems.slice(0, 5).map(formatProblem).join('; ')}`);
    }
    if (loaded.scenario.id !== setup.scenarioId) {
      throw new ApiError('invalid-request', `scenarioId: "${setup.scenarioId}" does not match the source's id "${loaded.scenario.id}"`);
    }
    const at = this.now();
    try {
      await mkdir(this.exercisesDir, { recursive: true });
      let id = '';
      for (let attempt = 0; ; attempt++) {
        id = newExerciseId(at, this.randomSuffix());
        try {
          await mkdir(join(this.exercisesDir, id));
          break;
        } catch (e) {
          if (errnoCode(e) !== 'EEXIST' || attempt >= 20) throw e;
        }
      }
      await syncDir(this.exercisesDir);
      const dir = join(this.exercisesDir, id);
      const createdAt = at.toISOString();
      const header: JournalHeader = {
        format: JOURNAL_FORMAT,
        exerciseId: id,
        scenarioId: loaded.scenario.id,
        scenarioVersion: loaded.scenario.version,
        scenarioSource: loaded.source,
        seed: setup.seed,
        createdAt,
      };
      const headerText = serializeHeader(header);
      // Journal first: if we die before meta.json exists, list() rebuilds the meta from it.
      await writeFileAtomic(join(dir, JOURNAL_FILE), headerText);
      const meta = newExerciseMeta(id, createdAt, setup, loaded.scenario);
      await this.writeMeta(dir, meta);
      this.remember(id, { size: Buffer.byteLength(headerText), entryCount: 0, lastT: 0, run: new ExerciseRun(loaded.scenario, setup.seed) });
      return meta;
    } catch (e) {
      throw toApiError(e, 'could not create the exercise');
    }
  }

  /**
   * Appends journal entries and resolves only once they are on disk (fsynced).
   *
   * Entries must continue the journal exactly (seq = last + 1, time never going back) and must be
   * inputs the engine accepts at that moment; otherwise nothing is written.
   */
  append(id: string, entries: ReadonlyArray<JournalEntry>): Promise<{ entryCount: number; lastT: number }> {
    assertId(id);
    return this.locks.run(id, async () => {
      if (entries.length === 0) throw new ApiError('invalid-request', 'entries: nothing to append');
      const dir = await this.liveDir(id);
      const journalPath = join(dir, JOURNAL_FILE);
      try {
        const size = (await stat(journalPath)).size;
        const cached = this.open.get(id);
        const state = cached && cached.size === size ? cached : await this.openJournal(id, dir);
        this.touch(id, state);

        let expected = state.entryCount + 1;
        let lastT = state.lastT;
        for (const e of entries) {
          if (e.seq !== expected) {
            const what = e.seq <= state.entryCount ? `entry ${e.seq} is already in the journal` : `entries ${expected}–${e.seq - 1} are missing`;
            throw new ApiError('conflict', `seq ${e.seq}: ${what} (the journal on disk has ${state.entryCount} entries)`);
          }
          if (e.t < lastT) throw new ApiError('conflict', `seq ${e.seq}: time goes backwards (${e.t} ms after ${lastT} ms)`);
          lastT = e.t;
          expected++;
        }
        for (const e of entries) {
          try {
            state.run.apply(e.input, e.t);
          } catch (err) {
            // The run has taken part of the batch; rebuild it from disk next time.
            this.open.delete(id);
            throw new ApiError('invalid-request', `seq ${e.seq} (${e.input.type}): ${(err as Error).message}`);
          }
        }

        const text = entries.map(serializeEntry).join('');
        try {
          await appendDurable(journalPath, text);
        } catch (e) {
          this.open.delete(id); // what reached the disk is unknown: re-read it next time
          throw e;
        }
        state.size += Buffer.byteLength(text);
        state.entryCount = expected - 1;
        state.lastT = lastT;

        // The journal is the truth and is already safe; a failed meta update is repaired by load().
        await this.updateMeta(dir, (m) => ({ ...m, entryCount: state.entryCount, lastT: state.lastT, updatedAt: this.now().toISOString() })).catch(
          () => undefined,
        );
        return { entryCount: state.entryCount, lastT: state.lastT };
      } catch (e) {
        throw toApiError(e, `could not append to ${journalPath}`);
      }
    });
  }

  /**
   * Reads a journal for appending: replays it, and repairs a torn last line.
   *
   * A torn line (the app died mid-write) is copied to `journal.torn-<time>.txt` beside the journal
   * before it is cut off, so the next append starts on a clean line and nothing is lost.
   */
  private async openJournal(id: string, dir: string): Promise<OpenJournal> {
    const journalPath = join(dir, JOURNAL_FILE);
    const bytes = await readFile(journalPath);
    let parsed: ParsedJournal;
    try {
      parsed = parseJournal(bytes.toString('utf8'));
    } catch (e) {
      if (e instanceof JournalError) throw new ApiError('io', `${journalPath} is damaged (${e.message}); not appending to it`);
      throw e;
    }
    let size = bytes.length;
    if (size > 0 && bytes[size - 1] !== 0x0a) {
      const cut = bytes.lastIndexOf(0x0a) + 1;
      const tail = bytes.subarray(cut);
      let whole = false;
      try {
        JSON.parse(tail.toString('utf8'));
        whole = true;
      } catch {
        whole = false;
      }
      if (whole) {
        await appendDurable(journalPath, '\n');
        size += 1;
      } else {
        await writeFileAtomic(join(dir, `journal.torn-${fileStamp(this.now())}.txt`), tail);
        const fh = await open(journalPath, 'r+');
        try {
          await fh.truncate(cut);
          await fh.sync();
        } finally {
          await fh.close();
        }
        size = cut;
      }
    }
    const scenario = loadPinnedScenario(parsed.header);
    let run: ExerciseRun;
    try {
      run = ExerciseRun.replay(scenario, parsed.header.seed, parsed.entries);
    } catch (e) {
      throw new ApiError('io', `${journalPath} does not replay (${(e as Error).message}); not appending to it`);
    }
    const state: OpenJournal = { size, entryCount: parsed.entries.length, lastT: lastTOf(parsed.entries), run };
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
   * Marks an exercise finished or abandoned.
   *
   * A finished exercise is replayed to the end and scored, and the key figures are kept in its
   * meta so history lists without replaying. An abandoned one keeps no score.
   */
  finish(id: string, status: 'finished' | 'abandoned'): Promise<ExerciseMeta> {
    assertId(id);
    return this.locks.run(id, async () => {
      const dir = await this.liveDir(id);
      try {
        const { loaded, header } = await this.read(id, dir);
        let outcome: ExerciseMeta['outcome'] = null;
        if (status === 'finished') {
          const scenario = loadPinnedScenario(header);
          let run: ExerciseRun;
          try {
            run = ExerciseRun.replay(scenario, header.seed, loaded.entries);
          } catch (e) {
            throw new ApiError('conflict', `the journal does not replay, so it cannot be scored: ${(e as Error).message}`);
          }
          run.runToEnd();
          outcome = outcomeOf(scoreFinishedRun(run));
        }
        const meta: ExerciseMeta = { ...loaded.meta, status, outcome, updatedAt: this.now().toISOString() };
        await this.writeMeta(dir, meta);
        return meta;
      } catch (e) {
        throw toApiError(e, `could not finish exercise "${id}"`);
      }
    });
  }

  /** Saves the facilitator's debrief edits (atomically; a damaged old file is kept aside). */
  saveDebrief(id: string, debrief: DebriefEdits): Promise<{ savedAt: string }> {
    assertId(id);
    return this.locks.run(id, async () => {
      const dir = await this.liveDir(id);
      const path = join(dir, DEBRIEF_FILE);
      try {
        const old = await this.readDebrief(path);
        const at = this.now();
        if (old.warning) await renameWithRetry(path, join(dir, `debrief.corrupt-${fileStamp(at)}.json`));
        await writeFileAtomic(path, `${JSON.stringify(debrief, null, 2)}\n`);
        const savedAt = at.toISOString();
        // History counts improvement-plan items from meta.json without reading every debrief.
        await this.updateMeta(dir, (m) => ({ ...m, updatedAt: savedAt, plan: planCounts(debrief) })).catch(() => undefined);
        return { savedAt };
      } catch (e) {
        throw toApiError(e, `could not save ${path}`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Read

  /** Reads one exercise: meta (reconciled with the journal), entries, debrief and any warnings. */
  async load(id: string): Promise<LoadedExercise> {
    const dir = await this.liveDir(id);
    try {
      return (await this.read(id, dir)).loaded;
    } catch (e) {
      throw toApiError(e, `could not load exercise "${id}"`);
    }
  }

  private async read(id: string, dir: string): Promise<{ loaded: LoadedExercise; header: JournalHeader }> {
    const journalPath = join(dir, JOURNAL_FILE);
    const [metaRead, journalText, debriefRead] = await Promise.all([
      this.readMeta(join(dir, META_FILE)),
      readFile(journalPath, 'utf8'),
      this.readDebrief(join(dir, DEBRIEF_FILE)),
    ]);
    let journal: ParsedJournal;
    try {
      journal = parseJournal(journalText);
    } catch (e) {
      if (e instanceof JournalError) throw new ApiError('io', `${journalPath} is damaged: ${e.message}`);
      throw e;
    }
    if (journal.header.exerciseId !== id) {
      throw new ApiError('io', `${journalPath} belongs to exercise "${journal.header.exerciseId}", not "${id}"`);
    }
    const warnings = [...journal.warnings];
    let meta: ExerciseMeta;
    if ('meta' in metaRead) meta = metaRead.meta;
    else {
      warnings.push(
        `${META_FILE} ${metaRead.missing ? 'is missing' : `could not be read (${metaRead.error})`}; the exercise details were rebuilt from the journal`,
      );
      meta = metaFromJournal(journal);
    }
    // The journal is the truth: a meta update lost in a crash must not hide entries.
    meta = { ...meta, entryCount: journal.entries.length, lastT: lastTOf(journal.entries) };
    if (debriefRead.warning) warnings.push(debriefRead.warning);
    return { loaded: { meta, journalText, entries: journal.entries, debrief: debriefRead.debrief, warnings }, header: journal.header };
  }

  private async readMeta(path: string): Promise<{ meta: ExerciseMeta } | { missing: true } | { missing: false; error: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { missing: true };
      return { missing: false, error: (e as Error).message };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { missing: false, error: `not JSON: ${(e as Error).message}` };
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
      return { debrief: EMPTY_DEBRIEF, warning: `${DEBRIEF_FILE} is not JSON (${(e as Error).message}); it will be kept aside when the debrief is next saved` };
    }
    const r = debriefEditsSchema.safeParse(json);
    if (!r.success)
      return {
        debrief: EMPTY_DEBRIEF,
        warning: `${DEBRIEF_FILE} is not a valid debrief (${describeIssues(r.error.issues)}); it will be kept aside when the debrief is next saved`,
      };
    return { debrief: r.data, warning: null };
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
   * Lists exercises from their meta files only (fast: no journal is read unless a meta is missing).
   *
   * A damaged exercise is named in `problems` and skipped; the rest are still listed. A missing
   * meta.json next to a good journal is rebuilt from the journal and written back.
   */
  async list(options: { includeDeleted?: boolean } = {}): Promise<ListResult> {
    const problems: StoreProblem[] = [];
    const exercises: ListedExercise[] = [];
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
    return { exercises, problems };
  }

  private async listOne(base: string, name: string, repair: boolean): Promise<{ meta?: ExerciseMeta; problem?: StoreProblem }> {
    const dir = join(base, name);
    const metaPath = join(dir, META_FILE);
    if (!EXERCISE_ID_RE.test(name)) return { problem: { file: dir, message: 'not an exercise folder (unexpected name); left as is' } };
    const r = await this.readMeta(metaPath);
    if ('meta' in r) {
      if (r.meta.id !== name) return { problem: { file: metaPath, message: `says it is exercise "${r.meta.id}" but is in folder "${name}"; skipped` } };
      return { meta: r.meta };
    }
    if (!r.missing) return { problem: { file: metaPath, message: `${r.error}; skipped (nothing was changed)` } };

    // meta.json missing: rebuild it from the journal's header if there is a journal.
    const journalPath = join(dir, JOURNAL_FILE);
    let journal: ParsedJournal;
    try {
      journal = parseJournal(await readFile(journalPath, 'utf8'));
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { problem: { file: dir, message: 'has neither meta.json nor journal.jsonl; skipped' } };
      const why = e instanceof JournalError ? e.message : (e as Error).message;
      return { problem: { file: journalPath, message: `meta.json is missing and the journal is damaged (${why}); skipped` } };
    }
    if (journal.header.exerciseId !== name) {
      return { problem: { file: journalPath, message: `belongs to exercise "${journal.header.exerciseId}" but is in folder "${name}"; skipped` } };
    }
    const meta = metaFromJournal(journal);
    let note = 'meta.json was missing; rebuilt from the journal (team and participants are unknown)';
    if (repair) {
      await this.locks
        .run(name, async () => {
          if (!(await exists(metaPath))) await this.writeMeta(dir, meta);
        })
        .catch((e) => {
          note += ` but could not be written back (${(e as Error).message})`;
        });
    }
    return { meta, problem: { file: metaPath, message: note } };
  }

  // ---------------------------------------------------------------------------------------------
  // Delete and restore

  /** Moves an exercise to the trash (undoable with restore). */
  delete(id: string): Promise<{ deleted: string }> {
    assertId(id);
    return this.locks.run(id, async () => {
      const from = await this.liveDir(id);
      const to = join(this.trashDir, id);
      try {
        await mkdir(this.trashDir, { recursive: true });
        if (await exists(to)) throw new ApiError('conflict', `the trash already holds an exercise "${id}"`);
        await renameWithRetry(from, to);
        this.open.delete(id);
        return { deleted: id };
      } catch (e) {
        throw toApiError(e, `could not move ${from} to the trash`);
      }
    });
  }

  /** Moves an exercise back from the trash. */
  restore(id: string): Promise<{ restored: string }> {
    assertId(id);
    return this.locks.run(id, async () => {
      const from = join(this.trashDir, id);
      const to = join(this.exercisesDir, id);
      try {
        if (!(await exists(from))) throw new ApiError('not-found', `exercise "${id}" is not in the trash`);
        if (await exists(to)) throw new ApiError('conflict', `an exercise "${id}" already exists`);
        await mkdir(this.exercisesDir, { recursive: true });
        await renameWithRetry(from, to);
        return { restored: id };
      } catch (e) {
        throw toApiError(e, `could not restore ${from}`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Archives

  /** Builds an archive of the given exercises (JSON text) and a file name to save it under. */
  async exportArchive(ids: ReadonlyArray<string>): Promise<{ fileName: string; text: string }> {
    const items: ArchiveItem[] = [];
    for (const id of ids) {
      const ex = await this.load(id);
      items.push({ meta: ex.meta, journalText: ex.journalText, debrief: ex.debrief });
    }
    const archive: Archive = { format: ARCHIVE_FORMAT, exercises: items };
    const fileName = ids.length === 1 ? `${ids[0]}.firebreak.json` : `firebreak-${items.length}-exercises-${fileStamp(this.now())}.firebreak.json`;
    return { fileName, text: JSON.stringify(archive) };
  }

  /**
   * Imports an archive. An exercise already here with the same journal is skipped (no
   * duplicates); one with the same id but a different journal is reported and left alone.
   */
  async importArchive(text: string): Promise<ImportResult> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ApiError('invalid-request', `not a Firebreak archive (not JSON: ${(e as Error).message})`);
    }
    const archive = archiveSchema.safeParse(json);
    if (!archive.success) throw new ApiError('invalid-request', `not a Firebreak archive (${describeIssues(archive.error.issues)})`);

    const result: ImportResult = { imported: [], skipped: [], problems: [] };
    for (const [i, raw] of archive.data.exercises.entries()) {
      const rawId = (raw as { meta?: { id?: unknown } } | null)?.meta?.id;
      const label = `archive item ${i + 1}${typeof rawId === 'string' ? ` (${rawId.slice(0, 80)})` : ''}`;
      try {
        const outcome = await this.importOne(raw);
        result[outcome.kind].push(outcome.id);
      } catch (e) {
        result.problems.push({ file: label, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return result;
  }

  private async importOne(raw: unknown): Promise<{ kind: 'imported' | 'skipped'; id: string }> {
    const item = archiveItemSchema.safeParse(raw);
    if (!item.success) throw new Error(describeIssues(item.error.issues));
    let journal: ParsedJournal;
    try {
      journal = parseJournal(item.data.journalText);
    } catch (e) {
      throw new Error(`journal: ${(e as Error).message}`);
    }
    const id = journal.header.exerciseId;
    if (!EXERCISE_ID_RE.test(id)) throw new Error(`journal: "${id.slice(0, 100)}" is not a valid exercise id`);
    if (item.data.meta.id !== id) throw new Error(`meta.id "${item.data.meta.id}" does not match the journal's exercise "${id}"`);
    const journalText = serializeJournal(journal); // drops a torn tail; the canonical bytes

    return this.locks.run(id, async () => {
      const target = join(this.exercisesDir, id);
      if (await exists(target)) {
        let same = false;
        try {
          same = serializeJournal(parseJournal(await readFile(join(target, JOURNAL_FILE), 'utf8'))) === journalText;
        } catch {
          same = false;
        }
        if (same) return { kind: 'skipped', id };
        throw new Error(`an exercise "${id}" already exists here with a different journal; not imported (nothing was changed)`);
      }
      await mkdir(this.exercisesDir, { recursive: true });
      const staging = join(this.exercisesDir, `.import-${id}-${this.randomSuffix()}`);
      await mkdir(staging);
      try {
        const debrief = item.data.debrief ?? EMPTY_DEBRIEF;
        const meta: ExerciseMeta = { ...item.data.meta, entryCount: journal.entries.length, lastT: lastTOf(journal.entries) };
        // The plan counts follow the debrief actually written (an archive's meta could disagree).
        if (meta.plan !== undefined || debrief.actionItems.length > 0) meta.plan = planCounts(debrief);
        await writeFileAtomic(join(staging, JOURNAL_FILE), journalText);
        await writeFileAtomic(join(staging, DEBRIEF_FILE), `${JSON.stringify(debrief, null, 2)}\n`);
        await this.writeMeta(staging, meta);
        await renameWithRetry(staging, target);
        await syncDir(this.exercisesDir);
      } catch (e) {
        // Only the staging folder we just made is removed; nothing that was here before.
        await rm(staging, { recursive: true, force: true }).catch(() => undefined);
        throw e;
      }
      return { kind: 'imported', id };
    });
  }
}
