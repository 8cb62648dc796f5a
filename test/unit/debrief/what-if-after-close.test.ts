/**
 * An alternative containment that needs a finding first can land after the team resolved; the
 * re-simulation must keep that timeline open until the alternative is in effect, not fail.
 */
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { scoreRun } from '../../../shared/scoring/score-card.ts';
import { whatIfs } from '../../../shared/debrief/what-if.ts';
import { loadFile, MIN } from '../../helpers.ts';

it('re-simulates a finding-gated alternative decided after the team resolved', () => {
  const { scenario } = loadFile('scenarios/silent-bias-drift.yaml');
  const run = new ExerciseRun(scenario, 1);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'CONTAIN', containmentId: 'manual-review-segment' });
  run.apply({ type: 'RESOLVE' }, run.now + 5 * MIN); // resolved before the 30-minute investigation could finish
  const card = scoreRun(scenario, 1, run.entries);
  const swap = Object.values(whatIfs(scenario, 1, run.entries, card))
    .flat()
    .find((w) => typeof w === 'object' && w !== null && (w as { id?: string }).id === 'swap:fix-data-pipeline') as
    { sentence: string; outcome: unknown } | undefined;
  expect(swap).toBeDefined();
  expect(swap!.sentence).not.toMatch(/could not be simulated/);
  expect(swap!.outcome).not.toBeNull();
});
