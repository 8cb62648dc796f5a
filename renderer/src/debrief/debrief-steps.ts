/**
 * The debrief's heavy work as steps, each one message: replay and score, then the report model
 * (key times, harm curve, exact what-ifs). Runs in the debrief worker (debrief-worker.ts), or in
 * the page when workers are unavailable (use-debrief.ts).
 *
 * The shared functions are called as they are (rebuildRun, scoreFinishedRun,
 * buildReportModelFromRun); only the plain data they return crosses to the page.
 */
import { EMPTY_DEBRIEF, type LoadedExercise } from '../../../shared/contract/api.ts';
import type { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { buildReportModelFromRun, type ReportModel } from '../../../shared/debrief/report-model.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { journalHeader, rebuildRun } from '../session/load-exercise.ts';
import type { Locale } from '../../../shared/i18n/words.ts';

/** What the debrief screen needs: all structured-cloneable. */
export interface DebriefResult {
  scenario: Scenario;
  /** The run's context at its end (the timeline and key moments). */
  context: ExerciseRun['context'];
  /** Built without edits: the engine's view. */
  model: ReportModel;
}

/** Messages from the steps, in order: `scored` (the score is known), then `ready` or `error`. */
export type DebriefMessage = { type: 'scored'; title: string; overall: number } | { type: 'ready'; result: DebriefResult } | { type: 'error'; message: string };

/** A request to the worker. */
export interface DebriefRequest {
  loaded: LoadedExercise;
  /** The page's language: the model's sentences are worded in it. */
  locale: Locale;
}

export function* debriefSteps(loaded: LoadedExercise, locale: Locale = 'en'): Generator<DebriefMessage, void, void> {
  try {
    const { scenario, run } = rebuildRun(loaded);
    run.runToEnd();
    const card = scoreFinishedRun(run);
    yield { type: 'scored', title: scenario.title, overall: card.overall };
    const header = journalHeader(loaded.journalText);
    const model = buildReportModelFromRun(
      { scenario, header, entries: loaded.entries, meta: loaded.meta, debrief: EMPTY_DEBRIEF, warnings: loaded.warnings, locale },
      run,
      card,
    );
    yield { type: 'ready', result: { scenario, context: run.context, model } };
  } catch (e) {
    yield { type: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
