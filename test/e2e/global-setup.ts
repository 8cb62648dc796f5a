/**
 * Builds the renderer once for every end-to-end test (into a temp folder, so a developer's
 * dist-web/ is left alone), brings the compiled host (dist-node/) up to date when its sources
 * changed (the tests run what `npm run web` runs), and checks that Debian's Chromium is there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePrerequisites } from '../../scripts/test-prerequisites.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default function setup(project: TestProject) {
  // `npm test` ran this already as its pretest; `vitest --project e2e` alone did not.
  ensurePrerequisites();
  if (!existsSync(CHROMIUM)) throw new Error(`end-to-end tests need Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const out = mkdtempSync(join(tmpdir(), 'firebreak-web-'));
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', out, '--logLevel', 'warn'], { stdio: 'inherit' });
  execFileSync(process.execPath, [join('scripts', 'build.mjs'), 'node', '--if-stale'], { stdio: 'inherit' });
  project.provide('staticDir', out);
  return () => rmSync(out, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    staticDir: string;
  }
}
