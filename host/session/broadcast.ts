/**
 * Live fan-out (issue #18): each distinct view (the projector's, one per participant role, the
 * solo player's) is computed and serialised once per broadcast, however many clients show it, and
 * goes out as a patch against the previous version while the clock runs (a 15 KB view re-sent to
 * every client four times a second was most of a 300-client room's bandwidth and host CPU).
 *
 * A client that is new, asks again (`resync`: it missed a version), or is due a keyframe gets the
 * whole view; the others a `viewPatch` from the version they hold. A view that did not change is
 * not sent at all.
 */
import type { ServerMessage } from '../../shared/contract/live.ts';
import { viewPatch, type PatchMemo } from '../../shared/contract/view-patch.ts';

type View = Extract<ServerMessage, { type: 'view' }>['view'];

/** The text a message goes out as: serialised once, however many sockets it is written to. */
const texts = new WeakMap<object, string>();
export function wireText(message: ServerMessage): string {
  let text = texts.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    texts.set(message, text);
  }
  return text;
}

/**
 * The same text as UTF-8 bytes, encoded once: a socket given a string encodes it again for itself
 * (at 300 clients that was 300 encodings of the same 1–15 KB per broadcast); given these bytes
 * (sent as a text frame) it writes them as they are.
 */
const bytes = new WeakMap<object, Buffer>();
export function wireBytes(message: ServerMessage): Buffer {
  let b = bytes.get(message);
  if (b === undefined) {
    b = Buffer.from(wireText(message), 'utf8');
    bytes.set(message, b);
  }
  return b;
}

export interface FanoutClient {
  send(message: ServerMessage): void;
}

/** How often every client gets its whole view again even when patches would do (a safety net). */
export const KEYFRAME_EVERY_MS = 30_000;

export class ViewFanout<C extends FanoutClient> {
  private readonly last = new Map<string, { view: View; version: number; keyframeAt: number }>();
  private version = 0;
  /** Parts shared by several views (the people, the team state) are diffed once per broadcast. */
  private readonly memo: PatchMemo = new WeakMap();

  constructor(private readonly now: () => number) {}

  /**
   * Sends the view `make()` for `key` to `clients`: the whole view to those in `fresh` (and to all
   * when a keyframe is due), a patch to the others; nothing when it has not changed.
   */
  publish(key: string, make: () => View | null, clients: ReadonlyArray<C>, fresh: ReadonlySet<C> = new Set()): void {
    if (clients.length === 0) return;
    // Diffed as built, read as JSON reads it (viewPatch takes an undefined field for no field):
    // a JSON round trip of each view first was a third of a broadcast's time. Views are plain
    // data built for this broadcast from the run's frozen snapshot, so the one kept here as the
    // base of the next patch cannot change under it.
    const view = make();
    if (view === null) return;
    const now = this.now();
    const prev = this.last.get(key);
    const keyframe = !prev || now - prev.keyframeAt >= KEYFRAME_EVERY_MS;
    const patch = keyframe ? null : viewPatch(prev.view, view, this.memo);
    if (!keyframe && patch === null) {
      // Unchanged: only the fresh clients need it, at the version the others hold.
      if (fresh.size > 0) {
        const full: ServerMessage = { type: 'view', view: prev.view, version: prev.version };
        for (const c of clients) if (fresh.has(c)) c.send(full);
      }
      return;
    }
    const version = ++this.version;
    this.last.set(key, { view, version, keyframeAt: keyframe ? now : prev!.keyframeAt });
    const full: ServerMessage = { type: 'view', view, version };
    const patched: ServerMessage | null = patch && prev ? { type: 'viewPatch', base: prev.version, version, patch } : null;
    for (const c of clients) c.send(patched === null || fresh.has(c) ? full : patched);
  }

  /** Forgets a key's last view (its next publish is a keyframe). */
  forget(key: string): void {
    this.last.delete(key);
  }
}
