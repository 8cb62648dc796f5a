/**
 * The outcome History keeps for a finished exercise: one definition for every place that marks an
 * exercise finished (the live session at its close, the API's finish, a meta rebuilt from a
 * journal).
 */
import type { ExerciseOutcome } from '../contract/api.ts';
import type { ExerciseRun } from '../engine/exercise-run.ts';
import { outcomeOf, scoreFinishedRun } from './score-card.ts';

/**
 * The outcome of a run that is over (closed by a resolve, an end or the horizon), read from the
 * run as it is: nothing is replayed, and the run is not moved on. A discussion-based exercise is
 * judged by its evaluators' ratings (#19): its simulation is a placeholder, so History lists it
 * unscored (null) and keeps it out of MTTD/MTTC figures.
 */
export function finishedOutcome(run: ExerciseRun): ExerciseOutcome | null {
  if (run.scenario.exerciseType === 'discussion') return null;
  return outcomeOf(scoreFinishedRun(run));
}
