/**
 * The typed contract between the renderer and whatever hosts it (Electron main, or the browser host).
 *
 * One map of invoke channels: each has a zod schema for its request (checked by the host, which
 * treats every payload as `unknown`) and a TypeScript type for its response. The preload bridge,
 * the browser client and both hosts are typed from this single file.
 */
import { z } from 'zod';
import { attributionSchema, journalEntrySchema, teamInputSchema, type JournalEntry } from '../engine/inputs.ts';
import { ROLES, type Scenario } from '../scenario/schema.ts';
import { LOCALES } from '../i18n/words.ts';
import type { Problem } from '../scenario/load.ts';
import type { DimensionVerdict, TargetVerdict } from '../scoring/verdict.ts';
import type { HistoryColumns } from '../history/row-columns.ts';
import { ApiError, INVOKE_CHANNELS } from './channels.ts';

export { ApiError, type ApiErrorShape } from './channels.ts';

const exerciseId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'exercise ids are letters, digits, - and _');

export const participantSchema = z.object({ name: z.string().min(1).max(200), role: z.enum(ROLES).optional() }).strict();
export type Participant = z.infer<typeof participantSchema>;

export const exerciseSetupSchema = z
  .object({
    scenarioId: z.string().min(1).max(200),
    /** The YAML the exercise runs, pinned into the journal header. */
    scenarioSource: z
      .string()
      .min(1)
      .max(2 * 1024 * 1024),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    team: z.string().min(1).max(200),
    participants: z.array(participantSchema).max(100),
    mode: z.enum(['facilitated', 'solo']),
    speed: z.number().positive().max(3600),
    /** The scenario variant to play; absent or null: drawn from the seed. */
    variant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .max(200)
      .nullable()
      .optional(),
  })
  .strict();
export type ExerciseSetup = z.infer<typeof exerciseSetupSchema>;

/** Improvement-plan item and facilitator edits kept with an exercise (the debrief). */
export const actionItemSchema = z
  .object({
    id: z.string().min(1).max(80),
    text: z.string().max(2000),
    owner: z.string().max(200),
    due: z.string().max(40),
    status: z.enum(['open', 'closed']),
    capability: z.string().max(80).optional(),
    /** #19: HSEEP's capability element; absent: the default rule (shared/debrief/aar-ip.ts defaultElement). */
    element: z.enum(['planning', 'organisation', 'equipment', 'training', 'exercise']).optional(),
  })
  .strict();
export type ActionItem = z.infer<typeof actionItemSchema>;
export type CapabilityElement = NonNullable<ActionItem['element']>;

/**
 * #19: HSEEP's Exercise Overview as entered in the debrief (each field over the scenario's own
 * `overview:`), kept in debrief.json and carried to the team's next exercise by the store.
 */
export const overviewEditsSchema = z
  .object({
    scope: z.string().max(2000).optional(),
    missionArea: z.string().max(200).optional(),
    threatHazard: z.string().max(500).optional(),
    sponsor: z.string().max(500).optional(),
    participatingOrganizations: z.array(z.string().max(200)).max(50).optional(),
    pointOfContact: z.string().max(500).optional(),
    location: z.string().max(500).optional(),
    facilitator: z.string().max(500).optional(),
    evaluators: z.array(z.string().max(200)).max(50).optional(),
  })
  .strict();
export type OverviewEdits = z.infer<typeof overviewEditsSchema>;

export const debriefEditsSchema = z
  .object({
    actionItems: z.array(actionItemSchema).max(500),
    observations: z.array(z.object({ id: z.string().max(80), t: z.number().int().min(0).nullable(), text: z.string().max(5000) }).strict()).max(500),
    /** Facilitator's score adjustments: per dimension, points added (may be negative), with a reason. */
    adjustments: z
      .array(z.object({ dimension: z.string().max(40), delta: z.number().min(-100).max(100), reason: z.string().min(1).max(2000) }).strict())
      .max(20),
    overview: overviewEditsSchema.optional(),
  })
  .strict();
export type DebriefEdits = z.infer<typeof debriefEditsSchema>;

export type ExerciseStatus = 'running' | 'finished' | 'abandoned';

/** Key figures kept with a finished exercise, so history lists without replaying journals. */
export interface ExerciseOutcome {
  overall: number;
  mttd: number | null;
  mttc: number | null;
  timeToNotify: number | null;
  severityCorrect: boolean;
  severity: number;
  dimensions: Record<string, number>;
  targetsMet: Record<string, boolean>;
  harm: Record<string, number>;
  /** The scenario's targets, kept so history can judge runs without reloading scenarios. */
  targets: { mttd: number; mttc: number };
  /** Every required notification sent by its deadline (null when none were required). */
  notifyMet: boolean | null;
  /** Never contained after detection: detection to the horizon (a censored MTTC). Absent in older runs. */
  mttcCensored?: number | null;
  /** Time to notify per required external audience (null: not notified). Absent in older runs. */
  timeToNotifyByAudience?: Partial<Record<string, number | null>>;
  /** Obligations not yet due when the exercise ended. */
  openObligations?: number;
  /**
   * The score card's verdicts on the time targets and the dimensions. Absent in older runs:
   * read them through outcomeVerdicts() (shared/scoring/score-card.ts), never re-derive them.
   */
  verdicts?: OutcomeVerdicts;
  dimensionVerdicts?: Record<string, DimensionVerdict>;
}

/** The time targets History, Compare and trends show. */
export type OutcomeVerdicts = Record<'mttd' | 'mttc' | 'timeToNotify', TargetVerdict>;

export interface ExerciseMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: ExerciseStatus;
  scenarioId: string;
  scenarioVersion: number;
  scenarioTitle: string;
  seed: number;
  team: string;
  participants: Participant[];
  mode: 'facilitated' | 'solo';
  speed: number;
  /** Sim time of the last journaled entry. */
  lastT: number;
  entryCount: number;
  outcome: ExerciseOutcome | null;
  /** Improvement-plan items from the debrief, counted for programme reporting. */
  plan?: { open: number; closed: number };
}

export interface ScenarioEntry {
  /** Where it came from: "builtin:silent-bias-drift.yaml" or the file path / name it was opened from. */
  file: string;
  builtIn: boolean;
  ok: boolean;
  source: string;
  problems: Problem[];
  /** Present when ok. */
  summary?: {
    id: string;
    version: number;
    title: string;
    summary: string;
    objectives: string[];
    difficulty: string;
    expectedDuration: number;
    client: string;
    system: string;
    /** The scenario's variants (what may have gone wrong), for the facilitator's choice at setup. */
    variants: Array<{ id: string; label: string }>;
    /** #21: its framework tags as labels (frameworkTagLabels), for History's tag filter. */
    frameworkTags?: string[];
  };
}

export interface LoadedExercise {
  meta: ExerciseMeta;
  journalText: string;
  entries: JournalEntry[];
  debrief: DebriefEdits;
  /** E.g. "the last line was cut off mid-write and was dropped". */
  warnings: string[];
  /** The journal is damaged in the middle: read-only until `exercises:salvage` keeps what is whole. */
  recoverable?: boolean;
}

export interface StoreProblem {
  file: string;
  message: string;
  /** An empty exercise folder that `exercises:removeEmpty` can remove (its exercise id). */
  emptyExerciseId?: string;
}

/** `aar`: the HSEEP After-Action Report / Improvement Plan (#19), a PDF. */
export const reportFormatSchema = z.enum(['pdf', 'md', 'json', 'csv', 'aar']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** The invoke channels: request schema and response type. */
export const invokeSchemas = {
  'scenarios:list': z.object({}).strict(),
  'scenarios:import': z.object({ fileName: z.string().min(1).max(500), text: z.string().max(60 * 1024 * 1024) }).strict(),
  /**
   * #21: writes an edited scenario back over its own file in the user's scenario folder, after
   * validating it (never a built-in; `base` is the text the editor started from: a file changed
   * since is a conflict, not overwritten).
   */
  'scenarios:save': z.object({ file: z.string().min(1).max(500), text: z.string().max(60 * 1024 * 1024), base: z.string().max(60 * 1024 * 1024) }).strict(),
  /** #21: a library scenario with its teams, Facilitator Guide and MSEL as one pack file. */
  'scenarios:exportPack': z.object({ file: z.string().min(1).max(500) }).strict(),
  /** #21: a pack into the user's scenario folder (validated first; never over a different scenario). */
  'scenarios:importPack': z.object({ text: z.string().max(16 * 1024 * 1024) }).strict(),
  'exercises:create': exerciseSetupSchema,
  'exercises:append': z.object({ exerciseId, entries: z.array(journalEntrySchema).min(1).max(10_000) }).strict(),
  /**
   * `status`: only the exercises in that state (#18: the library lists the running ones to resume;
   * with 5,000 exercises it was sent 6 MB of metas it threw away, while History was opening).
   */
  'exercises:list': z.object({ includeDeleted: z.boolean().optional(), status: z.enum(['running', 'finished', 'abandoned']).optional() }).strict(),
  /** #18: History's rows (one per exercise), as columns: what the screen needs, not every meta. */
  'exercises:rows': z.object({}).strict(),
  'exercises:load': z.object({ exerciseId }).strict(),
  'exercises:finish': z.object({ exerciseId, status: z.enum(['finished', 'abandoned']) }).strict(),
  'exercises:saveDebrief': z.object({ exerciseId, debrief: debriefEditsSchema }).strict(),
  /**
   * #19: the facilitator's HSEEP records from the debrief (a rating, their hot wash, a decision),
   * appended to the exercise's journal after the end; the engine checks each like any input.
   */
  'exercises:record': z
    .object({
      exerciseId,
      input: teamInputSchema.refine(
        (i) => i.type === 'RATE' || i.type === 'HOT_WASH' || i.type === 'DECISION' || i.type === 'OVERRULE_CONTENT',
        'only a rating, a hot wash, a decision or a content overrule',
      ),
      by: attributionSchema.optional(),
    })
    .strict(),
  'exercises:delete': z.object({ exerciseId }).strict(),
  'exercises:restore': z.object({ exerciseId }).strict(),
  'exercises:exportArchive': z.object({ exerciseIds: z.array(exerciseId).min(1).max(10_000) }).strict(),
  'exercises:importArchive': z.object({ text: z.string().max(500 * 1024 * 1024) }).strict(),
  'report:export': z
    .object({
      exerciseId,
      format: reportFormatSchema,
      overwrite: z.boolean().optional(),
      /** Chosen by the client so it can ask `report:progress` where its PDF is in the print queue. */
      ticket: z.string().min(1).max(64).optional(),
      /** #20: the report's language (the page's), English when absent. */
      locale: z.enum(LOCALES).optional(),
    })
    .strict(),
  'report:progress': z.object({ ticket: z.string().min(1).max(64) }).strict(),
  /** A scenario's MSEL as a spreadsheet (HSEEP). */
  'msel:export': z.object({ file: z.string().min(1).max(1000), kind: z.enum(['xlsx', 'csv']), overwrite: z.boolean().optional() }).strict(),
  /** A scenario's Facilitator Guide, or the participants' Situation Manual, as PDF (HSEEP). */
  'guide:export': z.object({ file: z.string().min(1).max(1000), version: z.enum(['facilitator', 'participant']), overwrite: z.boolean().optional() }).strict(),
  'projector:open': z.object({ exerciseId }).strict(),
  /** Keeps the entries before a journal's damage (the damaged file is kept beside it). */
  'exercises:salvage': z.object({ exerciseId }).strict(),
  /** Removes exercise folders that are still empty (left by a create that did not finish). */
  'exercises:removeEmpty': z.object({ exerciseIds: z.array(exerciseId).min(1).max(1000) }).strict(),
  // ---- #22: publishing to a programme server (host/programme/publish/publish-queue.ts) ----
  /** The server address and token as saved (the token never comes back: only its last four characters). */
  'programme:settings': z.object({}).strict(),
  /** Saves the server address (empty: forget both) and, when given, a new token. */
  'programme:saveSettings': z
    .object({
      server: z
        .string()
        .max(2000)
        .refine((s) => s.trim() === '' || /^https?:\/\/[^\s/]+/i.test(s.trim()), 'an http:// or https:// address'),
      token: z.string().max(1000).optional(),
      unit: z.number().int().positive().nullable().optional(),
    })
    .strict(),
  /** Queues finished exercises for the programme server (durably) and tries to send them now. */
  'programme:publish': z.object({ exerciseIds: z.array(exerciseId).min(1).max(1000) }).strict(),
  /** Where every exercise asked to be published stands. `retry`: try the queued ones now. */
  'programme:status': z.object({ retry: z.boolean().optional() }).strict(),
  /** The team's corrective actions on the server (the setup screen's "last time this team agreed to …"). */
  'programme:teamActions': z.object({ team: z.string().min(1).max(200) }).strict(),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;

// channels.ts lists the same channels for the page's first screen (without zod): a channel added
// here and not there, or there and not here, fails this typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CHANNELS_MATCH: Same<(typeof INVOKE_CHANNELS)[number], InvokeChannel> = true;
export type InvokeRequest<K extends InvokeChannel> = z.input<(typeof invokeSchemas)[K]>;

export interface InvokeResponses {
  'scenarios:list': ScenarioEntry[];
  'scenarios:import': ScenarioEntry;
  'scenarios:save': ScenarioEntry;
  'scenarios:exportPack': { fileName: string; text: string; savedTo: string | null };
  /** `status`: new, same (already there, unchanged) or kept-both (renamed on an id conflict). */
  'scenarios:importPack': { entry: ScenarioEntry; status: 'new' | 'same' | 'kept-both'; message: string };
  'exercises:create': ExerciseMeta;
  'exercises:append': { entryCount: number; lastT: number };
  'exercises:list': { exercises: ExerciseMeta[]; problems: StoreProblem[] };
  'exercises:rows': { rows: HistoryColumns; problems: StoreProblem[] };
  'exercises:load': LoadedExercise;
  'exercises:finish': ExerciseMeta;
  'exercises:saveDebrief': { savedAt: string };
  'exercises:record': { seq: number };
  'exercises:delete': { deleted: string };
  'exercises:restore': { restored: string };
  /** The archive is written where the user chose (desktop) or downloaded (browser). */
  'exercises:exportArchive': { fileName: string; text: string; savedTo: string | null };
  'exercises:importArchive': { imported: string[]; skipped: string[]; problems: StoreProblem[] };
  /** `savedTo` is null when the user cancelled; the browser host returns the bytes as base64. */
  'report:export': { fileName: string; savedTo: string | null; base64: string | null; mime: string } | { exists: string };
  /** Where a PDF export is: waiting behind `ahead` others, printing, or not known (done or never queued). */
  'report:progress': { state: 'waiting'; ahead: number } | { state: 'printing' } | { state: 'unknown' };
  'msel:export': { fileName: string; savedTo: string | null; base64: string | null; mime: string } | { exists: string };
  'guide:export': { fileName: string; savedTo: string | null; base64: string | null; mime: string } | { exists: string };
  'projector:open': { opened: boolean };
  /** Null when the journal was not damaged (nothing to do). */
  'exercises:salvage': {
    exerciseId: string;
    damage: { line: number; column: number; offset: number; message: string };
    entriesKept: number;
    linesLost: number;
    /** Entries lost in the middle (seq from–to), each stood in for by a clock checkpoint. */
    gaps?: Array<{ fromSeq: number; toSeq: number }>;
    originalKeptAt: string;
  } | null;
  'exercises:removeEmpty': { removed: string[]; kept: StoreProblem[] };
  'programme:settings': PublishSettingsView;
  'programme:saveSettings': PublishSettingsView;
  'programme:publish': { items: PublishItem[] };
  'programme:status': PublishStatus;
  'programme:teamActions': { connected: boolean; actions: TeamActionView[]; message: string | null };
}

// ---- #22: publishing to a programme server ----
export interface PublishSettingsView {
  server: string | null;
  /** "…abcd": enough to recognise the token, never the token. */
  tokenHint: string | null;
  unit: number | null;
}

/** One exercise's publish: queued (waiting, with the last reason), published, or refused with the reason. */
export interface PublishItem {
  exerciseId: string;
  state: 'queued' | 'published' | 'refused';
  updatedAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  /** Queued: why it is still waiting; refused: the reason (a damaged journal names its line). */
  message: string | null;
  problems: string[];
  digest: string | null;
  team: string | null;
  unit: string | null;
  /** The server's own score (it re-scores every bundle). */
  overall: number | null;
}

export interface PublishStatus {
  configured: boolean;
  items: PublishItem[];
  /** The queue file could not be read (it was set aside). */
  problem: string | null;
}

export interface TeamActionView {
  id: number;
  exerciseId: string;
  text: string;
  owner: string | null;
  due: string;
  status: 'open' | 'in_progress' | 'done' | 'dropped';
  team: string;
}

/** What the renderer sees as `window.firebreak` (desktop) or builds over HTTP (browser). */
export type FirebreakApi = {
  [K in InvokeChannel]: (request: InvokeRequest<K>) => Promise<InvokeResponses[K]>;
};

/** Validates a request that arrived as `unknown`; throws ApiError('invalid-request') naming the field. */
export function parseRequest<K extends InvokeChannel>(channel: K, payload: unknown): z.output<(typeof invokeSchemas)[K]> {
  if (!(channel in invokeSchemas)) throw new ApiError('invalid-request', `unknown channel "${String(channel)}"`);
  const result = invokeSchemas[channel].safeParse(payload);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new ApiError('invalid-request', `${channel}: ${detail}`);
  }
  return result.data as z.output<(typeof invokeSchemas)[K]>;
}

/** The meta of an exercise that has just been created from `setup` (nothing journaled yet). */
export function newExerciseMeta(id: string, createdAt: string, setup: ExerciseSetup, scenario: Pick<Scenario, 'id' | 'version' | 'title'>): ExerciseMeta {
  return {
    id,
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    seed: setup.seed,
    team: setup.team,
    participants: setup.participants,
    mode: setup.mode,
    speed: setup.speed,
    lastT: 0,
    entryCount: 0,
    outcome: null,
  };
}

export const EMPTY_DEBRIEF: DebriefEdits = { actionItems: [], observations: [], adjustments: [] };
