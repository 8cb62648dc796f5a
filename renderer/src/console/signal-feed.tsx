/**
 * The signal feed: every signal the run has produced, newest first, filterable by channel, with
 * unread markers. Virtualized; the selected signal opens in full below the list.
 *
 * Red-herring markers appear only on the facilitator console (`showFacilitatorMarks`).
 */
import { useMemo } from 'react';
import type { Signal } from '../../../shared/engine/run-state.ts';
import { CHANNELS, type Channel } from '../../../shared/scenario/schema.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { isUnread, type ChannelFilter, type FeedState } from '../store/feed-slice.ts';
import { CHANNEL_LABELS } from '../ui/labels.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { VirtualList } from '../ui/virtual-list.tsx';
import { SimTime } from './sim-time.tsx';

const ROW_HEIGHT = 72;

function unreadCounts(signals: ReadonlyArray<Signal>, count: number, feed: FeedState): Record<ChannelFilter, number> {
  const out = { all: 0 } as Record<ChannelFilter, number>;
  for (const c of CHANNELS) out[c] = 0;
  for (let i = feed.readBefore; i < count; i++) {
    const s = signals[i]!;
    if (feed.readIds[s.id]) continue;
    out.all++;
    out[s.channel]++;
  }
  return out;
}

function SignalRow({ signal, index, facilitator }: { signal: Signal; index: number; facilitator: boolean }) {
  const unread = useAppStore((s) => isUnread(s.feed, index, signal.id));
  const selected = useAppStore((s) => s.feed.selectedSignalId === signal.id);
  const select = useAppStore((s) => s.selectSignal);
  return (
    <button
      type="button"
      className={`signal-row severity-${signal.severity} ${unread ? 'is-unread' : ''} ${selected ? 'is-selected' : ''}`}
      data-unread={unread ? 'true' : 'false'}
      data-signal-id={signal.id}
      aria-pressed={selected}
      onClick={() => select(selected ? null : signal.id)}
    >
      <span className="signal-line">
        {unread && <span className="unread-dot" aria-label="unread" />}
        <span className={`tag channel channel-${signal.channel}`}>{CHANNEL_LABELS[signal.channel]}</span>
        <span className="signal-source">{signal.source}</span>
        <SimTime t={signal.t} />
        {facilitator && signal.redHerring && <span className="tag tag-facilitator">red herring</span>}
        {facilitator && signal.adhoc && <span className="tag tag-facilitator">ad hoc</span>}
      </span>
      <span className="signal-title">{signal.title}</span>
      <span className="signal-body">{signal.body}</span>
    </button>
  );
}

function SignalDetail({ signal, facilitator }: { signal: Signal; facilitator: boolean }) {
  const select = useAppStore((s) => s.selectSignal);
  return (
    <article className={`signal-detail severity-${signal.severity}`} aria-label="Selected signal">
      <header>
        <span className={`tag channel channel-${signal.channel}`}>{CHANNEL_LABELS[signal.channel]}</span> <strong>{signal.source}</strong>{' '}
        <SimTime t={signal.t} />
        {facilitator && signal.redHerring && <span className="tag tag-facilitator">red herring (facilitator only)</span>}
        <button type="button" className="button button-quiet" onClick={() => select(null)} aria-label="Close signal">
          ×
        </button>
      </header>
      <h3>{signal.title}</h3>
      <p className="signal-full-body">{signal.body}</p>
    </article>
  );
}

export function SignalFeed() {
  const session = useOpenSession();
  const facilitator = session.mode === 'facilitated';
  const count = useRun((run) => run.context.signals.length);
  const signals = session.run.context.signals;
  const feed = useAppStore((s) => s.feed);
  const setFilter = useAppStore((s) => s.setChannelFilter);
  const markAllRead = useAppStore((s) => s.markAllRead);

  const channels = useMemo(() => {
    const used = new Set<Channel>(session.scenario.injects.map((i) => i.channel));
    for (let i = 0; i < count; i++) used.add(signals[i]!.channel);
    return CHANNELS.filter((c) => used.has(c));
  }, [session, signals, count]);

  // Newest first: position p shows signal index order[p].
  const order = useMemo(() => {
    const out: number[] = [];
    for (let i = count - 1; i >= 0; i--) if (feed.channelFilter === 'all' || signals[i]!.channel === feed.channelFilter) out.push(i);
    return out;
  }, [signals, count, feed.channelFilter]);

  const unread = useMemo(() => unreadCounts(signals, count, feed), [signals, count, feed]);
  const selected = feed.selectedSignalId ? signals.find((s) => s.id === feed.selectedSignalId) : undefined;

  return (
    <Panel
      id="feed"
      title="Signals"
      className="feed-panel"
      badge={
        unread.all > 0 ? (
          <span className="badge" aria-label={`${unread.all} unread`}>
            {unread.all}
          </span>
        ) : null
      }
      actions={
        <button type="button" className="button button-quiet" onClick={() => markAllRead(count)} disabled={unread.all === 0}>
          Mark all read
        </button>
      }
    >
      <div className="feed-filters" role="group" aria-label="Filter by channel">
        {(['all', ...channels] as ChannelFilter[]).map((c) => (
          <button
            key={c}
            type="button"
            className={`chip ${feed.channelFilter === c ? 'is-active' : ''}`}
            aria-pressed={feed.channelFilter === c}
            onClick={() => setFilter(c)}
          >
            {c === 'all' ? 'All' : CHANNEL_LABELS[c]}
            {unread[c] > 0 && <span className="chip-count">{unread[c]}</span>}
          </button>
        ))}
      </div>
      {count === 0 ? (
        <Empty>No signals yet. They arrive as the clock runs.</Empty>
      ) : order.length === 0 ? (
        <Empty>No signals on this channel yet.</Empty>
      ) : (
        <VirtualList
          label="Signal feed"
          className="feed-list"
          count={order.length}
          rowHeight={ROW_HEIGHT}
          getKey={(p) => signals[order[p]!]!.id}
          renderRow={(p) => <SignalRow signal={signals[order[p]!]!} index={order[p]!} facilitator={facilitator} />}
        />
      )}
      {selected && <SignalDetail signal={selected} facilitator={facilitator} />}
    </Panel>
  );
}
