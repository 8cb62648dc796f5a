/**
 * Reading and writing the small files of one exercise folder (folder-layout.ts): the meta, the
 * debrief and the journal's header copy. A file that is missing or damaged is answered as such
 * (never thrown as an I/O error), so the caller decides whether to rebuild, warn or keep it aside.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMPTY_DEBRIEF, debriefEditsSchema, type DebriefEdits, type ExerciseMeta } from '../../shared/contract/api.ts';
import { headerCopyOf } from '../../shared/engine/journal.ts';
import { errnoCode, writeFileAtomic } from './durable-fs.ts';
import { messageOf } from './exercise-folders.ts';
import { DEBRIEF_FILE, HEADER_FILE, META_FILE } from './folder-layout.ts';
import { describeIssues, exerciseMetaSchema } from './meta-schema.ts';

export type MetaRead = { meta: ExerciseMeta } | { missing: true } | { missing: false; error: string };

export async function readMeta(path: string): Promise<MetaRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { missing: true };
    return { missing: false, error: messageOf(e) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { missing: false, error: `not JSON: ${messageOf(e)}` };
  }
  const r = exerciseMetaSchema.safeParse(json);
  return r.success ? { meta: r.data } : { missing: false, error: describeIssues(r.error.issues) };
}

export async function writeMeta(dir: string, meta: ExerciseMeta): Promise<void> {
  await writeFileAtomic(join(dir, META_FILE), `${JSON.stringify(meta)}\n`);
}

/** Rewrites the meta with a change; a missing or damaged one is left for list()/load() to rebuild. */
export async function updateMeta(dir: string, change: (m: ExerciseMeta) => ExerciseMeta): Promise<void> {
  const r = await readMeta(join(dir, META_FILE));
  if (!('meta' in r)) return;
  await writeMeta(dir, change(r.meta));
}

export async function readDebrief(path: string): Promise<{ debrief: DebriefEdits; warning: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { debrief: EMPTY_DEBRIEF, warning: null };
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { debrief: EMPTY_DEBRIEF, warning: `${DEBRIEF_FILE} is not JSON (${messageOf(e)}); it will be kept aside when the debrief is next saved` };
  }
  const r = debriefEditsSchema.safeParse(json);
  if (!r.success)
    return {
      debrief: EMPTY_DEBRIEF,
      warning: `${DEBRIEF_FILE} is not a valid debrief (${describeIssues(r.error.issues)}); it will be kept aside when the debrief is next saved`,
    };
  return { debrief: r.data, warning: null };
}

/** The header copy's bytes, or null when there is none. */
export async function readHeaderCopy(dir: string): Promise<Buffer | null> {
  return readFile(join(dir, HEADER_FILE)).catch(() => null);
}

/**
 * Makes the header copy match the journal's (intact) header line: written for exercises made
 * before there were copies, and rewritten when the copy is damaged. Best effort: the journal
 * stays the truth, and a copy that could not be written is tried again next time.
 */
export async function keepHeaderCopy(dir: string, journalBytes: Uint8Array): Promise<void> {
  const end = journalBytes.indexOf(0x0a);
  if (end < 0) return;
  const line = journalBytes.subarray(0, end + 1);
  if (!headerCopyOf(line)) return; // not a verified format 2 header (format 1 journals have no copy)
  const copy = await readHeaderCopy(dir);
  if (copy && Buffer.compare(copy, line) === 0) return;
  await writeFileAtomic(join(dir, HEADER_FILE), line).catch(() => undefined);
}
