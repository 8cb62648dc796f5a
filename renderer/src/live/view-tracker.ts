/**
 * The view a room client shows, kept from the host's `view` (whole, versioned) and `viewPatch`
 * (changes from one version to the next) messages (host/session/broadcast.ts). A patch that does
 * not fit the version held (a message missed) asks the host for the whole view once.
 */
import type { ServerMessage } from '../../../shared/contract/live.ts';
import { applyViewPatch } from '../../../shared/contract/view-patch.ts';

export class ViewTracker<V> {
  private view: V | null = null;
  private version: number | null = null;
  private resyncing = false;

  /** Forgets the view held (the next whole view starts again). */
  reset(): void {
    this.view = null;
    this.version = null;
    this.resyncing = true;
  }

  /** The view after `m` (null when `m` changes nothing shown); `resync` is called when a patch does not fit. */
  receive(m: ServerMessage, resync: () => void): V | null {
    if (m.type === 'view') {
      this.view = m.view as V;
      this.version = m.version ?? null;
      this.resyncing = false;
      return this.view;
    }
    if (m.type !== 'viewPatch') return null;
    if (this.view === null || this.version !== m.base) {
      if (!this.resyncing) {
        this.resyncing = true;
        resync();
      }
      return null;
    }
    this.view = applyViewPatch(this.view, m.patch);
    this.version = m.version;
    return this.view;
  }
}
