/**
 * At most a few PDF printers at once.
 *
 * Each PDF export starts a Chromium (browser host, CLI) or a hidden window (desktop); eight exports
 * at once would start eight of them on a 2-core laptop. Exports wait in line instead, and a
 * client can ask where its own export is (by the ticket it chose) to show progress.
 */
export type PrintStatus = { state: 'waiting'; ahead: number } | { state: 'printing' } | { state: 'unknown' };

interface Waiter {
  ticket: string | null;
  start: () => void;
}

export const DEFAULT_PRINT_LIMIT = 2;

export class PrintQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private readonly printing = new Set<string>();

  constructor(readonly limit = DEFAULT_PRINT_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a print queue needs a limit of at least 1, not ${limit}`);
  }

  /** Runs `print` when a printer is free; `ticket` lets status() find it. */
  async run<T>(print: () => Promise<T>, ticket: string | null = null): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((start) => this.waiting.push({ ticket, start }));
    } else {
      this.running++;
    }
    if (ticket !== null) this.printing.add(ticket);
    try {
      return await print();
    } finally {
      if (ticket !== null) this.printing.delete(ticket);
      const next = this.waiting.shift();
      if (next)
        next.start(); // the slot passes straight to the next in line
      else this.running--;
    }
  }

  status(ticket: string): PrintStatus {
    if (this.printing.has(ticket)) return { state: 'printing' };
    const i = this.waiting.findIndex((w) => w.ticket === ticket);
    return i >= 0 ? { state: 'waiting', ahead: i } : { state: 'unknown' };
  }

  /** Printing now and waiting (for tests and diagnostics). */
  get load(): { printing: number; waiting: number } {
    return { printing: this.running, waiting: this.waiting.length };
  }
}
