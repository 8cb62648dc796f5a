/**
 * Loads an exercise for its debrief: `exercises:load`, replay to the end, score, and the report
 * model's heavy parts (key times, harm curve, exact what-ifs), computed once.
 *
 * The parts that follow the facilitator's edits (adjusted scores, the timeline with observations)
 * are cheap and are recomputed by the screen as the edits change.
 */
import { useEffect, useState } from 'react';
import { EMPTY_DEBRIEF, type LoadedExercise } from '../../../shared/contract/api.ts';
import type { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { buildReportModelFromRun, type ReportModel } from '../../../shared/debrief/report-model.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';
import { journalHeader, rebuildRun } from '../session/load-exercise.ts';

export interface DebriefData {
  loaded: LoadedExercise;
  scenario: Scenario;
  run: ExerciseRun;
  /** Built without edits: the engine's view. */
  model: ReportModel;
}

export type DebriefLoad = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: DebriefData };

/** Replays a loaded exercise to its end and builds the engine's report model. */
export function prepareDebrief(loaded: LoadedExercise): DebriefData {
  const { scenario, run } = rebuildRun(loaded);
  run.runToEnd();
  const header = journalHeader(loaded.journalText);
  const model = buildReportModelFromRun(
    { scenario, header, entries: loaded.entries, meta: loaded.meta, debrief: EMPTY_DEBRIEF, warnings: loaded.warnings },
    run,
  );
  return { loaded, scenario, run, model };
}

export function useDebrief(exerciseId: string): DebriefLoad {
  const api = useApi();
  const [state, setState] = useState<DebriefLoad>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    api['exercises:load']({ exerciseId })
      .then((loaded) => {
        if (!live) return;
        try {
          setState({ status: 'ready', data: prepareDebrief(loaded) });
        } catch (e) {
          setState({ status: 'error', message: errorMessage(e) });
        }
      })
      .catch((e: unknown) => live && setState({ status: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [api, exerciseId]);
  return state;
}
