/**
 * Schemas for what the store reads back from disk (meta.json, archives).
 *
 * Files on disk are as untrusted as IPC payloads: a half-written or hand-edited meta.json must be
 * reported by name, not crash the history list. The schemas are checked against the contract's
 * TypeScript types with `satisfies`, so the two cannot drift apart silently.
 */
import { z } from 'zod';
import { DIMENSION_VERDICT_CODES, TARGET_VERDICT_CODES, VERDICT_STATUSES } from '../../shared/scoring/verdict.ts';
import { debriefEditsSchema, participantSchema, type ExerciseMeta, type ExerciseOutcome } from '../../shared/contract/api.ts';

export const EXERCISE_ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

const verdict = <C extends string>(codes: readonly [C, ...C[]]) => z.object({ status: z.enum(VERDICT_STATUSES), code: z.enum(codes) }).strict();
const targetVerdict = verdict(TARGET_VERDICT_CODES);

const outcomeSchema = z.object({
  overall: z.number(),
  mttd: z.number().nullable(),
  mttc: z.number().nullable(),
  timeToNotify: z.number().nullable(),
  severityCorrect: z.boolean(),
  severity: z.number(),
  dimensions: z.record(z.string(), z.number()),
  targetsMet: z.record(z.string(), z.boolean()),
  harm: z.record(z.string(), z.number()),
  targets: z.object({ mttd: z.number(), mttc: z.number() }),
  notifyMet: z.boolean().nullable(),
  // Added with issue #9 (optional: older meta.json files lack them).
  mttcCensored: z.number().nullable().optional(),
  timeToNotifyByAudience: z.record(z.string(), z.number().nullable()).optional(),
  openObligations: z.number().int().min(0).optional(),
  // Added with issue #16 (optional: older outcomes get theirs from outcomeVerdicts()).
  verdicts: z.object({ mttd: targetVerdict, mttc: targetVerdict, timeToNotify: targetVerdict }).optional(),
  dimensionVerdicts: z.record(z.string(), verdict(DIMENSION_VERDICT_CODES)).optional(),
}) satisfies z.ZodType<ExerciseOutcome>;

export const exerciseMetaSchema = z.object({
  id: z.string().regex(EXERCISE_ID_RE),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['running', 'finished', 'abandoned']),
  scenarioId: z.string().min(1),
  scenarioVersion: z.number().int(),
  scenarioTitle: z.string(),
  seed: z.number().int(),
  team: z.string(),
  participants: z.array(participantSchema),
  mode: z.enum(['facilitated', 'solo']),
  speed: z.number().positive(),
  lastT: z.number().min(0),
  entryCount: z.number().int().min(0),
  /** Derived data (finish() recomputes it): an outcome from an older version reads as "not scored". */
  outcome: outcomeSchema.nullable().catch(null),
  /** Derived from debrief.json (saveDebrief rewrites it): a malformed count reads as "not counted". */
  plan: z
    .object({ open: z.number().int().min(0), closed: z.number().int().min(0) })
    .optional()
    .catch(undefined),
}) satisfies z.ZodType<ExerciseMeta>;

export const ARCHIVE_FORMAT = 'firebreak-archive/1';

export const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  exercises: z.array(z.unknown()),
});

export const archiveItemSchema = z.object({
  meta: exerciseMetaSchema,
  journalText: z.string(),
  debrief: debriefEditsSchema.optional(),
});

export interface ArchiveItem {
  meta: ExerciseMeta;
  journalText: string;
  debrief: z.infer<typeof debriefEditsSchema>;
}

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  exercises: ArchiveItem[];
}

/** Zod issues as one line: "meta.team: expected string; journalText: required". */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}
