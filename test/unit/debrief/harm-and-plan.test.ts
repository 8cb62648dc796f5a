import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { harmCurve } from '../../../shared/debrief/harm-curve.ts';
import { addDays, exerciseDate, strengthsAndAreas, suggestedPlan } from '../../../shared/debrief/strengths.ts';
import { biasTeam, miniTeam, HOUR, MIN } from './teams.ts';

function replay(team: ReturnType<typeof miniTeam>) {
  const run = ExerciseRun.replay(team.scenario, team.journal.header.seed, team.journal.entries);
  run.runToEnd();
  return { run, card: scoreFinishedRun(run) };
}

describe('harm curve', () => {
  it('mini: samples every 15 minutes to the 10h horizon, against doing nothing', () => {
    const team = miniTeam();
    const { run } = replay(team);
    const curve = harmCurve(team.scenario, 1, run.context);
    expect(curve.points).toHaveLength(41); // 0, 15m, ..., 10h
    const at = (t: number) => curve.points.find((p) => p.t === t)!;
    // 2h: one hour of fault at 100/h; the first leak (fault age 30m = 1h30m) has happened.
    expect(at(2 * HOUR).actual['bad-answers']).toBeCloseTo(100, 9);
    expect(at(2 * HOUR).actual.leaks).toBe(1);
    // 4h: the prompt rollback stopped bad answers at 3h40m (160 minutes of fault): 266.67; doing
    // nothing: 300. Leaks at 1h30m and 3h both happened either way.
    expect(at(4 * HOUR).actual['bad-answers']).toBeCloseTo(800 / 3, 9);
    expect(at(4 * HOUR).doNothing['bad-answers']).toBeCloseTo(300, 9);
    expect(at(4 * HOUR).actual.leaks).toBe(2);
    expect(curve.final).toEqual({ actual: { 'bad-answers': expect.closeTo(800 / 3, 9), leaks: 2 }, doNothing: { 'bad-answers': 900, leaks: 3 } });
  });

  it('silent-bias-drift: marks the decisions, with the harm at each', () => {
    const team = biasTeam();
    const { run, card } = replay(team);
    const curve = harmCurve(team.scenario, 1, run.context);
    expect(curve.points).toHaveLength(211); // 52h30m / 15m = 210 steps, plus the start
    const at = (t: number) => curve.points.find((p) => p.t === t)!;
    // 6h30m = fault age 6h: 115 · 360/690 = 60 whatever the team did (nothing had taken effect).
    expect(at(6 * HOUR + 30 * MIN).actual['wrongful-denials']).toBeCloseTo(60, 9);
    expect(at(6 * HOUR + 30 * MIN).doNothing['wrongful-denials']).toBeCloseTo(60, 9);
    // 20h = fault age 19h30m: doing nothing 115 + 30 · 480/720 = 135; the run (manual review in
    // effect at fault age 10h07m) 101.17 + 0.1 · 33.83 = 104.55.
    expect(at(20 * HOUR).doNothing['wrongful-denials']).toBeCloseTo(135, 9);
    expect(at(20 * HOUR).actual['wrongful-denials']).toBeCloseTo(104.55, 9);
    expect(curve.final.actual['wrongful-denials']).toBeCloseTo(card.harm.actual['wrongful-denials']!, 9);

    const contain = curve.markers.filter((m) => m.type === 'CONTAIN');
    expect(contain.map((m) => m.t)).toEqual([8 * HOUR + 37 * MIN, 9 * HOUR + 37 * MIN]);
    // rollback decided at fault age 8h07m: 115 · 487/690 = 81.17
    expect(contain[0]!.harm['wrongful-denials']).toBeCloseTo((115 * 487) / 690, 9);
    expect(curve.markers.filter((m) => m.type === 'EFFECT').map((m) => m.t)).toEqual([9 * HOUR + 7 * MIN, 10 * HOUR + 37 * MIN]);
    expect(curve.markers.map((m) => m.t)).toEqual([...curve.markers.map((m) => m.t)].sort((a, b) => a - b));
  });
});

describe('strengths, areas and the suggested plan', () => {
  const team = biasTeam();
  const { run, card } = replay(team);

  it('splits the dimensions by target met, with the reasons', () => {
    const sa = strengthsAndAreas(team.scenario, card);
    expect(sa.strengths.map((x) => x.dimension)).toEqual(['detection', 'triage', 'investigation']);
    expect(sa.areas.map((x) => x.dimension)).toEqual(['containment', 'communication', 'documentation']);
    expect(sa.areas[0]!.reason).toMatch(/^Contained at T\+10h37m \(Mon 09 Mar 18:37\)/);
  });

  it('suggests actions for each missed dimension, due 30 days after the exercise, with no owner', () => {
    const plan = suggestedPlan(team.scenario, card, run.context, '2026-05-04');
    expect(plan.every((x) => x.owner === '' && x.due === '2026-06-03' && x.status === 'open')).toBe(true);
    expect(plan.map((x) => x.capability)).toEqual([
      'Containment',
      'Containment',
      // The regulator (72h) and affected users (30d) were not yet due at the 22:07 resolve, but no
      // dated plan was recorded: missed, not open (definition open_obligation), so each gets a
      // template action with the client's instead of an 'Open obligation' line at the end.
      'Communication and notification',
      'Communication and notification',
      'Communication and notification',
      'Communication and notification',
      'Documentation and evidence',
      'Documentation and evidence',
      // Structural (#19): contained after the MTTC target, so the kill switch must be quicker.
      'Containment',
    ]);
    expect(plan.at(-1)!.text).toMatch(/^Kill switch: make “.+” one step .* within 2h \(this time: 3h5m\)\.$/);
    expect(plan[3]!.text).toMatch(/^Prepare a notification template and owner for the regulator \(deadline 3d from the first real signal\)/);
    expect(plan.some((x) => x.text.startsWith('Open obligation:'))).toBe(false);
    expect(plan[0]!.text).toContain('“Roll back the model to credit-risk v7.2” does not contain');
    // MTTC runs from the first real signal (15:32), not from declaring (definition mttc).
    expect(plan[1]!.text).toContain('contained 3h5m after the first real signal; target 2h');
    expect(plan.map((x) => x.text)).toContain('Assign communications lead and scribe at the start of every incident.');
    expect(new Set(plan.map((x) => x.id)).size).toBe(plan.length);
  });

  it('dates the exercise by when it ran, or by the scenario when the journal has no date', () => {
    expect(exerciseDate('2026-05-04T23:30:00.000Z', team.scenario)).toBe('2026-05-04');
    expect(exerciseDate(new Date(0).toISOString(), team.scenario)).toBe('2026-03-09');
    expect(addDays('2026-03-09', 30)).toBe('2026-04-08');
    expect(addDays('2024-02-15', 30)).toBe('2024-03-16');
  });
});
