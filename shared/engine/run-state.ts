/**
 * The state of a run, as the machine keeps it in context and as readers receive it (a snapshot).
 *
 * Plain data only (no functions, no classes), so it can be sent between processes and windows.
 * Faults, containments, investigations and notification obligations each carry their own
 * lifecycle status; the console, the debrief and scoring read those instead of re-deriving them.
 */
import type { Audience, Channel, IncidentType, MessageElement, Role } from '../scenario/schema.ts';
import type { Attribution, TeamInput } from './inputs.ts';
import type { TimelineEvent } from './timeline-events.ts';
import type { Episode } from './model.ts';
import type { DeepReadonly } from './deep-readonly.ts';

export type { CostTotals, HarmTotals, Episode } from './model.ts';

export type Phase = 'baseline' | 'quietFailure' | 'detected' | 'triaged' | 'contained' | 'recovered' | 'closed';

/**
 * dormant → active → mitigated → contained → fixed; a lift before the fix makes it recurred; a
 * fault that ends by itself (`endsAfter`) becomes ended, and nothing brings it back.
 */
export type FaultStatus = 'dormant' | 'active' | 'mitigated' | 'contained' | 'recurred' | 'fixed' | 'ended';

/** unavailable | locked (needs a finding) → ready → decided → in_effect → lifted → decided … */
export type ContainmentStatus = 'unavailable' | 'locked' | 'ready' | 'decided' | 'in_effect' | 'lifted';

/**
 * not_due (its clock has not started, or its condition does not hold) → due → met | late | missed;
 * missed → late when the notice finally goes out. Still `due` at the end: an open obligation.
 * `not_applicable` when the run ends without its clock ever starting.
 */
export type ObligationStatus = 'not_due' | 'due' | 'met' | 'late' | 'missed' | 'not_applicable';

export interface FaultState {
  id: string;
  status: FaultStatus;
  /** Sim time it began (negative: before the exercise), null while dormant. */
  startedAt: number | null;
  /** First moment it was contained (or fixed). */
  containedAt: number | null;
  fixedAt: number | null;
  /** Moments it came back after being contained or mitigated (a lift before the fix). */
  recurredAt: number[];
}

export interface ContainmentState {
  id: string;
  status: ContainmentStatus;
  episodes: Episode[];
}

/** What the world showed when an investigation completed. */
export type FindingShows = 'normal' | 'defect' | 'recovery';

export interface InvestigationState {
  id: string;
  startedAt: number;
  doneAt: number;
  status: 'running' | 'done';
}

export interface Finding {
  id: string;
  t: number;
  shows: FindingShows;
  /** For scoping findings: the harm so far when it completed. */
  harmSoFar?: number;
}

export interface ObligationState {
  id: string;
  audience: Audience;
  status: ObligationStatus;
  /** When its clock started (the event it counts from), null while not due. */
  startedAt: number | null;
  dueAt: number | null;
  /** The first complete notice (every required element filled) to this audience after the start. */
  metAt: number | null;
  metBySeq: number | null;
  /** The latest dated plan for it (PLAN_NOTICE): who sends what, by when; null without one. */
  plan: NoticePlan | null;
}

export interface NoticePlan {
  owner: string;
  what: string;
  /** Sim time the notice is planned to go out by. */
  by: number;
  /** When the plan was recorded, and its journal seq. */
  t: number;
  seq: number;
}

export interface Signal {
  /** Scenario inject id, or "adhoc-<seq>" for the facilitator's own. */
  id: string;
  t: number;
  channel: Channel;
  source: string;
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  redHerring: boolean;
  adhoc: boolean;
  /** Room roles the signal is routed to (empty: by channel); the scenario's own roles included. */
  roles: string[];
}

export type TimelineKind = 'fault' | 'signal' | 'action' | 'finding' | 'phase' | 'deadline' | 'note' | 'hint' | 'effect';

export interface TimelineEntry {
  t: number;
  kind: TimelineKind;
  /** What happened, as a typed event with its parameters; shared/wording turns it into words. */
  event: TimelineEvent;
  /** Facilitator-only entries (the fault itself, red-herring markers, harm) are hidden from the room. */
  hidden: boolean;
  /** For actions: the journal seq that caused it. */
  seq?: number;
  ref?: string;
  /** For actions taken in a live session: the person and role who took it. */
  by?: Attribution;
}

export interface Communication {
  t: number;
  audience: Audience;
  message: string;
  elements: Partial<Record<MessageElement, string>>;
  seq: number;
  /**
   * #17: the world's state when it was sent, for the facts an obligation to this audience judges
   * against it (obligation id → one entry per fact); absent when the scenario declares none.
   */
  world?: Record<string, FactWorld[]>;
}

/** One notice fact as the world stood when the notice was sent. */
export interface FactWorld {
  /** Its `when`, `trueFrom` and `trueUntil` held (and its time's event had happened). */
  inForce: boolean;
  /** For a number taken from a harm: that harm's total then. */
  number?: number;
  /** For a time fact: the sim time its event happened. */
  time?: number;
}

export interface Triage {
  t: number;
  severity: number;
  incidentType: IncidentType;
  seq: number;
}

export interface RunContext {
  seed: number;
  /** The variant being played (null when the scenario has none). */
  variant: string | null;
  /** Sim time of the latest processed event. */
  t: number;
  faults: Record<string, FaultState>;
  containments: Record<string, ContainmentState>;
  investigations: Record<string, InvestigationState>;
  obligations: Record<string, ObligationState>;
  /** The first real signal (shared/engine/real-signal.ts): detection counts only from here. */
  firstSignAt: number | null;
  /**
   * #17: when and by which inject the world where nobody acts shows its first real signal
   * (definition `real_signal`): the first real signal is due then at the latest. Null when unknown.
   */
  signBy: { t: number; injectId: string } | null;
  /** Awareness: the first response at any time, a false alarm included ("detection" deadlines run from it). */
  awareAt: number | null;
  /** Detection: the first response (declare, triage, contain, notify, evidence, root cause) at or after firstSignAt. */
  detectedAt: number | null;
  /** The input that detected it (its journal seq and type). */
  detectedBy: { seq: number; type: TeamInput['type'] } | null;
  /** Responses taken before any sign of a fault: false alarms, the first of each kind. */
  falseAlarms: { t: number; seq: number; type: TeamInput['type'] }[];
  /** When the team formally declared the incident (ACKNOWLEDGE). */
  declaredAt: number | null;
  /** Every triage decision, in order (the first is the initial triage; later ones re-triage). */
  triages: Triage[];
  roles: Partial<Record<Role, { person: string; t: number }>>;
  /** First moment every fault begun so far was contained. */
  containedAt: number | null;
  /** First moment every fault of the variant was fixed. */
  recoveredAt: number | null;
  closedAt: number | null;
  closedBy: 'resolve' | 'end' | 'horizon' | null;
  findings: Finding[];
  evidence: { id: string; t: number }[];
  communications: Communication[];
  /** First message to each audience (kept apart so conditions need not scan every message). */
  notified: Partial<Record<Audience, number>>;
  /** Ids of investigations, containments and evidence actions taken, for inject conditions. */
  actionsTaken: string[];
  rootCause: { id: string; t: number } | null;
  hintsRevealed: { id: string; t: number }[];
  harmRevealed: boolean;
  signals: Signal[];
  /** Inject id → the sim time it fired (each inject fires at most once). */
  firedInjects: Record<string, number>;
  /** Event key ("inject:x", "lifted:y", "fixed:z", …) → the sim time it first happened. */
  happened: Record<string, number>;
  timeline: TimelineEntry[];
  /** Every input processed, with its time, for the debrief. */
  inputs: { seq: number; t: number; input: TeamInput; by?: Attribution }[];
}

/** What readers get: a deep-frozen copy of the context at one moment (writing through it throws). */
export type RunSnapshot = DeepReadonly<RunContext>;
