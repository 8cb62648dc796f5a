/**
 * The gaming table of issue #17: every class of gaming engine v2's features allowed, played on
 * every built-in scenario and variant. A gaming team skips what the scenario is about and leans
 * on one feature (resolving early, lifting, downgrading, two-word notices, one person in every
 * role, every root cause, harmful containments); none may come within 30 points of the textbook
 * team. Run with FB_GAMING_TABLE=1 to print the table.
 */
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { ScoreCard } from '../../../shared/scoring/score-card.ts';
import { REQUIRED_ELEMENTS } from '../../../shared/scoring/definitions.ts';
import { complete, firstSignal, HOUR, loadCase, MIN, play, playTeamFile, BUILT_INS, type Step } from './scripted.ts';

const dim = (card: ScoreCard, d: string) => card.dimensions.find((x) => x.dimension === d)!;

/** The quickest acceptable containment that needs no finding (a kill switch). */
function quick(s: Scenario) {
  const ok = s.containments.filter((c) => c.available && !c.requiresFinding && s.rubric.acceptableContainments.includes(c.id));
  return ok.find((c) => c.liftable) ?? ok[0]!;
}

const declare = (s: Scenario, t: number, severity = s.rubric.severity): Step[] => [
  [t, { type: 'ACKNOWLEDGE' }],
  [t, { type: 'TRIAGE', severity, incidentType: s.rubric.incidentType[0]! }],
];

/** Two words in every element and a two-word status update every 25 minutes. */
function twoWords(s: Scenario, fs: number, until: number): Step[] {
  const steps: Step[] = s.rubric.notifications.map((n): Step => [
    fs + MIN,
    { type: 'COMMUNICATE', audience: n.audience, message: 'x x', elements: Object.fromEntries(REQUIRED_ELEMENTS[n.audience].map((e) => [e, 'x x'])) },
  ]);
  for (let t = fs + 25 * MIN; t < until; t += 25 * MIN) steps.push([t, { type: 'COMMUNICATE', audience: 'internal', message: 'x x' }]);
  return steps;
}

interface Gamer {
  name: string;
  steps: (s: Scenario, fs: number) => Step[];
  /** Whether the scenario offers what this gamer leans on (absent: always). */
  applies?: (s: Scenario) => boolean;
}

const GAMERS_V2: Gamer[] = [
  {
    name: 'resolves 30 minutes after the first signal and notifies nobody',
    steps: (s, fs) => [...declare(s, fs), [fs, { type: 'CONTAIN', containmentId: quick(s).id }], [fs + 30 * MIN, { type: 'RESOLVE' }]],
  },
  {
    name: 'lifts the kill switch after 10 minutes and never fixes anything',
    steps: (s, fs) => [
      ...declare(s, fs),
      [fs, { type: 'CONTAIN', containmentId: quick(s).id }],
      [fs + quick(s).takesEffectAfter + 10 * MIN, { type: 'LIFT', containmentId: quick(s).id }],
      [fs + MIN, complete('internal')],
    ],
    applies: (s) => quick(s).liftable,
  },
  {
    name: 'downgrades to Severity 4 for the cadence, re-upgrades before the end',
    steps: (s, fs) => [
      ...declare(s, fs, 4),
      [fs, { type: 'CONTAIN', containmentId: quick(s).id }],
      [fs + MIN, complete('internal')],
      [fs + 5 * HOUR, { type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! }],
      [fs + 5 * HOUR + MIN, { type: 'RESOLVE' }],
    ],
  },
  {
    name: 'sends two-word elements to every audience',
    steps: (s, fs) => [...declare(s, fs), ...twoWords(s, fs, fs + 4 * HOUR), [fs + 4 * HOUR, { type: 'RESOLVE' }]],
  },
  {
    name: 'one person holds every role and declares every root cause',
    steps: (s, fs) => [
      ...declare(s, fs),
      ...s.rubric.requiredRoles.map((role): Step => [fs, { type: 'ASSIGN_ROLE', role, person: 'Sam' }]),
      ...s.rubric.notifications.map((n): Step => [fs + MIN, complete(n.audience)]),
      ...s.rootCauses.filter((r) => r.id !== s.rubric.rootCause).map((r, i): Step => [fs + (i + 1) * MIN, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: r.id }]),
      [fs + 10 * MIN, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: s.rubric.rootCause }],
      [fs + 11 * MIN, { type: 'RESOLVE' }],
    ],
  },
  {
    name: 'applies every harmful containment with the quick one and notifies',
    steps: (s, fs) => [
      ...declare(s, fs),
      [fs, { type: 'CONTAIN', containmentId: quick(s).id }],
      ...s.rubric.harmfulContainments.map((id): Step => [fs, { type: 'CONTAIN', containmentId: id }]),
      ...s.rubric.notifications.map((n): Step => [fs + MIN, complete(n.audience)]),
      [fs + HOUR, { type: 'RESOLVE' }],
    ],
  },
  {
    name: 'acts on everything the file gives away at the fault start, then resolves',
    steps: (s) => {
      const t = Math.max(0, Math.min(...s.faults.map((f) => f.startsAt)));
      return [
        ...declare(s, t),
        [t, { type: 'CONTAIN', containmentId: quick(s).id }],
        ...s.rubric.notifications.map((n): Step => [t, complete(n.audience)]),
        [t, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: s.rubric.rootCause }],
        [t + 30 * MIN, { type: 'RESOLVE' }],
      ];
    },
  },
];

const table: string[] = [];

describe.each(BUILT_INS)('%s: no gaming team within 30 points of the textbook team', (id) => {
  const { scenario: s } = loadCase(id);
  const textbook = playTeamFile(id, 'textbook').card;
  const fs = firstSignal(s);

  it.each(GAMERS_V2.map((g) => [g.name, g] as const))(
    '%s',
    (_name, g) => {
      if (g.applies && !g.applies(s)) return;
      const { card } = play(s, g.steps(s, fs));
      table.push(`${id.padEnd(36)} ${String(textbook.overall).padStart(3)} ${String(card.overall).padStart(3)}  ${g.name}`);
      expect(card.overall).toBeLessThan(textbook.overall - 30);
    },
    60_000,
  );
});

describe('what the card says about the gamers', () => {
  const { scenario: pricing } = loadCase('stale-pricing-data@partners-clean');
  const fs = firstSignal(pricing);

  it('a lifted kill switch is not "contained" and containment is not met', () => {
    const { card } = play(pricing, GAMERS_V2[1]!.steps(pricing, fs));
    expect(card.mttc).toBeNull();
    expect(dim(card, 'containment').verdict.status).toBe('missed');
    expect(dim(card, 'containment').reasons.map((r) => r.code)).toContain('containment.recurred');
    expect(card.faults[0]!.recurredAt.length).toBeGreaterThan(0);
  });

  it('notifying nobody and resolving early is not "communication met"', () => {
    const { card } = play(pricing, GAMERS_V2[0]!.steps(pricing, fs));
    expect(dim(card, 'communication').verdict.status).toBe('missed');
    expect(dim(card, 'communication').score).toBeLessThan(20);
  });
});

afterAll(() => {
  if (process.env.FB_GAMING_TABLE) console.log(`scenario                            textbook gamer\n${table.join('\n')}`);
});
