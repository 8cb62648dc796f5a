/**
 * Scripted teams for the scoring tests, built from the scenario itself so every built-in scenario
 * gets the same gaming strategies: plays steps in time order (an input the engine refuses is
 * skipped, as a team pressing a dead button would achieve nothing) and scores the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import type { JournalEntry, TeamInput } from '../../../shared/engine/inputs.ts';
import fc from 'fast-check';
import { AUDIENCES, INCIDENT_TYPES, type Audience, type MessageElement, type Scenario } from '../../../shared/scenario/schema.ts';
import { REQUIRED_ELEMENTS } from '../../../shared/scoring/definitions.ts';
import { baselines } from '../../../shared/scoring/run-facts.ts';
import { scoreFinishedRun, type ScoreCard } from '../../../shared/scoring/score-card.ts';
import { loadFile, ROOT } from '../../helpers.ts';
import { resolveVariant } from '../../../shared/scenario/variants.ts';

/**
 * Every built-in scenario, and each variant of one that has them (stale-pricing-data: in one the
 * partner's fare cache is a second fault; the textbook team lifts its kill switch after the fix).
 */
export const SCENARIOS = [
  'silent-bias-drift',
  'stale-pricing-data@partner-cache',
  'stale-pricing-data@partners-clean',
  'provider-update-leakage',
  // #21 library: the five scenarios added for the library get the same gaming and property tables.
  'refund-fraud-cascade',
  'missing-contract-clause',
  'recommender-3am',
  'fraud-false-declines',
  'agent-deletes-production',
  // #17: no longer left out of the gaming and property tables (the cost benchmark no longer keeps
  // a kill switch on to the horizon; the cadence owed follows the real severity).
  'poisoned-shared-document',
  'slow-assistant',
] as const;

/** Every built-in scenario and variant, the library's newer ones included (now the same list). */
export const BUILT_INS = SCENARIOS;

/** A built-in scenario ("id" or "id@variant"), resolved to the variant. */
export function loadCase(key: string): { id: string; scenario: Scenario } {
  const [id, variant] = key.split('@') as [string, string | undefined];
  const { scenario } = loadFile(`scenarios/${id}.yaml`);
  return { id, scenario: variant ? resolveVariant(scenario, variant) : scenario };
}
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export type Step = [number, TeamInput];

export interface Played {
  entries: JournalEntry[];
  card: ScoreCard;
  run: ExerciseRun;
}

/** Plays steps (sorted by time, stable) against a fresh run; refused inputs are skipped. */
export function play(s: Scenario, steps: ReadonlyArray<Step>, seed = 1): Played {
  const run = new ExerciseRun(s, seed);
  const sorted = steps.map((x, i) => [x, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]);
  for (const [[t, input]] of sorted) {
    if (run.over || t > s.clock.horizon) break;
    run.advanceTo(Math.max(t, run.now));
    if (run.over || run.check(input) !== null) continue;
    run.apply(input, Math.max(t, run.now));
  }
  run.runToEnd();
  return { entries: [...run.entries], card: scoreFinishedRun(run), run };
}

export function playTeamFile(key: string, team: string): Played {
  const { id, scenario } = loadCase(key);
  const file = team === 'do-nothing' ? 'do-nothing.yaml' : `${id}.${team}.yaml`;
  const run = new ExerciseRun(scenario, 1);
  playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file));
  run.runToEnd();
  return { entries: [...run.entries], card: scoreFinishedRun(run), run };
}

export function firstSignal(s: Scenario): number {
  const t = baselines(s, 1).firstRealSignalAt;
  if (t === null) throw new Error(`${s.id}: no real signal`);
  return t;
}

/** A message with every element the audience needs. */
export function complete(audience: Audience, message = 'Structured notification'): TeamInput {
  const elements = Object.fromEntries(REQUIRED_ELEMENTS[audience].map((e) => [e, `${e.replace(/_/g, ' ')} stated in full`]));
  return { type: 'COMMUNICATE', audience, message, elements };
}

/** Everything a team that has read the scenario file could do at once, at time t. */
export function everything(s: Scenario, t: number): Step[] {
  const r = s.rubric;
  const steps: Step[] = [[t, { type: 'ACKNOWLEDGE' }]];
  for (const role of r.requiredRoles) steps.push([t, { type: 'ASSIGN_ROLE', role, person: role }]);
  steps.push([t, { type: 'TRIAGE', severity: r.severity, incidentType: r.incidentType[0]! }]);
  for (const e of s.evidence) steps.push([t, { type: 'PRESERVE_EVIDENCE', evidenceId: e.id }]);
  for (const i of s.investigations) steps.push([t, { type: 'INVESTIGATE', investigationId: i.id }]);
  for (const c of s.containments) {
    if (!c.available || r.harmfulContainments.includes(c.id)) continue;
    const wait = c.requiresFinding ? (s.investigations.find((i) => i.id === c.requiresFinding)?.duration ?? 0) : 0;
    steps.push([t + wait, { type: 'CONTAIN', containmentId: c.id }]);
  }
  steps.push([t, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: r.rootCause }]);
  for (const n of r.notifications) steps.push([t, complete(n.audience)]);
  return steps;
}

/** One action a real team might take: lifts and re-applies, severity up and down, partial messages to every audience. */
export function actionArb(s: Scenario): fc.Arbitrary<TeamInput> {
  const pick = <T>(xs: ReadonlyArray<T>) => fc.constantFrom(...xs);
  return fc.oneof(
    fc.constant<TeamInput>({ type: 'ACKNOWLEDGE' }),
    fc
      .record({ severity: fc.integer({ min: 1, max: 4 }), incidentType: fc.oneof(fc.constant(s.rubric.incidentType[0]!), pick(INCIDENT_TYPES)) })
      .map((x): TeamInput => ({ type: 'TRIAGE', ...x })),
    pick(s.containments.map((c) => c.id)).map((containmentId): TeamInput => ({ type: 'CONTAIN', containmentId })),
    pick(s.containments.map((c) => c.id)).map((containmentId): TeamInput => ({ type: 'LIFT', containmentId })),
    pick(s.investigations.map((i) => i.id)).map((investigationId): TeamInput => ({ type: 'INVESTIGATE', investigationId })),
    pick(s.evidence.map((e) => e.id)).map((evidenceId): TeamInput => ({ type: 'PRESERVE_EVIDENCE', evidenceId })),
    pick(s.rootCauses.map((r) => r.id)).map((rootCauseId): TeamInput => ({ type: 'DECLARE_ROOT_CAUSE', rootCauseId })),
    fc
      .record({ role: pick(s.rubric.requiredRoles), person: pick(['Sam', 'Ada', 'Ravi']) })
      .map(({ role, person }): TeamInput => ({ type: 'ASSIGN_ROLE', role, person })),
    fc
      .record({ audience: pick(AUDIENCES), drop: fc.subarray([...REQUIRED_ELEMENTS.client, ...REQUIRED_ELEMENTS.regulator]) })
      .map(({ audience, drop }): TeamInput => {
        const full = complete(audience) as Extract<TeamInput, { type: 'COMMUNICATE' }>;
        const elements = Object.fromEntries(Object.entries(full.elements ?? {}).filter(([k]) => !drop.includes(k as MessageElement)));
        return { ...full, elements };
      }),
  );
}
