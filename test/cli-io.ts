/** What CLI tests share: an io that records what the command printed, and the PDF tools probe. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CliIo } from '../host/cli/main.ts';

/** A CliIo on the real file system that keeps every line the command printed. */
export function recordingIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const x = {
    stdout: [] as string[],
    stderr: [] as string[],
    out: (s: string) => x.stdout.push(s),
    err: (s: string) => x.stderr.push(s),
    readFile: (p: string) => readFileSync(p),
    writeFile: (p: string, d: string | Uint8Array) => writeFileSync(p, d),
  };
  return x;
}

/**
 * Whether Chromium (to print) and poppler's pdftotext (to read the PDF back) are here. On a
 * developer's machine without them the PDF tests are skipped; in CI (which installs both) a missing
 * tool is an error, so a PDF test can never be skipped silently there.
 */
export const hasPdfTools = (() => {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let pdftotext = true;
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    pdftotext = false;
  }
  const ok = existsSync(chromium) && pdftotext;
  if (!ok && process.env.CI) throw new Error(`CI needs ${chromium} and pdftotext for the PDF tests (.ci/run installs them)`);
  return ok;
})();
