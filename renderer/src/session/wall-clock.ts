/**
 * The wall clock the session loop runs on, injectable so tests never use real timers.
 *
 * `every(ms, fn)` drives the loop; the browser version uses setInterval (~10 Hz). The fake one
 * moves only when a test calls `advance(ms)`, firing the registered tickers synchronously.
 */
export interface WallClock {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

export const browserWallClock: WallClock = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export class FakeWallClock implements WallClock {
  private t = 0;
  private tickers = new Set<() => void>();

  now(): number {
    return this.t;
  }

  every(_ms: number, fn: () => void): () => void {
    this.tickers.add(fn);
    return () => this.tickers.delete(fn);
  }

  /** Moves wall time forward by `ms` and runs each ticker once (one loop iteration). */
  advance(ms: number): void {
    this.t += ms;
    for (const fn of [...this.tickers]) fn();
  }

  get tickerCount(): number {
    return this.tickers.size;
  }
}
