/**
 * One sweep worker (bench/sweep.ts): full runs, with every metric sampled each minute, for the
 * seeds it is given; reports its events and busy time, and a checksum of the last metric values so
 * the work cannot be optimised away. Then the yardstick on the same thread, under the same load:
 * one fresh bare XState counter per seed, sent as many events as that seed's run processed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bareXState } from './bare-xstate.ts';
import { fullRun, loadBenchScenario } from './full-run.ts';

export interface SweepTask {
  seeds: number[];
}
export interface SweepResult {
  events: number;
  /** Running the seeds: event processing plus metric sampling. */
  busyMs: number;
  /** Of busyMs, sampling every metric each minute. */
  metricsMs: number;
  /** The bare counters for the same seeds and event counts. */
  bareMs: number;
  checksum: number;
}

const { seeds } = workerData as SweepTask;
const s = loadBenchScenario();
const t0 = performance.now();
let events = 0;
let checksum = 0;
let metricsMs = 0;
const perSeed: number[] = [];
for (const seed of seeds) {
  const run = fullRun(s, seed, false);
  events += run.eventsProcessed;
  perSeed.push(run.eventsProcessed);
  const m0 = performance.now();
  for (const series of run.metricsUpToNow()) checksum += series.at(-1) ?? 0;
  metricsMs += performance.now() - m0;
}
const busyMs = performance.now() - t0;
const b0 = performance.now();
for (const n of perSeed) bareXState(n);
const bareMs = performance.now() - b0;
parentPort!.postMessage({ events, busyMs, metricsMs, bareMs, checksum } satisfies SweepResult);
