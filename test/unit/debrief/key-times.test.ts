import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { keyTimes, keyTimeRows } from '../../../shared/debrief/key-times.ts';
import { biasTeam, miniTeam, HOUR, MIN } from './teams.ts';

function replay(team: ReturnType<typeof miniTeam>) {
  const run = ExerciseRun.replay(team.scenario, team.journal.header.seed, team.journal.entries);
  run.runToEnd();
  return { run, card: scoreFinishedRun(run) };
}

const at = (model: ReturnType<typeof keyTimes>, id: string) => model.times.find((x) => x.id === id)!.t;
const metric = (model: ReturnType<typeof keyTimes>, id: string) => model.metrics.find((x) => x.id === id)!;

describe('mini: score card and key times', () => {
  const team = miniTeam();
  const { run, card } = replay(team);
  const kt = keyTimes(team.scenario, card, run.context);

  it('scores each dimension as worked out from the rubric', () => {
    // detection: declared 70m, fault 60m, the alert (the first real signal) at 60m → MTTD 10m ≤ 1h → 100.
    // triage: 10m after declaring (≤ 15m), Sev 2 and type right → 40 + 30 + 30 = 100.
    // containment: rollback-prompt at 3h30m takes 10m → contained 3h40m; MTTC = 3h40m − 1h10m = 150m
    //   vs 60m → time score 100·(1 − 90/180) = 50 → 20. Harm: bad answers 100/h for 2h40m = 266.67
    //   (do nothing 900; best = every containment at the 60m alert: the kill switch acts at once → 0);
    //   leaks at fault ages 30m and 2h count, 5h not → 2 (do nothing 3, best 0). Avoided share
    //   ((900−266.67)/900 + 1/3)/2 = 0.51852 → 45·0.51852 = 23.33. No costs (the best response's
    //   kill switch would cost $9,000) → 15. Rollback-model is harmful → −15. 20 + 23.33 + 15 − 15 → 43.
    // investigation: diff-prompts started after the alert and found, root cause right → 40 + 60 = 100.
    // communication: client due 70m + 2h = 3h10m, sent 4h with 2 of 5 elements → late 0.3 + 0.2·0.4 =
    //   0.38 → 22.8; status gaps 70m→2h (50m) and 2h→5h (3h) against 1h → 3× → cadence 0. → 23.
    // documentation: logs preserved 88m before the first change (90m) → 60; 1 of 3 roles → 13.3 → 73.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 100,
      containment: 43,
      investigation: 100,
      communication: 23,
      documentation: 73,
    });
    // (100·20 + 100·15 + 43·25 + 100·10 + 23·20 + 73·10) / 100 = 67.65
    expect(card.overall).toBe(68);
    expect(card.harm.actual['bad-answers']).toBeCloseTo(800 / 3, 9);
    expect(card.harm.actual.leaks).toBe(2);
    expect(card.harm.best).toEqual({ 'bad-answers': 0, leaks: 0 });
    expect(card.harm.bestCosts.revenueLost).toBeCloseTo(9000, 6);
    expect(card.harm.doNothing).toEqual({ 'bad-answers': 900, leaks: 3 });
  });

  it('lists the key moments', () => {
    expect(at(kt, 'fault')).toBe(60 * MIN);
    expect(at(kt, 'first-signal')).toBe(60 * MIN);
    expect(at(kt, 'detection')).toBe(70 * MIN);
    expect(at(kt, 'triage')).toBe(80 * MIN);
    expect(at(kt, 'containment-decision')).toBe(90 * MIN);
    expect(at(kt, 'containment')).toBe(220 * MIN);
    expect(at(kt, 'recovered')).toBe(220 * MIN);
    expect(at(kt, 'notify:client')).toBe(4 * HOUR);
    expect(at(kt, 'deadline:client')).toBe(190 * MIN);
    expect(at(kt, 'resolution')).toBe(5 * HOUR);
    expect(at(kt, 'end')).toBe(5 * HOUR);
    expect(kt.times.find((x) => x.id === 'detection')!.wall).toBe('Mon 05 Jan 10:10');
  });

  it('measures MTTD, triage, MTTC and notification times against targets', () => {
    expect(metric(kt, 'mttd')).toMatchObject({ value: 10 * MIN, target: HOUR, verdict: expect.objectContaining({ status: 'met' }) });
    expect(metric(kt, 'triage')).toMatchObject({ value: 10 * MIN, target: 15 * MIN, verdict: expect.objectContaining({ status: 'met' }) });
    expect(metric(kt, 'mttc')).toMatchObject({ value: 150 * MIN, target: HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 170 * MIN, target: 2 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
  });

  it('gives chart rows in time order with hours', () => {
    const rows = keyTimeRows(kt);
    expect(rows.map((r) => r.t)).toEqual([...rows.map((r) => r.t)].sort((a, b) => a - b));
    expect(rows.find((r) => r.id === 'containment')!.hours).toBeCloseTo(220 / 60, 9);
  });
});

describe('silent-bias-drift: score card and key times', () => {
  const team = biasTeam();
  const { run, card } = replay(team);
  const kt = keyTimes(team.scenario, card, run.context);

  it('scores each dimension as worked out from the rubric', () => {
    // detection: 7h05m − fault 30m = 6h35m ≤ 7h → 100. triage: 10m ≤ 30m, both right → 100.
    // containment: manual review decided 8h50m, in effect 9h50m (fault age 9h20m = 560m):
    //   harm = 115·560/690 + 0.1·(340 − 93.33) = 118 (do nothing 340). Best: every containment at the
    //   08:36 ticket (the first real signal), the pipeline fix after its 30m finding → 3.5. MTTC
    //   2h45m vs 2h → 100·(1 − 45/360) = 87.5 → 88 → 35.2. Avoided (340−118)/(340−3.5) = 0.65973 →
    //   29.69. Costs: manual review ($2,400/h, 60 users) from 9h50m to the 52h30m horizon (never
    //   fixed) = $102,400 and 2,560 user-hours, 4.05% of the best response's → 15·0.9595 = 14.39.
    //   Rollback is harmful → −15. 35.2 + 29.69 + 14.39 − 15 = 64.28 → 64.
    // investigation: 1 of 3 relevant findings → 13.3, root cause right → 60 → 73.
    // communication: internal met with every element (1), client late with 3 of 5 (0.3 + 0.2·0.6 =
    //   0.42), regulator and users not yet due (open) → 60·0.71 = 42.6; status gaps from 7h05m: 25m,
    //   then 5h50m to the end against 1h → cadence 0 → 43.
    // documentation: 1 of 4 evidence before the first change → 15; 2 of 4 roles → 20 → 35.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 100,
      containment: 64,
      investigation: 73,
      communication: 43,
      documentation: 35,
    });
    // (100·20 + 100·10 + 64·25 + 73·20 + 43·15 + 35·10) / 100 = 70.55
    expect(card.overall).toBe(71);
    expect(card.harm.actual['wrongful-denials']).toBeCloseTo(118, 9);
    expect(card.harm.best['wrongful-denials']).toBeCloseTo(3.5, 9);
    expect(card.harm.doNothing['wrongful-denials']).toBeCloseTo(340, 9);
    // manual review $2,400/h from 9h50m to the horizon: resolving without a fix does not lift it.
    expect(card.harm.costs.revenueLost).toBeCloseTo(2400 * (52.5 - 9 - 50 / 60), 6);
  });

  it('lists the key moments and deadlines', () => {
    expect(at(kt, 'fault')).toBe(30 * MIN);
    expect(at(kt, 'first-signal')).toBe(36 * MIN);
    expect(kt.times.find((x) => x.id === 'first-signal')!.detail).toMatch(/CHG0020417 closed/);
    expect(at(kt, 'detection')).toBe(7 * HOUR + 5 * MIN);
    expect(at(kt, 'triage')).toBe(7 * HOUR + 15 * MIN);
    expect(at(kt, 'containment-decision')).toBe(7 * HOUR + 50 * MIN);
    expect(at(kt, 'containment')).toBe(9 * HOUR + 50 * MIN);
    expect(at(kt, 'recovered')).toBeNull();
    expect(at(kt, 'deadline:internal')).toBe(8 * HOUR + 5 * MIN);
    expect(at(kt, 'deadline:client')).toBe(11 * HOUR + 5 * MIN);
    expect(at(kt, 'deadline:regulator')).toBe(79 * HOUR + 5 * MIN);
    expect(at(kt, 'deadline:affected_users')).toBe(30 * 24 * HOUR + 7 * HOUR + 5 * MIN);
    expect(at(kt, 'notify:regulator')).toBeNull();
    expect(at(kt, 'resolution')).toBe(13 * HOUR + 20 * MIN);
    expect(kt.times.find((x) => x.id === 'deadline:regulator')!.wall).toBe('Thu 12 Mar 15:05');
  });

  it('measures the metrics against targets', () => {
    expect(metric(kt, 'mttd')).toMatchObject({ value: 6 * HOUR + 35 * MIN, target: 7 * HOUR, verdict: expect.objectContaining({ status: 'met' }) });
    expect(metric(kt, 'mttc')).toMatchObject({ value: 2 * HOUR + 45 * MIN, target: 2 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(metric(kt, 'notify:internal')).toMatchObject({ value: 25 * MIN, verdict: expect.objectContaining({ status: 'met' }) });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 4 * HOUR + 45 * MIN, target: 4 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(kt.times.find((x) => x.id === 'deadline:regulator')!.detail).toBe('open');
    // Key times show the card's own verdict on each obligation (never a second judgement).
    expect(metric(kt, 'notify:regulator')).toMatchObject({ value: null, target: 72 * HOUR });
    expect(metric(kt, 'notify:regulator').verdict).toBe(card.notifications.find((n) => n.audience === 'regulator')!.verdict);
  });
});
