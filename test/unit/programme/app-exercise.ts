/**
 * A finished exercise made the way the app makes one (ExerciseStore: create, append the textbook
 * team's inputs, finish, save a debrief), so the app's own score is the claim a server re-checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finishExercise } from '../../../host/session/journal-intake.ts';
import type { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export async function appExercise(store: ExerciseStore, team: string, actionItems: { id: string; text: string; owner: string; due: string }[] = []) {
  const scenarioId = 'silent-bias-drift';
  const source = readFileSync(join(ROOT, 'scenarios', `${scenarioId}.yaml`), 'utf8');
  const loaded = loadScenario(source);
  if (!loaded.ok) throw new Error('scenario does not load');
  const run = new ExerciseRun(loaded.scenario, 3);
  const actions = join(ROOT, 'scenarios', 'teams', `${scenarioId}.textbook.yaml`);
  playScript(run, parseActionsFile(readFileSync(actions, 'utf8'), actions, loaded.scenario));
  run.runToEnd();
  const meta = await store.create({
    scenarioId,
    scenarioSource: source,
    seed: 3,
    team,
    participants: [{ name: 'Ada Lovelace', role: 'incident_commander' }],
    mode: 'facilitated',
    speed: 60,
  });
  await store.append(meta.id, run.entries);
  await finishExercise(store, meta.id, 'finished'); // scored as the app scores it: the claim a server re-checks
  await store.saveDebrief(meta.id, {
    actionItems: actionItems.map((a) => ({ ...a, status: 'open' as const })),
    observations: [],
    adjustments: [],
  });
  return meta.id;
}
