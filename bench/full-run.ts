/** The benchmarks' standard run, shared by the engine bench, the sweep workers and the instruction counts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';

export const ROOT = join(import.meta.dirname, '..');
export const BENCH_SCENARIO = 'scenarios/provider-update-leakage.yaml';

export function loadBenchScenario(file = BENCH_SCENARIO): Scenario {
  const r = loadScenario(readFileSync(join(ROOT, file)), file);
  if (!r.ok) throw new Error(`${file} does not validate`);
  return r.scenario;
}

/** A team that responds at the first signal and never resolves, so the run lasts to the horizon. */
export function fullRun(s: Scenario, seed: number, sampleMetrics = true): ExerciseRun {
  const run = new ExerciseRun(s, seed);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! });
  run.apply({ type: 'CONTAIN', containmentId: s.rubric.bestResponse[0]! }, run.now + 20 * 60_000);
  for (let t = run.now + 30 * 60_000; t < s.clock.horizon; t += 30 * 60_000) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
  run.runToEnd();
  if (sampleMetrics) run.metricsUpToNow();
  return run;
}
