#!/usr/bin/env node
// The `firebreak` CLI.
//
// Runs the compiled CLI (dist-node/cli.mjs, `npm run build`) when it is at least as new as every
// source it was built from (bin/freshness.mjs); otherwise, in a checkout whose sources changed since
// the last build, runs the TypeScript sources through tsx (a development dependency), so an edit is
// never silently ignored. Nothing is rebuilt behind your back: `npm run build node` makes the fast
// path current again.
import { fileURLToPath } from 'node:url';
import { isBuildFresh } from './freshness.mjs';

// React (the programme server's pages, reports) in its production build: its development build
// checks and records a stack for every element, which made the readiness page several times slower (#22).
process.env.NODE_ENV ??= 'production';

const root = fileURLToPath(new URL('..', import.meta.url));
let main;
if (isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')) {
  ({ main } = await import('../dist-node/cli.mjs'));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('firebreak: the compiled CLI is missing or older than its sources, and tsx is not installed; run `npm run build`\n');
    process.exit(2);
  }
  register();
  ({ main } = await import('../host/cli/main.ts'));
}
process.exit(await main(process.argv.slice(2)));
