/**
 * `npm run bench`: every speed and memory target, measured and printed with its target and PASS
 * or MISS, each beside its floor from the same run. Exits non-zero if a target is missed, so a
 * regression is visible where it is run. Run node with --expose-gc (the npm script does) so heap
 * figures are read after a collection.
 *
 * BENCH_ONLY=history,live runs only those modules.
 */
import { engineBench } from './engine.ts';

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const results: boolean[] = [];
if (!only || only.includes('engine')) results.push(await engineBench());
for (const extra of ['large-scenario', 'scale', 'report', 'store', 'history-ui', 'ui-latency', 'web', 'live', 'server', 'jump']) {
  if (only && !only.includes(extra)) continue;
  try {
    const mod = (await import(`./${extra}.ts`)) as { default: () => Promise<boolean> | boolean };
    console.log('');
    results.push(await mod.default());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
}
console.log(`\n${results.every(Boolean) ? 'PASS' : 'MISS'}: ${results.filter(Boolean).length} of ${results.length} bench groups met every target`);
process.exit(results.every(Boolean) ? 0 : 1);
