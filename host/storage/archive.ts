/**
 * Archives: many exercises in one JSON file, to move them between machines (History's export and
 * import). Split from the store by concern (#18); the store hands in only what an archive needs.
 *
 * An import never half-writes an exercise: each is staged in a `.import-<pid>-…` folder beside
 * the others and renamed into place in one step (the PID tells cleanup whether its importer still
 * runs). An exercise already here with the same journal is skipped, so importing twice, or again
 * after a crash mid-import, never duplicates; one with the same id but a different journal is
 * reported and left alone.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { ApiError, EMPTY_DEBRIEF, type ExerciseMeta, type LoadedExercise, type StoreProblem } from '../../shared/contract/api.ts';
import { parseJournal, serializeJournal, type ParsedJournal } from '../../shared/engine/journal.ts';
import { exists, renameWithRetry, syncDir, writeFileAtomic } from './durable-fs.ts';
import { fileStamp, lastTOf, planCounts } from './exercise-meta.ts';
import { DEBRIEF_FILE, HEADER_FILE, JOURNAL_FILE } from './folder-layout.ts';
import { ARCHIVE_FORMAT, archiveItemSchema, archiveSchema, describeIssues, EXERCISE_ID_RE, type Archive, type ArchiveItem } from './meta-schema.ts';

export interface ImportResult {
  imported: string[];
  skipped: string[];
  problems: StoreProblem[];
}

/** What exporting needs from the store. */
export interface ArchiveSource {
  load(id: string): Promise<LoadedExercise>;
  now(): Date;
}

/** What importing needs from the store. */
export interface ArchiveTarget {
  exercisesDir: string;
  randomSuffix(): string;
  /** Runs `fn` serialised with every other write to the exercise, holding its write lock. */
  underWriteLock<T>(id: string, fn: () => Promise<T>): Promise<T>;
  writeMeta(dir: string, meta: ExerciseMeta): Promise<void>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Builds an archive of the given exercises (JSON text) and a file name to save it under. */
export async function exportArchive(ids: ReadonlyArray<string>, from: ArchiveSource): Promise<{ fileName: string; text: string }> {
  const items: ArchiveItem[] = [];
  for (const id of ids) {
    const ex = await from.load(id);
    items.push({ meta: ex.meta, journalText: ex.journalText, debrief: ex.debrief });
  }
  const archive: Archive = { format: ARCHIVE_FORMAT, exercises: items };
  const fileName = ids.length === 1 ? `${ids[0]}.firebreak.json` : `firebreak-${items.length}-exercises-${fileStamp(from.now())}.firebreak.json`;
  return { fileName, text: JSON.stringify(archive) };
}

/** Imports an archive: every item on its own, each problem reported with the item it is in. */
export async function importArchive(text: string, into: ArchiveTarget): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ApiError('invalid-request', `not a Firebreak archive (not JSON: ${messageOf(e)})`);
  }
  const archive = archiveSchema.safeParse(json);
  if (!archive.success) throw new ApiError('invalid-request', `not a Firebreak archive (${describeIssues(archive.error.issues)})`);

  const result: ImportResult = { imported: [], skipped: [], problems: [] };
  for (const [i, raw] of archive.data.exercises.entries()) {
    const rawId = (raw as { meta?: { id?: unknown } } | null)?.meta?.id;
    const label = `archive item ${i + 1}${typeof rawId === 'string' ? ` (${rawId.slice(0, 80)})` : ''}`;
    try {
      const outcome = await importOne(raw, into);
      result[outcome.kind].push(outcome.id);
    } catch (e) {
      result.problems.push({ file: label, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}

async function importOne(raw: unknown, into: ArchiveTarget): Promise<{ kind: 'imported' | 'skipped'; id: string }> {
  const item = archiveItemSchema.safeParse(raw);
  if (!item.success) throw new Error(describeIssues(item.error.issues));
  let journal: ParsedJournal;
  try {
    journal = parseJournal(item.data.journalText);
  } catch (e) {
    throw new Error(`journal: ${messageOf(e)}`);
  }
  const id = journal.header.exerciseId;
  if (!EXERCISE_ID_RE.test(id)) throw new Error(`journal: "${id.slice(0, 100)}" is not a valid exercise id`);
  if (item.data.meta.id !== id) throw new Error(`meta.id "${item.data.meta.id}" does not match the journal's exercise "${id}"`);
  const journalText = serializeJournal(journal); // drops a torn tail; the canonical bytes

  return into.underWriteLock(id, () => writeImported(id, item.data, journal, journalText, into));
}

async function writeImported(
  id: string,
  data: z.infer<typeof archiveItemSchema>,
  journal: ParsedJournal,
  journalText: string,
  into: ArchiveTarget,
): Promise<{ kind: 'imported' | 'skipped'; id: string }> {
  const target = join(into.exercisesDir, id);
  if (await exists(target)) {
    let same = false;
    try {
      same = serializeJournal(parseJournal(await readFile(join(target, JOURNAL_FILE), 'utf8'))) === journalText;
    } catch {
      same = false;
    }
    if (same) return { kind: 'skipped', id };
    throw new Error(`an exercise "${id}" already exists here with a different journal; not imported (nothing was changed)`);
  }
  await mkdir(into.exercisesDir, { recursive: true });
  // The PID in the name tells cleanup() whether the import is still under way.
  const staging = join(into.exercisesDir, `.import-${process.pid}-${id}-${into.randomSuffix()}`);
  await mkdir(staging);
  try {
    const debrief = data.debrief ?? EMPTY_DEBRIEF;
    const meta: ExerciseMeta = { ...data.meta, entryCount: journal.entries.length, lastT: lastTOf(journal.entries) };
    // The plan counts follow the debrief actually written (an archive's meta could disagree).
    if (meta.plan !== undefined || debrief.actionItems.length > 0) meta.plan = planCounts(debrief);
    await writeFileAtomic(join(staging, JOURNAL_FILE), journalText);
    await writeFileAtomic(join(staging, HEADER_FILE), journalText.slice(0, journalText.indexOf('\n') + 1));
    await writeFileAtomic(join(staging, DEBRIEF_FILE), `${JSON.stringify(debrief, null, 2)}\n`);
    await into.writeMeta(staging, meta);
    await renameWithRetry(staging, target);
    await syncDir(into.exercisesDir);
  } catch (e) {
    // Only the staging folder just made is removed; nothing that was here before.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  return { kind: 'imported', id };
}
