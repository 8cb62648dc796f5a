/**
 * One measured process for bench/instructions.ts: loads the engine, then does one kind of work
 * `reps` times. `load` does nothing more, so its count is subtracted from the others.
 *
 *   node instructions-entry.mjs load|engine|bare|shape <reps>
 */
import { createScenarioMachine } from '../shared/engine/machine.ts';
import { bareShaped, bareXState, sameShape } from './bare-xstate.ts';
import { fullRun, loadBenchScenario } from './full-run.ts';

const mode = process.argv[2];
const reps = Number(process.argv[3] ?? 1);
const s = loadBenchScenario();
const events = fullRun(s, 1, false).eventsProcessed;
const shaped = sameShape(createScenarioMachine(s));
for (let i = 0; i < reps; i++) {
  if (mode === 'engine') fullRun(s, 1, false);
  else if (mode === 'bare') bareXState(events);
  else if (mode === 'shape') bareShaped(shaped, events);
  else if (mode !== 'load') throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`${events}\n`);
