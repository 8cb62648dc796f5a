/**
 * The signal feed's UI state: channel filter, selection and unread markers.
 *
 * Signals are only ever appended, so "read" is a high-water mark (everything before index
 * `readBefore`) plus the ids read individually beyond it: cheap at 5,000 signals.
 */
import type { Channel } from '../../../shared/scenario/schema.ts';
import type { SliceCreator } from './slice.ts';

export type ChannelFilter = Channel | 'all';

export interface FeedState {
  channelFilter: ChannelFilter;
  readBefore: number;
  readIds: Record<string, true>;
  selectedSignalId: string | null;
}

export interface FeedSlice {
  feed: FeedState;
  setChannelFilter(filter: ChannelFilter): void;
  selectSignal(id: string | null): void;
  markRead(id: string): void;
  markAllRead(signalCount: number): void;
  resetFeed(): void;
}

export const initialFeed = (): FeedState => ({ channelFilter: 'all', readBefore: 0, readIds: {}, selectedSignalId: null });

export const createFeedSlice: SliceCreator<FeedSlice> = (set) => ({
  feed: initialFeed(),
  setChannelFilter: (filter) =>
    set((s) => {
      s.feed.channelFilter = filter;
    }),
  selectSignal: (id) =>
    set((s) => {
      s.feed.selectedSignalId = id;
      if (id) s.feed.readIds[id] = true;
    }),
  markRead: (id) =>
    set((s) => {
      s.feed.readIds[id] = true;
    }),
  markAllRead: (signalCount) =>
    set((s) => {
      s.feed.readBefore = Math.max(s.feed.readBefore, signalCount);
      s.feed.readIds = {};
    }),
  resetFeed: () => set({ feed: initialFeed() }),
});

/** Whether the signal at `index` (with `id`) is unread. */
export function isUnread(feed: FeedState, index: number, id: string): boolean {
  return index >= feed.readBefore && !feed.readIds[id];
}
