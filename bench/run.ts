/**
 * `npm run bench`: every speed and memory target, measured and printed with its target.
 * Exits non-zero if a target is missed, so a regression is visible where it is run.
 */
import { engineBench } from './engine.ts';

const results: boolean[] = [];
results.push(await engineBench());
for (const extra of ['./large-scenario.ts', './scale.ts', './store.ts', './ui-latency.ts', './web.ts', './live.ts']) {
  try {
    const mod = (await import(extra)) as { default: () => Promise<boolean> | boolean };
    console.log('');
    results.push(await mod.default());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
}
process.exit(results.every(Boolean) ? 0 : 1);
