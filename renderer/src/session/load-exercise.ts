/**
 * Rebuilds a run from storage: load → scenario pinned in the journal header → replay.
 *
 * The journal header carries the scenario YAML as it was when the exercise started, so a run
 * resumes exactly even if the scenario file has changed since.
 */
import type { LoadedExercise } from '../../../shared/contract/api.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { journalHeaderSchema, type JournalHeader } from '../../../shared/engine/journal.ts';
import { formatProblem } from '../../../shared/scenario/load.ts';
import { loadPinnedScenario } from '../../../shared/scenario/pinned.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

export class ExerciseLoadError extends Error {}

export function journalHeader(journalText: string): JournalHeader {
  const nl = journalText.indexOf('\n');
  const first = nl < 0 ? journalText : journalText.slice(0, nl);
  let json: unknown;
  try {
    json = JSON.parse(first);
  } catch {
    throw new ExerciseLoadError('the journal has no readable header line');
  }
  const parsed = journalHeaderSchema.safeParse(json);
  if (!parsed.success) throw new ExerciseLoadError('the journal header is not a Firebreak journal header');
  return parsed.data;
}

export function scenarioOf(header: JournalHeader): Scenario {
  const result = loadPinnedScenario(header, `${header.scenarioId} (as pinned in the journal)`);
  if (!result.ok) throw new ExerciseLoadError(`the exercise's scenario no longer loads:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.scenario;
}

export interface RebuiltRun {
  scenario: Scenario;
  run: ExerciseRun;
}

/** Replays the journal and returns the run at the moment of its last entry. */
export function rebuildRun(loaded: LoadedExercise): RebuiltRun {
  const scenario = scenarioOf(journalHeader(loaded.journalText));
  let run: ExerciseRun;
  try {
    run = ExerciseRun.replay(scenario, loaded.meta.seed, loaded.entries);
  } catch (e) {
    throw new ExerciseLoadError(`the journal does not replay: ${(e as Error).message}`);
  }
  const lastT = loaded.entries.at(-1)?.t ?? 0;
  if (lastT > run.now) run.advanceTo(lastT);
  return { scenario, run };
}
