/**
 * The 1,000-seed sweep on worker_threads: the seeds dealt round-robin to one worker per core the
 * machine offers (os.availableParallelism, at most `maxWorkers`), each running full runs with
 * metrics. Wall time includes starting the workers and loading the engine in each.
 *
 * The worker is bundled by esbuild first (as the CLI ships), so each worker loads plain JavaScript
 * instead of transpiling the engine again through tsx.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundleBenchEntry } from './bundle.ts';
import type { SweepResult, SweepTask } from './sweep-worker.ts';

export interface SweepFigures {
  wallMs: number;
  workers: number;
  events: number;
  /** Sum of the workers' time spent running (excludes start-up). */
  busyMs: number;
  /** Of busyMs, metric sampling. */
  metricsMs: number;
  /** The yardstick, in the same workers: a fresh bare counter per seed, same events. */
  bareMs: number;
  checksum: number;
}

export async function parallelSweep(seeds: number, maxWorkers = 4): Promise<SweepFigures> {
  const workers = Math.max(1, Math.min(maxWorkers, availableParallelism()));
  const tasks: SweepTask[] = Array.from({ length: workers }, () => ({ seeds: [] }));
  for (let seed = 0; seed < seeds; seed++) tasks[seed % workers]!.seeds.push(seed);
  const { file: script, dispose } = await bundleBenchEntry('sweep-worker.ts');
  // Wall time stops when the last worker has run its seeds (its yardstick runs after that).
  const t0 = performance.now();
  let lastRunDone = t0;
  const results = await Promise.all(
    tasks.map(
      (task) =>
        new Promise<SweepResult>((resolve, reject) => {
          const w = new Worker(script, { workerData: task });
          w.once('message', (r: SweepResult) => {
            lastRunDone = Math.max(lastRunDone, performance.now() - r.bareMs);
            resolve(r);
          });
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`sweep worker exited with ${code}`)));
        }),
    ),
  ).finally(dispose);
  return {
    wallMs: lastRunDone - t0,
    workers,
    events: results.reduce((a, r) => a + r.events, 0),
    busyMs: results.reduce((a, r) => a + r.busyMs, 0),
    metricsMs: results.reduce((a, r) => a + r.metricsMs, 0),
    bareMs: results.reduce((a, r) => a + r.bareMs, 0),
    checksum: results.reduce((a, r) => a + r.checksum, 0),
  };
}
