/**
 * What an exercise's meta.json says, worked out from other things: its id, its improvement-plan
 * counts, and the whole meta rebuilt from a journal when meta.json is missing or damaged. Pure
 * apart from the random id suffix; the store (exercise-store.ts) does the reading and writing.
 */
import { randomInt } from 'node:crypto';
import { participantSchema, type DebriefEdits, type ExerciseMeta } from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import type { ParsedJournal } from '../../shared/engine/journal.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { loadPinnedScenario as loadPinned } from '../../shared/scenario/pinned.ts';
import { finishedOutcome } from '../../shared/scoring/finished-outcome.ts';

export function randomBase36(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += randomInt(36).toString(36);
  return s;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `ex-20260105-090000-k3x9qa`: creation time (UTC) and six random base36 characters. */
export function newExerciseId(at: Date, suffix: string): string {
  const d = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const t = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `ex-${d}-${t}-${suffix}`;
}

/** A time as it goes into a file name (no colons or dots). */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** The sim time of the last entry (0 for none). */
export function lastTOf(entries: ReadonlyArray<JournalEntry>): number {
  return entries.length > 0 ? entries[entries.length - 1]!.t : 0;
}

/** Improvement-plan items open and closed, as kept in meta.json for programme reporting. */
export function planCounts(debrief: DebriefEdits): { open: number; closed: number } {
  const closed = debrief.actionItems.filter((x) => x.status === 'closed').length;
  return { open: debrief.actionItems.length - closed, closed };
}

/** The first non-finite number in an outcome, as a path ("harm.leaked"), or null. */
export function nonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(value)';
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return null;
}

/**
 * Meta rebuilt from a journal when meta.json is missing or damaged.
 *
 * A format 2 header carries the team and setup; a format 1 header does not, so those read as
 * unknown. A journal that reached its end (resolved or ended) is marked finished and scored (as
 * finish would have: finishedOutcome).
 */
export function metaFromJournal(journal: ParsedJournal): ExerciseMeta {
  const h = journal.header;
  const sc = loadPinned(h, h.scenarioId);
  const meta: ExerciseMeta = {
    id: h.exerciseId,
    createdAt: h.createdAt,
    updatedAt: h.createdAt,
    status: 'running',
    scenarioId: h.scenarioId,
    scenarioVersion: h.scenarioVersion,
    scenarioTitle: sc.ok ? sc.scenario.title : h.scenarioId,
    seed: h.seed,
    team: h.team ?? '(unknown team)',
    participants: (h.participants ?? []).flatMap((p) => {
      const r = participantSchema.safeParse(p);
      return r.success ? [r.data] : [{ name: p.name }];
    }),
    mode: h.mode ?? 'facilitated',
    speed: h.speed ?? 1,
    lastT: lastTOf(journal.entries),
    entryCount: journal.entries.length,
    outcome: null,
  };
  if (sc.ok && journal.entries.some((e) => e.input.type === 'RESOLVE' || e.input.type === 'END')) {
    try {
      const run = ExerciseRun.replay(sc.scenario, h.seed, journal.entries);
      if (run.over) {
        run.runToEnd();
        const outcome = finishedOutcome(run);
        meta.status = 'finished';
        meta.outcome = nonFinite(outcome) ? null : outcome;
      }
    } catch {
      // Does not replay: leave it running, where Resume will say why.
    }
  }
  return meta;
}
