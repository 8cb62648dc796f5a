/**
 * The triage dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100, countsWorkingHours, detection, judgedTime, SCORING, timeScore, triage } from './definitions.ts';
import { incidentTypeCorrect } from './definitions.ts';
import type { IncidentType } from '../scenario/schema.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed, type DimensionVerdict } from './verdict.ts';

export function scoreTriage(s: Scenario, f: RunFacts): DimensionResult {
  const r = s.rubric;
  const d = detection(f);
  const t = triage(f.triages, d);
  const defs: DimensionResult['definitions'] = ['triage', 'retriage', ...(countsWorkingHours(s, 'triageWithin') ? (['working_hours'] as const) : [])];
  if (!t.initial) return { dimension: 'triage', score: 0, verdict: missed('triage.never'), reasons: [{ code: 'triage.never' }], refs: [], definitions: defs };
  const i = t.initial;
  const sevPoints = (sev: number) => (sev === r.severity ? 30 : Math.abs(sev - r.severity) === 1 ? 15 : 0);
  const typePoints = (type: IncidentType) => (incidentTypeCorrect(r.incidentType, type) ? 30 : 0);
  // #17: a target counted in working hours is judged on their open time (definition `working_hours`).
  const judged = judgedTime(s, 'triageWithin', d.clockFrom, t.timeToTriage)!;
  const timePoints = 0.4 * timeScore(judged, r.triageWithin);
  const initialCorrectness = sevPoints(i.severity) + typePoints(i.incidentType);
  const reasons: Reason[] = [
    {
      code: 'triage.initial',
      params: {
        at: i.t,
        elapsed: t.timeToTriage!,
        target: r.triageWithin,
        ...(countsWorkingHours(s, 'triageWithin') ? { working: judged } : {}),
        severity: i.severity,
        expectedSeverity: r.severity,
        incidentType: i.incidentType,
        expectedTypes: [...r.incidentType],
        typeCorrect: incidentTypeCorrect(r.incidentType, i.incidentType),
      },
    },
  ];
  let adjust = 0;
  const refs = [i.t];
  const final = t.final!;
  const finalCorrectness = sevPoints(final.severity) + typePoints(final.incidentType);
  if (t.later.length && finalCorrectness > initialCorrectness) {
    // The first later triage that reached the final answer is the correction.
    const fix = t.later.find((x) => x.severity === final.severity && x.incidentType === final.incidentType)!;
    const onTime = judgedTime(s, 'triageWithin', i.t, fix.t - i.t)! <= r.triageWithin;
    adjust = (finalCorrectness - initialCorrectness) * (onTime ? SCORING.retriageOnTime : SCORING.retriageLate);
    reasons.push({ code: 'triage.corrected', params: { at: fix.t, onTime, severity: fix.severity, incidentType: fix.incidentType } });
    refs.push(fix.t);
  } else if (t.later.length && finalCorrectness < initialCorrectness) {
    adjust = -SCORING.retriageWrong;
    reasons.push({ code: 'triage.made_wrong', params: { at: final.t, severity: final.severity, incidentType: final.incidentType } });
    refs.push(final.t);
  }
  const verdict: DimensionVerdict =
    judged > r.triageWithin
      ? missed('triage.over_target')
      : i.severity !== r.severity
        ? missed('triage.wrong_severity')
        : !incidentTypeCorrect(r.incidentType, i.incidentType)
          ? missed('triage.wrong_type')
          : finalCorrectness < initialCorrectness
            ? missed('triage.made_wrong')
            : met('triage.met');
  return { dimension: 'triage', score: clamp100(timePoints + initialCorrectness + adjust), verdict, reasons, refs, definitions: defs };
}
