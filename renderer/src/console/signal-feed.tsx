/**
 * The signal feed: every signal the run has produced, newest first, filterable by channel, with
 * unread markers. Virtualized; the selected signal opens in full below the list.
 *
 * `SignalFeedPanel` renders signals it is given by position; the console's `SignalFeed` gives it
 * the run's signals (with the facilitator's red-herring and ad-hoc marks), the solo screen the
 * public signals the host sent.
 */
import { useCallback, useMemo } from 'react';
import type { PublicSignal } from '../../../shared/contract/live.ts';
import type { Signal } from '../../../shared/engine/run-state.ts';
import { CHANNELS, type Channel } from '../../../shared/scenario/schema.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { isUnread, type ChannelFilter, type FeedState } from '../store/feed-slice.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { VirtualList } from '../ui/virtual-list.tsx';
import { SimTime } from '../team/sim-time.tsx';
import { useWords } from '../i18n/words.tsx';
import { channelLabel } from '../../../shared/i18n/labels.ts';

const ROW_HEIGHT = 72;

/** A signal in the feed: the public fields, and the facilitator's marks when the console has them. */
export type FeedSignal = PublicSignal & Partial<Pick<Signal, 'redHerring' | 'adhoc'>>;

/** The signal at a position (0 = the first of the exercise), or undefined when not at hand. */
type SignalAt = (index: number) => FeedSignal | undefined;

function unreadCounts(signalAt: SignalAt, count: number, feed: FeedState): Record<ChannelFilter, number> {
  const out = { all: 0 } as Record<ChannelFilter, number>;
  for (const c of CHANNELS) out[c] = 0;
  for (let i = feed.readBefore; i < count; i++) {
    const s = signalAt(i);
    if (!s || feed.readIds[s.id]) continue;
    out.all++;
    out[s.channel]++;
  }
  return out;
}

function SignalRow({ signal, index, facilitator }: { signal: FeedSignal; index: number; facilitator: boolean }) {
  const w = useWords();
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
        {unread && <span className="unread-dot" aria-label={w.t('signals.unread')} />}
        <span className={`tag channel channel-${signal.channel}`}>{channelLabel(signal.channel, w)}</span>
        <span className="signal-source">{signal.source}</span>
        <SimTime t={signal.t} />
        {facilitator && signal.redHerring && <span className="tag tag-facilitator">{w.t('signals.redHerring')}</span>}
        {facilitator && signal.adhoc && <span className="tag tag-facilitator">{w.t('signals.adhoc')}</span>}
      </span>
      <span className="signal-title">{signal.title}</span>
      <span className="signal-body">{signal.body}</span>
    </button>
  );
}

function SignalDetail({ signal, facilitator }: { signal: FeedSignal; facilitator: boolean }) {
  const w = useWords();
  const select = useAppStore((s) => s.selectSignal);
  return (
    <article className={`signal-detail severity-${signal.severity}`} aria-label={w.t('signals.selected')}>
      <header>
        <span className={`tag channel channel-${signal.channel}`}>{channelLabel(signal.channel, w)}</span> <strong>{signal.source}</strong>{' '}
        <SimTime t={signal.t} />
        {facilitator && signal.redHerring && <span className="tag tag-facilitator">{w.t('signals.redHerringFacilitator')}</span>}
        <button type="button" className="button button-quiet" onClick={() => select(null)} aria-label={w.t('signals.close')}>
          ×
        </button>
      </header>
      <h3>{signal.title}</h3>
      <p className="signal-full-body">{signal.body}</p>
    </article>
  );
}

export interface SignalFeedPanelProps {
  /** How many signals the exercise has produced so far. */
  count: number;
  signalAt: SignalAt;
  /** The channels offered as filters. */
  channels: ReadonlyArray<Channel>;
  facilitator: boolean;
  /** "Signals" by default; a communications lead's is their "Inbox". */
  title?: string;
}

export function SignalFeedPanel({ count, signalAt, channels, facilitator, title }: SignalFeedPanelProps) {
  const w = useWords();
  title ??= w.t('signals.title');
  const feed = useAppStore((s) => s.feed);
  const setFilter = useAppStore((s) => s.setChannelFilter);
  const markAllRead = useAppStore((s) => s.markAllRead);

  // Newest first: position p shows signal index order[p].
  const order = useMemo(() => {
    const out: number[] = [];
    for (let i = count - 1; i >= 0; i--) {
      const sig = signalAt(i);
      if (sig && (feed.channelFilter === 'all' || sig.channel === feed.channelFilter)) out.push(i);
    }
    return out;
  }, [signalAt, count, feed.channelFilter]);

  const unread = useMemo(() => unreadCounts(signalAt, count, feed), [signalAt, count, feed]);
  const selected = useMemo(() => {
    if (!feed.selectedSignalId) return undefined;
    for (let i = count - 1; i >= 0; i--) if (signalAt(i)?.id === feed.selectedSignalId) return signalAt(i);
    return undefined;
  }, [signalAt, count, feed.selectedSignalId]);

  return (
    <Panel
      id="feed"
      title={title}
      className="feed-panel"
      badge={
        unread.all > 0 ? (
          <span className="badge" aria-label={w.t('signals.unreadCount', { n: unread.all })}>
            {unread.all}
          </span>
        ) : null
      }
      actions={
        <button type="button" className="button button-quiet" onClick={() => markAllRead(count)} disabled={unread.all === 0}>
          {w.t('signals.markAllRead')}
        </button>
      }
    >
      <div className="feed-filters" role="group" aria-label={w.t('signals.filter')}>
        {(['all', ...channels] as ChannelFilter[]).map((c) => (
          <button
            key={c}
            type="button"
            className={`chip ${feed.channelFilter === c ? 'is-active' : ''}`}
            aria-pressed={feed.channelFilter === c}
            onClick={() => setFilter(c)}
          >
            {c === 'all' ? w.t('ui.signals.all') : channelLabel(c, w)}
            {unread[c] > 0 && <span className="chip-count">{unread[c]}</span>}
          </button>
        ))}
      </div>
      {count === 0 ? (
        <Empty>{w.t('signals.empty')}</Empty>
      ) : order.length === 0 ? (
        <Empty>{w.t('signals.emptyChannel')}</Empty>
      ) : (
        <VirtualList
          label={w.t('signals.feed')}
          className="feed-list"
          count={order.length}
          rowHeight={ROW_HEIGHT}
          getKey={(p) => signalAt(order[p]!)!.id}
          renderRow={(p) => <SignalRow signal={signalAt(order[p]!)!} index={order[p]!} facilitator={facilitator} />}
        />
      )}
      {selected && <SignalDetail signal={selected} facilitator={facilitator} />}
    </Panel>
  );
}

/** The console's feed: the run's signals, with the facilitator's marks. */
export function SignalFeed() {
  const session = useOpenSession();
  const count = useRun((run) => run.context.signals.length);
  const signals = session.run.context.signals;
  // The run appends in place: `count` is what tells the panel something arrived.
  const signalAt = useCallback((i: number) => signals[i], [signals, count]);
  const channels = useMemo(() => {
    const used = new Set<Channel>(session.scenario.injects.map((i) => i.channel));
    for (let i = 0; i < count; i++) used.add(signals[i]!.channel);
    return CHANNELS.filter((c) => used.has(c));
  }, [session, signals, count]);
  return <SignalFeedPanel count={count} signalAt={signalAt} channels={channels} facilitator={session.mode === 'facilitated'} />;
}
