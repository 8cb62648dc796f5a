/**
 * RoomView: everything the projector shows, built by the console from the run.
 *
 * Plain data (it crosses windows through BroadcastChannel or Electron IPC), built only from what
 * the room may see: see session/visibility.ts. Signals carry no red-herring or ad-hoc flag at
 * all, harm is absent until revealed, and metrics are the public ones, downsampled.
 */
import { findingFor } from '../../../shared/wording/timeline.ts';
import type { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { Signal } from '../../../shared/engine/run-state.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { wallTime } from '../../../shared/scenario/sim-time.ts';
import { publicPhaseLabel, publicTimeline, type PublicTimelineEntry } from '../session/visibility.ts';

export const ROOM_VIEW_FORMAT = 'firebreak-room/1';

/** A signal as the room sees it: no red-herring or ad-hoc authorship flags. */
export type RoomSignal = Omit<Signal, 'redHerring' | 'adhoc' | 'roles'>;

export interface RoomMetric {
  id: string;
  label: string;
  unit: string;
  /** [sim minute, value] pairs, downsampled. */
  points: Array<[number, number]>;
}

export interface RoomView {
  format: typeof ROOM_VIEW_FORMAT;
  exerciseId: string;
  scenarioTitle: string;
  team: string;
  clock: { t: number; wall: string; offset: string; speed: number; paused: boolean };
  phaseLabel: string;
  over: boolean;
  /** The latest signals, oldest first. */
  signals: RoomSignal[];
  signalCount: number;
  metrics: RoomMetric[];
  /** Present only after the facilitator revealed harm to the room. */
  harm: Array<{ id: string; label: string; unit: string; value: number }> | null;
  hints: string[];
  findings: Array<{ id: string; t: number; title: string; body: string }>;
  timeline: PublicTimelineEntry[];
}

export interface RoomViewInput {
  exerciseId: string;
  team: string;
  speed: number;
  paused: boolean;
  sharedFindings: ReadonlyArray<string>;
}

const MAX_SIGNALS = 40;
const MAX_TIMELINE = 30;
const MAX_POINTS = 240;

/** Every `stride`-th sample, always ending on the latest one. */
export function downsample(values: ReadonlyArray<number>, max: number): Array<[number, number]> {
  const n = values.length;
  if (n === 0) return [];
  const stride = Math.max(1, Math.ceil(n / max));
  const out: Array<[number, number]> = [];
  const start = (n - 1) % stride;
  for (let i = start; i < n; i += stride) out.push([i, values[i]!]);
  return out;
}

export function buildRoomView(run: ExerciseRun, input: RoomViewInput): RoomView {
  const s = run.scenario;
  const ctx = run.context;
  // Ids are positional: a scenario id or "adhoc-<seq>" would tell the room who wrote the signal.
  const first = Math.max(0, ctx.signals.length - MAX_SIGNALS);
  const signals = ctx.signals.slice(first).map((sig, i): RoomSignal => ({
    id: `s${first + i}`,
    t: sig.t,
    channel: sig.channel,
    source: sig.source,
    title: sig.title,
    body: sig.body,
    severity: sig.severity,
  }));
  const series = run.metricsUpToNow();
  const metrics: RoomMetric[] = [];
  s.metrics.forEach((m, i) => {
    if (!m.public) return;
    metrics.push({ id: m.id, label: m.label, unit: m.unit, points: downsample(series[i] ?? [], MAX_POINTS) });
  });
  let harm: RoomView['harm'] = null;
  if (ctx.harmRevealed) {
    const totals = run.harmAt();
    harm = s.harm.map((h) => ({ id: h.id, label: h.label, unit: h.unit, value: totals[h.id] ?? 0 }));
  }
  const hints = ctx.hintsRevealed.map((h) => s.hints.find((x) => x.id === h.id)?.text ?? '').filter(Boolean);
  const findings = ctx.findings
    .filter((f) => input.sharedFindings.includes(f.id))
    .map((f) => {
      const shown = findingFor(
        s.investigations.find((i) => i.id === f.id),
        f.shows,
      );
      return { id: f.id, t: f.t, title: shown.title, body: shown.body };
    });
  return {
    format: ROOM_VIEW_FORMAT,
    exerciseId: input.exerciseId,
    scenarioTitle: s.title,
    team: input.team,
    clock: { t: run.now, wall: wallTime(s, run.now), offset: formatOffset(run.now), speed: input.speed, paused: input.paused },
    phaseLabel: publicPhaseLabel(run.phase),
    over: run.over,
    signals,
    signalCount: ctx.signals.length,
    metrics,
    harm,
    hints,
    findings,
    timeline: publicTimeline(run, input.sharedFindings, MAX_TIMELINE),
  };
}

/** Accepts a message as a RoomView only if it looks like one (it came from another window). */
export function asRoomView(data: unknown): RoomView | null {
  if (!data || typeof data !== 'object') return null;
  const v = data as Partial<RoomView>;
  if (v.format !== ROOM_VIEW_FORMAT || typeof v.exerciseId !== 'string' || !v.clock || !Array.isArray(v.signals)) return null;
  return v as RoomView;
}
