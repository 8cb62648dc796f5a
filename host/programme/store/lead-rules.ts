/**
 * The programme lead's rules (#22), each defined once here and cited by README's "Programme
 * server" section: what an exercise covered, which score dimension a corrective action's
 * capability names, the moment of the run that raised an action, when a later exercise verifies or
 * reopens it, the quarter of a date, and what a planned exercise's reminder says.
 */
import '../../../shared/i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import type { ExerciseOutcome } from '../../../shared/contract/api.ts';
import { frameworkTagLabels } from '../../../shared/frameworks/tags.ts';
import { catalogue, LOCALES } from '../../../shared/i18n/words.ts';
import { CAPABILITIES, CAPABILITY_DIMENSION, CAPABILITY_LABELS } from '../../../shared/scenario/exercise-plan.ts';
import { DIMENSIONS, type Dimension, type Scenario } from '../../../shared/scenario/schema.ts';
import type { KeyTimes } from '../../../shared/scoring/score-card.ts';
import type { CoverageKind } from './schema.ts';

/** Every way a debrief names a capability, lower-cased, to the score dimension that measures it. */
const CAPABILITY_NAMES: ReadonlyMap<string, Dimension> = (() => {
  const m = new Map<string, Dimension>();
  for (const d of DIMENSIONS) {
    m.set(d, d);
    for (const l of LOCALES) m.set(catalogue(l)[`capability.${d}`].toLowerCase(), d);
  }
  for (const c of CAPABILITIES) {
    const d = CAPABILITY_DIMENSION[c] as Dimension;
    m.set(c, d);
    m.set(CAPABILITY_LABELS[c].toLowerCase(), d);
  }
  return m;
})();

/**
 * The score dimension a corrective action's capability names: a dimension id ("detection"), a
 * built-in capability id ("detection_monitoring") or its label in any language the catalogue has
 * (the debrief's suggested plan writes the label). Null for a capability of the scenario's own.
 */
export function dimensionOfCapability(capability: string | null | undefined): Dimension | null {
  if (!capability) return null;
  return CAPABILITY_NAMES.get(capability.trim().toLowerCase()) ?? null;
}

export interface CoverageTag {
  kind: CoverageKind;
  tag: string;
}

/**
 * What an exercise exercised, for the coverage matrix and for "the next exercise of the same
 * capability": every dimension the engine scored and every capability the scenario declares
 * (built-in ones as their dimension, the scenario's own by id), the rubric's AI incident types,
 * and the scenario's framework tags (frameworkTagLabels).
 */
export function coverageOf(scenario: Scenario, outcome: ExerciseOutcome): CoverageTag[] {
  const caps = new Set<string>(Object.keys(outcome.dimensions));
  for (const c of scenario.capabilities) caps.add(dimensionOfCapability(c.id) ?? c.id);
  const tags: CoverageTag[] = [...caps].map((tag) => ({ kind: 'capability', tag }));
  for (const t of new Set(scenario.rubric.incidentType)) tags.push({ kind: 'incident_type', tag: t });
  for (const t of new Set(frameworkTagLabels(scenario.frameworks))) tags.push({ kind: 'framework', tag: t });
  return tags;
}

/**
 * The moment of the run (sim ms) that raised a corrective action: the key time of the dimension
 * its capability names (detection, triage, containment; the resolution for investigation), or
 * the end of the run when that moment never came or the dimension has no moment of its own
 * (communication, documentation, an unnamed capability).
 */
export function raisedAt(dimension: Dimension | null, k: KeyTimes): number {
  switch (dimension) {
    case 'detection':
      return k.detection ?? k.end;
    case 'triage':
      return k.triage ?? k.end;
    case 'containment':
      return k.containment ?? k.end;
    case 'investigation':
      return k.resolution ?? k.end;
    default:
      return k.end;
  }
}

export type FollowUp = 'verified' | 'reopened';

/**
 * The follow-up rule: a corrective action (not dropped) whose capability names a dimension is
 * judged by the team's next published exercise that started after the one that raised it and
 * exercised that capability (coverageOf). It is **verified** when that exercise met the
 * dimension's target, **reopened** when it missed it. Until such an exercise exists it has no
 * follow-up. `met` is that exercise's outcome.targetsMet[dimension] (undefined: not judged).
 */
export function followUpOf(met: boolean | null | undefined): FollowUp | null {
  if (met === true) return 'verified';
  if (met === false) return 'reopened';
  return null;
}

/** The quarter of an instant, in UTC: "2027-Q1". */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

export const QUARTER_PATTERN = '^[0-9]{4}-Q[1-4]$';

export type PlanStatus = 'done' | 'overdue' | 'due' | 'planned';

/**
 * A planned exercise's reminder: done when the team published an exercise started in that
 * quarter (of the planned scenario, and exercising the planned capability, when given); else
 * overdue once its quarter has passed, due during it, planned before it.
 */
export function planStatus(quarter: string, currentQuarter: string, done: boolean): PlanStatus {
  if (done) return 'done';
  if (quarter < currentQuarter) return 'overdue';
  if (quarter === currentQuarter) return 'due';
  return 'planned';
}

/** "Not exercised in 12 months": never, or last on or before the same day a year ago. */
export function isStale(last: Date | null, now: Date): boolean {
  if (!last) return true;
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  return last.getTime() <= yearAgo.getTime();
}

/** Overdue: due before today (a YYYY-MM-DD date) and not finished, or reopened by a later exercise. */
export function isOverdue(due: string, status: string, followUp: FollowUp | null, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(due) || due.slice(0, 10) >= today) return false;
  return status === 'open' || status === 'in_progress' || (followUp === 'reopened' && status !== 'dropped');
}
