#!/usr/bin/env node
// `npm run web`: the browser host, started from compiled JavaScript.
//
// Rebuilds the renderer (vite → dist-web/) and the host (esbuild → dist-node/) only when a source
// that went into them is newer than the build (bin/freshness.mjs); when nothing changed it goes
// straight to the compiled host, so the address is printed in a fraction of a second.
// Options are the host's own (host/web/main.ts): --port N, --data DIR, --static DIR.
import { buildTargets } from './build.mjs';

try {
  await buildTargets(['web', 'node'], { ifStale: true, log: (s) => process.stderr.write(`${s}\n`) });
} catch (e) {
  process.stderr.write(`firebreak web: cannot build: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
const { main } = await import('../dist-node/web.mjs');
await main(process.argv.slice(2));
