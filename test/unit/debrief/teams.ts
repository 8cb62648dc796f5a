/**
 * Scripted teams for the debrief tests, as journals with absolute times (so every figure the
 * tests expect can be worked out by hand from the scenario YAML; see the comments in each test).
 */
import { JOURNAL_FORMAT, type Journal } from '../../../shared/engine/journal.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { loadFile, HOUR, MIN } from '../../helpers.ts';
import { MINI_TEAM_STEPS } from '../../fixtures/mini-team.ts';

export { HOUR, MIN };

export function journalOf(
  id: string,
  scenario: Scenario,
  source: string,
  steps: ReadonlyArray<[number, TeamInput]>,
  seed = 1,
  createdAt = '2026-05-04T10:00:00.000Z',
): Journal {
  return {
    header: { format: JOURNAL_FORMAT, exerciseId: id, scenarioId: scenario.id, scenarioVersion: scenario.version, scenarioSource: source, seed, createdAt },
    entries: steps.map(([t, input], i) => ({ seq: i + 1, t, input })),
  };
}

/**
 * mini.yaml (clock 09:00, fault at 1h = 10:00; the alert fires at the fault's first minute).
 * A team that rolls back the wrong thing first, then the prompt, and tells the client late.
 */
export function miniTeam() {
  const { scenario, source } = loadFile('test/fixtures/mini.yaml');
  const journal = journalOf('mini-team', scenario, source, MINI_TEAM_STEPS);
  return { scenario, source, journal };
}

/**
 * silent-bias-drift.yaml (clock Mon 08:00, fault at 30m = 08:30; the change ticket at fault + 6m =
 * 08:36 shows no fault). On seed 1 the fairness warning fires at 7h32m (15:32): the 24-hour rolling
 * adverse impact ratio passes 0.80 (the metric's `window: 24h`). The team reacts to that alert:
 * rolls back the model (no help), routes the segment to manual review, tells the client late and
 * never the regulator.
 */
export const BIAS_WARNING = 7 * HOUR + 32 * MIN;
export function biasTeam() {
  const { scenario, source } = loadFile('scenarios/silent-bias-drift.yaml');
  const journal = journalOf('bias-team', scenario, source, [
    [BIAS_WARNING + 20 * MIN, { type: 'ACKNOWLEDGE' }],
    [BIAS_WARNING + 20 * MIN, { type: 'ASSIGN_ROLE', role: 'incident_commander', person: 'Ana' }],
    [BIAS_WARNING + 20 * MIN, { type: 'ASSIGN_ROLE', role: 'technical_lead', person: 'Ben' }],
    [BIAS_WARNING + 30 * MIN, { type: 'TRIAGE', severity: 2, incidentType: 'bias_fairness' }],
    [BIAS_WARNING + 30 * MIN, { type: 'INVESTIGATE', investigationId: 'feature-drift-report' }],
    [BIAS_WARNING + 35 * MIN, { type: 'PRESERVE_EVIDENCE', evidenceId: 'export-decision-log' }],
    [
      BIAS_WARNING + 45 * MIN,
      {
        type: 'COMMUNICATE',
        audience: 'internal',
        message: 'Sev2 fairness alert under investigation',
        elements: {
          what_happened: 'Fairness alert for applicants aged 21-25',
          impact: 'Young thin-file applicants may be wrongly declined',
          actions_taken: 'Severity 2 declared, feature drift under investigation',
          next_update: 'Within the hour',
        },
      },
    ],
    [BIAS_WARNING + 65 * MIN, { type: 'CONTAIN', containmentId: 'rollback-model' }],
    [BIAS_WARNING + 125 * MIN, { type: 'CONTAIN', containmentId: 'manual-review-segment' }],
    [
      BIAS_WARNING + 305 * MIN,
      {
        type: 'COMMUNICATE',
        audience: 'client',
        message: 'Segment held for manual review',
        // Three of the five elements a client notification needs.
        elements: {
          what_happened: 'Fairness drift in credit decisions',
          impact: 'Applicants aged 21-25 wrongly declined',
          actions_taken: 'Segment held for manual review',
        },
      },
    ],
    [BIAS_WARNING + 335 * MIN, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: 'tenure-unit-change' }],
    [BIAS_WARNING + 395 * MIN, { type: 'RESOLVE', summary: 'Manual review in place' }],
  ]);
  return { scenario, source, journal };
}
