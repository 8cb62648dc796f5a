/**
 * The investigation dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100 } from './definitions.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed } from './verdict.ts';

export function scoreInvestigation(s: Scenario, f: RunFacts): DimensionResult {
  const r = s.rubric;
  const relevant = s.investigations.filter((i) => i.relevant);
  const found = relevant.filter((i) => f.findings.some((x) => x.id === i.id && x.showedDefect && !x.startedBeforeSignal));
  const beforeFault = relevant.filter((i) => f.findings.some((x) => x.id === i.id && (!x.showedDefect || x.startedBeforeSignal))).length;
  const declared = f.rootCauses[f.rootCauses.length - 1] ?? null;
  const early = declared !== null && (f.firstRealSignalAt === null || declared.t < f.firstRealSignalAt);
  const correct = declared?.id === r.rootCause && !early;
  const reasons: Reason[] = [{ code: 'investigation.findings', params: { found: found.length, of: relevant.length, beforeFault } }];
  reasons.push(
    declared
      ? {
          code: 'investigation.root_cause',
          params: { at: declared.t, declared: declared.id, expected: r.rootCause, correct: declared.id === r.rootCause, early },
        }
      : { code: 'investigation.no_root_cause', params: { expected: r.rootCause } },
  );
  const score = clamp100((relevant.length ? 40 * (found.length / relevant.length) : 40) + (correct ? 60 : 0));
  return {
    dimension: 'investigation',
    score,
    verdict: correct
      ? met('investigation.correct')
      : declared === null
        ? missed('investigation.none')
        : early
          ? missed('investigation.early')
          : missed('investigation.wrong'),
    reasons,
    refs: declared ? [declared.t] : f.findings.map((x) => x.t),
    definitions: ['finding'],
  };
}
