/**
 * Engine benchmarks (issue: scenario engine; issue #12):
 *  - a full 72-hour scenario at 1-minute resolution (a run plus every metric sampled each minute);
 *  - replay of a 10,000-event journal;
 *  - a sweep of 1,000 seeded full runs with metrics, on worker_threads (one per core);
 *  - instruction counts under valgrind where it is installed (bench/instructions.ts).
 *
 * Every ratio names its yardstick: "bare XState" is an actor that only counts the events it is
 * sent (bench/bare-xstate.ts), fed exactly as many events as the engine processed (inputs plus
 * timers fired); "same machine shape" is a bare actor with the scenario machine's own state tree
 * (its parallel regions and states, no guards, actions or delays), fed the same number of events.
 */
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { createScenarioMachine } from '../shared/engine/machine.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import type { JournalEntry, TeamInput } from '../shared/engine/inputs.ts';
import { bareShaped, bareXState, sameShape } from './bare-xstate.ts';
import { fullRun, loadBenchScenario } from './full-run.ts';
import { instructionFigures } from './instructions.ts';
import { report, time, type Figure } from './measure.ts';
import { parallelSweep } from './sweep.ts';

/** A 10,000-entry journal spread over the horizon: notes, status updates, checkpoints. */
function bigJournal(s: Scenario): JournalEntry[] {
  const n = 10_000;
  const step = Math.floor((s.clock.horizon - 60_000) / n);
  const kinds: TeamInput[] = [{ type: 'CLOCK' }, { type: 'NOTE', text: 'observation' }, { type: 'COMMUNICATE', audience: 'internal', message: 'status' }];
  return Array.from({ length: n }, (_, i) => ({ seq: i + 1, t: (i + 1) * step, input: kinds[i % kinds.length]! }));
}

export async function engineBench(): Promise<boolean> {
  const s = loadBenchScenario();
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
    name: '  engine ÷ bare XState counter, same event count',
    value: tEvents / tBare,
    unit: '×',
    target: 5,
    note: `(event processing without metrics; bare ${tBare.toFixed(3)} ms)`,
  });
  const shaped = sameShape(createScenarioMachine(s));
  const tShape = time(() => bareShaped(shaped, events), 25);
  figures.push({
    name: '  engine ÷ bare actor of the same machine shape, same count',
    value: tEvents / tShape,
    unit: '×',
    note: `(same shape ${tShape.toFixed(3)} ms: creating and starting the actor included, as in the run)`,
  });

  const journal = bigJournal(s);
  let replayEvents = 0;
  const tReplay = time(() => {
    replayEvents = ExerciseRun.replay(s, 1, journal).eventsProcessed;
  }, 7);
  const tBareReplay = time(() => bareXState(replayEvents), 7);
  figures.push({ name: `replay of a ${journal.length.toLocaleString('en-US')}-entry journal (${replayEvents} events)`, value: tReplay, unit: 'ms' });
  figures.push({
    name: '  replay ÷ bare XState counter, same event count',
    value: tReplay / tBareReplay,
    unit: '×',
    target: 5,
    note: `(bare ${tBareReplay.toFixed(2)} ms)`,
  });

  const sweep = await parallelSweep(1000);
  figures.push({
    name: 'sweep of 1,000 seeded full runs with metrics',
    value: sweep.wallMs / 1000,
    unit: 's',
    target: 5,
    note: `(${sweep.workers} worker threads, start-up included; ${sweep.events.toLocaleString('en-US')} events)`,
  });
  figures.push({
    name: '  of which metric sampling (summed over workers)',
    value: sweep.metricsMs / 1000,
    unit: 's',
    note: `(of ${(sweep.busyMs / 1000).toFixed(2)} s of work in all)`,
  });
  figures.push({
    name: '  sweep event processing ÷ 1,000 bare XState counters',
    value: (sweep.busyMs - sweep.metricsMs) / sweep.bareMs,
    unit: '×',
    target: 5,
    note: `(${((sweep.busyMs - sweep.metricsMs) / 1000).toFixed(2)} s vs ${(sweep.bareMs / 1000).toFixed(2)} s: a fresh bare actor per seed, same events, in the same workers)`,
  });

  const counted = await instructionFigures();
  if (typeof counted === 'string') console.log(`  instruction counts ${counted}`);
  else figures.push(...counted);

  console.log('Engine');
  return report(figures);
}
