/**
 * The renderer built once per bench process for the Chromium benches (a fresh vite build in a temp
 * folder, so the bench measures the sources as they are, not a stale dist-web).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
let built: string | null = null;

export function builtRenderer(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-bench-web-'));
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', dir, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = dir;
  return dir;
}
