/**
 * History aggregates on a hand-made fixture: two teams, three quarters. Every expected figure
 * below is worked out by hand from the fixture table in the comment, not by the code under test.
 *
 *  id  team   date        sev  mttd  mttc  notify  score  status     targets mttd/mttc  notifyMet plan
 *  a1  Blue   2026-01-15   2    60    90    30      55    finished   60/60              false     2 open
 *  a2  Blue   2026-02-20   1    30    20    10      80    finished   60/30              true      1 open 1 closed
 *  a3  Blue   2026-05-10   2    40    50    20      70    finished   60/60              true      -
 *  a4  Blue   2026-08-01   2    20    null  15      65    finished   60/60              true      3 closed
 *  b1  Red    2026-01-30   1   120    60    90      40    finished   60/30              false     -
 *  b2  Red    2026-04-02   1    90    null  null    -     running    -                  -         -
 *  b3  Red    2026-07-07   2    50    70    40      60    abandoned  60/60              false     -
 *  (times in minutes)
 */
import type { ExerciseMeta, ExerciseOutcome } from '../../../shared/contract/api.ts';
import { aggregate, filterRows, quarterOf, rowsToCsv, sortRows, toRow, trendsByQuarter } from '../../../shared/history/metrics.ts';

const M = 60_000;
function ex(
  id: string,
  team: string,
  date: string,
  status: ExerciseMeta['status'],
  o: (Partial<ExerciseOutcome> & { sev?: number; t?: [number, number] }) | null,
  plan?: ExerciseMeta['plan'],
): ExerciseMeta {
  return {
    id,
    createdAt: `${date}T10:00:00.000Z`,
    updatedAt: `${date}T12:00:00.000Z`,
    status,
    scenarioId: id.startsWith('a') ? 'silent-bias-drift' : 'stale-pricing-data',
    scenarioVersion: 1,
    scenarioTitle: id.startsWith('a') ? 'Silent bias drift' : 'Stale pricing data',
    seed: 1,
    team,
    participants: [],
    mode: 'facilitated',
    speed: 60,
    lastT: 600 * M,
    entryCount: 10,
    plan,
    outcome: o && {
      overall: o.overall ?? 0,
      mttd: o.mttd ?? null,
      mttc: o.mttc ?? null,
      timeToNotify: o.timeToNotify ?? null,
      severityCorrect: true,
      severity: o.sev ?? 2,
      dimensions: {},
      targetsMet: {},
      harm: {},
      targets: { mttd: (o.t?.[0] ?? 60) * M, mttc: (o.t?.[1] ?? 60) * M },
      notifyMet: o.notifyMet ?? null,
    },
  };
}

const fixture: ExerciseMeta[] = [
  ex(
    'a1',
    'Blue',
    '2026-01-15',
    'finished',
    { sev: 2, mttd: 60 * M, mttc: 90 * M, timeToNotify: 30 * M, overall: 55, notifyMet: false },
    { open: 2, closed: 0 },
  ),
  ex(
    'a2',
    'Blue',
    '2026-02-20',
    'finished',
    { sev: 1, mttd: 30 * M, mttc: 20 * M, timeToNotify: 10 * M, overall: 80, notifyMet: true, t: [60, 30] },
    { open: 1, closed: 1 },
  ),
  ex('a3', 'Blue', '2026-05-10', 'finished', { sev: 2, mttd: 40 * M, mttc: 50 * M, timeToNotify: 20 * M, overall: 70, notifyMet: true }),
  ex('a4', 'Blue', '2026-08-01', 'finished', { sev: 2, mttd: 20 * M, mttc: null, timeToNotify: 15 * M, overall: 65, notifyMet: true }, { open: 0, closed: 3 }),
  ex('b1', 'Red', '2026-01-30', 'finished', { sev: 1, mttd: 120 * M, mttc: 60 * M, timeToNotify: 90 * M, overall: 40, notifyMet: false, t: [60, 30] }),
  ex('b2', 'Red', '2026-04-02', 'running', null),
  ex('b3', 'Red', '2026-07-07', 'abandoned', { sev: 2, mttd: 50 * M, mttc: 70 * M, timeToNotify: 40 * M, overall: 60, notifyMet: false }),
];

describe('aggregate', () => {
  const a = aggregate(fixture.map(toRow));
  it('counts all exercises and measures only the finished ones', () => {
    expect(a.exercises).toBe(7);
    expect(a.finished).toBe(5);
  });
  it('gives mean and median times by severity', () => {
    // Sev 1: a2, b1 → detect 30,120 (mean 75, median 75); contain 20,60 (40); notify 10,90 (50)
    // Sev 2: a1, a3, a4 → detect 60,40,20 (mean 40, median 40); contain 90,50 (mean 70, median 70); notify 30,20,15 (mean 21.67, median 20)
    expect(a.bySeverity.map((s) => [s.severity, s.exercises])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    const [s1, s2] = a.bySeverity;
    expect([s1!.detect.mean, s1!.detect.median, s1!.contain.mean, s1!.notify.mean]).toEqual([75 * M, 75 * M, 40 * M, 50 * M]);
    expect([s2!.detect.mean, s2!.detect.median, s2!.contain.mean, s2!.contain.n, s2!.notify.median]).toEqual([40 * M, 40 * M, 70 * M, 2, 20 * M]);
    expect(s2!.notify.mean).toBeCloseTo((65 / 3) * M, 6);
  });
  it('gives the share meeting each target', () => {
    // MTTD ≤ target: a1 (60≤60) a2 a3 a4 yes, b1 no → 4/5. MTTC: a1 no, a2 yes (20≤30), a3 yes, a4 no (never), b1 no (60>30) → 2/5.
    // Notify: a1 no, a2 yes, a3 yes, a4 yes, b1 no → 3/5
    expect(a.targets.mttd).toEqual({ met: 4, of: 5, share: 0.8 });
    expect(a.targets.mttc).toEqual({ met: 2, of: 5, share: 0.4 });
    expect(a.targets.notify).toEqual({ met: 3, of: 5, share: 0.6 });
  });
  it('counts improvement-plan items open and closed', () => {
    expect(a.plan).toEqual({ open: 3, closed: 4 });
  });
});

describe('trends', () => {
  it("averages a team's finished runs by quarter", () => {
    // Blue: Q1 a1,a2 → mttd 45, mttc 55, notify 20, score 67.5; Q2 a3; Q3 a4 (mttc none)
    expect(trendsByQuarter(fixture.map(toRow), 'Blue')).toEqual([
      { quarter: '2026-Q1', exercises: 2, mttd: 45 * M, mttc: 55 * M, timeToNotify: 20 * M, overall: 67.5 },
      { quarter: '2026-Q2', exercises: 1, mttd: 40 * M, mttc: 50 * M, timeToNotify: 20 * M, overall: 70 },
      { quarter: '2026-Q3', exercises: 1, mttd: 20 * M, mttc: null, timeToNotify: 15 * M, overall: 65 },
    ]);
    expect(trendsByQuarter(fixture.map(toRow), 'Red').map((p) => p.quarter)).toEqual(['2026-Q1']);
  });
  it('names quarters', () => {
    expect([quarterOf('2026-03-31T23:00:00Z'), quarterOf('2026-04-01T00:00:00Z'), quarterOf('2026-12-31T00:00:00Z')]).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });
});

describe('table', () => {
  const rows = fixture.map(toRow);
  it('filters by team, scenario, date range and search', () => {
    expect(filterRows(rows, { team: 'Red' }).map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
    expect(filterRows(rows, { scenarioId: 'silent-bias-drift', from: '2026-02-01', to: '2026-06-30' }).map((r) => r.id)).toEqual(['a2', 'a3']);
    expect(filterRows(rows, { search: 'pricing q3' }).map((r) => r.id)).toEqual([]);
    expect(filterRows(rows, { search: 'PRICING' }).map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
  });
  it('sorts with missing values last in both directions', () => {
    expect(sortRows(rows, 'mttc', 'asc').map((r) => r.id)).toEqual(['a2', 'a3', 'b1', 'b3', 'a1', 'a4', 'b2']);
    expect(sortRows(rows, 'overall', 'desc').map((r) => r.id)).toEqual(['a2', 'a3', 'a4', 'b3', 'a1', 'b1', 'b2']);
  });
  it('sorts text by the language’s collation (case and accents as a reader expects), ties by date', () => {
    const named = rows.slice(0, 4).map((r, i) => ({ ...r, team: ['bravo', 'Équipe', 'Alpha', 'Delta'][i]! }));
    expect(sortRows(named, 'team', 'asc').map((r) => r.team)).toEqual(['Alpha', 'bravo', 'Delta', 'Équipe']);
    expect(sortRows(named, 'team', 'desc').map((r) => r.team)).toEqual(['Équipe', 'Delta', 'bravo', 'Alpha']);
    const same = rows.map((r) => ({ ...r, team: 'Same' }));
    expect(sortRows(same, 'team', 'desc').map((r) => r.date)).toEqual(rows.map((r) => r.date).sort());
    expect(sortRows(rows, 'date', 'desc').map((r) => r.date)).toEqual(
      rows
        .map((r) => r.date)
        .sort()
        .reverse(),
    );
  });
  it('exports CSV with minutes and quoted text', () => {
    const csv = rowsToCsv([{ ...toRow(fixture[0]!), team: 'Blue, "A"' }]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(
      'date,quarter,team,scenario,mode,status,duration_min,severity,mttd_min,mttc_min,time_to_notify_min,mttc_censored_min,contained,overall,mttd_verdict,mttc_verdict,notify_verdict,exercise_id',
    );
    expect(line).toBe('2026-01-15T10:00:00.000Z,2026-Q1,"Blue, ""A""",Silent bias drift,facilitated,finished,600,2,60,90,30,,true,55,met,missed,missed,a1');
  });
});

describe('History reads the verdicts the card recorded', () => {
  // Regression (#16): a false alarm missed the MTTD target on the card while History re-derived
  // "met" as mttd <= target. a1's MTTD (60 min) is within its target, but its card said missed.
  const falseAlarm: ExerciseMeta = {
    ...fixture[0]!,
    outcome: {
      ...fixture[0]!.outcome!,
      verdicts: {
        mttd: { status: 'missed', code: 'target.false_alarm' },
        mttc: { status: 'missed', code: 'target.over' },
        timeToNotify: { status: 'open', code: 'target.not_yet_due' },
      },
    },
  };
  it('a false alarm reads missed and an open obligation reads open, not met or missed', () => {
    const row = toRow(falseAlarm);
    expect(row.mttdVerdict).toEqual({ status: 'missed', code: 'target.false_alarm' });
    expect(row.notifyVerdict!.status).toBe('open');
    const agg = aggregate([toRow(falseAlarm)]);
    expect(agg.targets.mttd).toEqual({ met: 0, of: 1, share: 0 });
    // Open is neither met nor missed: not judged yet.
    expect(agg.targets.notify).toEqual({ met: 0, of: 0, share: null });
  });
  it('an outcome stored before verdicts with detection missed and MTTD within target reads as the false alarm it was', () => {
    const old: ExerciseMeta = { ...fixture[0]!, outcome: { ...fixture[0]!.outcome!, targetsMet: { detection: false } } };
    expect(toRow(old).mttdVerdict).toEqual({ status: 'missed', code: 'target.false_alarm' });
  });
});
