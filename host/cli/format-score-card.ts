/**
 * The score card as a terminal reads it.
 */
import type { Scenario } from '../../shared/scenario/schema.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { cite } from '../../shared/scenario/sim-time.ts';
import type { ScoreCard } from '../../shared/scoring/score-card.ts';
import { EN } from '../../shared/i18n/words.ts';
import { audienceInline, isAudience, verdictStatusLabel } from '../../shared/i18n/labels.ts';
import type { TargetVerdict } from '../../shared/scoring/verdict.ts';

const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const num = (n: number) => EN.whole(n);
/** The card's verdict on a target, as the card says it (never re-judged here). */
const said = (v: TargetVerdict) => verdictStatusLabel(v.status);

export function formatScoreCard(s: Scenario, card: ScoreCard): string {
  const k = card.keyTimes;
  const mttc = card.mttc !== null ? dur(card.mttc) : card.mttcCensored !== null ? `not contained (>${dur(card.mttcCensored)})` : '—';
  const lines = [
    `${s.title} (v${s.version}), seed ${card.seed}`,
    `Ended: ${card.closedBy === 'resolve' ? 'resolved' : card.closedBy === 'end' ? 'ended by the facilitator' : 'horizon reached'} at ${cite(s, k.end)}`,
    '',
    `Overall score  ${card.overall}/100`,
    ...card.dimensions.map((d) => `  ${d.dimension.padEnd(14)} ${String(d.score).padStart(3)}  ${d.verdict.status === 'met' ? 'met ' : 'miss'}  ${d.reason}`),
    '',
    `MTTD ${dur(card.mttd)} (target ${dur(s.rubric.mttd)}, ${said(card.verdicts.mttd)})   MTTC ${mttc} (target ${dur(s.rubric.mttc)}, ${said(card.verdicts.mttc)})   time to notify ${dur(card.timeToNotify)} (${said(card.verdicts.timeToNotify)})`,
  ];
  if (card.falseAlarms.length)
    lines.push(`False alarms: ${card.falseAlarms.map((x) => `${EN.t('response.inline', { kind: x.kind })} at ${cite(s, x.t)}`).join('; ')}`);
  const notify = Object.entries(card.timeToNotifyByAudience);
  if (notify.length)
    lines.push(
      `Time to notify: ${notify.map(([a, t]) => `${isAudience(a) ? audienceInline(a) : a} ${t === null || t === undefined ? 'not notified' : formatDuration(t)}`).join(', ')}`,
    );
  if (card.openObligations.length) lines.push(`Open obligations (not yet due at the end): ${card.openObligations.map((a) => audienceInline(a)).join(', ')}`);
  lines.push(
    'Harm at the horizon:',
    ...s.harm.map(
      (h) =>
        `  ${h.label.padEnd(34)} ${num(card.harm.actual[h.id]!).padStart(10)}   do nothing ${num(card.harm.doNothing[h.id]!)}, best ${num(card.harm.best[h.id]!)}`,
    ),
  );
  const c = card.harm.costs;
  if (c.revenueLost > 0 || c.userHoursWithoutService > 0 || c.oneOff > 0) {
    lines.push(
      `Cost of containment: ${EN.money(c.revenueLost + c.oneOff, s.currency)} revenue and one-off, ${num(c.userHoursWithoutService)} user-hours without service`,
    );
  }
  return lines.join('\n');
}
