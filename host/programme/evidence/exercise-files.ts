/**
 * Reading an exercise's evidence from disk: an exercise folder (journal.jsonl and, where they
 * exist, debrief.json, ratings.json, feedback.json, and the outcome in meta.json as the claimed
 * score) or a journal file alone (the files beside it
 * are taken when it is called journal.jsonl inside an exercise folder).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from '../../storage/durable-fs.ts';
import { JOURNAL_NAME, MAX_BUNDLE_BYTES, OPTIONAL_FILES, type BundleFiles } from './bundle.ts';

export async function readExerciseFiles(path: string): Promise<BundleFiles> {
  const info = await stat(path);
  const folder = info.isDirectory() ? path : basename(path) === JOURNAL_NAME ? dirname(path) : null;
  const journalPath = info.isDirectory() ? join(path, JOURNAL_NAME) : path;
  const files: BundleFiles = { [JOURNAL_NAME]: await readCapped(journalPath) };
  if (folder) {
    for (const name of OPTIONAL_FILES) {
      if (name === 'outcome.json') continue;
      try {
        files[name] = await readCapped(join(folder, name));
      } catch (e) {
        if (errnoCode(e) !== 'ENOENT') throw e;
      }
    }
    // The score the app showed, as a claim: a server re-scores and refuses a bundle that differs.
    try {
      const meta = JSON.parse(await readCapped(join(folder, 'meta.json'))) as { outcome?: unknown };
      if (meta.outcome) files['outcome.json'] = JSON.stringify(meta.outcome);
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw new Error(`${join(folder, 'meta.json')}: ${(e as Error).message}`);
    }
  }
  return files;
}

async function readCapped(path: string): Promise<string> {
  const s = await stat(path);
  if (s.size > MAX_BUNDLE_BYTES) throw new Error(`${path}: ${s.size} bytes is more than a bundle may carry (${MAX_BUNDLE_BYTES})`);
  return readFile(path, 'utf8');
}
