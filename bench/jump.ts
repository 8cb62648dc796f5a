/**
 * "Jump to the next event" at the host (#20): with a 10,000-entry journal behind the run, the host
 * asks the engine where the next signal, finding, deadline or effect is (from XState's own queue
 * of delayed events, never a replay of the journal) and takes the jump as a clock entry at that
 * moment. Timed here as the host does it in process (the find plus the entry taken), beside its
 * floor in the same run: the same clock entry taken where the clock stands, with no search and no
 * sim time to cover. The journal write (fsync) is the same for both and is left out of both.
 */
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import type { JournalEntry, TeamInput } from '../shared/engine/inputs.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { loadBenchScenario } from './full-run.ts';
import { median, report } from './measure.ts';

const ENTRIES = 10_000;
const JUMPS = 40;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/** 10,000 entries in the first tenth of the horizon (notes, status updates, clock changes), so stops remain ahead. */
function journal(s: Scenario): JournalEntry[] {
  const span = s.clock.horizon / 10;
  const step = Math.max(1, Math.floor(span / ENTRIES));
  const kinds: TeamInput[] = [{ type: 'CLOCK' }, { type: 'NOTE', text: 'observation' }, { type: 'COMMUNICATE', audience: 'internal', message: 'status' }];
  return Array.from({ length: ENTRIES }, (_, i) => ({ seq: i + 1, t: (i + 1) * step, input: kinds[i % kinds.length]! }));
}

export default function jumpBench(): boolean {
  const s = loadBenchScenario();
  console.log(`Jump to the next event at the host: ${s.id}, ${ENTRIES.toLocaleString('en')}-entry journal, ${JUMPS} jumps`);
  const entries = journal(s);
  const jumps: number[] = [];
  const floors: number[] = [];
  const kinds = new Map<string, number>();
  // Each round replays the journal once (not timed) and jumps from stop to stop to the end.
  for (let round = 0; jumps.length < JUMPS && round < JUMPS; round++) {
    const run = ExerciseRun.replay(s, 1 + round, entries);
    while (!run.over && jumps.length < JUMPS) {
      let t0 = performance.now();
      run.apply({ type: 'CLOCK', paused: true });
      floors.push(performance.now() - t0);
      t0 = performance.now();
      const stop = run.nextStop();
      if (stop === null || stop.kind === 'end') break;
      run.apply({ type: 'CLOCK', paused: true }, stop.t);
      jumps.push(performance.now() - t0);
      kinds.set(stop.kind, (kinds.get(stop.kind) ?? 0) + 1);
    }
  }
  const stops = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  return report([
    { name: 'floor: a clock entry where the clock stands, median', value: median(floors), unit: 'ms', note: `(${floors.length} entries)` },
    {
      name: `next-event jump at the host, ${ENTRIES.toLocaleString('en')}-entry journal, p95`,
      value: p95(jumps),
      unit: 'ms',
      target: 50,
      note: `(median ${median(jumps).toFixed(2)} ms, max ${Math.max(...jumps).toFixed(1)} ms over ${jumps.length} jumps: ${stops}; journal ${entries.length} entries)`,
    },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(jumpBench() ? 0 : 1);
}
