/**
 * The simulated clock handed to XState (`createActor(machine, { clock })`).
 *
 * A priority queue of timers fired in (due time, creation order). `advanceTo` fires each due timer
 * with `now` set to that timer's own due time, so a timer created while another fires starts from
 * the right moment. (xstate's SimulatedClock, advanced in one large step, fires a chain of delays
 * from the new "now" and stops after the first: see ../shared/guides/code-style-anchors.md.)
 */
interface Timer {
  due: number;
  seq: number;
  fn: () => void;
}

export class SimClock {
  private heap: Timer[] = [];
  private cancelled = new Set<number>();
  private nextSeq = 1;
  now = 0;
  /** Timers fired so far. */
  fired = 0;

  setTimeout(fn: () => void, delay: number): number {
    const timer = { due: this.now + Math.max(0, delay), seq: this.nextSeq++, fn };
    this.push(timer);
    return timer.seq;
  }

  clearTimeout(id: number): void {
    this.cancelled.add(id);
  }

  /** Due time of the next live timer, or null. */
  peek(): number | null {
    this.dropCancelled();
    return this.heap.length ? this.heap[0]!.due : null;
  }

  /** Fires the next timer if it is due at or before `limit`; returns whether one fired. */
  fireNext(limit: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.due > limit) return false;
    this.pop();
    this.now = Math.max(this.now, top.due);
    this.fired++;
    top.fn();
    return true;
  }

  /** Fires every timer due at or before `t`, in order, then sets now to `t`. */
  advanceTo(t: number): void {
    while (this.fireNext(t));
    if (t > this.now) this.now = t;
  }

  private dropCancelled(): void {
    while (this.heap.length && this.cancelled.has(this.heap[0]!.seq)) {
      this.cancelled.delete(this.heap[0]!.seq);
      this.pop();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
