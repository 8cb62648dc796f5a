/**
 * Key times of a finished run: the moments (fault, first signal, detection, ...) and the
 * elapsed-time metrics (MTTD, MTTC, ...) each against its rubric target.
 *
 * Everything is read off the score card, so the debrief, the report and the CLI agree to the
 * millisecond with what was scored.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { RunFacts } from '../scoring/run-facts.ts';
import type { ScoreCard } from '../scoring/score-card.ts';
import { wallTime } from '../scenario/sim-time.ts';
import { audienceNoun, cap } from './phrasing.ts';
import { EN, type Words } from '../i18n/words.ts';
import type { TargetVerdict } from '../scoring/verdict.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';
import { countsWorkingHours } from '../scoring/definitions.ts';
import { workingDaysText } from '../scoring/wording.ts';
import { scheduleDef } from '../engine/working-hours.ts';

export type KeyTimeKind =
  'fault' | 'false-alarm' | 'signal' | 'detection' | 'triage' | 'decision' | 'containment' | 'recovery' | 'notification' | 'deadline' | 'resolution' | 'end';

export interface KeyTime {
  id: string;
  kind: KeyTimeKind;
  label: string;
  /** Sim milliseconds since the exercise start; null when it never happened. */
  t: number | null;
  /** More about the moment (the signal's title, the audience's deadline). */
  detail?: string;
  /** "T+6h35m" and "Mon 09 Mar 15:05"; empty when it never happened. */
  offset: string;
  wall: string;
}

export interface KeyMetric {
  id: string;
  label: string;
  /** Elapsed sim milliseconds; null when it never happened. */
  value: number | null;
  target: number;
  /** The score card's verdict (met, missed, open or not applicable), never re-derived here. */
  verdict: TargetVerdict;
  /** What the elapsed time is measured from, for the table's footnote. */
  from: string;
}

export interface KeyTimesModel {
  times: KeyTime[];
  metrics: KeyMetric[];
}

/** One row per moment that happened, in time order, for a timeline or bar chart. */
export interface KeyTimeRow {
  id: string;
  kind: KeyTimeKind;
  label: string;
  t: number;
  hours: number;
  offset: string;
  wall: string;
}

export function keyTimes(s: Scenario, card: ScoreCard, ctx: DeepReadonly<Pick<RunFacts, 'signals'>>, w: Words = EN): KeyTimesModel {
  const k = card.keyTimes;
  const r = s.rubric;
  // The signal the score card counts as first (no red herrings, nothing before the fault).
  const first = k.firstSignal === null ? null : (ctx.signals.find((x) => !x.adhoc && !x.redHerring && x.t === k.firstSignal) ?? null);
  const times: Omit<KeyTime, 'offset' | 'wall'>[] = [
    { id: 'fault', kind: 'fault', label: w.t('keyTime.fault'), t: k.faultStart },
    ...card.falseAlarms.map((x, i) => ({
      id: `false-alarm:${i + 1}`,
      kind: 'false-alarm' as const,
      label: w.t('keyTime.falseAlarm'),
      t: x.t,
    })),
    {
      id: 'first-signal',
      kind: 'signal',
      label: w.t('keyTime.firstSignal'),
      t: k.firstSignal,
      ...(first ? { detail: w.t('keyTime.signalDetail', { source: first.source, title: first.title }) } : {}),
    },
    { id: 'detection', kind: 'detection', label: w.t('keyTime.detection'), t: k.detection },
    { id: 'triage', kind: 'triage', label: w.t('keyTime.triage'), t: k.triage },
    { id: 'containment-decision', kind: 'decision', label: w.t('keyTime.decision'), t: k.containmentDecision },
    { id: 'containment', kind: 'containment', label: w.t('keyTime.containment'), t: k.containment },
  ];
  for (const n of card.notifications) {
    const who = audienceNoun(n.audience, w);
    times.push({ id: `notify:${n.audience}`, kind: 'notification', label: cap(w.t('keyTime.notified', { who })), t: n.sentAt });
    times.push({ id: `deadline:${n.audience}`, kind: 'deadline', label: w.t('keyTime.deadline', { who }), t: n.deadline, detail: n.status });
  }
  times.push({ id: 'recovered', kind: 'recovery', label: w.t('keyTime.recovered'), t: k.recovered });
  times.push({ id: 'resolution', kind: 'resolution', label: w.t('keyTime.resolution'), t: k.resolution });
  times.push({ id: 'end', kind: 'end', label: card.closedBy === 'horizon' ? w.t('keyTime.horizon') : w.t('keyTime.ended'), t: k.end });

  // Every "met" here is the card's verdict: key times never compare a value with a target.
  const v = card.verdicts;
  const metrics: KeyMetric[] = [
    {
      id: 'mttd',
      label: w.t('keyMetric.mttd'),
      value: card.mttd,
      target: r.mttd,
      verdict: v.mttd,
      // Within the target in minutes but missed: the room must see why (a false alarm came first).
      from: w.t(v.mttd.code === 'target.false_alarm' ? 'keyMetric.from.falseAlarm' : 'keyMetric.from.fault'),
    },
    {
      id: 'triage',
      label: w.t('keyMetric.triage'),
      value: card.timeToTriage,
      target: r.triageWithin,
      verdict: v.timeToTriage,
      from: w.t('keyMetric.from.detection'),
    },
    {
      id: 'mttc',
      label: w.t('keyMetric.mttc'),
      value: card.mttc ?? card.mttcCensored,
      target: r.mttc,
      verdict: v.mttc,
      from: card.mttc === null && card.mttcCensored !== null ? w.t('keyMetric.from.censored') : w.t('keyMetric.from.detection'),
    },
  ];
  // #17: a target counted in working hours says so, or "19h, target 4h, met" reads as a mistake.
  for (const m of metrics) {
    const id = m.id === 'triage' ? 'triageWithin' : m.id;
    if (id !== 'mttd' && id !== 'mttc' && id !== 'triageWithin') continue;
    if (!countsWorkingHours(s, id)) continue;
    const def = scheduleDef(s);
    m.from = w.t('keyMetric.from.workingHours', { from: m.from, days: workingDaysText(def.days, w), open: def.open, close: def.close });
  }
  r.notifications.forEach((target, i) => {
    const n = card.notifications[i]!;
    metrics.push({
      id: `notify:${n.audience}`,
      label: w.t('keyMetric.notify', { who: audienceNoun(n.audience, w) }),
      value: n.elapsed,
      target: target.within,
      verdict: n.verdict,
      from: n.verdict.status === 'open' ? w.t('keyMetric.from.open', { from: obligationFrom(target.from, w) }) : obligationFrom(target.from, w),
    });
  });
  const when = (t: number | null) => (t === null ? { offset: '', wall: '' } : { offset: w.offset(t), wall: wallTime(s, t, w) });
  return { times: times.map((x) => ({ ...x, ...when(x.t) })), metrics };
}

/**
 * What an obligation's clock counts from, as the engine starts it (machine.ts `happen`): a
 * "detection" deadline runs from the first real signal (declaring earlier or later never moves
 * it), a fault one from the fault, any other from its event. It read "awareness" for all of them,
 * beside a console that counts the same deadline from the first signal.
 */
function obligationFrom(from: string, w: Words): string {
  if (from === 'detection') return w.t('keyMetric.from.firstSignal');
  if (from === 'fault' || from.startsWith('fault:')) return w.t('keyMetric.from.fault');
  return w.t('keyMetric.from.event');
}

/** What a metric that has no value says: an open obligation is not yet due, not "never". */
export function metricValueWord(m: Pick<KeyMetric, 'verdict'>, w: Words = EN): string {
  return w.t(
    m.verdict.status === 'open' ? 'keyMetric.value.open' : m.verdict.status === 'not_applicable' ? 'keyMetric.value.not_applicable' : 'keyMetric.value.never',
  );
}

/** The moments that happened, sorted by time (ties keep the story's order). */
export function keyTimeRows(model: KeyTimesModel): KeyTimeRow[] {
  return model.times
    .filter((x): x is KeyTime & { t: number } => x.t !== null)
    .map((x) => ({ id: x.id, kind: x.kind, label: x.label, t: x.t, hours: x.t / 3_600_000, offset: x.offset, wall: x.wall }))
    .sort((a, b) => a.t - b.t);
}
