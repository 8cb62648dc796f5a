/**
 * The host's clock loop for one live session: every TICK_MS it moves the run to where wall time
 * says sim time is (ClockDriver), tells the facilitators, sends views when a signal arrived or
 * VIEW_EVERY_MS passed, journals a checkpoint now and then, and notices the end. Clock intents
 * (pause, resume, speed, jump) are journaled as CLOCK entries through the session's commit, so a
 * reload, a second console or a restarted host come back at the same sim time and speed.
 */
import type { LiveClock } from '../../shared/contract/live.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import { msg } from '../../shared/i18n/words.ts';
import { MINUTE } from '../../shared/scenario/duration.ts';
import { ClockDriver } from './clock-driver.ts';
import { Refusal, refused, type HostTimer } from './session-types.ts';

export const TICK_MS = 100;
/** Views to participants and the projector at most this often while the clock runs. */
export const VIEW_EVERY_MS = 250;
/**
 * While the clock runs, a CLOCK checkpoint is journaled every 5 sim-minutes or every 10 wall
 * seconds, whichever comes first: a host killed mid-run comes back (paused) at most that far
 * behind where it was, even at 1× (where 5 sim-minutes would be 5 minutes of the room's time).
 */
export const CHECKPOINT_EVERY = 5 * MINUTE;
export const CHECKPOINT_EVERY_WALL_MS = 10_000;

type Items = ReadonlyArray<{ input: TeamInput; by: Attribution | null }>;

/** What the loop needs from its session. */
export interface ClockLoopHost {
  /** A journal write is under way: sim time holds still until it lands. */
  writing(): boolean;
  /** The session stopped: the loop does nothing more. */
  closed(): boolean;
  /** Sim time moved: tell the facilitators, and (when `views`) the room. */
  moved(views: boolean): void;
  /** Journals a CLOCK checkpoint at the current sim time. */
  checkpoint(): void;
  /** The run is over: journal the close and mark the exercise finished (once). */
  over(): void;
  /** Journals inputs, then runs `after`; `t` defaults to now. Resolves with the last seq. */
  commit(items: Items, after?: () => void, t?: number): Promise<number>;
}

export class ClockLoop {
  readonly driver: ClockDriver;
  private stopTimer: (() => void) | null = null;
  private lastCheckpoint: number;
  private lastCheckpointWall: number;

  constructor(
    private readonly run: ExerciseRun,
    entries: ReadonlyArray<JournalEntry>,
    defaultSpeed: number,
    private readonly timer: HostTimer,
    private readonly host: ClockLoopHost,
    /** When views were last sent (SessionBroadcast.lastViewAt). */
    private readonly lastViewAt: () => number,
  ) {
    const lastT = entries.at(-1)?.t ?? 0;
    if (run.now < lastT) run.advanceTo(lastT);
    // The last journaled speed wins; a resumed exercise always comes back paused.
    const lastSpeed = [...entries].reverse().find((e) => e.input.type === 'CLOCK' && e.input.speed !== undefined);
    const speed = lastSpeed?.input.type === 'CLOCK' && lastSpeed.input.speed !== undefined ? lastSpeed.input.speed : defaultSpeed;
    this.driver = new ClockDriver(() => timer.now(), run.now, speed, entries.length > 0 || run.over);
    this.lastCheckpoint = run.now;
    this.lastCheckpointWall = timer.now();
  }

  get running(): boolean {
    return this.stopTimer !== null;
  }

  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.timer.every(TICK_MS, () => this.tick());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  get clock(): LiveClock {
    const run = this.run;
    return { t: run.now, paused: this.driver.paused || run.over, speed: this.driver.speed, over: run.over, horizon: run.horizon };
  }

  /** One iteration of the loop: move sim time, tell the clients, checkpoint, finish. */
  tick(): void {
    const run = this.run;
    if (this.host.closed()) return;
    if (!this.host.writing() && !run.over) {
      const target = Math.min(this.driver.target(), run.horizon);
      if (target > run.now) {
        const before = run.context.signals.length;
        run.advanceTo(target);
        const wall = this.timer.now();
        this.host.moved(run.context.signals.length !== before || wall - this.lastViewAt() >= VIEW_EVERY_MS || run.over);
      }
    }
    if (run.over) {
      this.host.over();
      return;
    }
    const due = run.now - this.lastCheckpoint >= CHECKPOINT_EVERY || this.timer.now() - this.lastCheckpointWall >= CHECKPOINT_EVERY_WALL_MS;
    if (!this.driver.paused && !this.host.writing() && run.now > this.lastCheckpoint && due) {
      this.lastCheckpoint = run.now;
      this.lastCheckpointWall = this.timer.now();
      this.host.checkpoint();
    }
  }

  /** After a journal write: sim time carries on from the entry's moment, and that was a checkpoint. */
  committed(after?: () => void): void {
    // Sim time held still during the write; it carries on from the entry's moment.
    this.driver.reanchor(this.run.now);
    after?.();
    this.lastCheckpoint = this.run.now;
    this.lastCheckpointWall = this.timer.now();
  }

  /** A clock intent, journaled as a CLOCK entry; null when it changes nothing (already paused). */
  async change(action: 'pause' | 'resume' | 'jump' | 'speed', speed: number | undefined, by: Attribution): Promise<number | null> {
    const run = this.run;
    const d = this.driver;
    if (run.over) throw refused('rejected', msg('refusal.closed'));
    this.tick();
    switch (action) {
      case 'pause':
        if (d.paused) return null;
        return this.host.commit([{ input: { type: 'CLOCK', paused: true }, by }], () => d.pause(run.now));
      case 'resume':
        if (!d.paused) return null;
        return this.host.commit([{ input: { type: 'CLOCK', paused: false }, by }], () => d.resume(run.now));
      case 'speed': {
        if (speed === undefined) throw new Refusal('invalid', 'speed: a positive number is required');
        // A speed is only a speed: a paused clock stays paused (resuming is its own act), so a
        // facilitator choosing the pace before the room is ready does not start the exercise.
        return this.host.commit([{ input: { type: 'CLOCK', speed, paused: d.paused }, by }], () => d.setSpeed(speed, run.now));
      }
      case 'jump': {
        // The next signal, finding, deadline or effect, from the engine's own queue (no replay).
        const stop = run.nextStop();
        if (stop === null || stop.kind === 'end') throw refused('rejected', msg('refusal.host.nothing_scheduled'));
        return this.host.commit([{ input: { type: 'CLOCK', paused: d.paused }, by }], undefined, stop.t);
      }
    }
  }
}
