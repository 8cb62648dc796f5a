/**
 * Engine v2, one describe per capability an author can now express (scenarios/README.md has a
 * paragraph and an example for each), on the small fixture test/fixtures/v2-capabilities.yaml.
 * Figures are worked out by hand from the fixture: wrong answers accrue 100/h from T+1h, wrongly
 * closed tickets 20/h from T+2h, viral views 1,000/h from T+0, missed escalations 100/day since
 * 30 days before the exercise.
 */
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { SURFACES, INCIDENT_TYPES } from '../../../shared/scenario/schema.ts';
import { resolveVariant, variantForSeed } from '../../../shared/scenario/variants.ts';
import { timelineText } from '../../../shared/wording/timeline.ts';
import { HOUR, MIN, loadFile } from '../../helpers.ts';

const { scenario, source } = loadFile('test/fixtures/v2-capabilities.yaml');
const run = (variant: string | null = 'prompt') => new ExerciseRun(scenario, 1, { variant });

describe('1. several faults, one of them present before the exercise', () => {
  it('runs two faults at once and a later one, each with its own start and status', () => {
    const r = run();
    r.advanceTo(2 * HOUR + 30 * MIN);
    expect(r.context.faults.cfg).toMatchObject({ status: 'active', startedAt: HOUR });
    expect(r.context.faults.lib).toMatchObject({ status: 'active', startedAt: 2 * HOUR });
    expect(r.context.faults['prompt-regress']).toMatchObject({ status: 'dormant', startedAt: null });
    r.advanceTo(3 * HOUR);
    expect(r.context.faults['prompt-regress']!.status).toBe('active');
  });

  it('counts a design flaw from its real start, 30 days before T+0, and says so', () => {
    const r = run();
    expect(r.context.faults['launch-flaw']).toMatchObject({ status: 'active', startedAt: -30 * 24 * HOUR });
    // Harm that happened before the exercise is already there at T+0: 100 a day for 30 days.
    expect(r.harmAt(0)['missed-escalations']).toBeCloseTo(3000, 6);
    const started = r.context.timeline.find((e) => e.event.code === 'fault.started' && e.ref === 'launch-flaw')!;
    expect(started.event).toEqual({ code: 'fault.started', faultId: 'launch-flaw', beforeExercise: true });
    expect(timelineText(r.scenario, started)).toContain('present since 30d before the exercise');
  });
});

describe('2. the surfaces AI incidents come from', () => {
  it.each(['concept_drift', 'adversarial_input', 'provider_outage', 'downstream_automation'] as const)('accepts %s as a fault surface', (surface) => {
    expect(SURFACES).toContain(surface);
    const r = loadScenario(source.replace('surface: configuration', `surface: ${surface}`), 'x.yaml');
    expect(r.ok).toBe(true);
  });

  it('keeps provider outage distinct from provider update', () => {
    expect(SURFACES).toContain('provider_update');
    expect(SURFACES).toContain('provider_outage');
  });
});

describe('3. containments with a lifecycle: apply, lift, re-apply', () => {
  it('lifting the kill switch before the fix brings the harm back (the fault recurs)', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    expect(r.context.containments['kill-switch']!.status).toBe('in_effect');
    expect(r.context.faults.cfg!.status).toBe('contained');
    r.apply({ type: 'LIFT', containmentId: 'kill-switch' }, 5 * HOUR);
    expect(r.context.containments['kill-switch']!.status).toBe('lifted');
    expect(r.context.faults.cfg!.status).toBe('recurred');
    expect(r.context.faults.cfg!.recurredAt).toEqual([5 * HOUR]);
    // 2h before the switch (T+1h–3h) and 1h after the lift (T+5h–6h): 300 wrong answers.
    expect(r.harmAt(6 * HOUR)['bad-answers']).toBeCloseTo(300, 6);
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 6 * HOUR);
    expect(r.context.containments['kill-switch']!.episodes).toHaveLength(2);
    expect(r.context.faults.cfg!.status).toBe('contained');
  });

  it('lifting after the fix brings the service back and the harm stays away', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    r.apply({ type: 'INVESTIGATE', investigationId: 'check-config' }, 3 * HOUR);
    r.advanceTo(3 * HOUR + 30 * MIN);
    r.apply({ type: 'CONTAIN', containmentId: 'fix-config' });
    expect(r.context.faults.cfg!.status).toBe('fixed');
    r.apply({ type: 'LIFT', containmentId: 'kill-switch' }, 4 * HOUR);
    expect(r.context.faults.cfg!.status).toBe('fixed');
    expect(r.harmAt(10 * HOUR)['bad-answers']).toBeCloseTo(200, 6);
    expect(r.metricWindow(8 * 60, 8 * 60 + 1)[2]![0]).toBe(100); // traffic is back
  });

  it('costs accrue while in effect, not until resolve; one-off costs are paid when decided', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    r.apply({ type: 'LIFT', containmentId: 'kill-switch' }, 5 * HOUR);
    r.apply({ type: 'CONTAIN', containmentId: 'refund' }, 6 * HOUR);
    expect(r.costsAt(20 * HOUR)).toEqual({ revenueLost: 2000, userHoursWithoutService: 1000, oneOff: 50000 });
    expect(r.check({ type: 'LIFT', containmentId: 'refund' })).toBe('this change cannot be undone');
    expect(r.check({ type: 'LIFT', containmentId: 'kill-switch' })).toBe('not in effect, so there is nothing to lift');
  });

  it('a lift before the change lands cancels it', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'failover' }, 3 * HOUR);
    r.apply({ type: 'LIFT', containmentId: 'failover' }, 3 * HOUR + 5 * MIN);
    r.advanceTo(4 * HOUR);
    expect(r.context.containments.failover!.status).toBe('lifted');
    expect(r.harmAt(4 * HOUR)['bad-answers']).toBeCloseTo(300, 6);
  });
});

describe('4. per-metric effects, background trends and external drivers', () => {
  const at = (r: ExerciseRun, minute: number) => r.metricWindow(minute, minute + 1).map((s) => s[0]!);

  it('a failover restores the error rate but not the provider status probe', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'failover' }, 3 * HOUR);
    r.advanceTo(4 * HOUR);
    const [err, probe, traffic] = at(r, 4 * 60);
    expect(err).toBe(1.5); // baseline 1 + the failover's own 0.5 overhead
    expect(probe).toBe(1); // the provider's probe still sees the fault
    expect(traffic).toBe(100);
  });

  it('a kill switch zeroes traffic-based metrics instead of turning every dashboard green', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    const [err, , traffic, queue] = at(r, 4 * 60);
    expect(traffic).toBe(0);
    expect(err).toBe(1);
    expect(queue).toBe(14); // the support queue trend goes on: 10 + 1 an hour
  });

  it('follows an external driver nobody can affect', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, HOUR);
    expect(at(r, 5 * 60)[4]).toBe(500);
  });
});

describe('5. harm the team cannot stop, and harm an action creates', () => {
  it('unstoppable harm does not block "contained"', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    r.apply({ type: 'INVESTIGATE', investigationId: 'check-prompt' });
    r.advanceTo(3 * HOUR + 30 * MIN);
    expect(r.context.faults.cfg!.status).toBe('contained');
    expect(r.harmAt(10 * HOUR)['viral-views']).toBeCloseTo(10000, 6);
  });

  it('taking the assistant offline creates harm of its own', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 3 * HOUR);
    expect(r.harmAt(5 * HOUR)['users-offline']).toBeCloseTo(1000, 6);
  });
});

describe('6. findings depend on the world when the investigation completes', () => {
  it('normal before the fault, the defect during it, recovery after the fix', () => {
    const r = run();
    r.apply({ type: 'INVESTIGATE', investigationId: 'check-config' }, 0);
    r.advanceTo(30 * MIN);
    expect(r.context.findings.at(-1)!.shows).toBe('normal');
    // A normal reading does not unlock the fix: you cannot fix what you have not found.
    expect(r.check({ type: 'CONTAIN', containmentId: 'fix-config' })).toMatch(/needs the finding/);
    r.apply({ type: 'INVESTIGATE', investigationId: 'check-config' }, 2 * HOUR);
    r.advanceTo(2 * HOUR + 30 * MIN);
    expect(r.context.findings.at(-1)!.shows).toBe('defect');
    r.apply({ type: 'CONTAIN', containmentId: 'fix-config' });
    r.apply({ type: 'INVESTIGATE', investigationId: 'scope' });
    r.advanceTo(3 * HOUR + 30 * MIN);
    const scope = r.context.findings.at(-1)!;
    expect(scope).toMatchObject({ id: 'scope', shows: 'recovery' });
    // Wrong answers stopped at the fix (T+2h30m): 150 so far.
    expect(scope.harmSoFar).toBeCloseTo(150, 6);
    const line = r.context.timeline.findLast((e) => e.event.code === 'finding')!;
    expect(timelineText(r.scenario, line)).toBe('Finding: Count wrong answers: recovering (Wrong answers: 150 so far)');
  });
});

describe('7. conditions on injects and obligations', () => {
  const fired = (r: ExerciseRun) => Object.keys(r.context.firedInjects);

  it('severity declared, notified or not, another inject fired', () => {
    const r = run();
    r.advanceTo(2 * HOUR);
    r.apply({ type: 'TRIAGE', severity: 1, incidentType: 'quality_degradation' });
    r.apply({ type: 'COMMUNICATE', audience: 'client', message: 'heads up' });
    r.advanceTo(7 * HOUR);
    expect(fired(r)).toEqual(expect.arrayContaining(['sev1-page', 'client-thanks', 'pii', 'pii-followup']));
    const calm = run();
    calm.advanceTo(2 * HOUR);
    calm.apply({ type: 'TRIAGE', severity: 3, incidentType: 'quality_degradation' });
    calm.advanceTo(7 * HOUR);
    expect(fired(calm)).not.toContain('sev1-page');
    expect(fired(calm)).not.toContain('client-thanks');
  });

  it('a containment in effect now versus ever applied; a fault active versus fixed; time since an event', () => {
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 2 * HOUR);
    r.apply({ type: 'LIFT', containmentId: 'kill-switch' }, 3 * HOUR);
    r.advanceTo(41 * HOUR);
    expect(fired(r)).toContain('ever-on');
    expect(fired(r)).not.toContain('still-on');
    expect(fired(r)).toContain('cfg-active');
    expect(fired(r)).not.toContain('cfg-fixed');
    expect(fired(r)).toContain('long-wait');
  });

  it('a conditional obligation from an inject, counted in business days', () => {
    const r = run();
    r.advanceTo(2 * HOUR);
    r.apply({ type: 'TRIAGE', severity: 2, incidentType: 'quality_degradation' });
    r.advanceTo(6 * HOUR);
    // pii fired Mon 13:00; two business days later is Wed 13:00 (T+2d5h).
    expect(r.context.obligations['regulator-notice']).toMatchObject({ status: 'due', startedAt: 5 * HOUR, dueAt: 2 * 24 * HOUR + 5 * HOUR });
    // Only at Severity 1: never due at Severity 2, so not applicable at the end.
    r.runToEnd();
    expect(r.context.obligations['public-sev1']!.status).toBe('not_applicable');
    expect(r.context.obligations['regulator-notice']!.status).toBe('missed');
  });

  it('an element-less message is no notice; a complete one meets the obligation', () => {
    const r = run();
    r.advanceTo(2 * HOUR);
    r.apply({ type: 'ACKNOWLEDGE' });
    r.apply({ type: 'COMMUNICATE', audience: 'client', message: 'x' });
    expect(r.context.obligations['client-notice']!.status).toBe('due');
    r.apply({
      type: 'COMMUNICATE',
      audience: 'client',
      message: '',
      elements: {
        what_happened: 'A config push made answers wrong',
        impact: 'About 100 wrong answers an hour',
        actions_taken: 'Failed over to the backup model',
        recipient_actions: 'Tell agents to double-check answers',
        next_update: 'Next update at 11:00',
      },
    });
    expect(r.context.obligations['client-notice']).toMatchObject({ status: 'met', metAt: 2 * HOUR });
  });
});

describe('8. more than one acceptable answer', () => {
  it('several incident types are correct, and the taxonomy has the output-quality types', () => {
    expect(scenario.rubric.incidentType).toEqual(['quality_degradation', 'hallucination_misinformation']);
    for (const t of [
      'hallucination_misinformation',
      'relevance_failure',
      'quality_degradation',
      'harmful_content',
      'security_exploitation',
      'regulatory_violation',
    ])
      expect(INCIDENT_TYPES).toContain(t);
  });

  it('the best response is a set of containments applied together', () => {
    expect(scenario.rubric.bestResponse).toEqual(['failover', 'patch-lib']);
    const r = run();
    r.apply({ type: 'CONTAIN', containmentId: 'failover' }, 2 * HOUR);
    r.apply({ type: 'CONTAIN', containmentId: 'patch-lib' }, 2 * HOUR);
    r.advanceTo(3 * HOUR);
    expect(r.context.faults.cfg!.status).toBe('contained');
    expect(r.context.faults.lib!.status).toBe('fixed');
  });
});

describe('9. replayable variants', () => {
  it('the seed chooses the variant deterministically, and both are reachable', () => {
    const seen = new Set<string | null>();
    for (let seed = 1; seed <= 20; seed++) {
      expect(variantForSeed(scenario, seed)).toBe(variantForSeed(scenario, seed));
      seen.add(variantForSeed(scenario, seed));
    }
    expect(seen).toEqual(new Set(['prompt', 'retrieval']));
    expect(new ExerciseRun(scenario, 7).variant).toBe(variantForSeed(scenario, 7));
  });

  it('signals, findings and rubric follow the variant', () => {
    const a = run('prompt');
    const b = run('retrieval');
    expect(Object.keys(a.context.faults)).toContain('prompt-regress');
    expect(Object.keys(b.context.faults)).not.toContain('prompt-regress');
    a.advanceTo(5 * HOUR);
    b.advanceTo(5 * HOUR);
    expect(a.context.signals.map((s) => s.id)).toContain('pr-only');
    expect(b.context.signals.map((s) => s.id)).not.toContain('pr-only');
    b.apply({ type: 'INVESTIGATE', investigationId: 'check-prompt' });
    b.apply({ type: 'INVESTIGATE', investigationId: 'check-index' });
    b.advanceTo(6 * HOUR);
    expect(b.context.findings.map((f) => [f.id, f.shows])).toEqual([
      ['check-prompt', 'normal'],
      ['check-index', 'defect'],
    ]);
    expect(resolveVariant(scenario, 'retrieval').rubric).toMatchObject({ rootCause: 'stale-index', incidentType: ['relevance_failure'] });
    expect(resolveVariant(scenario, 'prompt').rubric.rootCause).toBe('config-push');
  });

  it('replays bit for bit from the same seed, variant and inputs', () => {
    const play = () => {
      const r = new ExerciseRun(scenario, 11, { variant: 'retrieval' });
      r.apply({ type: 'CONTAIN', containmentId: 'kill-switch' }, 2 * HOUR);
      r.apply({ type: 'LIFT', containmentId: 'kill-switch' }, 4 * HOUR);
      r.runToEnd();
      return r;
    };
    const a = play();
    const b = ExerciseRun.replay(scenario, 11, a.entries, { variant: 'retrieval' });
    b.runToEnd();
    expect(b.context).toEqual(a.context);
    expect(b.projectedHarm()).toEqual(a.projectedHarm());
  });
});

describe('the rules live in the machine', () => {
  it('refuses with a typed reason read off the entity state, and changes nothing', () => {
    const r = run();
    expect(r.refusal({ type: 'CONTAIN', containmentId: 'fix-config' })).toEqual({
      code: 'needs_finding',
      containmentId: 'fix-config',
      investigationId: 'check-config',
    });
    expect(r.refusal({ type: 'LIFT', containmentId: 'kill-switch' })).toEqual({ code: 'not_in_effect', containmentId: 'kill-switch' });
    const before = r.context;
    expect(() => r.apply({ type: 'CONTAIN', containmentId: 'fix-config' })).toThrow(/needs the finding of "Diff the config" first/);
    expect(r.context).toEqual(before);
    expect(r.entries).toHaveLength(0);
  });

  it('readers get frozen snapshots, not the live context', () => {
    const r = run();
    const snap = r.context;
    expect(Object.isFrozen(snap)).toBe(true);
    r.advanceTo(3 * HOUR);
    expect(snap.faults.cfg!.status).toBe('dormant');
    expect(r.context.faults.cfg!.status).toBe('active');
  });

  it('an action before any sign of a fault is a false alarm, not detection', () => {
    const r = run();
    r.apply({ type: 'ACKNOWLEDGE' }, 0);
    expect(r.context.detectedAt).toBeNull();
    expect(r.context.falseAlarms).toEqual([{ t: 0, seq: 1, type: 'ACKNOWLEDGE' }]);
    r.advanceTo(90 * MIN);
    r.apply({ type: 'TRIAGE', severity: 2, incidentType: 'quality_degradation' });
    expect(r.context.detectedAt).not.toBeNull();
  });
});

describe('refusal() and the machine agree', () => {
  it('gives the same answer as snapshot.can for every kind of input, in every state along a run', () => {
    const r = run();
    const inputs = [
      { type: 'ACKNOWLEDGE' as const },
      ...scenario.containments.flatMap((c) => [
        { type: 'CONTAIN' as const, containmentId: c.id },
        { type: 'LIFT' as const, containmentId: c.id },
      ]),
      ...scenario.investigations.map((i) => ({ type: 'INVESTIGATE' as const, investigationId: i.id })),
      { type: 'INVESTIGATE' as const, investigationId: 'nope' },
      { type: 'COMMUNICATE' as const, audience: 'client' as const, message: '  ' },
      { type: 'REVEAL_HINT' as const, hintId: 'nope' },
      { type: 'RESOLVE' as const },
    ];
    const script: Array<[number, Parameters<ExerciseRun['apply']>[0]]> = [
      [2 * HOUR, { type: 'ACKNOWLEDGE' }],
      [2 * HOUR, { type: 'INVESTIGATE', investigationId: 'check-config' }],
      [2 * HOUR, { type: 'CONTAIN', containmentId: 'kill-switch' }],
      [3 * HOUR, { type: 'CONTAIN', containmentId: 'fix-config' }],
      [4 * HOUR, { type: 'LIFT', containmentId: 'kill-switch' }],
      [5 * HOUR, { type: 'RESOLVE' }],
    ];
    const compare = () => {
      for (const input of inputs) expect(r.refusal(input) === null, JSON.stringify(input)).toBe(r.can(input));
    };
    compare();
    for (const [t, input] of script) {
      r.advanceTo(t);
      compare();
      r.apply(input);
      compare();
    }
  });
});

describe('errors inside the actor', () => {
  it('surface to the caller at once instead of leaving a dead run', () => {
    const r = run();
    // Corrupt the compiled scenario behind the machine's back: the next investigation cannot be found.
    (r.scenario.investigations as unknown as { id: string }[]).push({ id: 'ghost' });
    expect(() => r.apply({ type: 'INVESTIGATE', investigationId: 'ghost' })).toThrow(TypeError);
    (r.scenario.investigations as unknown as unknown[]).pop();
  });

  it('times before the exercise read as T-', async () => {
    const { formatOffset } = await import('../../../shared/scenario/duration.ts');
    expect(formatOffset(-30 * 24 * HOUR)).toBe('T-30d');
    expect(formatOffset(90 * MIN)).toBe('T+1h30m');
  });
});

describe('attribution', () => {
  it('keeps who took an action on its timeline lines and through a replay', async () => {
    const { timelineRows } = await import('../../../shared/debrief/report-model.ts');
    const r = run();
    r.advanceTo(2 * HOUR);
    r.apply({ type: 'ACKNOWLEDGE' }, 2 * HOUR, { by: { name: 'Ana', role: 'incident_commander' } });
    r.apply({ type: 'NOTE', text: 'facilitator note' }, 2 * HOUR, { by: { name: 'Facilitator', role: 'facilitator' } });
    const again = ExerciseRun.replay(scenario, 1, r.entries, { variant: 'prompt' });
    const declared = again.context.timeline.find((e) => e.event.code === 'declared')!;
    expect(declared.by).toEqual({ name: 'Ana', role: 'incident_commander' });
    const rows = timelineRows(again.scenario, again.context, { observations: [] });
    expect(rows.find((x) => x.seq === 1 && x.kind === 'action')!.text).toBe('Incident declared — Ana (incident commander)');
    expect(rows.find((x) => x.kind === 'note')!.text).toBe('Note: facilitator note');
  });
});
