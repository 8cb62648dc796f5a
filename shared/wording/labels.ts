/**
 * English labels for the domain's enumerations: one place, ready for translation.
 */
import type { Audience, ContainmentStatus, FaultStatus, ObligationStatus, Phase } from './types.ts';
import type { VerdictStatus } from '../scoring/verdict.ts';

export const PHASE_LABELS: Record<Phase, string> = {
  baseline: 'Normal operations',
  quietFailure: 'Quiet failure',
  detected: 'Incident declared',
  triaged: 'Triaged',
  contained: 'Contained',
  recovered: 'Recovering',
  closed: 'Closed',
};

/** A verdict's status as the debrief, reports and History show it (shared/scoring/verdict.ts). */
export const VERDICT_STATUS_LABELS: Record<VerdictStatus, string> = {
  met: 'met',
  missed: 'missed',
  open: 'open',
  not_applicable: 'not applicable',
};

export const AUDIENCE_NOUNS: Record<Audience, string> = {
  internal: 'internal stakeholders',
  client: 'the client',
  regulator: 'the regulator',
  affected_users: 'affected users',
  public: 'a public statement',
};

export const FAULT_STATUS_LABELS: Record<FaultStatus, string> = {
  dormant: 'dormant',
  active: 'active',
  mitigated: 'mitigated',
  contained: 'contained',
  recurred: 'recurred',
  fixed: 'fixed',
};

export const CONTAINMENT_STATUS_LABELS: Record<ContainmentStatus, string> = {
  unavailable: 'unavailable',
  locked: 'needs a finding',
  ready: 'ready',
  decided: 'decided, not yet in effect',
  in_effect: 'in effect',
  lifted: 'lifted',
};

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  not_due: 'not due',
  due: 'due',
  met: 'met',
  late: 'met late',
  missed: 'missed',
  not_applicable: 'not applicable',
};

export const humanize = (id: string) => id.replace(/_/g, ' ');
