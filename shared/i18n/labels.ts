/**
 * Labels of the domain's enumerations, from the catalogue: one per enum member, typed so that a
 * new member without a message fails the typecheck.
 *
 * `…Label` is the label as a heading or a choice reads it ("Incident commander"); `…Inline` is the
 * word inside a sentence ("incident commander").
 */
import {
  AUDIENCES,
  MESSAGE_ELEMENTS,
  ROLES,
  type Audience,
  type Channel,
  type ContainmentKind,
  type Dimension,
  type IncidentType,
  type MessageElement,
  type Role,
} from '../scenario/schema.ts';
import type { ContainmentStatus, FaultStatus, ObligationStatus, Phase } from '../engine/run-state.ts';
import type { VerdictStatus } from '../scoring/verdict.ts';
import { EN, type Words } from './words.ts';

export const phaseLabel = (p: Phase, w: Words = EN) => w.t(`phase.${p}`);
export const audienceLabel = (a: Audience, w: Words = EN) => w.t(`audience.${a}`);
/** "the regulator", "affected users": whom a notice goes to, inside a sentence. */
export const audienceNoun = (a: Audience, w: Words = EN) => w.t(`audience.noun.${a}`);
/** "regulator", "affected users": the audience as a bare word. */
export const audienceInline = (a: Audience, w: Words = EN) => w.t(`audience.inline.${a}`);
export const faultStatusLabel = (x: FaultStatus, w: Words = EN) => w.t(`faultStatus.${x}`);
export const containmentStatusLabel = (x: ContainmentStatus, w: Words = EN) => w.t(`containmentStatus.${x}`);
/** A verdict's status as the debrief, reports and History show it (shared/scoring/verdict.ts). */
export const verdictStatusLabel = (x: VerdictStatus, w: Words = EN) => w.t(`verdictStatus.${x}`);
export const obligationStatusLabel = (x: ObligationStatus, w: Words = EN) => w.t(`obligationStatus.${x}`);
export const channelLabel = (c: Channel, w: Words = EN) => w.t(`channel.${c}`);
export const incidentTypeLabel = (x: IncidentType, w: Words = EN) => w.t(`incidentType.${x}`);
export const incidentTypeInline = (x: IncidentType, w: Words = EN) => w.t(`incidentType.inline.${x}`);
export const containmentKindLabel = (x: ContainmentKind, w: Words = EN) => w.t(`containmentKind.${x}`);
export const severityLabel = (severity: number, w: Words = EN) => w.t('severity.label', { severity });
export const difficultyLabel = (d: 'introductory' | 'intermediate' | 'advanced', w: Words = EN) => w.t(`difficulty.${d}`);
export const capabilityLabel = (d: Dimension, w: Words = EN) => w.t(`capability.${d}`);
export const elementLabel = (e: MessageElement, w: Words = EN) => w.t(`element.${e}`);
export const elementHint = (e: MessageElement, w: Words = EN) => w.t(`element.hint.${e}`);
/** An element inside a sentence ("categories and numbers"); an unknown id stays as it is. */
export const elementInline = (e: string, w: Words = EN) =>
  (MESSAGE_ELEMENTS as ReadonlyArray<string>).includes(e) ? w.t(`element.inline.${e as MessageElement}`) : e;

/** Roles with a message of their own: the built-in room roles, the facilitator, a solo trainee and an evaluator (#19). */
export type WordedRole = Role | 'facilitator' | 'solo' | 'evaluator';
const WORDED_ROLES: ReadonlyArray<string> = [...ROLES, 'facilitator', 'solo', 'evaluator'] satisfies ReadonlyArray<WordedRole>;
export const isWordedRole = (r: string): r is WordedRole => WORDED_ROLES.includes(r);

/** A role's label; a scenario's own role (not in the catalogue) keeps its id. */
export function roleLabel(r: string, w: Words = EN): string {
  return isWordedRole(r) ? w.t(`role.${r}`) : r;
}

/** A role inside a sentence ("incident commander"); a scenario's own role keeps its id. */
export function roleInline(r: string, w: Words = EN): string {
  return isWordedRole(r) ? w.t(`role.inline.${r}`) : r;
}

export const isAudience = (x: string): x is Audience => (AUDIENCES as ReadonlyArray<string>).includes(x);
export const isDifficulty = (x: string): x is 'introductory' | 'intermediate' | 'advanced' => ['introductory', 'intermediate', 'advanced'].includes(x);
