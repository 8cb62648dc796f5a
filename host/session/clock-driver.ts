/**
 * Turns wall time into target sim time: simAtLastAnchor + wallElapsed × speed.
 *
 * Pure and timer-free: it reads an injected `now()` (the host's performance.now, a fake in tests)
 * and is re-anchored whenever speed, pause state or the sim time changes under it (a jump, a
 * resume, a journal write). The host session's loop asks it for `target()` on each tick and
 * advances the run there.
 */
export type Speed = number;

export class ClockDriver {
  private anchorWall: number;
  private anchorSim: number;
  private _speed: Speed;
  private _paused: boolean;

  constructor(
    private readonly now: () => number,
    sim: number,
    speed: Speed,
    paused: boolean,
  ) {
    this.anchorWall = now();
    this.anchorSim = sim;
    this._speed = speed;
    this._paused = paused;
  }

  get speed(): Speed {
    return this._speed;
  }

  get paused(): boolean {
    return this._paused;
  }

  /** Where sim time should be now (whole milliseconds, never before the last anchor). */
  target(): number {
    if (this._paused) return this.anchorSim;
    const elapsed = Math.max(0, this.now() - this.anchorWall);
    return Math.floor(this.anchorSim + elapsed * this._speed);
  }

  /** Restarts the measurement from `sim` at this wall moment. */
  reanchor(sim: number): void {
    this.anchorWall = this.now();
    this.anchorSim = sim;
  }

  pause(sim: number): void {
    this._paused = true;
    this.reanchor(sim);
  }

  resume(sim: number): void {
    this._paused = false;
    this.reanchor(sim);
  }

  setSpeed(speed: Speed, sim: number): void {
    if (!(speed > 0)) throw new RangeError(`speed must be positive (got ${speed})`);
    this._speed = speed;
    this.reanchor(sim);
  }
}
