import { readFileSync } from 'node:fs';
import { loadScenario } from './shared/scenario/load.ts';
import { ExerciseRun } from './shared/engine/exercise-run.ts';
const r = loadScenario(readFileSync('./scenarios/provider-update-leakage.yaml'), 'x');
if (!r.ok) throw 1;
const s = r.scenario;
const t0 = performance.now();
for (let seed = 0; seed < 300; seed++) {
  const run = new ExerciseRun(s, seed);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! });
  run.apply({ type: 'CONTAIN', containmentId: s.rubric.bestResponse[0]! }, run.now + 20 * 60_000);
  for (let t = run.now + 30 * 60_000; t < s.clock.horizon; t += 30 * 60_000) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
  run.runToEnd();
}
console.log((performance.now() - t0) / 300, 'ms/run');
