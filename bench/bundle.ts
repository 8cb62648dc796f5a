/**
 * Bundles a bench entry with esbuild into node_modules/.cache (so its npm imports resolve), for
 * code that runs in a worker thread or a child process as plain JavaScript, as the CLI ships.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const CACHE = join(import.meta.dirname, '..', 'node_modules', '.cache');

export async function bundleBenchEntry(entry: string): Promise<{ file: string; dispose: () => void }> {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'firebreak-bench-'));
  const file = join(dir, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // full-run.ts finds the scenarios from its own folder; keep that the repository's bench/.
    define: { 'import.meta.dirname': JSON.stringify(import.meta.dirname) },
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
