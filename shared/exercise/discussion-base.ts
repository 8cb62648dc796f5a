/**
 * The scenario a planner's workbook becomes when it is imported as a new discussion-based
 * exercise (HSEEP): modules, injects, questions, expected actions and objectives come from the
 * workbook; this file supplies the rest of a valid scenario.
 *
 * The scenario format requires a simulation (a fault, harm, a containment, a rubric). A
 * discussion-based exercise has none to find, so these are a quiet placeholder: the fault begins
 * in the last minute before the horizon, moves no metric, and no inject shows it, so nothing the
 * room sees comes from it. `exerciseType: discussion` tells every reader that the evaluators'
 * ratings judge this exercise and the engine's score does not apply (the AAR/IP leaves it out).
 */
import { formatDuration } from '../scenario/duration.ts';

export interface DiscussionBaseOptions {
  id: string;
  title: string;
  /** Wall-clock start of sim time, YYYY-MM-DDTHH:MM. */
  start: string;
  /** Sim time the exercise runs to (ms, at least 2 minutes). */
  horizon: number;
}

const q = (s: string) => JSON.stringify(s);

export function discussionBaseYaml(o: DiscussionBaseOptions): string {
  const horizon = Math.max(2 * 60_000, Math.ceil(o.horizon / 60_000) * 60_000);
  const quiet = formatDuration(horizon - 60_000);
  return `format: 2
# A discussion-based exercise imported from a planner's workbook (HSEEP). The simulation sections
# below are a quiet placeholder: no metric moves and no inject shows the placeholder fault; the
# evaluators' ratings judge the exercise.
id: ${o.id}
version: 1
exerciseType: discussion
title: ${q(o.title)}
summary: ${q(`${o.title}: a discussion-based exercise.`)}
system: { name: Discussion-based exercise, client: Exercise participants }
objectives: [Discuss the scenario]
difficulty: intermediate
expectedDuration: ${formatDuration(horizon)}
clock: { start: '${o.start}', horizon: ${formatDuration(horizon)} }
faults:
  - { id: none, surface: design_flaw, startsAt: ${quiet}, description: No simulated fault (discussion-based exercise). }
harm:
  - { id: none, label: No simulated harm, source: external, accrual: [{ from: 0m, to: 1m, total: 0 }] }
injects:
  - { id: start, trigger: { at: 0m }, channel: internal, source: Exercise control, title: The exercise begins, body: The facilitator opens the discussion. }
containments:
  - { id: none, label: No simulated containment, kind: human_fallback, harmFactor: {} }
rootCauses: [{ id: none, label: None }, { id: other, label: Other }]
rubric:
  severity: 3
  incidentType: governance
  mttd: ${formatDuration(horizon)}
  mttc: ${formatDuration(horizon)}
  triageWithin: ${formatDuration(horizon)}
  acceptableContainments: [none]
  bestResponse: [none]
  rootCause: none
  requiredRoles: []
  weights: { detection: 0, triage: 0, containment: 0, investigation: 0, communication: 0, documentation: 100 }
`;
}
