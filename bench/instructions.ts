/**
 * Instruction counts (valgrind --tool=callgrind), where valgrind is installed: unlike wall time
 * they barely move with the load on a shared 2-core machine, so the engine's ratio to bare XState
 * can be compared across runs. Optional: skipped without valgrind (`apt-get install -y valgrind`)
 * or with BENCH_VALGRIND=0; it takes about a minute on 2 cores.
 *
 * Each figure is a separate `node` process under callgrind doing one kind of work REPS times after
 * loading the engine; the count of a process that only loads is subtracted, so what remains is the
 * work itself (JIT compilation of it included).
 */
import { execFileSync, spawn } from 'node:child_process';
import { bundleBenchEntry } from './bundle.ts';
import type { Figure } from './measure.ts';

const REPS = 5;

function hasValgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function instructions(script: string, mode: string): Promise<{ count: number; events: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      '--smc-check=all-non-file',
      process.execPath,
      script,
      mode,
      String(REPS),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const m = /Collected\s*:\s*(\d+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`callgrind ${mode} failed (exit ${code}): ${err.slice(-400)}`));
      else resolve({ count: Number(m[1]), events: Number(out.trim()) });
    });
  });
}

export async function instructionFigures(): Promise<Figure[] | string> {
  if (process.env.BENCH_VALGRIND === '0') return 'skipped (BENCH_VALGRIND=0)';
  if (!hasValgrind()) return 'skipped: no valgrind (apt-get install -y valgrind)';
  const { file, dispose } = await bundleBenchEntry('instructions-entry.ts');
  try {
    // Two at a time: one per core of the 2-core machine this is planned for.
    const [load, e] = await Promise.all([instructions(file, 'load'), instructions(file, 'engine')]);
    const [b, sh] = await Promise.all([instructions(file, 'bare'), instructions(file, 'shape')]);
    const engine = e.count - load.count;
    const bare = b.count - load.count;
    const shape = sh.count - load.count;
    const perEvent = (n: number) => n / (REPS * load.events);
    const M = 1e6;
    return [
      {
        name: `instructions: full run (${load.events} events, no metrics) × ${REPS}`,
        value: engine / M,
        unit: 'M',
        note: `(${perEvent(engine).toFixed(0)} per event)`,
      },
      {
        name: '  engine ÷ bare XState counter, same events',
        value: engine / bare,
        unit: '×',
        target: 5,
        note: `(bare ${(bare / M).toFixed(1)} M, ${perEvent(bare).toFixed(0)} per event)`,
      },
      {
        name: '  engine ÷ bare actor of the same machine shape, same events',
        value: engine / shape,
        unit: '×',
        note: `(same shape ${(shape / M).toFixed(1)} M, ${perEvent(shape).toFixed(0)} per event)`,
      },
    ];
  } finally {
    dispose();
  }
}
