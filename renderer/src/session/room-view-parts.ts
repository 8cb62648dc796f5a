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
import { EN, type Words } from '../../../shared/i18n/words.ts';
import { phaseLabel, roleLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';

export interface RoomViewParts {
  /** The signal at a position of the whole exercise; the view carries only the latest ones. */
  signalAt(index: number): FeedSignal | undefined;
  channels: ReadonlyArray<(typeof CHANNELS)[number]>;
  metrics: DashboardMetric[];
  timeline: TimelineRow[];
}

export function useRoomViewParts(view: RoomState): RoomViewParts {
  const w = useWords();
  const firstShown = view.signalCount - view.signals.length;
  const signalAt = useCallback((i: number) => (i >= firstShown ? view.signals[i - firstShown] : undefined), [view.signals, firstShown]);
  const channels = useMemo(() => CHANNELS.filter((c) => view.signals.some((s) => s.channel === c)), [view.signals]);
  const metrics = useMemo(
    (): DashboardMetric[] => view.metrics.map((m) => ({ id: m.id, label: m.label, unit: m.unit, points: m.points.map(([at, v]) => ({ m: at, v })) })),
    [view.metrics],
  );
  const timeline = useMemo((): TimelineRow[] => [...view.timeline].reverse().map((r) => ({ ...r, text: roomRowText(r, w) })), [view.timeline, w]);
  return { signalAt, channels, metrics, timeline };
}

/** A row of the room's timeline in the page's language (its message), else the host's words. */
export function roomRowText(row: RoomState['timeline'][number], w: Words): string {
  return row.msg ? w.format(row.msg) : row.text;
}

/** The room's clock in the page's language: "Mon 09 Mar 13:12" and "T+4h12m". */
export function roomClock(view: Pick<RoomState, 'clock' | 'startEpoch'>, w: Words): { wall: string; offset: string } {
  return view.startEpoch === undefined
    ? { wall: view.clock.wall, offset: view.clock.offset }
    : { wall: w.wall(view.startEpoch + view.clock.t), offset: w.offset(view.clock.t) };
}

/** The room's phase in the page's language. */
export function roomPhase(view: Pick<RoomState, 'phase' | 'phaseLabel'>, w: Words): string {
  return view.phase ? phaseLabel(view.phase, w) : view.phaseLabel;
}

/**
 * A role as the host named it, in the page's language when it is a built-in role the scenario
 * did not rename (the host names roles in English; a scenario's own label is its data).
 */
export function roomRoleLabel(role: string, hostLabel: string | undefined, w: Words): string {
  if (hostLabel === undefined) return roleLabel(role, w);
  return hostLabel === roleLabel(role, EN) ? roleLabel(role, w) : hostLabel;
}
