/**
 * The machine's delayed self-events (fault onsets, injects, findings, effects, deadlines, the
 * horizon), scheduled straight on the actor's clock instead of through XState's delayed `raise`.
 *
 * Why: a raise with a delay goes through XState's action resolution, its scheduler (a wall-clock
 * `Date.now()` and a keyed record per event) and its relay, which for a 10,000-inject scenario was
 * about a third of a run. This keeps XState's semantics exactly, so runs stay the same bit for
 * bit: timers are set on the same clock in the same order (the reducer calls `raise` where it
 * used to enqueue one, and XState executed those in order right after it), an id scheduled again
 * replaces the pending entry without clearing the earlier timer, a timer that fires forgets its id
 * (even when a newer one holds it) and is delivered with `send`, as XState's relay did, and
 * `cancel` clears the id's timer.
 */

/** The part of a clock this needs: XState's clock interface, which SimClock implements. */
export interface TimerClock {
  setTimeout(fn: () => void, delay: number): unknown;
  clearTimeout(id: unknown): void;
}

/** The actor the events go to: its clock and its mailbox. */
export interface TimedTarget<E> {
  clock: TimerClock;
  send(event: E): void;
}

export class TimedEvents<E> {
  private readonly pending = new Map<string, { handle: unknown; event: E }>();

  constructor(private readonly target: TimedTarget<E>) {}

  /** Sends `event` to the actor `delay` ms from the clock's now, under `id` (for cancel). */
  raise(event: E, options: { delay: number; id: string }): void {
    const { id } = options;
    const entry = { handle: null as unknown, event };
    this.pending.set(id, entry);
    entry.handle = this.target.clock.setTimeout(() => {
      this.pending.delete(id);
      this.target.send(event);
    }, options.delay);
  }

  cancel(id: string): void {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (entry !== undefined) this.target.clock.clearTimeout(entry.handle);
  }

  /** The events still pending, in the order their ids were first scheduled (as XState kept them). */
  events(): E[] {
    return Array.from(this.pending.values(), (p) => p.event);
  }
}

const byActor = new WeakMap<object, TimedEvents<never>>();

/** The timed events of an actor (made on first use; the machine is shared, the queue is per run). */
export function timedEventsOf<E>(actor: TimedTarget<E>): TimedEvents<E> {
  let t = byActor.get(actor) as TimedEvents<E> | undefined;
  if (t === undefined) {
    t = new TimedEvents<E>(actor);
    byActor.set(actor, t as TimedEvents<never>);
  }
  return t;
}
