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
    // triage: 20m after the first real signal (60m), where time to triage now starts (definition
    //   triage), vs 15m → time 36 of 40; Sev 2 and type right → 36 + 30 + 30 = 96.
    // containment: rollback-prompt at 3h30m takes 10m → contained 3h40m; MTTC from the first real
    //   signal (definition mttc) = 3h40m − 1h = 160m vs 60m → 100·(1 − 100/180) = 44.4 → 17.8. Harm: bad answers 100/h for 2h40m = 266.67
    //   (do nothing 900; best = every containment at the 60m alert: the kill switch acts at once → 0);
    //   leaks at fault ages 30m and 2h count, 5h not → 2 (do nothing 3, best 0). Avoided share
    //   ((900−266.67)/900 + 1/3)/2 = 0.51852 → 45·0.51852 = 23.33. No costs (the best response is the
    //   rubric's prompt rollback, which costs nothing: definition best_achievable) → 15. Rollback-model
    //   is harmful → −30 (#17: 30 per harmful containment, no longer a flat 15). 17.8 + 23.33 + 15 − 30 → 26.
    // investigation: diff-prompts started after the alert and found, root cause right → 40 + 60 = 100.
    // communication: client due 60m (first real signal, definition notification) + 2h = 3h, sent 4h with 2 of 5 elements → late 0.3 + 0.2·0.4 =
    //   0.38 → 22.8; status gaps 70m→2h (50m) and 2h→3h40m (100m: updates are owed until contained
    //   for good, definition cadence, whenever the exercise ends) against 1h → 1.67× → 40·0.333 = 13.3 → 36.
    //   #17 (cadence window counted from detection): the window is the incident's length from the
    //   first real signal (60m → 3h40m) counted from detection (70m), so it ends at 3h50m; the last
    //   gap 2h→3h50m is 110m → 1.83× → 40·0.167 = 6.7 → 22.8 + 6.7 = 29.5 → 29.
    // documentation: logs preserved 88m before the first change (90m) → 60; 1 of 3 roles → 13.3 → 73.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 96,
      containment: 26,
      investigation: 100,
      communication: 29,
      documentation: 73,
    });
    // (100·20 + 96·15 + 26·25 + 100·10 + 29·20 + 73·10) / 100 = 64
    expect(card.overall).toBe(64);
    expect(card.harm.actual['bad-answers']).toBeCloseTo(800 / 3, 9);
    expect(card.harm.actual.leaks).toBe(2);
    expect(card.harm.best).toEqual({ 'bad-answers': 0, leaks: 0 });
    // The reference costs are the rubric's best response's (the prompt rollback: free), definition best_achievable.
    expect(card.harm.bestCosts.revenueLost).toBeCloseTo(0, 6);
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
    // 2h from the first real signal (60m), not from declaring (definition notification).
    expect(at(kt, 'deadline:client')).toBe(180 * MIN);
    expect(at(kt, 'resolution')).toBe(5 * HOUR);
    expect(at(kt, 'end')).toBe(5 * HOUR);
    expect(kt.times.find((x) => x.id === 'detection')!.wall).toBe('Mon 05 Jan 10:10');
  });

  it('measures MTTD, triage, MTTC and notification times against targets', () => {
    expect(metric(kt, 'mttd')).toMatchObject({ value: 10 * MIN, target: HOUR, verdict: expect.objectContaining({ status: 'met' }) });
    // Time to triage and MTTC run from the first real signal at 60m (definitions triage, mttc), not
    // from declaring at 70m; the client's deadline too, so time to notify is 4h − 1h.
    expect(metric(kt, 'triage')).toMatchObject({ value: 20 * MIN, target: 15 * MIN, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(metric(kt, 'mttc')).toMatchObject({ value: 160 * MIN, target: HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 180 * MIN, target: 2 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
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
    // The 08:36 change ticket shows no fault (inject `shows`, definition real_signal): the first real
    // signal is the fairness monitor's warning at 7h32m (the 24h rolling ratio passes 0.80 on seed 1).
    // detection: 7h52m − fault 30m = 7h22m ≤ 8h30m → 100. triage: 30m after the first real signal ≤ 30m,
    //   both right → 100.
    // containment: manual review decided 9h37m, in effect 10h37m (fault age 10h07m = 607m):
    //   harm = 115·607/690 + 0.1·(340 − 101.17) = 125.05 (do nothing 340). Best: the rubric's best
    //   response (the pipeline fix) from the first real signal at 7h32m → 72.83 (definition
    //   best_achievable). MTTC from the first real signal 3h05m vs 2h → 100·(1 − 65/360) = 81.9 → 32.78.
    //   Avoided (340−125.05)/(340−72.83) = 0.8046 → 36.21. Costs: manual review ($2,400/h, 60 users)
    //   from 10h37m to the 52h30m horizon (never fixed) = $100,520 and 2,513 user-hours against the
    //   best response's $0 (twice it or more) → 0. Rollback is harmful → −30 (#17: 30 per harmful
    //   containment). 32.78 + 36.21 + 0 − 30 = 39.0 → 39.
    // investigation: 1 of 3 relevant findings → 13.3, root cause right → 60 → 73.
    // communication: deadlines from the first real signal (7h32m); internal met with every element
    //   (1), client late with 3 of 5 (0.3 + 0.2·0.6 = 0.42), regulator and users not yet due and no
    //   dated plan recorded → missed (definition open_obligation) → 60·1.42/4 = 21.3; status gaps:
    //   5h50m to the end against 1h → cadence 0 → 21.
    // documentation: 1 of 4 evidence before the first change → 15; 2 of 4 roles → 20 → 35.
    expect(Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score]))).toEqual({
      detection: 100,
      triage: 100,
      containment: 39,
      investigation: 73,
      communication: 21,
      documentation: 35,
    });
    // (100·20 + 100·10 + 39·25 + 73·20 + 21·15 + 35·10) / 100 = 61
    expect(card.overall).toBe(61);
    expect(card.harm.actual['wrongful-denials']).toBeCloseTo(115 * (607 / 690) + 0.1 * (340 - (115 * 607) / 690), 9);
    // The rubric's best response from the first real signal at 7h32m (definition best_achievable).
    expect(card.harm.best['wrongful-denials']).toBeCloseTo(72 + 5 / 6, 9);
    expect(card.harm.doNothing['wrongful-denials']).toBeCloseTo(340, 9);
    // manual review $2,400/h from 10h37m to the horizon: resolving without a fix does not lift it.
    expect(card.harm.costs.revenueLost).toBeCloseTo(2400 * (52.5 - 10 - 37 / 60), 6);
  });

  it('lists the key moments and deadlines', () => {
    expect(at(kt, 'fault')).toBe(30 * MIN);
    // The 08:36 change ticket shows no fault (inject `shows`): the fairness warning is the first real signal.
    expect(at(kt, 'first-signal')).toBe(7 * HOUR + 32 * MIN);
    expect(kt.times.find((x) => x.id === 'first-signal')!.detail).toMatch(/adverse impact ratio \(age 21-25\) below 0.80/);
    expect(at(kt, 'detection')).toBe(7 * HOUR + 52 * MIN);
    expect(at(kt, 'triage')).toBe(8 * HOUR + 2 * MIN);
    expect(at(kt, 'containment-decision')).toBe(8 * HOUR + 37 * MIN);
    expect(at(kt, 'containment')).toBe(10 * HOUR + 37 * MIN);
    expect(at(kt, 'recovered')).toBeNull();
    // Deadlines run from the first real signal at 7h32m, not from declaring at 7h52m (definition notification).
    expect(at(kt, 'deadline:internal')).toBe(8 * HOUR + 32 * MIN);
    expect(at(kt, 'deadline:client')).toBe(11 * HOUR + 32 * MIN);
    expect(at(kt, 'deadline:regulator')).toBe(79 * HOUR + 32 * MIN);
    expect(at(kt, 'deadline:affected_users')).toBe(30 * 24 * HOUR + 7 * HOUR + 32 * MIN);
    expect(at(kt, 'notify:regulator')).toBeNull();
    expect(at(kt, 'resolution')).toBe(14 * HOUR + 7 * MIN);
    expect(kt.times.find((x) => x.id === 'deadline:regulator')!.wall).toBe('Thu 12 Mar 15:32');
  });

  it('measures the metrics against targets', () => {
    expect(metric(kt, 'mttd')).toMatchObject({ value: 7 * HOUR + 22 * MIN, target: 8 * HOUR + 30 * MIN, verdict: expect.objectContaining({ status: 'met' }) });
    // MTTC, time to notify: from the first real signal at 7h32m (definitions mttc, notification).
    expect(metric(kt, 'mttc')).toMatchObject({ value: 3 * HOUR + 5 * MIN, target: 2 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    expect(metric(kt, 'notify:internal')).toMatchObject({ value: 45 * MIN, verdict: expect.objectContaining({ status: 'met' }) });
    expect(metric(kt, 'notify:client')).toMatchObject({ value: 5 * HOUR + 5 * MIN, target: 4 * HOUR, verdict: expect.objectContaining({ status: 'missed' }) });
    // Not yet due at the end and no dated plan recorded: missed, not open (definition open_obligation).
    expect(kt.times.find((x) => x.id === 'deadline:regulator')!.detail).toBe('missed');
    // Key times show the card's own verdict on each obligation (never a second judgement).
    expect(metric(kt, 'notify:regulator')).toMatchObject({ value: null, target: 72 * HOUR });
    expect(metric(kt, 'notify:regulator').verdict).toBe(card.notifications.find((n) => n.audience === 'regulator')!.verdict);
  });
});
