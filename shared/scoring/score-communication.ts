/**
 * The communication dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { cadence, cadenceEnd, clamp100, detection, judgedNotice, obligationPoints } from './definitions.ts';
import { wallMinuteOfDay } from '../scenario/sim-time.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed } from './verdict.ts';

export function scoreCommunication(s: Scenario, f: RunFacts): DimensionResult {
  const d = detection(f);
  const reasons: Reason[] = [];
  const defs: DimensionResult['definitions'] = [
    'notification',
    'deadline_clock',
    'message_content',
    'time_to_notify',
    'open_obligation',
    'cadence',
    'content_overrule',
  ];
  if (d.at === null)
    return {
      dimension: 'communication',
      score: 0,
      verdict: missed('communication.not_detected'),
      reasons: [{ code: 'communication.not_detected' }],
      refs: [],
      definitions: defs,
    };
  // Every applicable obligation is judged; an open one (planned, definition open_obligation) earns its share.
  const judged = f.obligations.filter((o) => o.status !== 'not_applicable' && o.status !== 'not_due');
  let points = 0;
  for (const [i, o] of f.obligations.entries()) {
    const target = s.rubric.notifications[i]!;
    const { msg, judged: judged1 } = judgedNotice(target, o, f.communications, { minuteOfDay: (t) => wallMinuteOfDay(s, t), overrules: f.overrules });
    const content = judged1.share;
    const missing = msg ? judged1.missing : [];
    reasons.push({
      code: 'communication.obligation',
      params: {
        audience: o.audience,
        status: o.status,
        sentAt: o.metAt,
        dueAt: o.dueAt,
        within: target.within,
        content,
        missing,
        openAtEnd: o.openAtEnd,
        falseStatement: judged1.falseStatement,
        overruled: judged1.overruled ?? null,
        plan: o.plan ? { owner: o.plan.owner, by: o.plan.by } : null,
      },
    });
    points += obligationPoints(o.status, content);
  }
  if (!f.obligations.length) reasons.push({ code: 'communication.none_required' });
  const notif = judged.length ? points / judged.length : 1;
  const c = cadence(s, f.communications, { awareAt: f.firstRealSignalAt, detectedAt: d.at, countFrom: f.firstRealSignalAt, end: cadenceEnd(s, f) });
  reasons.push(
    c.updates === 0
      ? { code: 'communication.no_updates' }
      : {
          code: 'communication.cadence',
          params: {
            updates: c.updates,
            worstGap: c.worst ? c.worst.to - c.worst.from : null,
            interval: c.worst?.interval ?? null,
            severity: c.worst?.severity ?? null,
            share: c.share,
          },
        },
  );
  const score = clamp100(60 * notif + 40 * c.share);
  return {
    dimension: 'communication',
    score,
    verdict: !judged.every((o) => o.status === 'met' || o.status === 'open')
      ? missed('communication.obligation_missed')
      : c.share < 1
        ? missed('communication.cadence')
        : met('communication.met'),
    reasons,
    refs: f.obligations.flatMap((o) => (o.metAt !== null ? [o.metAt] : [])),
    definitions: defs,
  };
}
