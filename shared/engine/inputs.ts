/**
 * Everything a team or facilitator can do, as data.
 *
 * Each input is journaled with its sim time; replaying the journal reproduces the run. The zod
 * schema is what the main process, the browser host and the journal reader validate against.
 */
import { z } from 'zod';
import { AUDIENCES, CHANNELS, INCIDENT_TYPES, MESSAGE_ELEMENTS, ROLES, TEAM_ACTIONS } from '../scenario/schema.ts';

const ref = z.string().min(1).max(200);
const freeText = z.string().max(20_000);

/** A structured message's parts (MESSAGE_ELEMENTS, defined with the scenario format); each a short text. */
export { MESSAGE_ELEMENTS, type MessageElement } from '../scenario/schema.ts';
const messageElements = z.partialRecord(z.enum(MESSAGE_ELEMENTS), z.string().max(2_000));

export const teamInputSchema = z.discriminatedUnion('type', [
  /** Declare an incident: the moment of detection (MTTD). */
  z.object({ type: z.literal('ACKNOWLEDGE'), note: freeText.optional() }).strict(),
  z.object({ type: z.literal('TRIAGE'), severity: z.number().int().min(1).max(4), incidentType: z.enum(INCIDENT_TYPES) }).strict(),
  z.object({ type: z.literal('ASSIGN_ROLE'), role: z.enum(ROLES), person: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('INVESTIGATE'), investigationId: ref }).strict(),
  z.object({ type: z.literal('CONTAIN'), containmentId: ref }).strict(),
  /** Ends a containment's effect (a kill switch switched back on). */
  z.object({ type: z.literal('LIFT'), containmentId: ref }).strict(),
  z.object({ type: z.literal('PRESERVE_EVIDENCE'), evidenceId: ref }).strict(),
  z.object({ type: z.literal('COMMUNICATE'), audience: z.enum(AUDIENCES), message: freeText, elements: messageElements.optional() }).strict(),
  z.object({ type: z.literal('DECLARE_ROOT_CAUSE'), rootCauseId: ref }).strict(),
  z.object({ type: z.literal('RESOLVE'), summary: freeText.optional() }).strict(),
  /**
   * A dated plan for a notification obligation still to be met: who sends what, by when (sim ms).
   * An obligation still open when the exercise ends earns credit only with such a plan.
   */
  z
    .object({
      type: z.literal('PLAN_NOTICE'),
      obligationId: ref,
      owner: z.string().min(1).max(200),
      what: freeText.min(1),
      sendBy: z.number().int().min(0),
    })
    .strict(),
  // Facilitator inputs
  // ---- #17: the facilitator or an evaluator overrules a notice's content judgement.
  /**
   * Replaces the automatic content judgement of an obligation's notice, as a whole (`share`, 0–1)
   * or per element (element → counts or not), with the reason (required); who did it is the
   * entry's attribution. A later overrule of the same obligation replaces an earlier one.
   */
  z
    .object({
      type: z.literal('OVERRULE_CONTENT'),
      obligationId: ref,
      share: z.number().min(0).max(1).optional(),
      elements: z.partialRecord(z.enum(MESSAGE_ELEMENTS), z.boolean()).optional(),
      reason: z.string().trim().min(1, 'give the reason for the overrule').max(5_000),
    })
    .strict()
    .refine(
      (o) => (o.share === undefined) !== (o.elements === undefined || Object.keys(o.elements).length === 0),
      'overrule either the whole content (share) or elements, one of them',
    ),
  z
    .object({
      type: z.literal('ADHOC_INJECT'),
      channel: z.enum(CHANNELS),
      source: z.string().min(1).max(200),
      title: z.string().min(1).max(500),
      body: freeText,
    })
    .strict(),
  z.object({ type: z.literal('NOTE'), text: freeText.min(1) }).strict(),
  // ---- HSEEP (#19): evaluation, discussion and hot wash; record-only, journaled like the rest.
  /**
   * An evaluator's (or the facilitator's) rating of one objective on HSEEP's scale, with what
   * they observed and the timeline moment it rests on (`at`, sim ms; default the moment rated).
   * A later rating by the same person of the same objective supersedes the earlier one.
   */
  z
    .object({
      type: z.literal('RATE'),
      objectiveId: ref,
      rating: z.enum(['P', 'S', 'M', 'U']),
      observation: z.string().max(5_000).optional(),
      at: z.number().int().min(0).optional(),
    })
    .strict(),
  /** The facilitator logs a decision the room took in discussion (one not in the action menu). */
  z
    .object({
      type: z.literal('DECISION'),
      text: z.string().trim().min(1).max(5_000),
      owner: z.string().max(200).optional(),
      rationale: z.string().max(5_000).optional(),
      /** The discussion question it answers (the module's or an inject's question text). */
      question: z.string().max(2_000).optional(),
    })
    .strict(),
  /** One person's hot-wash feedback once the exercise has ended (a later one from them replaces it). */
  z
    .object({
      type: z.literal('HOT_WASH'),
      wentWell: z.string().max(5_000),
      improve: z.string().max(5_000),
      playbookChange: z.string().max(5_000),
      confidence: z.number().int().min(1).max(5).optional(),
      comments: z.string().max(5_000).optional(),
    })
    .strict(),
  z.object({ type: z.literal('REVEAL_HINT'), hintId: ref }).strict(),
  z.object({ type: z.literal('REVEAL_HARM') }).strict(),
  // ---- Undo (#20): the facilitator withdraws one of their own earlier entries.
  /**
   * Withdraws the facilitator's earlier NOTE, REVEAL_HINT or REVEAL_HARM (its journal seq is `target`;
   * `seq` is taken by the entry's own): its
   * effect is undone and it leaves the views, while this entry stays in the journal and on the
   * facilitator's timeline. The undo window is the console's; the engine has no wall clock.
   */
  z.object({ type: z.literal('WITHDRAW'), target: z.number().int().min(1) }).strict(),
  /** The facilitator ends the exercise early. */
  z.object({ type: z.literal('END'), reason: freeText.optional() }).strict(),
  /**
   * A clock checkpoint: no effect but time; lets a resumed run return to the exact moment.
   *
   * `paused` / `speed`, when present, record a clock change the host made at that moment (pause,
   * resume, a new speed, the end of a jump), so a reload or a restarted host comes back at the
   * same speed; absent fields mean "unchanged".
   */
  z.object({ type: z.literal('CLOCK'), paused: z.boolean().optional(), speed: z.number().positive().max(3600).optional() }).strict(),
]);

export type TeamInput = z.infer<typeof teamInputSchema>;
export type TeamInputType = TeamInput['type'];

/** The facilitator entries WITHDRAW can take back (#20 undo). */
export const WITHDRAWABLE = ['NOTE', 'REVEAL_HINT', 'REVEAL_HARM'] as const;
export type WithdrawableType = (typeof WITHDRAWABLE)[number];

const person = z.object({ name: z.string().min(1).max(200), role: z.string().min(1).max(80) }).strict();

/**
 * Who took an input in a live session: the person's name and the role they acted in.
 *
 * `for` is the participant the facilitator entered a team action for (the room decided, the
 * facilitator typed it): the entry stays the facilitator's, and it counts as that person's.
 */
export const attributionSchema = person.extend({ for: person.optional() }).strict();
export type Attribution = z.infer<typeof attributionSchema>;

/**
 * A team action the facilitator took in their own name (definition `team_input`): it is journaled
 * and shown, but it is not the team's, so it changes nothing in the run and scores nothing.
 *
 * A facilitator's team action counts only when entered for a named participant (`by.for`); a role
 * assignment names its person, so the facilitator assigning roles (at setup or later) is always
 * entered for that person. Inputs without attribution (actions files, the CLI, a solo journal)
 * are the team's.
 */
export function isFacilitatorsOwn(input: TeamInput, by: Attribution | undefined): boolean {
  return by?.role === 'facilitator' && by.for === undefined && input.type !== 'ASSIGN_ROLE' && (TEAM_ACTIONS as ReadonlyArray<string>).includes(input.type);
}

/** One line of the journal after the header. `t` is sim milliseconds since the exercise start. */
export const journalEntrySchema = z
  .object({
    seq: z.number().int().min(1),
    t: z.number().int().min(0),
    input: teamInputSchema,
    /** Optional: absent in journals written before live sessions and for host-made clock entries. */
    by: attributionSchema.optional(),
  })
  .strict();
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Inputs that only record something and never change what the simulation does. */
export const RECORD_ONLY: ReadonlySet<TeamInputType> = new Set(['NOTE', 'CLOCK', 'REVEAL_HARM', 'RATE', 'DECISION', 'HOT_WASH', 'OVERRULE_CONTENT']);

/** HSEEP's rating scale for an objective (Exercise Evaluation Guide). */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];
