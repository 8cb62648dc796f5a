/**
 * One open exercise: the engine run, the clock loop, and journal-first input handling.
 *
 * Lives outside the store (the store holds only a `version` counter and UI status). Rules:
 * - The loop ticks ~10 Hz of wall time; each tick advances the run to the ClockDriver's target.
 * - Every input is checked, persisted with `exercises:append`, and only then applied. While a
 *   write is in flight the run does not advance, so the entry's time is still "now" when it is
 *   applied; writes are serialized so sequence numbers never collide.
 * - A CLOCK entry is journaled on pause and every ~5 sim-minutes, so a resume returns to the moment.
 * - When the run is over it is finished in storage and the app moves to the debrief.
 */
import type { ExerciseMeta, FirebreakApi } from '../../../shared/contract/api.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { JournalEntry, TeamInput } from '../../../shared/engine/inputs.ts';
import { MINUTE } from '../../../shared/scenario/duration.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { errorMessage } from '../api/get-api.ts';
import type { RoomTransport } from '../projector/room-channel.ts';
import { buildRoomView } from '../projector/room-view.ts';
import type { AppStore } from '../store/app-store.ts';
import { ClockDriver, type Speed } from './clock-driver.ts';
import { inputKey } from './input-keys.ts';
import type { WallClock } from './wall-clock.ts';

export const TICK_MS = 100;
export const CHECKPOINT_EVERY = 5 * MINUTE;
const CHART_EVERY_MS = 333;
const ROOM_EVERY_MS = 250;

export interface SessionEnv {
  api: FirebreakApi;
  wallClock: WallClock;
  room: RoomTransport | null;
  store: AppStore;
}

export type TakeResult = { ok: true; entries: JournalEntry[] } | { ok: false; error: string };

export class ExerciseSession {
  readonly driver: ClockDriver;
  readonly openedAtWall: number;
  private stopLoop: (() => void) | null = null;
  private writeChain: Promise<unknown> = Promise.resolve();
  private writes = 0;
  private lastJournaledT: number;
  private lastCheckpointTry = -Infinity;
  private lastChartBump = -Infinity;
  private lastRoomPublish = -Infinity;
  private lastWallSecond = -1;
  private overHandled = false;
  private disposed = false;

  constructor(
    private readonly env: SessionEnv,
    readonly meta: ExerciseMeta,
    readonly scenario: Scenario,
    readonly run: ExerciseRun,
    options: { paused: boolean; speed: Speed },
  ) {
    this.driver = new ClockDriver(() => env.wallClock.now(), run.now, options.speed, options.paused);
    this.openedAtWall = env.wallClock.now();
    this.lastJournaledT = run.entries.at(-1)?.t ?? 0;
    env.store.getState().patchSession({ paused: options.paused, speed: options.speed });
  }

  get exerciseId(): string {
    return this.meta.id;
  }

  get mode(): 'facilitated' | 'solo' {
    return this.meta.mode;
  }

  /** True while a journal write is in flight (the clock holds still meanwhile). */
  get writing(): boolean {
    return this.writes > 0;
  }

  /** Starts the wall-clock loop. */
  start(): void {
    if (this.stopLoop || this.disposed) return;
    this.stopLoop = this.env.wallClock.every(TICK_MS, () => this.tick());
    this.publishRoom(true);
    if (this.run.over) this.handleOver();
  }

  /** Stops the loop; journals a last checkpoint if the clock moved since the last entry. */
  dispose(): void {
    if (this.disposed) return;
    if (!this.run.over && this.run.now > this.lastJournaledT) void this.take({ type: 'CLOCK' }, 'clock');
    this.disposed = true;
    this.stopLoop?.();
    this.stopLoop = null;
  }

  /** One loop iteration: advance to the target time, then update everything that depends on it. */
  tick(): void {
    let changed = false;
    if (this.writes === 0 && !this.run.over) {
      const target = Math.min(this.driver.target(), this.run.horizon);
      if (target > this.run.now) {
        this.run.advanceTo(target);
        changed = true;
      }
    }
    this.afterChange(changed);
  }

  private afterChange(changed: boolean): void {
    const wall = this.env.wallClock.now();
    const store = this.env.store.getState();
    const second = Math.floor((wall - this.openedAtWall) / 1000);
    const charts = wall - this.lastChartBump >= CHART_EVERY_MS;
    if (changed || second !== this.lastWallSecond) {
      this.lastWallSecond = second;
      if (charts) this.lastChartBump = wall;
      store.bumpVersion(charts);
    }
    this.publishRoom(changed && this.run.over);
    if (this.run.over) {
      this.handleOver();
      return;
    }
    if (
      !this.driver.paused &&
      this.writes === 0 &&
      this.run.now - this.lastJournaledT >= CHECKPOINT_EVERY &&
      this.run.now - this.lastCheckpointTry >= CHECKPOINT_EVERY
    ) {
      this.lastCheckpointTry = this.run.now;
      void this.take({ type: 'CLOCK' }, 'clock');
    }
  }

  private publishRoom(force: boolean): void {
    const room = this.env.room;
    if (!room || this.mode !== 'facilitated') return;
    const wall = this.env.wallClock.now();
    if (!force && wall - this.lastRoomPublish < ROOM_EVERY_MS) return;
    this.lastRoomPublish = wall;
    const state = this.env.store.getState();
    try {
      room.publish(
        buildRoomView(this.run, {
          exerciseId: this.exerciseId,
          team: this.meta.team,
          speed: this.driver.speed,
          paused: this.driver.paused,
          sharedFindings: state.room.sharedFindings,
        }),
      );
    } catch {
      // A closed channel must never stop the console.
    }
  }

  /** Publishes the room view now (after the facilitator shares something). */
  refreshRoom(): void {
    this.publishRoom(true);
  }

  // ---- clock controls --------------------------------------------------------------------

  pause(): void {
    if (this.driver.paused) return;
    this.tick();
    this.driver.pause(this.run.now);
    this.env.store.getState().patchSession({ paused: true });
    if (!this.run.over && this.run.now > this.lastJournaledT) void this.take({ type: 'CLOCK' }, 'clock');
    this.publishRoom(true);
  }

  resume(): void {
    if (!this.driver.paused || this.run.over) return;
    this.driver.resume(this.run.now);
    this.env.store.getState().patchSession({ paused: false });
    this.publishRoom(true);
  }

  togglePause(): void {
    if (this.driver.paused) this.resume();
    else this.pause();
  }

  /** Sets the speed and runs (choosing a speed while paused starts the clock). */
  setSpeed(speed: Speed): void {
    this.tick();
    this.driver.setSpeed(speed, this.run.now);
    this.env.store.getState().patchSession({ speed });
    if (this.driver.paused) this.resume();
    else this.publishRoom(true);
  }

  /**
   * Jumps to the next signal the room would see. Returns false (and does not move) when no
   * further inject is due before the end, so a stray "n" never runs an exercise to its horizon.
   */
  jumpToNextInject(): boolean {
    if (this.writes > 0 || this.run.over) return false;
    this.tick();
    const due = nextSignalTime(this.run);
    if (due === null) {
      this.env.store.getState().pushToast('info', 'No more injects are scheduled before the end of the exercise.');
      return false;
    }
    this.run.advanceTo(due);
    this.driver.reanchor(this.run.now);
    this.afterChange(true);
    return true;
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** Why an input cannot be taken now (null when it can). */
  check(input: TeamInput): string | null {
    return this.run.check(input);
  }

  /**
   * Persists then applies one input. Resolves with the result; never rejects.
   *
   * The control identified by `key` shows pending meanwhile and the error if the write fails;
   * a failed write leaves the run untouched.
   */
  take(input: TeamInput, key: string = inputKey(input)): Promise<TakeResult> {
    return this.takeAll([input], key);
  }

  /** Several inputs at the same moment in one append (e.g. the role assignments from setup). */
  takeAll(inputs: ReadonlyArray<TeamInput>, key: string): Promise<TakeResult> {
    const job = this.writeChain.then(() => this.persistThenApply(inputs, key));
    this.writeChain = job;
    return job;
  }

  private async persistThenApply(inputs: ReadonlyArray<TeamInput>, key: string): Promise<TakeResult> {
    const store = this.env.store.getState();
    const run = this.run;
    const quiet = key === 'clock';
    if (this.disposed && !quiet) return { ok: false, error: 'the exercise is no longer open' };
    if (quiet && run.now <= this.lastJournaledT) return { ok: true, entries: [] };
    for (const input of inputs) {
      const why = run.check(input);
      if (why) {
        if (!quiet) store.setInputError(key, why);
        return { ok: false, error: why };
      }
    }
    const t = Math.round(run.now);
    const entries: JournalEntry[] = inputs.map((input, i) => ({ seq: run.entries.length + 1 + i, t, input }));
    this.writes++;
    if (!quiet) store.setPending(key, true);
    try {
      await this.env.api['exercises:append']({ exerciseId: this.exerciseId, entries });
    } catch (e) {
      const message = `Not saved, so not taken: ${errorMessage(e)}`;
      if (quiet) store.pushToast('error', `Could not save a clock checkpoint: ${errorMessage(e)}`);
      else {
        store.setInputError(key, message);
        store.pushToast('error', message);
      }
      return { ok: false, error: message };
    } finally {
      this.writes--;
      if (!quiet) this.env.store.getState().setPending(key, false);
    }
    // Persisted: now the run takes them, at the time they were journaled with.
    try {
      for (const e of entries) run.apply(e.input, e.t);
    } catch (e) {
      const message = `Saved but the engine refused it (${errorMessage(e)}); reopen the exercise to resync.`;
      this.env.store.getState().pushToast('error', message);
      return { ok: false, error: message };
    }
    this.lastJournaledT = t;
    if (!quiet) this.env.store.getState().setInputError(key, null);
    this.driver.reanchor(run.now);
    this.afterChange(true);
    this.publishRoom(true);
    return { ok: true, entries };
  }

  // ---- the end ---------------------------------------------------------------------------

  private handleOver(): void {
    if (this.overHandled) return;
    this.overHandled = true;
    this.stopLoop?.();
    this.stopLoop = null;
    this.driver.pause(this.run.now);
    this.env.store.getState().patchSession({ paused: true });
    void this.finish();
  }

  /** Marks the exercise finished in storage and opens the debrief. Safe to retry. */
  async finish(): Promise<void> {
    const store = this.env.store;
    store.getState().patchSession({ finish: 'finishing', finishError: null });
    // Journal the closing moment (e.g. the horizon) so the journal reaches the end of the run.
    if (this.run.now > this.lastJournaledT) await this.take({ type: 'CLOCK' }, 'clock');
    try {
      await this.env.api['exercises:finish']({ exerciseId: this.exerciseId, status: 'finished' });
    } catch (e) {
      store.getState().patchSession({ finish: 'failed', finishError: `Could not mark the exercise finished: ${errorMessage(e)}` });
      return;
    }
    store.getState().patchSession({ finish: 'finished' });
    if (!this.disposed) store.getState().navigate({ name: 'debrief', exerciseId: this.exerciseId });
  }
}

/**
 * When the next room-visible signal will arrive, or null if none will before the end.
 *
 * Computed on a scratch replay of the same journal (deterministic: same scenario, seed and
 * entries), because `advanceToNextSignal` on the live run would run to the horizon when nothing
 * else is scheduled.
 */
export function nextSignalTime(run: ExerciseRun): number | null {
  const scratch = ExerciseRun.replay(run.scenario, run.seed, run.entries);
  if (run.now > scratch.now) scratch.advanceTo(run.now);
  const found = scratch.advanceToNextSignal();
  return found ? scratch.now : null;
}
