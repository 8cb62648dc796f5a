/**
 * Gaming teams on every built-in scenario: each strategy that used to score well (issue #9) must
 * now score well below the textbook team, and the card must say why.
 */
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { ReasonCode } from '../../../shared/scoring/reasons.ts';
import type { ScoreCard } from '../../../shared/scoring/score-card.ts';
import { baselines } from '../../../shared/scoring/run-facts.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { loadCase, complete, everything, firstSignal, HOUR, MIN, play, playTeamFile, BUILT_INS, type Step } from './scripted.ts';

const codes = (card: ScoreCard) => card.dimensions.flatMap((d) => d.reasons.map((r) => r.code));
const dim = (card: ScoreCard, d: string) => card.dimensions.find((x) => x.dimension === d)!;

/** The first red herring the room sees in the do-nothing world. */
function firstRedHerring(s: Scenario): number | null {
  const run = new ExerciseRun(s, 1);
  run.runToEnd();
  return run.context.signals.find((x) => x.redHerring)?.t ?? null;
}

interface Gamer {
  name: string;
  steps: (s: Scenario, fs: number) => Step[];
  /** Reason codes the card must give. */
  reasons: ReasonCode[];
}

const GAMERS: Gamer[] = [
  {
    name: 'acts at T+0 on everything the scenario file gives away',
    steps: (s) => {
      const steps = everything(s, 0);
      return [...steps, [Math.max(...steps.map((x) => x[0])) + MIN, { type: 'RESOLVE' }]];
    },
    reasons: ['detection.false_alarm', 'detection.never'],
  },
  {
    name: 'declares on a red herring and acts at once',
    steps: (s) => {
      const t = firstRedHerring(s)!;
      const quick = s.containments.find((c) => c.available && !c.requiresFinding && s.rubric.acceptableContainments.includes(c.id))!;
      return [
        [t, { type: 'ACKNOWLEDGE' }],
        [t, { type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! }],
        [t, { type: 'CONTAIN', containmentId: quick.id }],
        ...s.rubric.notifications.map((n): Step => [t, complete(n.audience)]),
        [t + 30 * MIN, { type: 'RESOLVE' }],
      ];
    },
    reasons: [],
  },
  {
    name: 'spams 120 one-minute "ping" updates',
    steps: (s, fs) => [
      [fs, { type: 'ACKNOWLEDGE' }],
      [fs, { type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! }],
      ...Array.from({ length: 120 }, (_, i): Step => [fs + (i + 1) * MIN, { type: 'COMMUNICATE', audience: 'internal', message: 'ping' }]),
      [fs + 121 * MIN, { type: 'RESOLVE' }],
    ],
    reasons: ['communication.no_updates'],
  },
  {
    name: 'applies every containment at once and never resolves',
    steps: (s, fs) => [
      ...everything(s, fs).filter(([, i]) => i.type === 'ACKNOWLEDGE' || i.type === 'TRIAGE' || i.type === 'CONTAIN' || i.type === 'INVESTIGATE'),
    ],
    reasons: ['containment.contained', 'containment.costs'],
  },
  {
    name: 'resolves the moment the first signal arrives',
    steps: (_s, fs) => [
      [fs, { type: 'ACKNOWLEDGE' }],
      [fs, { type: 'RESOLVE' }],
    ],
    reasons: ['triage.never', 'containment.none'],
  },
  {
    name: 'triages Severity 4 at once and corrects it much later',
    steps: (s, fs) => [
      [fs, { type: 'ACKNOWLEDGE' }],
      [fs, { type: 'TRIAGE', severity: 4, incidentType: 'availability' }],
      [Math.min(fs + 10 * HOUR, s.clock.horizon - 2 * MIN), { type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! }],
      [Math.min(fs + 10 * HOUR, s.clock.horizon - 2 * MIN) + MIN, { type: 'RESOLVE' }],
    ],
    reasons: ['triage.initial', 'triage.corrected'],
  },
  {
    name: 'sends one-letter messages to everyone',
    steps: (s, fs) => [
      [fs, { type: 'ACKNOWLEDGE' }],
      [fs, { type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! }],
      ...s.rubric.notifications.map((n): Step => [
        fs + MIN,
        { type: 'COMMUNICATE', audience: n.audience, message: 'x', elements: { what_happened: 'x', nature: 'x' } },
      ]),
      ...Array.from({ length: 8 }, (_, i): Step => [fs + (i + 1) * 25 * MIN, { type: 'COMMUNICATE', audience: 'internal', message: 'x' }]),
      [fs + 4 * HOUR, { type: 'RESOLVE' }],
    ],
    reasons: ['communication.no_updates'],
  },
];

const table: string[] = [];

describe.each(BUILT_INS)('%s: gaming teams score well below the textbook team', (id) => {
  const { scenario: s } = loadCase(id);
  const textbook = playTeamFile(id, 'textbook').card;
  const fs = firstSignal(s);

  it.each(GAMERS.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    if (g.name.startsWith('declares on a red herring') && firstRedHerring(s) === null) return;
    const { card } = play(s, g.steps(s, fs));
    table.push(`${id.padEnd(36)} ${String(textbook.overall).padStart(3)} ${String(card.overall).padStart(3)}  ${g.name}`);
    expect(card.overall).toBeLessThan(textbook.overall - 30);
    expect(codes(card)).toEqual(expect.arrayContaining(g.reasons));
    // #21: where the fault predates T+0 (missing-contract-clause) a containment at T+0 does act, and
    // is marked as decided before any real signal; otherwise the T+0 team contained nothing at all.
    if (g === GAMERS[0]) {
      const faultBeforeStart = s.faults.some((f) => f.startsAt <= 0);
      expect(codes(card)).toContain(faultBeforeStart ? 'containment.before_signal' : 'containment.none');
    }
  });

  it('a red herring before the first real signal is a false alarm, and detection waits for a real signal', () => {
    const t = firstRedHerring(s);
    if (t === null || t >= fs) return;
    const { card } = play(s, GAMERS[1]!.steps(s, fs));
    expect(codes(card)).toContain('detection.false_alarm');
    expect(card.falseAlarms[0]!.t).toBe(t);
  });

  it('every containment at once scores below the textbook containment: costs are weighed', () => {
    const { card } = play(s, GAMERS[3]!.steps(s, fs));
    // Costs above the best response's lose the cost points (issue #17.6: the benchmark is the best
    // response, not every containment); where the textbook team itself avoids less harm than
    // applying everything (silent-bias-drift), its containment score may be lower, never its overall.
    expect(dim(card, 'containment').score).toBeLessThan(100);
    expect(card.overall).toBeLessThan(textbook.overall);
    expect(card.harm.costs.revenueLost + card.harm.costs.userHoursWithoutService).toBeGreaterThan(0);
  });

  it('pings on top of the textbook run never raise its score', () => {
    const tb = playTeamFile(id, 'textbook');
    const det = tb.card.keyTimes.detection!;
    const pings = Array.from({ length: 120 }, (_, i): Step => [det + (i + 1) * MIN, { type: 'COMMUNICATE', audience: 'internal', message: 'ping' }]);
    const { card } = play(s, [...tb.entries.map((e): Step => [e.t, e.input]), ...pings]);
    expect(card.overall).toBeLessThanOrEqual(tb.card.overall);
  });

  it('the baselines are computed once per scenario and seed', () => {
    expect(baselines(s, 1)).toBe(baselines(s, 1));
  });
});

afterAll(() => {
  if (process.env.FB_GAMING_TABLE) console.log(`scenario                            textbook gamer\n${table.join('\n')}`);
});
