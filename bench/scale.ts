/**
 * Growth with the horizon (issue #12): the same kind of run over 3, 30 and 365 days, with a status
 * update every 30 minutes, scored and analysed (every what-if). The growth exponent of each
 * (log of the time ratio over log of the horizon ratio, 3 → 365 days) must stay at most 1.1:
 * scoring and what-ifs linear in the journal's length and the horizon. And a 365-day, 50-metric,
 * 10,000-inject scenario must run in under 1 s and 200 MB with its dashboards sampled on demand.
 * The do-nothing and best-achievable baselines are computed once per (scenario, seed) and shared, so
 * the repeated score cards measured here are what a debrief pays after its first one.
 */
import { stringify } from 'yaml';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { loadScenario, formatProblem } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { scoreFinishedRun } from '../shared/scoring/score-card.ts';
import { whatIfs } from '../shared/debrief/what-if.ts';
import { report, time, type Figure } from './measure.ts';

const HOUR = 3_600_000;

export function scaleScenario(days: number, metrics = 4, injects = 60): Scenario {
  const doc = {
    format: 2,
    id: `scale-${days}d`,
    version: 1,
    title: `Scale ${days} days`,
    summary: 'Generated for the growth benchmark.',
    system: { name: 'Bench', client: 'Bench' },
    objectives: ['Measure'],
    difficulty: 'advanced',
    expectedDuration: '2h',
    clock: { start: '2026-03-02T08:00', horizon: `${days}d` },
    faults: [{ id: 'f', surface: 'configuration', startsAt: '1h', description: 'A fault', rootCause: 'rc' }],
    metrics: Array.from({ length: metrics }, (_, i) => ({ id: `m${i}`, label: `Metric ${i}`, baseline: 100, noise: 2, effects: { f: 30 }, decimals: 1 })),
    harm: [{ id: 'h', label: 'Harm', source: 'f', accrual: [{ from: 0, to: `${days - 1}d`, total: 1000 * days }] }],
    injects: Array.from({ length: injects }, (_, i) => ({
      id: `i${i}`,
      trigger: i === 0 ? { metric: 'm0', above: 120 } : { at: `${Math.floor(((i * days * 24 * 60) / injects) | 0)}m` },
      channel: 'monitoring_alert',
      source: 'Monitor',
      title: `Signal ${i}`,
      body: 'Body',
      redHerring: i % 5 === 0 && i > 0,
    })),
    investigations: [{ id: 'inv', label: 'Look', duration: '30m', fault: 'f', relevant: true, finding: { title: 'Found', body: 'It.' } }],
    containments: [
      { id: 'kill', label: 'Kill', kind: 'kill_switch', harmFactor: { h: 0 }, costs: { revenuePerHour: 100 } },
      { id: 'fix', label: 'Fix', kind: 'rollback_config', liftable: false, fixes: ['f'], requiresFinding: 'inv', takesEffectAfter: '1h' },
    ],
    rootCauses: [
      { id: 'rc', label: 'Config' },
      { id: 'other', label: 'Other' },
    ],
    rubric: {
      severity: 2,
      incidentType: 'quality_degradation',
      mttd: '1h',
      mttc: '2h',
      triageWithin: '30m',
      acceptableContainments: ['kill', 'fix'],
      bestResponse: ['kill', 'fix'],
      rootCause: 'rc',
      notifications: [{ audience: 'client', within: '4h' }],
      statusCadence: { '2': '1h' },
      weights: { detection: 20, triage: 15, containment: 25, investigation: 15, communication: 15, documentation: 10 },
    },
  };
  const r = loadScenario(stringify(doc), `scale-${days}d.yaml`);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}

/** Declares at the first signal, contains late, and sends a status update every 30 minutes to the horizon. */
function scaleRun(s: Scenario): ExerciseRun {
  const run = new ExerciseRun(s, 1);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'TRIAGE', severity: 2, incidentType: 'quality_degradation' });
  run.apply({ type: 'INVESTIGATE', investigationId: 'inv' });
  run.apply({ type: 'CONTAIN', containmentId: 'kill' }, run.now + 2 * HOUR);
  for (let t = run.now + HOUR / 2; t < s.clock.horizon - HOUR; t += HOUR / 2) {
    run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status', elements: { what_happened: 'Still contained here' } }, t);
  }
  run.runToEnd();
  return run;
}

export default function scaleBench(): boolean {
  const figures: Figure[] = [];
  const times: Record<number, { score: number; whatIf: number; entries: number }> = {};
  for (const days of [3, 30, 365]) {
    const s = scaleScenario(days);
    const run = scaleRun(s);
    const reps = days === 365 ? 3 : 7;
    const score = time(() => scoreFinishedRun(run), reps, 1);
    const card = scoreFinishedRun(run);
    const whatIf = time(() => whatIfs(s, 1, run.entries, card), reps, 1);
    times[days] = { score, whatIf, entries: run.entries.length };
    figures.push({ name: `  ${days}-day run, ${run.entries.length.toLocaleString('en-US')} inputs: score card`, value: score, unit: 'ms' });
    figures.push({ name: `  ${days}-day run: every what-if`, value: whatIf, unit: 'ms' });
  }
  const exponent = (a: number, b: number) => Math.log(b / a) / Math.log(365 / 3);
  figures.push({ name: 'growth exponent 3 → 365 days: score card', value: exponent(times[3]!.score, times[365]!.score), unit: '', target: 1.1 });
  figures.push({ name: 'growth exponent 3 → 365 days: what-ifs', value: exponent(times[3]!.whatIf, times[365]!.whatIf), unit: '', target: 1.1 });

  // Growth with the injects (issue #18): the same 30-day run with 1,000 and 10,000 injects, run and
  // scored. CPU time (user + system) of this process, which moves less with the machine's load than
  // wall time; the exponent is log(time ratio) / log(10).
  const cpu = (fn: () => void, reps: number) => {
    fn();
    const out: number[] = [];
    for (let i = 0; i < reps; i++) {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      out.push((c.user + c.system) / 1000);
    }
    return [...out].sort((a, b) => a - b)[Math.floor(out.length / 2)]!;
  };
  const byInjects: Record<number, number> = {};
  for (const n of [1000, 10_000]) {
    const s = scaleScenario(30, 4, n);
    byInjects[n] = cpu(() => scoreFinishedRun(scaleRun(s)), n === 1000 ? 5 : 3);
    figures.push({ name: `  30-day run, ${n.toLocaleString('en-US')} injects: run + score card (CPU)`, value: byInjects[n]!, unit: 'ms' });
  }
  figures.push({
    name: 'growth exponent 1,000 → 10,000 injects: run + score card',
    value: Math.log(byInjects[10_000]! / byInjects[1000]!) / Math.log(10),
    unit: '',
    target: 1.1,
  });

  const big = scaleScenario(365, 50, 10_000);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let heapPeak = 0;
  const tBig = time(
    () => {
      const run = new ExerciseRun(big, 1);
      run.runToEnd();
      // What a dashboard shows: the whole horizon at one point per hour, on demand.
      run.metricWindow(0, 365 * 24 * 60, 60);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - before);
    },
    3,
    1,
  );
  figures.push({ name: '365 days, 50 metrics, 10,000 injects: run + hourly dashboards', value: tBig, unit: 'ms', target: 1000 });
  figures.push({ name: '  heap growth during it', value: heapPeak / 1048576, unit: 'MB', target: 200 });
  console.log('Growth with the horizon');
  return report(figures);
}
