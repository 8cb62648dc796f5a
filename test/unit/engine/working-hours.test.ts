/**
 * Working hours (#17) on test/fixtures/working-hours.yaml: harm that grows only while the branches
 * are open (450 wrongful declines by the horizon across a weekend and a bank holiday), a support
 * schedule kept in New York across its daylight-saving change (6,590 misrouted chats), traffic-driven
 * metrics, a containment target counted in working hours, and the same schedule for business-hours
 * deadlines. Figures are worked out in the fixture's header.
 */
import fc from 'fast-check';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { deadlineAfter } from '../../../shared/engine/business-time.ts';
import { isoDateOf, scheduleOf, weekdayOf } from '../../../shared/engine/working-hours.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { dimensionText } from '../../../shared/scoring/wording.ts';
import { keyTimes } from '../../../shared/debrief/key-times.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { wordsFor } from '../../../shared/i18n/words.ts';
import { HOUR, MIN, loadFile } from '../../helpers.ts';
import { dimensionOf, playSteps } from '../../run-harness.ts';

const DAY = 24 * HOUR;
const { scenario, source } = loadFile('test/fixtures/working-hours.yaml');
/** Sim time of a wall-clock moment in the fixture (T+0 = Fri 06 Mar 2026 14:00). */
const at = (day: number, hh: number, mm = 0) => (day - 6) * DAY + (hh - 14) * HOUR + mm * MIN;

const play = (steps: [number, TeamInput][]) => playSteps(scenario, steps);
const dim = dimensionOf;
const declareAndContain = (t: number, id = 'rollback'): [number, TeamInput][] => [
  [t, { type: 'ACKNOWLEDGE' }],
  [t, { type: 'TRIAGE', severity: 2, incidentType: 'bias_fairness' }],
  [t, { type: 'CONTAIN', containmentId: id }],
];

describe('calendar arithmetic without Date', () => {
  it('weekday and ISO date agree with the runtime calendar over five centuries', () => {
    for (let d = -120_000; d < 120_000; d += 97) {
      const w = d * DAY + 7 * HOUR;
      const date = new Date(w);
      expect(isoDateOf(w)).toBe(date.toISOString().slice(0, 10));
      expect(weekdayOf(w)).toBe(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][date.getUTCDay()]);
    }
  });
});

describe('harm at a rate during working hours (harm[].rate)', () => {
  it('grows only while the branches are open: nothing over the weekend or on the bank holiday', () => {
    const run = new ExerciseRun(scenario, 1);
    run.runToEnd();
    const h = (t: number) => run.harmAt(t)['wrong-declines']!;
    expect(h(at(6, 17))).toBeCloseTo(60, 9); // Fri 15:00-17:00
    expect(h(at(7, 12))).toBeCloseTo(60, 9); // Saturday
    expect(h(at(9, 12))).toBeCloseTo(60, 9); // Monday: the bank holiday
    expect(h(at(10, 9))).toBeCloseTo(60, 9); // Tuesday, opening
    expect(h(at(10, 10))).toBeCloseTo(90, 9);
    expect(run.harmAt(run.horizon)).toEqual({ 'wrong-declines': 450, 'misrouted-chats': 6590 });
  });

  it("follows a schedule kept in another zone across that zone's daylight-saving change", () => {
    // New York opens at 08:00: 13:00 in London until Saturday, 12:00 from Sunday 8 March (US summer time).
    const run = new ExerciseRun(scenario, 1);
    run.runToEnd();
    const chats = (a: number, b: number) => run.harmAt(b)['misrouted-chats']! - run.harmAt(a)['misrouted-chats']!;
    expect(chats(at(7, 12), at(7, 13))).toBeCloseTo(10, 9); // Saturday 12:00-13:00: closed
    expect(chats(at(7, 13), at(7, 14))).toBeCloseTo(100, 9); // Saturday 13:00-14:00: open
    expect(chats(at(8, 12), at(8, 13))).toBeCloseTo(100, 9); // Sunday 12:00-13:00: open now
    expect(chats(at(9, 0), at(9, 1))).toBeCloseTo(10, 9); // closes at midnight London from Sunday
    expect(chats(at(9, 11), at(9, 13))).toBeCloseTo(110, 9); // open on the holiday too (holidays: false)
  });

  it('stops when the fault is fixed during closed hours, and resolving on a Saturday ends nothing early', () => {
    const { run } = play([...declareAndContain(at(7, 10)), [at(7, 11), { type: 'RESOLVE' }]]);
    expect(run.harmAt(run.horizon)['wrong-declines']).toBeCloseTo(60, 9);
    // Fri 15:00-Sat 01:00 open (1,000), Sat 01:00-10:30 closed (95).
    expect(run.harmAt(run.horizon)['misrouted-chats']).toBeCloseTo(1095, 9);
  });

  it('property: the total never depends on how the clock was stepped, and an hours-only rate is zero outside hours', () => {
    const whole = new ExerciseRun(scenario, 1);
    whole.runToEnd();
    const sch = scheduleOf(scenario);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 26 * 60 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }),
        (steps, probe) => {
          const run = new ExerciseRun(scenario, 1);
          let t = 0;
          for (const m of steps) {
            t = Math.min(run.horizon, t + m * MIN);
            run.advanceTo(t);
          }
          const p = Math.min(t, probe * MIN);
          expect(run.harmAt(p)).toEqual(whole.harmAt(p));
          // Between two moments, wrongful declines grow 30 per open hour and by nothing else.
          const a = Math.max(0, p - 7 * HOUR);
          const grew = whole.harmAt(p)['wrong-declines']! - whole.harmAt(a)['wrong-declines']!;
          const open = sch.openBetween(Math.max(a, HOUR), Math.max(p, HOUR));
          expect(grew).toBeCloseTo((30 * open) / HOUR, 9);
          if (open === 0) expect(grew).toBe(0);
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  }, 60_000);
});

describe('traffic-driven metrics (metrics[].hours)', () => {
  const series = (id: string, t: number) => {
    const run = new ExerciseRun(scenario, 1);
    run.runToEnd();
    const i = scenario.metrics.findIndex((m) => m.id === id);
    return run.metricWindow(t / MIN, t / MIN + 1)[i]![0];
  };
  it('no loan decisions while the branches are closed; chats at a tenth outside New York hours', () => {
    expect(series('decisions', at(6, 16))).toBe(120);
    expect(series('decisions', at(7, 10))).toBe(0); // Saturday
    expect(series('decisions', at(9, 10))).toBe(0); // the bank holiday
    expect(series('decisions', at(10, 10))).toBe(120);
    expect(series('chats', at(7, 12, 30))).toBe(30);
    expect(series('chats', at(8, 12, 30))).toBe(300); // after New York's clocks went forward
    // A share does not follow the traffic.
    expect(series('decline-rate', at(7, 10))).toBe(45);
  });
});

describe('a traffic-driven rolling figure (metrics[].hours with window)', () => {
  it('averages the open and closed hours exactly over its window', () => {
    const r = loadScenario(
      source.replace('hours: { outsideHours: 0 }, decimals: 0', 'hours: { outsideHours: 0 }, window: 24h, decimals: 2'),
      'working-hours.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const run = new ExerciseRun(r.scenario, 1);
    run.runToEnd();
    const i = r.scenario.metrics.findIndex((m) => m.id === 'decisions');
    const v = (t: number) => run.metricWindow(t / MIN, t / MIN + 1)[i]![0];
    expect(v(at(6, 17))).toBe(40); // Thu 17:00 to Fri 17:00: eight open hours of 24
    expect(v(at(7, 13))).toBe(20); // Fri 13:00 to Sat 13:00: Fri 13:00-17:00
    expect(v(at(7, 17))).toBe(0); // Fri 17:00 to Sat 17:00: closed throughout
  });
});

describe('targets counted in working hours (rubric.inWorkingHours)', () => {
  it('MTTD and time to triage are judged on working time too, and the reason says so', () => {
    const r = loadScenario(
      source
        .replace('  inWorkingHours: [mttc]\n', '  inWorkingHours: [mttd, triageWithin, mttc]\n')
        .replace('mttd: 1h', 'mttd: 2h')
        .replace('triageWithin: 30m', 'triageWithin: 2h'),
      'working-hours.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const run = new ExerciseRun(r.scenario, 1);
    // Acknowledged at Fri 23:00 (8h after the fault, 2h of it in branch hours), triaged Sat 09:00.
    run.advanceTo(at(6, 23));
    run.apply({ type: 'ACKNOWLEDGE' }, at(6, 23));
    run.advanceTo(at(7, 9));
    run.apply({ type: 'TRIAGE', severity: 2, incidentType: 'bias_fairness' }, at(7, 9));
    run.runToEnd();
    const card = scoreFinishedRun(run);
    expect(card.mttd).toBe(8 * HOUR);
    expect(card.verdicts.mttd.status).toBe('met');
    expect(card.verdicts.timeToTriage.status).toBe('met');
    expect(dimensionText(r.scenario, dim(card, 'detection'))).toContain('MTTD 8h (target 2h in working hours (Mon–Fri 09:00–17:00; 2h counted))');
    expect(dimensionText(r.scenario, dim(card, 'triage'))).toContain('(target 2h in working hours (Mon–Fri 09:00–17:00; 1h30m counted))');
    expect(dim(card, 'triage').definitions).toContain('working_hours');
  });

  it('contained on Saturday morning is 1h30m of branch hours after the alert: within 4, though 19h elapsed', () => {
    const { card } = play(declareAndContain(at(7, 10)));
    expect(card.mttc).toBe(19 * HOUR); // elapsed: Fri 15:30 to Sat 10:30, the rollback taking 30 minutes
    expect(card.verdicts.mttc.status).toBe('met');
    const c = dim(card, 'containment');
    expect(c.reasons.find((r) => r.code === 'containment.contained')!.params).toMatchObject({ working: 90 * MIN, target: 4 * HOUR });
    expect(c.definitions).toContain('working_hours');
    expect(c.reason).toContain('Definitions: MTTC, Containment credit, Containment value, Best achievable, Costs, Working hours.');
    expect(dimensionText(scenario, c)).toContain('MTTC 19h (target 4h in working hours (Mon–Fri 09:00–17:00; 1h30m counted))');
    expect(dimensionText(scenario, c, wordsFor('fr'))).toContain('4h en heures ouvrées');
    // The key times table says why 19h against 4h is met.
    const { run } = play(declareAndContain(at(7, 10)));
    const mttc = keyTimes(scenario, card, run.context).metrics.find((m) => m.id === 'mttc')!;
    expect(mttc).toMatchObject({ value: 19 * HOUR, target: 4 * HOUR, from: 'detection; the target counts working hours (Mon–Fri 09:00–17:00)' });
    expect(mttc.verdict.status).toBe('met');
  });

  it('contained on Tuesday noon is 4h30m of branch hours (the holiday does not count): over the target', () => {
    const late = play(declareAndContain(at(10, 11, 30))).card;
    expect(late.verdicts.mttc.status).toBe('missed');
    expect(dim(late, 'containment').reasons.find((r) => r.code === 'containment.contained')!.params).toMatchObject({ working: 270 * MIN });
    const early = play(declareAndContain(at(7, 10))).card;
    expect(dim(late, 'containment').score).toBeLessThan(dim(early, 'containment').score);
  });

  it('a scenario that does not count the target in working hours judges the elapsed time', () => {
    const r = loadScenario(source.replace('  inWorkingHours: [mttc]\n', ''), 'working-hours.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const run = new ExerciseRun(r.scenario, 1);
    for (const [t, input] of declareAndContain(at(7, 10))) {
      run.advanceTo(t);
      run.apply(input, t);
    }
    run.runToEnd();
    const card = scoreFinishedRun(run);
    expect(card.verdicts.mttc.status).toBe('missed');
    expect(dim(card, 'containment').definitions).not.toContain('working_hours');
  });

  it('is the same run, bit for bit, for the same inputs', () => {
    const a = play(declareAndContain(at(7, 10)));
    const b = play(declareAndContain(at(7, 10)));
    expect(JSON.stringify(b.card)).toBe(JSON.stringify(a.card));
  });
});

describe('one definition of working hours', () => {
  it('business-hours deadlines count the same hours: 4 business hours from Fri 15:30 is Tue 11:30 (the holiday skipped)', () => {
    expect(deadlineAfter(scenario, at(6, 15, 30), 4 * HOUR, 'business_hours')).toBe(at(10, 11, 30));
    // Longer opening hours move the deadline: Fri 15:30-18:00, then Tue 08:00-09:30.
    const r = loadScenario(source.replace("open: '09:00', close: '17:00'", "open: '08:00', close: '18:00'"), 'working-hours.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(deadlineAfter(r.scenario, at(6, 15, 30), 4 * HOUR, 'business_hours')).toBe(at(10, 9, 30));
  });
});

describe('schema: bad working hours say where and what', () => {
  const problems = (text: string) => {
    const r = loadScenario(text, 'working-hours.yaml');
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.problems.map((p) => `${p.line}:${p.path} ${p.message}`).join('\n');
  };
  it('closing before opening', () => {
    expect(problems(source.replace("open: '09:00', close: '17:00'", "open: '17:00', close: '09:00'"))).toMatch(
      /:clock\.workingHours\.close closes at 09:00, not after it opens at 17:00/,
    );
  });
  it('a time that is not a time of day', () => {
    expect(problems(source.replace("open: '08:00', close: '20:00'", "open: '8am', close: '20:00'"))).toMatch(
      /clock\.schedules\.us-support\.open use HH:MM between 00:00 and 24:00/,
    );
    expect(problems(source.replace("close: '17:00'", "close: '25:00'"))).toMatch(/clock\.workingHours\.close use HH:MM/);
  });
  it('a schedule that does not exist, a day that is not one, a zone without the scenario’s own', () => {
    expect(problems(source.replace('schedule: us-support }', 'schedule: us-suport }'))).toMatch(
      /no schedule "us-suport" in clock\.schedules \(there are: us-support\)/,
    );
    expect(problems(source.replace('days: [mon, tue, wed, thu, fri]', 'days: [mon, tue, wed, thu, fry]'))).toMatch(/clock\.workingHours\.days\.4/);
    expect(problems(source.replace('  timeZone: Europe/London\n', ''))).toMatch(/clock\.schedules\.us-support\.timeZone give the scenario clock its time zone/);
  });
});
