/**
 * The score card as a terminal reads it.
 */
import type { Scenario } from '../../shared/scenario/schema.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { cite } from '../../shared/scenario/sim-time.ts';
import type { ScoreCard } from '../../shared/scoring/score-card.ts';

const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const num = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatScoreCard(s: Scenario, card: ScoreCard): string {
  const k = card.keyTimes;
  const lines = [
    `${s.title} (v${s.version}), seed ${card.seed}`,
    `Ended: ${card.closedBy === 'resolve' ? 'resolved' : card.closedBy === 'end' ? 'ended by the facilitator' : 'horizon reached'} at ${cite(s, k.end)}`,
    '',
    `Overall score  ${card.overall}/100`,
    ...card.dimensions.map((d) => `  ${d.dimension.padEnd(14)} ${String(d.score).padStart(3)}  ${d.met ? 'met ' : 'miss'}  ${d.reason}`),
    '',
    `MTTD ${dur(card.mttd)} (target ${dur(s.rubric.mttd)})   MTTC ${dur(card.mttc)} (target ${dur(s.rubric.mttc)})   time to notify ${dur(card.timeToNotify)}`,
    'Harm at the horizon:',
    ...s.harm.map(
      (h) =>
        `  ${h.label.padEnd(34)} ${num(card.harm.actual[h.id]!).padStart(10)}   do nothing ${num(card.harm.doNothing[h.id]!)}, best ${num(card.harm.best[h.id]!)}`,
    ),
  ];
  if (card.harm.costs.revenueLost > 0 || card.harm.costs.userHoursWithoutService > 0) {
    lines.push(`Cost of containment: $${num(card.harm.costs.revenueLost)} revenue, ${num(card.harm.costs.userHoursWithoutService)} user-hours without service`);
  }
  return lines.join('\n');
}
