/**
 * The containment dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100, costShare, countsWorkingHours, creditedEpisodes, detection, harmShare, judgedMttc, mttc, SCORING, timeScore } from './definitions.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed } from './verdict.ts';

/** A containment that cuts some harm's growth or fixes the cause (the ones that contained it). */
function helps(s: Scenario, id: string): boolean {
  const c = s.containments.find((x) => x.id === id);
  return !!c && (c.fixes.length > 0 || s.harm.some((h) => (c.harmFactor[h.id] ?? 1) < 1));
}

export function scoreContainment(s: Scenario, f: RunFacts): DimensionResult {
  const r = s.rubric;
  const d = detection(f);
  const tried = f.containments.map((c) => c.id);
  const credited = creditedEpisodes(f.containments, f.firstRealSignalAt);
  const early = f.containments.filter((c) => !credited.includes(c)).map((c) => c.id);
  const harmful = [...new Set(tried.filter((id) => r.harmfulContainments.includes(id)))];
  const m = mttc(f.harm.credited.faults, d.clockFrom, f.horizon);
  // #17: a target counted in working hours is judged on their open time (definition `working_hours`).
  const judged = judgedMttc(s, m);
  const hs = harmShare(s, f.harm.credited.harm, f.harm.doNothing, f.harm.best, f.harm.worstCreated);
  const contained = m.value !== null;
  const cs = costShare(f.costs, f.harm.bestCosts);
  const reasons: Reason[] = [];
  const uncontained = m.perFault.filter((x) => x.value === null).map((x) => x.id);
  if (!credited.length) reasons.push({ code: 'containment.none', params: { tried } });
  else if (!contained) reasons.push({ code: 'containment.never_contained', params: { tried: credited.map((c) => c.id), uncontained } });
  else
    reasons.push({
      code: 'containment.contained',
      params: {
        at: f.harm.credited.containedAt!,
        mttc: m.value!,
        target: r.mttc,
        ...(countsWorkingHours(s, 'mttc') ? { working: judged! } : {}),
        with: [...new Set(credited.filter((c) => c.effectiveAt <= f.harm.credited.containedAt! && helps(s, c.id)).map((c) => c.id))],
      },
    });
  const recurred = f.harm.credited.faults.filter((x) => x.recurredAt.length > 0).map((x) => ({ faultId: x.id, at: [...x.recurredAt] }));
  if (recurred.length) reasons.push({ code: 'containment.recurred', params: { faults: recurred } });
  if (early.length) reasons.push({ code: 'containment.before_signal', params: { ids: early, firstRealSignalAt: f.firstRealSignalAt } });
  if (harmful.length) reasons.push({ code: 'containment.harmful', params: { ids: harmful } });
  const primary = s.harm.find((h) => hs.judgedHarms.includes(h.id)) ?? s.harm[0]!;
  reasons.push({
    code: 'containment.harm',
    params: {
      harmId: primary.id,
      actual: f.harm.actual[primary.id] ?? 0,
      credited: f.harm.credited.harm[primary.id] ?? 0,
      doNothing: f.harm.doNothing[primary.id] ?? 0,
      best: f.harm.best[primary.id] ?? 0,
      share: hs.share,
    },
  });
  for (const c of hs.created) reasons.push({ code: 'containment.created', params: { harmId: c.harmId, amount: c.amount, worst: c.worst } });
  const untouchable = s.harm.filter((h) => h.source !== 'action' && !hs.judgedHarms.includes(h.id)).map((h) => h.id);
  if (untouchable.length) reasons.push({ code: 'containment.untouchable', params: { harmIds: untouchable } });
  if (f.costs.revenue + f.costs.userHours + f.costs.oneOff > 0 || contained)
    reasons.push({ code: 'containment.costs', params: { ...f.costs, share: cs, credited: contained } });
  // No credited containment, no points: doing nothing (or acting only before any signal) earns none.
  const score = credited.length
    ? clamp100(0.4 * timeScore(judged, r.mttc) + 45 * hs.share + (contained ? 15 * (1 - cs) : 0) - harmful.length * SCORING.harmfulPenalty)
    : 0;
  return {
    dimension: 'containment',
    score,
    verdict:
      m.value === null
        ? missed('containment.never')
        : judged! > r.mttc
          ? missed('containment.over_target')
          : harmful.length
            ? missed('containment.harmful')
            : early.length
              ? missed('containment.before_signal')
              : hs.share < SCORING.containedHarmShare
                ? missed('containment.harm_not_avoided')
                : met('containment.within_target'),
    reasons,
    refs: contained ? [f.harm.credited.containedAt!] : f.containments.map((c) => c.decidedAt),
    definitions: [
      'mttc',
      'containment_credit',
      'containment_value',
      'best_achievable',
      'costs',
      ...(countsWorkingHours(s, 'mttc') ? (['working_hours'] as const) : []),
    ],
  };
}
