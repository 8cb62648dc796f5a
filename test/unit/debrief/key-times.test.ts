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
    // detection: declared 70m, fault 60m → MTTD 10m ≤ 1h → 100.
    // triage: 10m after declaring (≤ 15m), Sev 2 and type right → 40 + 30 + 30 = 100.
    // containment: rollback-prompt at 3h30m takes 10m → contained 3h40m; MTTC = 3h40m − 1h10m = 150m
    //   vs 60m → time score 100·(1 − 90/180) = 50. Harm: bad answers 100/h for 2h40m = 266.67 (do
    //   nothing 900; best = rollback-prompt at the 60m alert, in effect 70m → 16.67); leaks at fault
    //   ages 30m and 2h count, 5h not → 2 (do nothing 3, best 0). Reduction ((900−266.67)/883.33 +
    //   1/3)/2 = 0.52516 → 15.75. 0.4·50 + 30 + 15.75 − 15 (rollback-model harmful) = 50.75 → 51.
    // investigation: diff-prompts found, root cause right → 40 + 60 = 100.
    // communication: client due 70m + 2h = 3h10m, sent 4h → half; status windows from 70m every
    //   1h to 5h: 70,130,190,250 → 4, one covered (120m) → 60·0.5 + 40·0.25 = 40.
    // documentation: logs preserved 88m before the first change (90m) → 60; 1 of 3 roles → 13.3 → 73.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 100,
      containment: 51,
      investigation: 100,
      communication: 40,
      documentation: 73,
    });
    // (100·20 + 100·15 + 51·25 + 100·10 + 40·20 + 73·10) / 100 = 73.05
    expect(card.overall).toBe(73);
    expect(card.harm.actual['bad-answers']).toBeCloseTo(800 / 3, 9);
    expect(card.harm.actual.leaks).toBe(2);
    expect(card.harm.best['bad-answers']).toBeCloseTo(50 / 3, 9);
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
    expect(metric(kt, 'mttd')).toMatchObject({ value: 10 * MIN, target: HOUR, met: true });
    expect(metric(kt, 'triage')).toMatchObject({ value: 10 * MIN, target: 15 * MIN, met: true });
    expect(metric(kt, 'mttc')).toMatchObject({ value: 150 * MIN, target: HOUR, met: false });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 170 * MIN, target: 2 * HOUR, met: false });
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
    //   harm = 115·560/690 + 0.1·(340 − 93.33) = 118 (do nothing 340). Best: the fix needs the
    //   feature-drift finding, so the best team starts that 30m report at the 08:36 ticket (the first
    //   signal that is not a red herring) and fixes at 09:06, in effect 09:51 = fault age 81m →
    //   115·81/690 = 13.5. MTTC 2h45m vs 2h → 100·(1 − 45/360) = 87.5 → 88. Reduction
    //   (340−118)/(340−13.5) = 0.67994 → 20.40. 0.4·88 + 30 + 20.40 − 15 (rollback) = 70.6 → 71.
    // investigation: 1 of 3 relevant findings → 13.3, root cause right → 60 → 73.
    // communication: internal met, client late (0.5), regulator and users never → 0.375·60 = 22.5;
    //   1h windows from 7h05m to 13h20m → 7, one covered → 5.71 → 28.
    // documentation: 1 of 4 evidence before the first change → 15; 2 of 4 roles → 20 → 35.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 100,
      containment: 71,
      investigation: 73,
      communication: 28,
      documentation: 35,
    });
    // (100·20 + 100·10 + 71·25 + 73·20 + 28·15 + 35·10) / 100 = 70.05
    expect(card.overall).toBe(70);
    expect(card.harm.actual['wrongful-denials']).toBeCloseTo(118, 9);
    expect(card.harm.best['wrongful-denials']).toBeCloseTo(13.5, 9);
    expect(card.harm.doNothing['wrongful-denials']).toBeCloseTo(340, 9);
    // manual review $2,400/h from 9h50m to 13h20m = 3.5h
    expect(card.harm.costs.revenueLost).toBeCloseTo(8400, 6);
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
    expect(metric(kt, 'mttd')).toMatchObject({ value: 6 * HOUR + 35 * MIN, target: 7 * HOUR, met: true });
    expect(metric(kt, 'mttc')).toMatchObject({ value: 2 * HOUR + 45 * MIN, target: 2 * HOUR, met: false });
    expect(metric(kt, 'notify:internal')).toMatchObject({ value: 25 * MIN, met: true });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 4 * HOUR + 45 * MIN, target: 4 * HOUR, met: false });
    expect(metric(kt, 'notify:regulator')).toMatchObject({ value: null, target: 72 * HOUR, met: false });
  });
});
