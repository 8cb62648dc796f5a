/**
 * The one path of every change to a live exercise: the engine's check → the entries stamped with
 * the next seq and the moment → `append` (the store fsyncs; the only disk wait before the
 * acknowledgement, the meta follows later) → only then the run takes them and the session tells
 * every client. A failed write changes nothing. Work is queued one job at a time (a promise
 * chain), which is what gives every client the same order.
 */
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { refusalMessage } from '../../shared/wording/refusals.ts';
import { Refusal, refused, type SessionStorage } from './session-types.ts';

export type CommitItems = ReadonlyArray<{ input: TeamInput; by: Attribution | null }>;

export class JournalCommit {
  private writes = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: ExerciseRun,
    private readonly scenario: Scenario,
    /** The session's journal as it stands (appended to here, after each durable write). */
    private readonly entries: JournalEntry[],
    private readonly storage: Pick<SessionStorage, 'append'>,
    /** After the run took the entries: the session's clock, `after`, and the clients are told. */
    private readonly committed: (entries: JournalEntry[], after?: () => void) => void,
  ) {}

  /** A journal write is under way (sim time holds still until it lands). */
  get writing(): boolean {
    return this.writes > 0;
  }

  /** Runs jobs one at a time, in the order they were queued; a failed job does not stop the next. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Journals inputs (durably) and only then applies them and tells every client.
   *
   * `t` defaults to now; a jump passes the moment it lands on. `after` changes session state
   * (pause, speed) once the write has succeeded. Resolves with the last entry's seq.
   */
  async commit(items: CommitItems, after?: () => void, t: number = this.run.now): Promise<number> {
    for (const { input, by } of items) {
      const why = this.run.refusal(input, by ?? undefined);
      if (why) throw refused('rejected', refusalMessage(this.scenario, why));
    }
    const at = Math.round(t);
    const entries: JournalEntry[] = items.map(({ input, by }, i) => ({ seq: this.entries.length + 1 + i, t: at, input, ...(by ? { by } : {}) }));
    this.writes++;
    try {
      await this.storage.append(entries);
    } catch (e) {
      throw new Refusal('not-saved', `Not saved, so not taken: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.writes--;
    }
    for (const e of entries) {
      this.run.apply(e.input, e.t, e.by ? { by: e.by } : {});
      this.entries.push(e);
    }
    this.committed(entries, after);
    return entries.at(-1)!.seq;
  }
}
