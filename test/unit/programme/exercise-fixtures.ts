/**
 * Finished exercises as a desktop would publish them: a built-in scenario played by one of its
 * scripted teams, journaled with a team name, a debrief with corrective actions, the app's score.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { serializeJournal } from '../../../shared/engine/journal.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { outcomeOf, scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import type { BundleFiles } from '../../../host/programme/evidence/bundle.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface FixtureOptions {
  exerciseId: string;
  team: string;
  scenario?: string;
  actions?: string;
  seed?: number;
  /** When the exercise started (the journal header's createdAt). */
  createdAt?: string;
  actionItems?: { id: string; text: string; owner: string; due: string; status: 'open' | 'closed'; capability?: string }[];
}

export function finishedExercise(o: FixtureOptions): BundleFiles {
  const scenarioId = o.scenario ?? 'silent-bias-drift';
  const source = readFileSync(join(ROOT, 'scenarios', `${scenarioId}.yaml`), 'utf8');
  const loaded = loadScenario(source);
  if (!loaded.ok) throw new Error(`fixture scenario ${scenarioId} does not load`);
  const seed = o.seed ?? 3;
  const run = new ExerciseRun(loaded.scenario, seed);
  const actionsFile = join(ROOT, 'scenarios', 'teams', `${scenarioId}.${o.actions ?? 'textbook'}.yaml`);
  playScript(run, parseActionsFile(readFileSync(actionsFile, 'utf8'), actionsFile, loaded.scenario));
  run.runToEnd();
  const outcome = outcomeOf(scoreFinishedRun(run));
  const journal = serializeJournal({
    header: {
      format: 'firebreak-journal/2',
      exerciseId: o.exerciseId,
      scenarioId: loaded.scenario.id,
      scenarioVersion: loaded.scenario.version,
      scenarioSource: source,
      seed,
      createdAt: o.createdAt ?? '2026-03-02T09:00:00.000Z',
      team: o.team,
      participants: [{ name: 'Ada Lovelace', role: 'incident-commander' }],
      mode: 'facilitated',
      speed: 60,
    },
    entries: run.entries,
  });
  const debrief = { actionItems: o.actionItems ?? [], observations: [], adjustments: [] };
  return { 'journal.jsonl': journal, 'debrief.json': JSON.stringify(debrief), 'outcome.json': JSON.stringify(outcome) };
}
