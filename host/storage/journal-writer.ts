/**
 * The journal writer: starts an exercise's journal and appends to it, durable before acknowledged.
 *
 * An append is fsynced before it resolves and is all or nothing: a failed write is cut back off
 * the journal before the error is answered (or, when even that fails, at the next append, the
 * refused bytes kept aside). The writer checks only what the file needs: each entry continues the
 * journal (seq = last + 1, time a whole number of milliseconds, never going back nor past the
 * scenario's horizon). Whether the engine takes an input is decided by the one engine of the
 * action (the live session's run, or the API's check in host/session/journal-intake.ts) before it
 * reaches here: the writer never replays the journal (#18: one engine per action).
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, EMPTY_DEBRIEF, newExerciseMeta, type DebriefEdits, type ExerciseMeta, type ExerciseSetup } from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import {
  JOURNAL_FORMAT,
  JournalError,
  formatDamage,
  lineHash,
  parseJournalBytes,
  serializeEntries,
  serializeHeader,
  type JournalHeader,
  type SalvagedJournal,
} from '../../shared/engine/journal.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { loadPinnedScenario as loadPinned } from '../../shared/scenario/pinned.ts';
import { AppendFailed, appendAllOrNothing, appendDurable, errnoCode, syncDir, truncateDurable, writeFileAtomic, type OpenForAppend } from './durable-fs.ts';
import { assertId, toApiError, type ExerciseFolders } from './exercise-folders.ts';
import { keepHeaderCopy, readHeaderCopy, writeMeta } from './exercise-files.ts';
import { fileStamp, lastTOf, newExerciseId } from './exercise-meta.ts';
import { DEBRIEF_FILE, HEADER_FILE, JOURNAL_FILE } from './folder-layout.ts';
import { usableEntries } from './recovery.ts';

/** How many exercises keep their journal's position in memory (the rest are re-read on append). */
const OPEN_JOURNALS = 8;

/** Where a journal ends, as far as continuing it is concerned. */
export interface JournalEnd {
  entryCount: number;
  lastT: number;
  /** The scenario's horizon: no entry may be later. */
  horizon: number;
}

/**
 * Checks that entries continue a journal exactly; throws (naming the entry) otherwise.
 *
 * Returns the new end. Used by the writer against the file on disk, and by the API's check before
 * it asks the engine, so a batch that does not continue the journal is refused for that first.
 */
export function checkContinuity(entries: ReadonlyArray<JournalEntry>, end: JournalEnd): { entryCount: number; lastT: number } {
  if (entries.length === 0) throw new ApiError('invalid-request', 'entries: nothing to append');
  let expected = end.entryCount + 1;
  let lastT = end.lastT;
  for (const e of entries) {
    if (e.seq !== expected) {
      const what = e.seq <= end.entryCount ? `entry ${e.seq} is already in the journal` : `entries ${expected}–${e.seq - 1} are missing`;
      throw new ApiError('conflict', `seq ${e.seq}: ${what} (the journal on disk has ${end.entryCount} entries); nothing was written`);
    }
    if (!Number.isSafeInteger(e.t)) throw new ApiError('invalid-request', `seq ${e.seq}: t ${e.t} is not a whole number of milliseconds; nothing was written`);
    if (e.t < lastT) throw new ApiError('conflict', `seq ${e.seq}: time goes backwards (${e.t} ms after ${lastT} ms); nothing was written`);
    if (e.t > end.horizon)
      throw new ApiError('invalid-request', `seq ${e.seq}: t ${e.t} ms is past the exercise's end (${end.horizon} ms); nothing was written`);
    lastT = e.t;
    expected++;
  }
  return { entryCount: expected - 1, lastT };
}

/** What the writer knows about a journal it has open for appending. */
interface OpenJournal extends JournalEnd {
  /** Bytes on disk after our last acknowledged write; a different size means someone else wrote. */
  size: number;
  /** The journal's mtime then: an edit that keeps the size (a flipped byte) still shows. */
  mtimeMs: number;
  /** The chain hash of the journal's last line (what the next line commits to); null: an unchained journal. */
  chainTip: string | null;
}

export interface JournalWriterDeps {
  /** The file operations of an append (tests inject a full disk here). */
  openForAppend: OpenForAppend;
  randomSuffix: () => string;
  /** The Exercise Overview the team entered last (#19), carried into a new exercise's debrief. */
  lastTeamOverview: (team: string, exceptId: string) => Promise<DebriefEdits['overview'] | null>;
  /** An append was acknowledged: the meta (derived from the journal) is updated after, off the ack's path. */
  appended: (id: string, dir: string, end: { entryCount: number; lastT: number }) => void;
}

export class JournalWriter {
  /** Journals open for appending, least recently used first. */
  private readonly open = new Map<string, OpenJournal>();
  /** Acknowledged sizes of journals whose failed append could not be cut off (cut at the next append). */
  private readonly unacknowledgedAfter = new Map<string, number>();

  constructor(
    private readonly folders: ExerciseFolders,
    private readonly deps: JournalWriterDeps,
  ) {}

  /** Forgets what it knew of a journal (released, deleted, finished or rewritten by recovery). */
  forget(id: string): void {
    this.open.delete(id);
  }

  forgetAll(): void {
    this.open.clear();
  }

  /** Starts an exercise: pins the scenario source and the setup in a new journal and writes its meta. */
  async create(setup: ExerciseSetup): Promise<ExerciseMeta> {
    const f = this.folders;
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
    const at = f.now();
    let madeDir: string | null = null;
    let id = '';
    try {
      await mkdir(f.exercisesDir, { recursive: true });
      // The lock first, then the folder: another host never sees this folder empty and unlocked.
      for (let attempt = 0; ; attempt++) {
        id = newExerciseId(at, this.deps.randomSuffix());
        await f.writeLocks.acquire(id);
        try {
          await mkdir(join(f.exercisesDir, id));
          break;
        } catch (e) {
          await f.writeLocks.release(id);
          if (errnoCode(e) !== 'EEXIST' || attempt >= 20) throw e;
        }
      }
      madeDir = join(f.exercisesDir, id);
      await syncDir(f.exercisesDir);
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
      await writeMeta(madeDir, meta);
      // #19: the team's Exercise Overview (sponsor, location, point of contact…) carries over.
      const overview = await this.deps.lastTeamOverview(setup.team, id).catch(() => null);
      if (overview) await writeFileAtomic(join(madeDir, DEBRIEF_FILE), `${JSON.stringify({ ...EMPTY_DEBRIEF, overview }, null, 2)}\n`);
      const written = await stat(join(madeDir, JOURNAL_FILE));
      // The horizon of the variant the header pins (what every later open reads).
      const pinned = loadPinned(header);
      this.remember(id, {
        size: written.size,
        mtimeMs: written.mtimeMs,
        entryCount: 0,
        lastT: 0,
        horizon: (pinned.ok ? pinned.scenario : loaded.scenario).clock.horizon,
        chainTip: lineHash(headerText),
      });
      return meta;
    } catch (e) {
      // A failed create leaves nothing behind: remove the folder it made (only our own files are in it).
      if (madeDir) {
        await rm(madeDir, { recursive: true, force: true }).catch(() => undefined);
        await f.writeLocks.release(id).catch(() => undefined);
      }
      throw toApiError(e, 'could not create the exercise');
    }
  }

  /**
   * Appends journal entries and resolves only once they are on disk (fsynced).
   *
   * Entries must continue the journal exactly (checkContinuity, against the file on disk);
   * otherwise nothing is written. The batch is all or nothing: if the write fails part-way, what
   * reached the disk is cut off again before the error is answered, and the error says so. The
   * meta follows after the acknowledgement (JournalWriterDeps.appended).
   */
  append(id: string, entries: ReadonlyArray<JournalEntry>): Promise<{ entryCount: number; lastT: number }> {
    assertId(id);
    const f = this.folders;
    return f.serial(id, async () => {
      if (entries.length === 0) throw new ApiError('invalid-request', 'entries: nothing to append');
      const dir = await f.liveDir(id);
      const journalPath = join(dir, JOURNAL_FILE);
      try {
        // Held already (a running exercise): check it is still ours before writing; else take it.
        if (f.writeLocks.holds(id)) await f.writeLocks.verify(id);
        else await f.writeLocks.acquire(id);
        const now = await stat(journalPath);
        const cached = this.open.get(id);
        const state = cached && cached.size === now.size && cached.mtimeMs === now.mtimeMs ? cached : await this.openJournal(id, dir);
        this.remember(id, state);
        const end = checkContinuity(entries, state);

        const lines = serializeEntries(entries, state.chainTip);
        const bytes = Buffer.from(lines.text, 'utf8');
        try {
          await appendAllOrNothing(this.deps.openForAppend, journalPath, bytes, state.size);
        } catch (e) {
          this.open.delete(id); // re-read the journal next time
          if (e instanceof AppendFailed) throw this.appendFailed(id, e, entries, state.entryCount, state.size);
          throw e;
        }
        state.size += bytes.length;
        state.mtimeMs = (await stat(journalPath)).mtimeMs;
        state.entryCount = end.entryCount;
        state.lastT = end.lastT;
        state.chainTip = lines.tip;
        // The journal is the truth and is already safe: the meta is derived, never on the ack's path.
        this.deps.appended(id, dir, end);
        return end;
      } catch (e) {
        throw toApiError(e, `could not append to the journal of exercise "${id}"`);
      }
    });
  }

  /** The error of a failed write: what was kept, and whether the partial write is still on disk. */
  private appendFailed(id: string, e: AppendFailed, entries: ReadonlyArray<JournalEntry>, entryCount: number, ackSize: number): ApiError {
    if (!e.rolledBack) this.unacknowledgedAfter.set(id, ackSize);
    const first = entries[0]!.seq;
    const last = entries[entries.length - 1]!.seq;
    const range = first === last ? `entry ${first}` : `entries ${first}–${last}`;
    const kept = entryCount === 0 ? 'nothing after the header' : `entries 1–${entryCount}`;
    return new ApiError(
      'io',
      e.rolledBack
        ? `could not append to the journal of exercise "${id}": ${e.message}. Nothing of ${range} was kept (the journal still ends at entry ${entryCount}; ${kept} are safe); retry when the problem is fixed`
        : `could not append to the journal of exercise "${id}": ${e.message}, and the partial write could not be cut off either. Part of ${range} may be on disk; ${kept} are safe; the next append cuts the rest off (kept aside in a journal.unacknowledged file)`,
    );
  }

  /**
   * Reads a journal for appending: where it ends, and repairs a torn last line.
   *
   * A torn line (the app died mid-write) is copied to `journal.torn-<time>.txt` beside the journal
   * before it is cut off, so the next append starts on a clean line and nothing is lost. Damage in
   * the middle refuses the append and points at salvage().
   */
  private async openJournal(id: string, dir: string): Promise<OpenJournal> {
    const f = this.folders;
    const journalPath = join(dir, JOURNAL_FILE);
    let bytes = await readFile(journalPath);
    const acknowledged = this.unacknowledgedAfter.get(id);
    if (acknowledged !== undefined && bytes.length > acknowledged) {
      // What a failed append left behind was refused: it must not become part of the journal.
      await writeFileAtomic(join(dir, `journal.unacknowledged-${fileStamp(f.now())}.txt`), bytes.subarray(acknowledged));
      await truncateDurable(journalPath, acknowledged);
      bytes = bytes.subarray(0, acknowledged);
    }
    this.unacknowledgedAfter.delete(id);
    let parsed: SalvagedJournal;
    try {
      parsed = parseJournalBytes(bytes, await readHeaderCopy(dir));
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
    await keepHeaderCopy(dir, bytes);
    let size = bytes.length;
    if (size > 0 && bytes[size - 1] !== 0x0a) {
      const cut = bytes.lastIndexOf(0x0a) + 1;
      const tail = bytes.subarray(cut);
      const whole = parsed.warnings.every((w) => !w.includes('cut off mid-write'));
      if (whole) {
        await appendDurable(journalPath, '\n');
        size += 1;
      } else {
        await writeFileAtomic(join(dir, `journal.torn-${fileStamp(f.now())}.txt`), tail);
        await truncateDurable(journalPath, cut);
        size = cut;
      }
    }
    // The horizon only: the scenario is loaded, not replayed.
    const scenario = loadPinned(parsed.header);
    if (!scenario.ok) {
      throw new ApiError('io', `the scenario pinned in the journal does not load: ${scenario.problems.slice(0, 3).map(formatProblem).join('; ')}`);
    }
    return {
      size,
      mtimeMs: (await stat(journalPath)).mtimeMs,
      entryCount: parsed.entries.length,
      lastT: lastTOf(parsed.entries),
      horizon: scenario.scenario.clock.horizon,
      chainTip: parsed.chainTip,
    };
  }

  /** Keeps a journal's state, most recently used last (the oldest forgotten beyond OPEN_JOURNALS). */
  private remember(id: string, state: OpenJournal): void {
    this.open.delete(id);
    this.open.set(id, state);
    while (this.open.size > OPEN_JOURNALS) this.open.delete(this.open.keys().next().value!);
  }
}
