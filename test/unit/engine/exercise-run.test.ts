import { ExerciseRun, InputRejected } from '../../../shared/engine/exercise-run.ts';
import { mini, MIN, HOUR } from '../../helpers.ts';

const { scenario } = mini();

/** A fluent harness: advance the clock, act, and read the run (tldraw's TestEditor style). */
function harness(seed = 1) {
  const run = new ExerciseRun(scenario, seed);
  const h = {
    run,
    at(t: number) {
      run.advanceTo(t);
      return h;
    },
    do(input: Parameters<ExerciseRun['apply']>[0]) {
      run.apply(input);
      return h;
    },
    signals: () => run.context.signals.map((s) => `${s.id}@${s.t / MIN}m`),
  };
  return h;
}

describe('a run nobody responds to', () => {
  const h = harness().at(scenario.clock.horizon);
  it('fires the fault at its start time and each inject at its time', () => {
    expect(h.run.context.faults.fault!.startedAt).toBe(1 * HOUR);
    expect(h.run.context.faults.fault!.status).toBe('active');
    // alert: errors jump past 5% the minute the fault starts; email at 3h; press at 6h (not contained)
    expect(h.signals()).toEqual(['alert@60m', 'email@180m', 'press@360m']);
  });
  it('accrues the full do-nothing harm by the horizon (900 over 9h, 3 leaks)', () => {
    expect(h.run.harmAt()).toEqual({ 'bad-answers': 900, leaks: 3 });
  });
  it('closes at the horizon', () => {
    expect(h.run.phase).toBe('closed');
    expect(h.run.context.closedBy).toBe('horizon');
  });
});

describe('phases', () => {
  it('moves from quiet failure through detection, triage, containment and recovery to closed', () => {
    const h = harness();
    expect(h.run.phase).toBe('baseline');
    h.at(1 * HOUR);
    expect(h.run.phase).toBe('quietFailure');
    h.at(70 * MIN).do({ type: 'ACKNOWLEDGE' });
    expect(h.run.phase).toBe('detected');
    h.do({ type: 'TRIAGE', severity: 2, incidentType: 'performance_degradation' });
    expect(h.run.phase).toBe('triaged');
    h.do({ type: 'CONTAIN', containmentId: 'rollback-prompt' });
    expect(h.run.phase).toBe('triaged'); // takes 10 minutes to take effect
    h.at(80 * MIN);
    expect(h.run.phase).toBe('recovered');
    expect(h.run.context.containedAt).toBe(80 * MIN);
    h.do({ type: 'RESOLVE' });
    expect(h.run.phase).toBe('closed');
  });

  it('counts a first containment as detection when nobody declared', () => {
    const h = harness()
      .at(90 * MIN)
      .do({ type: 'CONTAIN', containmentId: 'kill-switch' });
    expect(h.run.context.detectedAt).toBe(90 * MIN);
    expect(h.run.phase).toBe('contained');
    expect(h.run.hasTag('responding')).toBe(true);
  });
});

describe('harm', () => {
  it('stops growing once an effective containment takes effect', () => {
    const h = harness()
      .at(2 * HOUR)
      .do({ type: 'CONTAIN', containmentId: 'kill-switch' });
    // 1h of fault at 100/h, then factor 0
    expect(h.run.harmAt(5 * HOUR)['bad-answers']).toBeCloseTo(100, 9);
    expect(h.run.projectedHarm()).toEqual({ 'bad-answers': 100, leaks: 1 });
  });
  it('does not change when the wrong surface is rolled back, and says so', () => {
    const h = harness()
      .at(2 * HOUR)
      .do({ type: 'CONTAIN', containmentId: 'rollback-model' });
    expect(h.run.projectedHarm()).toEqual({ 'bad-answers': 900, leaks: 3 });
    h.at(3 * HOUR);
    expect(h.signals()).toContain('nohelp@140m');
  });
  it('charges the kill switch per hour it is in effect', () => {
    const h = harness()
      .at(2 * HOUR)
      .do({ type: 'CONTAIN', containmentId: 'kill-switch' })
      .at(4 * HOUR);
    expect(h.run.costsAt().revenueLost).toBe(2000);
  });
});

describe('branches', () => {
  it('skips the press inject when the incident was contained before it', () => {
    const h = harness()
      .at(2 * HOUR)
      .do({ type: 'CONTAIN', containmentId: 'kill-switch' })
      .at(scenario.clock.horizon);
    expect(h.signals()).not.toContain('press@360m');
  });
  it('reveals a finding when the investigation is done, not before', () => {
    const h = harness()
      .at(2 * HOUR)
      .do({ type: 'INVESTIGATE', investigationId: 'diff-prompts' })
      .at(2 * HOUR + 29 * MIN);
    expect(h.run.context.findings).toEqual([]);
    h.at(2 * HOUR + 30 * MIN);
    expect(h.run.context.findings).toEqual([{ id: 'diff-prompts', t: 2 * HOUR + 30 * MIN, shows: 'defect' }]);
  });
});

describe('input checks', () => {
  it.each([
    [{ type: 'CONTAIN', containmentId: 'nope' }, 'unknown containment "nope"'],
    [{ type: 'INVESTIGATE', investigationId: 'nope' }, 'unknown investigation "nope"'],
    [{ type: 'DECLARE_ROOT_CAUSE', rootCauseId: 'nope' }, 'unknown root cause "nope"'],
  ] as const)('refuses %j', (input, why) => {
    const run = new ExerciseRun(scenario, 1);
    expect(() => run.apply(input)).toThrow(InputRejected);
    expect(() => run.apply(input)).toThrow(why);
    expect(run.entries).toEqual([]);
  });
  it('refuses inputs after the exercise is over, but keeps notes', () => {
    const h = harness().do({ type: 'END' });
    expect(h.run.check({ type: 'ACKNOWLEDGE' })).toBe('the exercise is over');
    expect(h.run.check({ type: 'NOTE', text: 'debrief at 3' })).toBeNull();
  });
  it('refuses to move the clock back', () => {
    const h = harness().at(HOUR);
    expect(() => h.run.advanceTo(HOUR - 1)).toThrow(/cannot move the clock back/);
  });
});

describe('determinism', () => {
  it('gives identical runs for the same seed and inputs, bit for bit', () => {
    const play = (seed: number) => {
      const h = harness(seed)
        .at(65 * MIN)
        .do({ type: 'ACKNOWLEDGE' })
        .at(2 * HOUR)
        .do({ type: 'CONTAIN', containmentId: 'rollback-prompt' })
        .at(scenario.clock.horizon);
      return JSON.stringify({ ctx: h.run.context, m: h.run.metricsUpToNow(), harm: h.run.projectedHarm() });
    };
    expect(play(7)).toBe(play(7));
    expect(play(7)).not.toBe(play(8)); // metric noise is seeded
  });
  it('replays a journal to the same state', () => {
    const h = harness(3)
      .at(65 * MIN)
      .do({ type: 'ACKNOWLEDGE' })
      .do({ type: 'NOTE', text: 'x' })
      .at(2 * HOUR)
      .do({ type: 'CONTAIN', containmentId: 'kill-switch' });
    const again = ExerciseRun.replay(scenario, 3, h.run.entries);
    expect(again.context).toEqual(h.run.context);
  });
  it('jumps to the next signal', () => {
    const h = harness();
    expect(h.run.advanceToNextSignal()).toBe(true);
    expect(h.run.now).toBe(HOUR);
    expect(h.run.advanceToNextSignal()).toBe(true);
    expect(h.run.now).toBe(3 * HOUR);
  });
  it('samples metrics per minute, with the fault visible after it starts', () => {
    const run = new ExerciseRun(scenario, 1);
    run.advanceTo(2 * HOUR);
    const [errors] = run.metricsUpToNow();
    expect(errors).toHaveLength(121);
    expect(Math.max(...errors!.slice(0, 60))).toBeLessThanOrEqual(1.2);
    expect(Math.min(...errors!.slice(60))).toBeGreaterThanOrEqual(9.8);
  });
});

describe('metric series', () => {
  it('matches minute-by-minute sampling exactly', async () => {
    const { metricAt, metricSeries, factorSteps } = await import('../../../shared/engine/model.ts');
    const steps = factorSteps(scenario, [{ containmentId: 'kill-switch', decidedAt: 2 * HOUR, effectiveAt: 2 * HOUR, liftedAt: 4 * HOUR }]);
    const starts = { fault: HOUR };
    const series = metricSeries(scenario, 5, steps, starts, 0, 600)[0]!;
    expect(series).toEqual(Array.from({ length: 600 }, (_, m) => metricAt(scenario, 5, 0, steps, starts, m)));
  });
});

describe('containments that need a finding', () => {
  it('refuses the fix until the investigation has found the defect', async () => {
    const { loadFile } = await import('../../helpers.ts');
    const { scenario: bias } = loadFile('scenarios/silent-bias-drift.yaml');
    const run = new ExerciseRun(bias, 1);
    run.advanceTo(10 * HOUR);
    expect(run.check({ type: 'CONTAIN', containmentId: 'fix-data-pipeline' })).toMatch(/^needs the finding of ".+" first$/);
    run.apply({ type: 'INVESTIGATE', investigationId: 'feature-drift-report' });
    run.advanceTo(run.context.investigations['feature-drift-report']!.doneAt);
    expect(run.check({ type: 'CONTAIN', containmentId: 'fix-data-pipeline' })).toBeNull();
  });
});
