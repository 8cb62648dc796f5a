/**
 * The parts of a host-projected view (a participant's or a solo trainee's) that the shared
 * panels take: the signals by position, the channels in use, dashboard points, the timeline
 * newest first. Memoized per view, so a new view re-renders only what changed.
 */
import { useCallback, useMemo } from 'react';
import type { RoomState } from '../../../shared/contract/live.ts';
import { CHANNELS } from '../../../shared/scenario/schema.ts';
import type { DashboardMetric } from '../console/metrics-dashboard.tsx';
import type { FeedSignal } from '../console/signal-feed.tsx';
import type { TimelineRow } from '../console/timeline-panel.tsx';

export interface RoomViewParts {
  /** The signal at a position of the whole exercise; the view carries only the latest ones. */
  signalAt(index: number): FeedSignal | undefined;
  channels: ReadonlyArray<(typeof CHANNELS)[number]>;
  metrics: DashboardMetric[];
  timeline: TimelineRow[];
}

export function useRoomViewParts(view: RoomState): RoomViewParts {
  const firstShown = view.signalCount - view.signals.length;
  const signalAt = useCallback((i: number) => (i >= firstShown ? view.signals[i - firstShown] : undefined), [view.signals, firstShown]);
  const channels = useMemo(() => CHANNELS.filter((c) => view.signals.some((s) => s.channel === c)), [view.signals]);
  const metrics = useMemo(
    (): DashboardMetric[] => view.metrics.map((m) => ({ id: m.id, label: m.label, unit: m.unit, points: m.points.map(([at, v]) => ({ m: at, v })) })),
    [view.metrics],
  );
  const timeline = useMemo((): TimelineRow[] => [...view.timeline].reverse(), [view.timeline]);
  return { signalAt, channels, metrics, timeline };
}
