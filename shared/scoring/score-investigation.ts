/**
 * The investigation dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100, SCORING } from './definitions.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed } from './verdict.ts';

export function scoreInvestigation(s: Scenario, f: RunFacts): DimensionResult {
  const r = s.rubric;
  // Only investigations into a fault of the variant played can find anything (definition `finding`).
  const relevant = s.investigations.filter((i) => i.relevant && (!i.fault || s.faults.some((x) => x.id === i.fault)));
  const found = relevant.filter((i) => f.findings.some((x) => x.id === i.id && x.showedDefect && !x.startedBeforeSignal));
  const beforeFault = relevant.filter((i) => f.findings.some((x) => x.id === i.id && (!x.showedDefect || x.startedBeforeSignal))).length;
  const declared = f.rootCauses[f.rootCauses.length - 1] ?? null;
  const early = declared !== null && (f.firstRealSignalAt === null || declared.t < f.firstRealSignalAt);
  // #17: with several root causes (alsoRootCauses) each must be declared; any order, all counted.
  const causes = [r.rootCause, ...r.alsoRootCauses];
  const several = causes.length > 1;
  const inTime = f.rootCauses.filter((x) => f.firstRealSignalAt !== null && x.t >= f.firstRealSignalAt);
  const foundCauses = causes.filter((c) => inTime.some((x) => x.id === c)).length;
  const correct = several ? foundCauses > 0 : declared?.id === r.rootCause && !early;
  // Declaring every root cause in turn is no finding: each different wrong one costs points.
  const wrongGuesses = new Set(f.rootCauses.filter((x) => !causes.includes(x.id)).map((x) => x.id)).size;
  const reasons: Reason[] = [{ code: 'investigation.findings', params: { found: found.length, of: relevant.length, beforeFault } }];
  reasons.push(
    declared
      ? {
          code: 'investigation.root_cause',
          params: {
            at: declared.t,
            declared: declared.id,
            expected: r.rootCause,
            correct: causes.includes(declared.id),
            early,
            wrongGuesses,
            ...(several ? { causes: { found: foundCauses, of: causes.length } } : {}),
          },
        }
      : { code: 'investigation.no_root_cause', params: { expected: r.rootCause } },
  );
  const rootPoints = correct ? Math.max(0, 60 * (several ? foundCauses / causes.length : 1) - SCORING.wrongRootCause * wrongGuesses) : 0;
  const score = clamp100((relevant.length ? 40 * (found.length / relevant.length) : 40) + rootPoints);
  return {
    dimension: 'investigation',
    score,
    verdict: correct
      ? several && foundCauses < causes.length
        ? missed('investigation.wrong')
        : wrongGuesses > 0
          ? missed('investigation.wrong_guesses')
          : met('investigation.correct')
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
