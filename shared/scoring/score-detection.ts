/**
 * The detection dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100, countsWorkingHours, detection, earliestFaultStart, judgedTime, SCORING, timeScore } from './definitions.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed, type DimensionVerdict } from './verdict.ts';

export function scoreDetection(s: Scenario, f: RunFacts): DimensionResult {
  const d = detection(f);
  const reasons: Reason[] = [];
  // #17: a target counted in working hours is judged on their open time (definition `working_hours`).
  const judged = d.at === null || d.mttd === null ? null : judgedTime(s, 'mttd', d.at - d.mttd, d.mttd);
  const penalty = Math.min(SCORING.falseAlarmMax, SCORING.falseAlarmPenalty * d.falseAlarms.length);
  if (f.firstRealSignalAt === null) reasons.push({ code: 'detection.no_real_signal' });
  if (d.at === null) reasons.push({ code: 'detection.never', params: { faultStart: earliestFaultStart(f), firstRealSignalAt: f.firstRealSignalAt } });
  else
    reasons.push({
      code: 'detection.detected',
      params: { at: d.at, mttd: d.mttd!, target: s.rubric.mttd, by: d.by!, ...(countsWorkingHours(s, 'mttd') ? { working: judged! } : {}) },
    });
  if (d.falseAlarms.length)
    reasons.push({
      code: 'detection.false_alarm',
      params: {
        count: d.falseAlarms.length,
        first: d.falseAlarms[0]!.t,
        kinds: d.falseAlarms.map((x) => x.kind),
        penalty,
        firstRealSignalAt: f.firstRealSignalAt,
      },
    });
  const score = d.at === null ? 0 : clamp100(timeScore(judged, s.rubric.mttd) - penalty);
  return {
    dimension: 'detection',
    score,
    verdict: detectionVerdict(judged, s.rubric.mttd, d.falseAlarms.length),
    reasons,
    refs: d.at !== null ? [d.at] : [earliestFaultStart(f) ?? 0],
    definitions: ['real_signal', 'detection', 'mttd', 'false_alarm', ...(countsWorkingHours(s, 'mttd') ? (['working_hours'] as const) : [])],
  };
}

/** Met when detected within the MTTD target with no false alarm before it. */
export function detectionVerdict(mttd: number | null, target: number, falseAlarms: number): DimensionVerdict {
  if (mttd === null) return missed('detection.never');
  if (falseAlarms > 0) return missed('detection.false_alarm');
  return mttd <= target ? met('detection.within_target') : missed('detection.over_target');
}
