/**
 * Engine benchmarks (issue: scenario engine):
 *  - a full 72-hour scenario at 1-minute resolution (a run plus every metric sampled each minute);
 *  - replay of a 10,000-event journal;
 *  - a sweep of 1,000 seeded runs;
 * each with its ratio to a bare XState v5 actor processing the same number of events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import type { JournalEntry, TeamInput } from '../shared/engine/inputs.ts';
import { bareXState } from './bare-xstate.ts';
import { report, time, type Figure } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');

function load(file: string): Scenario {
  const r = loadScenario(readFileSync(join(ROOT, file)), file);
  if (!r.ok) throw new Error(`${file} does not validate`);
  return r.scenario;
}

/** A team that responds at the first signal and never resolves, so the run lasts to the horizon. */
function fullRun(s: Scenario, seed: number, sampleMetrics = true): ExerciseRun {
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

/** A 10,000-entry journal spread over the horizon: notes, status updates, checkpoints. */
function bigJournal(s: Scenario): JournalEntry[] {
  const n = 10_000;
  const step = Math.floor((s.clock.horizon - 60_000) / n);
  const kinds: TeamInput[] = [{ type: 'CLOCK' }, { type: 'NOTE', text: 'observation' }, { type: 'COMMUNICATE', audience: 'internal', message: 'status' }];
  return Array.from({ length: n }, (_, i) => ({ seq: i + 1, t: (i + 1) * step, input: kinds[i % kinds.length]! }));
}

export function engineBench(): boolean {
  const s = load('scenarios/provider-update-leakage.yaml');
  const horizonH = s.clock.horizon / 3_600_000;
  const figures: Figure[] = [];

  const probe = fullRun(s, 1);
  const events = probe.eventsProcessed;
  const minutes = probe.metricsUpToNow()[0]!.length;
  const tRun = time(() => fullRun(s, 1), 25);
  const tBare = time(() => bareXState(events), 25);
  figures.push({ name: `full ${horizonH}h run, ${minutes} min × ${s.metrics.length} metrics, ${events} events`, value: tRun, unit: 'ms', target: 20 });
  const tEvents = time(() => fullRun(s, 1, false), 25);
  figures.push({ name: '  of which event processing (no metric sampling)', value: tEvents, unit: 'ms' });
  figures.push({
    name: '  engine overhead: event processing ÷ bare XState, same events',
    value: tEvents / tBare,
    unit: '×',
    target: 5,
    note: `(bare ${tBare.toFixed(3)} ms)`,
  });

  const journal = bigJournal(s);
  let replayEvents = 0;
  const tReplay = time(() => {
    replayEvents = ExerciseRun.replay(s, 1, journal).eventsProcessed;
  }, 7);
  const tBareReplay = time(() => bareXState(replayEvents), 7);
  figures.push({ name: `replay of a ${journal.length.toLocaleString('en-US')}-entry journal (${replayEvents} events)`, value: tReplay, unit: 'ms' });
  figures.push({
    name: '  ratio to bare XState (same event count)',
    value: tReplay / tBareReplay,
    unit: '×',
    target: 5,
    note: `(bare ${tBareReplay.toFixed(2)} ms)`,
  });

  let sweepEvents = 0;
  const t0 = performance.now();
  for (let seed = 0; seed < 1000; seed++) sweepEvents += fullRun(s, seed).eventsProcessed;
  const tSweep = (performance.now() - t0) / 1000;
  const tBareSweep = time(() => bareXState(sweepEvents), 3, 1) / 1000;
  figures.push({ name: 'sweep of 1,000 seeded full runs', value: tSweep, unit: 's', target: 5 });
  figures.push({ name: '  ratio to bare XState (same event count)', value: tSweep / tBareSweep, unit: '×', target: 5 });

  console.log('Engine');
  return report(figures);
}
