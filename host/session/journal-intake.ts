/**
 * The API's way into a journal when no live session holds it (an older page, the CLI, the
 * debrief's records after the session closed): the one engine of that action.
 *
 * The store checks only that entries continue the journal and never replays it (#18). Here the
 * exercise is replayed once, the new entries are checked against that run (the same continuity
 * first, then the engine's rules, attribution included), and only then appended. Finishing
 * scores the replayed run here and hands the store the outcome. A running exercise's own session
 * does neither: its engine has already taken each entry (live-session.ts).
 */
import { ApiError, type ExerciseMeta, type LoadedExercise } from '../../shared/contract/api.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import { JournalError, parseJournal, type JournalHeader } from '../../shared/engine/journal.ts';
import { formatProblem } from '../../shared/scenario/load.ts';
import { loadPinnedScenario } from '../../shared/scenario/pinned.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { finishedOutcome } from '../../shared/scoring/finished-outcome.ts';
import type { ExerciseStore } from '../storage/exercise-store.ts';
import { checkContinuity } from '../storage/journal-writer.ts';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The scenario pinned in an exercise's journal header (what the exercise actually ran). */
export function scenarioOf(exercise: LoadedExercise): Scenario {
  let header: JournalHeader;
  try {
    header = parseJournal(exercise.journalText).header;
  } catch (e) {
    throw new ApiError('io', `the journal of "${exercise.meta.id}" is damaged: ${e instanceof JournalError ? e.message : messageOf(e)}`);
  }
  const r = loadPinnedScenario(header, exercise.meta.scenarioId);
  if (!r.ok) throw new ApiError('io', `the scenario pinned in "${exercise.meta.id}" does not load: ${r.problems.slice(0, 3).map(formatProblem).join('; ')}`);
  return r.scenario;
}

/** The exercise's run as its journal leaves it (one replay), or a conflict saying why not. */
function replayed(loaded: LoadedExercise, why: string): ExerciseRun {
  try {
    return ExerciseRun.replay(scenarioOf(loaded), loaded.meta.seed, loaded.entries);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('conflict', `the journal does not replay${why}: ${messageOf(e)}`);
  }
}

/** Throws (nothing written) unless the entries continue the journal and the engine takes each one. */
function check(loaded: LoadedExercise, entries: ReadonlyArray<JournalEntry>): void {
  // A damaged journal goes straight to the store, which refuses it and says how to recover it.
  if (loaded.recoverable || entries.length === 0) return;
  const run = replayed(loaded, '; nothing was written');
  checkContinuity(entries, { entryCount: loaded.entries.length, lastT: loaded.meta.lastT, horizon: run.horizon });
  for (const e of entries) {
    try {
      run.apply(e.input, e.t, e.by ? { by: e.by } : {});
    } catch (err) {
      throw new ApiError('invalid-request', `seq ${e.seq} (${e.input.type}): ${messageOf(err)}; nothing was written`);
    }
  }
}

/** Appends entries after checking them against the exercise's replayed run; nothing is written when one is refused. */
export async function appendChecked(
  store: ExerciseStore,
  exerciseId: string,
  entries: ReadonlyArray<JournalEntry>,
): Promise<{ entryCount: number; lastT: number }> {
  check(await store.load(exerciseId), entries);
  return store.append(exerciseId, entries);
}

/** Records one input at the journal's last moment (after the end: a rating, the hot wash), checked as appendChecked. */
export async function recordChecked(store: ExerciseStore, exerciseId: string, input: TeamInput, by: Attribution): Promise<{ seq: number }> {
  const loaded = await store.load(exerciseId);
  const last = loaded.entries.at(-1);
  const entry: JournalEntry = { seq: loaded.entries.length + 1, t: last?.t ?? 0, input, by };
  check(loaded, [entry]);
  await store.append(exerciseId, [entry]);
  return { seq: entry.seq };
}

/**
 * Marks an exercise finished or abandoned. A finished one is replayed to the end and scored here
 * (finishedOutcome), and the store keeps the outcome; an abandoned one keeps no score.
 */
export async function finishExercise(store: ExerciseStore, exerciseId: string, status: 'finished' | 'abandoned'): Promise<ExerciseMeta> {
  if (status === 'abandoned') return store.finish(exerciseId, status, null);
  const loaded = await store.load(exerciseId);
  // A damaged journal is refused by the store (recover it first), not scored from its whole part.
  if (loaded.recoverable) return store.finish(exerciseId, status, null);
  const run = replayed(loaded, ', so it cannot be scored');
  run.runToEnd();
  return store.finish(exerciseId, status, finishedOutcome(run));
}
