/**
 * The state of a run, as the machine keeps it in context and as the UI and scoring read it.
 *
 * Plain data only (no functions, no classes), so it can be sent between processes and windows.
 */
import type { Audience, Channel, IncidentType, Role } from '../scenario/schema.ts';
import type { TeamInput } from './inputs.ts';

export type Phase = 'baseline' | 'quietFailure' | 'detected' | 'triaged' | 'contained' | 'recovered' | 'closed';

export const PHASE_LABELS: Record<Phase, string> = {
  baseline: 'Normal operations',
  quietFailure: 'Quiet failure',
  detected: 'Incident declared',
  triaged: 'Triaged',
  contained: 'Contained',
  recovered: 'Recovering',
  closed: 'Closed',
};

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
}

export type TimelineKind = 'fault' | 'signal' | 'action' | 'finding' | 'phase' | 'deadline' | 'note' | 'hint' | 'effect';

export interface TimelineEntry {
  t: number;
  kind: TimelineKind;
  /** One line, human-readable, e.g. "Rolled back the model (rollback-model)". */
  text: string;
  /** Facilitator-only entries (the fault itself, red-herring markers, harm) are hidden from the room. */
  hidden: boolean;
  /** For actions: the journal seq that caused it. */
  seq?: number;
  ref?: string;
}

export interface AppliedContainment {
  id: string;
  decidedAt: number;
  /** When it takes effect (decidedAt + takesEffectAfter). */
  effectiveAt: number;
}

export interface PendingInvestigation {
  id: string;
  startedAt: number;
  doneAt: number;
}

export interface Communication {
  t: number;
  audience: Audience;
  message: string;
  seq: number;
}

export interface RunContext {
  seed: number;
  /** Sim time of the latest processed event. */
  t: number;
  faultStartedAt: number | null;
  detectedAt: number | null;
  triage: { t: number; severity: number; incidentType: IncidentType } | null;
  /** Every triage decision, in order (re-triage is allowed). */
  triageHistory: { t: number; severity: number; incidentType: IncidentType }[];
  roles: Partial<Record<Role, { person: string; t: number }>>;
  containments: AppliedContainment[];
  /** When the combined harm factor first fell to the containment threshold. */
  containedAt: number | null;
  recoveredAt: number | null;
  closedAt: number | null;
  closedBy: 'resolve' | 'end' | 'horizon' | null;
  investigations: PendingInvestigation[];
  findings: { id: string; t: number }[];
  evidence: { id: string; t: number }[];
  communications: Communication[];
  /** First message to each audience (kept apart so guards need not scan every message). */
  notified: Partial<Record<Audience, number>>;
  /** When the team formally declared the incident (ACKNOWLEDGE), as opposed to detection by acting. */
  declaredAt: number | null;
  /** Ids of investigations, containments and evidence actions taken, for inject conditions. */
  actionsTaken: string[];
  rootCause: { id: string; t: number } | null;
  hintsRevealed: { id: string; t: number }[];
  harmRevealed: boolean;
  signals: Signal[];
  /** Inject id → the sim time it fired (each inject fires at most once). */
  firedInjects: Record<string, number>;
  timeline: TimelineEntry[];
  /** Every input processed, with its time, for the debrief. */
  inputs: { seq: number; t: number; input: TeamInput }[];
}

/** Harm and cost totals at a moment. */
export interface HarmTotals {
  [harmId: string]: number;
}

export interface CostTotals {
  revenueLost: number;
  /** User-hours without service. */
  userHoursWithoutService: number;
}
