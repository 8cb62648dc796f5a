/** Human labels for the scenario format's enums. */
import type { Audience, Channel, ContainmentKind, IncidentType, Role } from '../../../shared/scenario/schema.ts';

export const CHANNEL_LABELS: Record<Channel, string> = {
  monitoring_alert: 'Monitoring alert',
  dashboard: 'Dashboard',
  ticket: 'Ticket',
  client: 'Client',
  provider: 'Provider',
  social_press: 'Social / press',
  regulator: 'Regulator',
  internal: 'Internal',
};

export const ROLE_LABELS: Record<Role, string> = {
  incident_commander: 'Incident commander',
  technical_lead: 'Technical lead',
  communications_lead: 'Communications lead',
  scribe: 'Scribe',
  client_liaison: 'Client liaison / legal',
  data_lead: 'Data lead',
};

export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  performance_degradation: 'Performance degradation',
  quality_degradation: 'Quality degradation',
  hallucination_misinformation: 'Hallucination / misinformation',
  relevance_failure: 'Relevance failure',
  harmful_content: 'Harmful content (safety)',
  security_exploitation: 'Security exploitation',
  regulatory_violation: 'Regulatory violation (governance)',
  bias_fairness: 'Bias / fairness',
  safety: 'Safety',
  privacy_data_leakage: 'Privacy / data leakage',
  security: 'Security',
  availability: 'Availability',
  data_integration: 'Data integration',
  governance: 'Governance',
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  internal: 'Internal (status update)',
  client: 'Client',
  regulator: 'Regulator',
  affected_users: 'Affected users',
  public: 'Public statement',
};

export const CONTAINMENT_KIND_LABELS: Record<ContainmentKind, string> = {
  kill_switch: 'Kill switch',
  rollback_model: 'Model rollback',
  rollback_prompt: 'Prompt rollback',
  rollback_retrieval: 'Retrieval rollback',
  rollback_config: 'Config rollback',
  fix_data_pipeline: 'Data pipeline fix',
  graceful_degradation: 'Graceful degradation',
  human_fallback: 'Human fallback',
  guardrail: 'Guardrail',
  reduced_scope: 'Reduced scope',
  failover: 'Failover',
  rate_limit: 'Rate limit',
  refund: 'Refund / remedy',
};

export const SEVERITY_LABELS: Record<number, string> = {
  1: 'Sev 1 — critical',
  2: 'Sev 2 — major',
  3: 'Sev 3 — minor',
  4: 'Sev 4 — low',
};

export const DIFFICULTY_LABELS: Record<string, string> = {
  introductory: 'Introductory',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
