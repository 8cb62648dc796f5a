/**
 * History benchmark (issue: exercise history): 500 stored exercises, the time to list them (target
 * under half a second) and to compute the trends and aggregates from the listing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExerciseStore } from '../host/storage/exercise-store.ts';
import { finishExercise } from '../host/session/journal-intake.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../shared/engine/actions-file.ts';
import { loadScenario } from '../shared/scenario/load.ts';
import { aggregate, toRow, trendsByQuarter } from '../shared/history/metrics.ts';
import { report, time, type Figure } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const N = 500;

export default async function storeBench(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));
  try {
    const file = 'scenarios/silent-bias-drift.yaml';
    const source = readFileSync(join(ROOT, file), 'utf8');
    const loaded = loadScenario(source, file);
    if (!loaded.ok) throw new Error(`${file} does not validate`);
    const script = parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams/silent-bias-drift.textbook.yaml'), 'utf8'));
    // Spread the exercises over three years so trends have quarters to group by.
    let day = 0;
    const store = new ExerciseStore(dir, { now: () => new Date(Date.UTC(2024, 0, 1) + day * 2 * 86_400_000) });
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      day = i;
      const meta = await store.create({
        scenarioId: loaded.scenario.id,
        scenarioSource: source,
        seed: i,
        team: `Team ${i % 5}`,
        participants: [],
        mode: i % 3 ? 'facilitated' : 'solo',
        speed: 60,
      });
      const run = new ExerciseRun(loaded.scenario, i);
      playScript(run, script);
      await store.append(meta.id, run.entries);
      await finishExercise(store, meta.id, 'finished'); // replayed and scored as the API's finish does
    }
    const tCreate = performance.now() - t0;

    // A fresh store each time, so nothing is served from the writer's memory.
    let listed = 0;
    const tList = await timeAsync(async () => {
      listed = (await new ExerciseStore(dir).list()).exercises.length;
    });
    if (listed !== N) throw new Error(`listed ${listed} of ${N}`);
    const { exercises } = await new ExerciseStore(dir).list();
    const tTrends = time(() => {
      const rows = exercises.map(toRow);
      aggregate(rows);
      for (let t = 0; t < 5; t++) trendsByQuarter(rows, `Team ${t}`);
    });
    const figures: Figure[] = [
      { name: `create, journal and finish ${N} exercises (setup)`, value: tCreate / 1000, unit: 's' },
      { name: `list ${N} stored exercises`, value: tList, unit: 'ms', target: 500 },
      { name: 'aggregates + quarterly trends for 5 teams', value: tTrends, unit: 'ms', target: 100 },
    ];
    console.log('History store');
    return report(figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeAsync(fn: () => Promise<void>, reps = 5): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}
