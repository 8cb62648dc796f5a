/**
 * The large v2 scenario the engine bench also reports: 10 faults, 1,000 injects, a 30-day horizon,
 * 20 metrics. Generated as data (YAML through the loader), so it is checked like any scenario.
 */
import { stringify } from 'yaml';
import { loadScenario, formatProblem } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { report, time, type Figure } from './measure.ts';

const FAULTS = 10;
const INJECTS = 1000;
const DAYS = 30;
const METRICS = 20;

export function largeScenarioYaml(): string {
  const faults = Array.from({ length: FAULTS }, (_, i) => ({
    id: `f${i}`,
    surface: ['configuration', 'prompt', 'retrieval_source', 'concept_drift', 'provider_outage'][i % 5],
    startsAt: `${i * 2}d${i}h`,
    description: `Fault ${i}`,
    evolution: [
      { at: 0, intensity: 0.2 },
      { at: '1d', intensity: 1 },
    ],
    rootCause: `rc${i}`,
  }));
  const metrics = Array.from({ length: METRICS }, (_, i) => ({
    id: `m${i}`,
    label: `Metric ${i}`,
    baseline: 100,
    noise: 2,
    effects: { [`f${i % FAULTS}`]: 40, [`f${(i + 3) % FAULTS}`]: -10 },
    decimals: 1,
  }));
  const harm = faults.map((f, i) => ({ id: `h${i}`, label: `Harm ${i}`, source: f.id, accrual: [{ from: 0, to: `${DAYS - i * 2 - 1}d`, total: 1000 }] }));
  const injects = Array.from({ length: INJECTS }, (_, i) => ({
    id: `i${i}`,
    trigger: i % 10 === 9 ? { metric: `m${i % METRICS}`, above: 130 + (i % 7) } : { at: `${Math.floor((i * DAYS * 24 * 60) / INJECTS)}m` },
    channel: 'monitoring_alert',
    source: `Source ${i % 13}`,
    title: `Signal ${i}`,
    body: `Body ${i}`,
    redHerring: i % 4 === 0,
  }));
  const containments = faults.flatMap((f, i) => [
    { id: `fix${i}`, label: `Fix ${i}`, kind: 'rollback_config', liftable: false, fixes: [f.id], takesEffectAfter: '1h' },
    { id: `mit${i}`, label: `Mitigate ${i}`, kind: 'guardrail', harmFactor: { [`h${i}`]: 0.1 }, costs: { revenuePerHour: 100 } },
  ]);
  const doc = {
    format: 2,
    id: 'large-v2',
    version: 1,
    title: 'Large v2 benchmark scenario',
    summary: 'Generated for the engine benchmark.',
    system: { name: 'Bench', client: 'Bench' },
    objectives: ['Measure'],
    difficulty: 'advanced',
    expectedDuration: '2h',
    clock: { start: '2026-03-02T08:00', horizon: `${DAYS}d` },
    faults,
    metrics,
    harm,
    injects,
    containments,
    rootCauses: faults.map((f, i) => ({ id: `rc${i}`, label: `Root cause ${i}` })),
    rubric: {
      severity: 2,
      incidentType: 'quality_degradation',
      mttd: '1h',
      mttc: '2h',
      triageWithin: '30m',
      acceptableContainments: containments.map((c) => c.id),
      bestResponse: ['mit0'],
      rootCause: 'rc0',
      weights: { detection: 20, triage: 15, containment: 25, investigation: 15, communication: 15, documentation: 10 },
    },
  };
  return stringify(doc);
}

export function loadLargeScenario(): Scenario {
  const r = loadScenario(largeScenarioYaml(), 'large-v2.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}

/** A team that mitigates each fault a day after it starts and fixes it a day later, with status updates. */
export function largeRun(s: Scenario): ExerciseRun {
  const run = new ExerciseRun(s, 1);
  s.faults.forEach((f, i) => {
    run.apply({ type: 'CONTAIN', containmentId: `mit${i}` }, Math.max(run.now, f.startsAt + 86_400_000));
  });
  for (let t = run.now; t < s.clock.horizon; t += 3_600_000) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
  run.runToEnd();
  return run;
}

export default function largeBench(): boolean {
  const s = loadLargeScenario();
  const probe = largeRun(s);
  const t = time(() => largeRun(s), 5, 1);
  const figures: Figure[] = [
    {
      name: `${FAULTS} faults, ${INJECTS.toLocaleString('en-US')} injects, ${DAYS}-day run (${probe.eventsProcessed} events, ${probe.entries.length} inputs)`,
      value: t,
      unit: 'ms',
    },
  ];
  const tDash = time(() => probe.metricWindow(0, (DAYS * 24 * 60) / 1, 60), 5, 1);
  figures.push({ name: `  dashboard: ${METRICS} metrics × ${DAYS * 24} hourly points, on demand`, value: tDash, unit: 'ms' });
  console.log('Engine, large v2 scenario');
  return report(figures);
}
