/**
 * Issue #17's domain gaps, one describe each, on test/fixtures/domain-gaps.yaml (scenarios/README.md
 * has a line for each). Figures from the fixture: failed requests 1,000 an hour while the provider
 * is down (T+1h to its recovery at T+4h), lost writes 100 an hour from T+2h, a re-seed writes
 * 4,000 fabricated records once.
 */
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { dimensionText } from '../../../shared/scoring/wording.ts';
import { timelineText } from '../../../shared/wording/timeline.ts';
import { containmentKindLabel } from '../../../shared/i18n/labels.ts';
import { EN, wordsFor } from '../../../shared/i18n/words.ts';

const surfaceLabel = (x: string, w = EN) => w.t(`surface.${x}` as never);
import { loadScenario } from '../../../shared/scenario/load.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { deadlineAfter } from '../../../shared/engine/business-time.ts';
import { HOUR, MIN, loadFile } from '../../helpers.ts';
import { dimensionOf, playSteps } from '../../run-harness.ts';

const DAY = 24 * HOUR;

const { scenario, source } = loadFile('test/fixtures/domain-gaps.yaml');

const play = (steps: [number, TeamInput][]) => playSteps(scenario, steps);
const dim = dimensionOf;
const declare = (t: number): [number, TeamInput][] => [
  [t, { type: 'ACKNOWLEDGE' }],
  [t, { type: 'TRIAGE', severity: 2, incidentType: 'availability' }],
];

describe('a fault that ends by itself (endsAfter)', () => {
  it('stops acting at its end: the harm stops growing and the fault is "ended", not fixed', () => {
    const run = new ExerciseRun(scenario, 1);
    run.advanceTo(4 * HOUR + MIN);
    expect(run.context.faults['provider-down']).toMatchObject({ status: 'ended', fixedAt: null });
    run.runToEnd();
    // Three hours down at 1,000 an hour, then nothing: not the nine hours its accrual describes.
    expect(run.harmAt(10 * HOUR)['failed-requests']).toBeCloseTo(3000, 6);
    const ended = run.context.timeline.find((e) => e.event.code === 'fault.status' && e.ref === 'provider-down')!;
    expect(timelineText(run.scenario, ended)).toBe('Fault "provider-down" is ended by itself: the system is recovering');
  });

  it('failing back after the provider recovered is not "the harm is back"; failing back before it is', () => {
    const after = play([
      ...declare(70 * MIN),
      [70 * MIN, { type: 'CONTAIN', containmentId: 'failover' }],
      [5 * HOUR, { type: 'LIFT', containmentId: 'failover' }],
    ]);
    expect(after.run.context.faults['provider-down']!.recurredAt).toEqual([]);
    expect(after.card.faults.find((f) => f.id === 'provider-down')!.recurredAt).toEqual([]);
    expect(dim(after.card, 'containment').reasons.map((r) => r.code)).not.toContain('containment.recurred');
    expect(after.run.harmAt(10 * HOUR)['failed-requests']).toBeCloseTo(15 * (1000 / 60), 6); // T+1h to T+1h15m

    const before = play([
      ...declare(70 * MIN),
      [70 * MIN, { type: 'CONTAIN', containmentId: 'failover' }],
      [3 * HOUR, { type: 'LIFT', containmentId: 'failover' }],
    ]);
    expect(before.run.context.faults['provider-down']!.recurredAt).toEqual([3 * HOUR]);
    expect(dim(before.card, 'containment').reasons.map((r) => r.code)).toContain('containment.recurred');
    expect(before.card.overall).toBeLessThan(after.card.overall);
  });

  it('a fix before the natural end still counts as fixed', () => {
    // add-disk fixes the disk; the provider's own end leaves a fixed fault alone.
    const { run } = play([...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'add-disk' }]]);
    expect(run.context.faults['disk-full']).toMatchObject({ status: 'fixed', fixedAt: 2 * HOUR + 35 * MIN });
    expect(run.context.faults['provider-down']!.status).toBe('ended');
    expect(run.context.recoveredAt).toBe(4 * HOUR);
  });
});

describe('a one-off harm an action creates (createsHarmOnce)', () => {
  it('lands once, in full, when the action takes effect, and counts against the team', () => {
    const base: [number, TeamInput][] = [...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'failover' }]];
    const { run, card } = play([...base, [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'reseed' }]]);
    expect(run.harmAt(2 * HOUR + 24 * MIN)['fabricated-records']).toBe(0);
    expect(run.harmAt(2 * HOUR + 25 * MIN)['fabricated-records']).toBe(4000);
    expect(run.harmAt(10 * HOUR)['fabricated-records']).toBe(4000);
    expect(dim(card, 'containment').reasons).toContainEqual(
      expect.objectContaining({ code: 'containment.created', params: expect.objectContaining({ harmId: 'fabricated-records', amount: 4000 }) }),
    );
    const without = play(base).card;
    expect(dim(card, 'containment').score).toBeLessThan(dim(without, 'containment').score);
    expect(card.overall).toBeLessThan(without.overall);
  });

  it('is checked like a rate: it must name a harm whose source is action', () => {
    const bad = source.replace('createsHarmOnce: { fabricated-records: 4000 }', 'createsHarmOnce: { lost-writes: 4000 }');
    const r = loadScenario(bad, 'domain-gaps.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(/harm "lost-writes" must have source: action/);
  });
});

describe('evidence that must be kept before a specific change (evidence[].before)', () => {
  const failoverFirst: [number, TeamInput][] = [...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'failover' }]];

  it('is judged against its own change, not the first change of any kind', () => {
    // Failover first (a change), then the disk logs, then the re-provisioning that wipes them.
    const { card } = play([
      ...failoverFirst,
      [2 * HOUR + 20 * MIN, { type: 'PRESERVE_EVIDENCE', evidenceId: 'copy-disk-logs' }],
      [2 * HOUR + 25 * MIN, { type: 'CONTAIN', containmentId: 'add-disk' }],
    ]);
    const ev = dim(card, 'documentation').reasons.find((r) => r.code === 'documentation.evidence')!;
    expect(ev.params).toMatchObject({ counted: 1, of: 2 });
    expect(ev.params).not.toHaveProperty('afterOwnChange');
  });

  it('kept only after its own change it does not count, and the card says so (English and French)', () => {
    const { card } = play([
      ...failoverFirst,
      [2 * HOUR + 20 * MIN, { type: 'CONTAIN', containmentId: 'add-disk' }],
      [2 * HOUR + 25 * MIN, { type: 'PRESERVE_EVIDENCE', evidenceId: 'copy-disk-logs' }],
    ]);
    const d = dim(card, 'documentation');
    expect(d.reasons.find((r) => r.code === 'documentation.evidence')!.params).toMatchObject({ counted: 0, afterOwnChange: 1 });
    expect(dimensionText(scenario, d)).toContain('1 item was kept only after the change it had to precede');
    expect(dimensionText(scenario, d, wordsFor('fr'))).toContain('1 élément conservé seulement après le changement');
  });

  it('names a containment the scenario has', () => {
    const r = loadScenario(source.replace('before: [add-disk]', 'before: [add-disks]'), 'domain-gaps.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `${p.path} ${p.message}`).join('\n')).toMatch(/evidence.*before.*add-disks/s);
  });
});

describe('vocabulary: restore from backup, add capacity, an operational (non-AI) cause', () => {
  it('loads and words them in both languages', () => {
    expect(scenario.faults.find((f) => f.id === 'disk-full')!.surface).toBe('operational');
    expect(containmentKindLabel('restore_backup')).toBe('Restore from backup');
    expect(containmentKindLabel('add_capacity', wordsFor('fr'))).toBe('Ajout de capacité');
    expect(surfaceLabel('operational')).toBe('operational (non-AI) cause');
    expect(surfaceLabel('operational', wordsFor('fr'))).toBe('cause opérationnelle (hors IA)');
  });

  it('a restore from backup halves the lost writes while in effect; adding capacity fixes the disk', () => {
    const restored = play([...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'restore-backup' }]]).run;
    // 100 an hour from T+2h; halved from T+2h45m to the horizon: 75 + 50 × 7.25.
    expect(restored.harmAt(10 * HOUR)['lost-writes']).toBeCloseTo(75 + 50 * 7.25, 6);
    const added = play([...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'add-disk' }]]).run;
    expect(added.harmAt(10 * HOUR)['lost-writes']).toBeCloseTo((100 * 35) / 60, 6);
  });
});

describe('several obligations to one audience, each with its own clock and elements', () => {
  const notice = (t: number): [number, TeamInput] => [
    t,
    {
      type: 'COMMUNICATE',
      audience: 'regulator',
      message: 'Notice',
      elements: {
        nature: 'Outage of our claims assistant',
        contact_point: 'Duty manager, ops@acme.example',
        measures_taken: 'Failed over to the second provider',
      },
    },
  ];

  it('one early notice to the regulator meets the obligation whose clock had started, not one whose clock starts later', () => {
    const { card } = play([...declare(75 * MIN), notice(80 * MIN)]);
    const by = (id: string) => card.notifications[scenario.rubric.notifications.findIndex((n) => n.id === id)]!;
    expect(by('dpa-initial')).toMatchObject({ status: 'met', sentAt: 80 * MIN });
    // The disk alert (T+2h10m) starts the sector regulator's clock: the T+1h20m notice predates it.
    expect(by('sector-regulator').status).toBe('missed');
  });

  it('a second notice after the later clock started meets it, judged on its own elements', () => {
    const { card } = play([...declare(75 * MIN), notice(80 * MIN), notice(2 * HOUR + 30 * MIN)]);
    const sector = card.notifications[scenario.rubric.notifications.findIndex((n) => n.id === 'sector-regulator')]!;
    expect(sector).toMatchObject({ status: 'met', sentAt: 2 * HOUR + 30 * MIN });
    expect(sector.content).toBe(1);
  });
});

describe('external harm that starts at an inject which depends on what the team did (harm[].startsWith)', () => {
  it('runs from the moment the press story runs, in sim time, and not at all when the team told the client first', () => {
    const silent = play(declare(75 * MIN)).run;
    // The story runs at T+3h (nobody told the client): 2,000 views an hour from then.
    expect(silent.harmAt(3 * HOUR)['story-views']).toBe(0);
    expect(silent.harmAt(5 * HOUR)['story-views']).toBeCloseTo(4000, 6);
    expect(silent.harmAt(10 * HOUR)['story-views']).toBeCloseTo(8000, 6);
    const told = play([
      ...declare(75 * MIN),
      [80 * MIN, { type: 'COMMUNICATE', audience: 'client', message: 'Outage', elements: { what_happened: 'Our model provider is down' } }],
    ]).run;
    expect(told.context.firedInjects['press-story']).toBeUndefined();
    expect(told.harmAt(10 * HOUR)['story-views']).toBe(0);
  });

  it('is only for external harm, and names an event the scenario has', () => {
    const notExternal = loadScenario(
      source.replace(/source: external,(\s+)containable: false,(\s+)startsWith/, 'source: provider-down,$1startsWith'),
      'x.yaml',
    );
    expect(notExternal.ok).toBe(false);
    if (!notExternal.ok) expect(notExternal.problems.map((p) => p.message).join('\n')).toMatch(/only an external harm/);
    const unknown = loadScenario(source.replace("startsWith: 'inject:press-story'", "startsWith: 'inject:press-stories'"), 'x.yaml');
    expect(unknown.ok).toBe(false);
  });
});

describe('deadlines in days by the EU rule (clock: eu_days) and holiday calendars (clock.holidays)', () => {
  // The fixture starts Mon 09 Mar 2026 09:00 (T+0).
  const s = (holidays?: string[]) => ({ clock: { ...scenario.clock, ...(holidays ? { holidays } : {}) } });
  const at = (iso: string) => Date.parse(`${iso}Z`) - Date.parse('2026-03-09T09:00Z');

  it('starts the next day and ends at the end of the last day (Regulation 1182/71, Art. 3)', () => {
    // An event Monday 10:00, 3 days: Tuesday, Wednesday, Thursday; ends Thursday 24:00.
    expect(deadlineAfter(s(), HOUR, 3 * DAY, 'eu_days')).toBe(at('2026-03-13T00:00'));
    // Calendar time would end Thursday 10:00.
    expect(deadlineAfter(s(), HOUR, 3 * DAY, 'calendar')).toBe(at('2026-03-12T10:00'));
  });

  it('rolls a last day on a weekend or a public holiday to the end of the next working day', () => {
    // Wednesday 11 Mar + 3 days = Saturday 14: ends Monday 16 at 24:00.
    expect(deadlineAfter(s(), at('2026-03-11T15:00'), 3 * DAY, 'eu_days')).toBe(at('2026-03-17T00:00'));
    // With Monday 16 a public holiday, Tuesday 17 at 24:00.
    expect(deadlineAfter(s(['2026-03-16']), at('2026-03-11T15:00'), 3 * DAY, 'eu_days')).toBe(at('2026-03-18T00:00'));
  });

  it('a period of two days or more includes two working days', () => {
    // Thursday 12 Mar + 2 days: Friday 13 and Saturday 14, rolled to Monday 16: two working days.
    expect(deadlineAfter(s(), at('2026-03-12T12:00'), 2 * DAY, 'eu_days')).toBe(at('2026-03-17T00:00'));
    // With Friday 13 a holiday: Monday 16 is one working day, so Tuesday 17 ends it.
    expect(deadlineAfter(s(['2026-03-13']), at('2026-03-12T12:00'), 2 * DAY, 'eu_days')).toBe(at('2026-03-18T00:00'));
  });

  it('business days and hours skip the holidays too', () => {
    expect(deadlineAfter(s(), HOUR, DAY, 'business_days')).toBe(at('2026-03-10T10:00'));
    expect(deadlineAfter(s(['2026-03-10']), HOUR, DAY, 'business_days')).toBe(at('2026-03-11T10:00'));
    // Monday 16:00 + 2 business hours, Tuesday a holiday: Wednesday 10:00.
    expect(deadlineAfter(s(['2026-03-10']), 7 * HOUR, 2 * HOUR, 'business_hours')).toBe(at('2026-03-11T10:00'));
  });

  it('rejects an EU-rule period that is not whole days', () => {
    const r = loadScenario(source.replace('- { audience: internal, within: 1h }', '- { audience: internal, within: 36h, clock: eu_days }'), 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(/whole number of days/);
  });
});

describe('a harm that needs two faults together (harm[].alsoNeeds)', () => {
  it('accrues only while both act: from the second fault starting to the first stopping', () => {
    const idle = play([]).run;
    // Disk full from T+2h, provider back at T+4h: two hours at 100 an hour.
    expect(idle.harmAt(2 * HOUR)['stuck-claims']).toBe(0);
    expect(idle.harmAt(10 * HOUR)['stuck-claims']).toBeCloseTo(200, 6);
  });

  it('fixing either fault stops it; a failover that cuts it contains the provider fault', () => {
    const fixedDisk = play([...declare(2 * HOUR + 15 * MIN), [2 * HOUR + 15 * MIN, { type: 'CONTAIN', containmentId: 'add-disk' }]]).run;
    // The disk is fixed at T+2h35m: 35 minutes of stuck claims.
    expect(fixedDisk.harmAt(10 * HOUR)['stuck-claims']).toBeCloseTo((100 * 35) / 60, 6);
    // A failover that did not cut the joint harm would leave the provider fault uncontained.
    const failover = play([...declare(75 * MIN), [75 * MIN, { type: 'CONTAIN', containmentId: 'failover' }]]).run;
    expect(failover.context.faults['provider-down']!.containedAt).toBe(80 * MIN);
  });
});

describe('an incident with more than one root cause (rubric.alsoRootCauses)', () => {
  const inv = (steps: [number, TeamInput][]) => dim(play([...declare(2 * HOUR + 15 * MIN), ...steps]).card, 'investigation');
  const rc = (t: number, id: string): [number, TeamInput] => [t, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: id }];

  it('each cause counts for its share; naming only one is not "met"', () => {
    const one = inv([rc(3 * HOUR, 'provider-outage')]);
    const both = inv([rc(3 * HOUR, 'provider-outage'), rc(3 * HOUR + MIN, 'disk-full')]);
    expect(both.score - one.score).toBe(30);
    expect(one.verdict.status).toBe('missed');
    expect(both.verdict.status).toBe('met');
    expect(dimensionText(scenario, one)).toContain('1 of the 2 root causes declared');
    expect(dimensionText(scenario, both, wordsFor('fr'))).toContain('2 des 2 causes racines déclarées');
  });

  it('a wrong cause still costs 20, and declaring every cause in the list is not free', () => {
    const both = inv([rc(3 * HOUR, 'provider-outage'), rc(3 * HOUR + MIN, 'disk-full')]);
    const shotgun = inv([rc(3 * HOUR, 'model-regression'), rc(3 * HOUR + MIN, 'provider-outage'), rc(3 * HOUR + 2 * MIN, 'disk-full')]);
    expect(both.score - shotgun.score).toBe(20);
    expect(shotgun.verdict.status).toBe('missed');
  });
});
