/**
 * Property-based tests for issue #17 (fast-check, fixed seed in CI: test/unit/setup.ts): the
 * generators play what real teams do with engine v2's features (lifts and re-applies, severity
 * changes up and down, messages with and without each element, every audience, roles held by one
 * or many, investigations before and after signals) on every built-in scenario and variant.
 */
import fc from 'fast-check';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import type { MessageElement, Scenario } from '../../../shared/scenario/schema.ts';
import { AUDIENCES, INCIDENT_TYPES } from '../../../shared/scenario/schema.ts';
import { REQUIRED_ELEMENTS } from '../../../shared/scoring/definitions.ts';
import { complete, firstSignal, HOUR, loadCase, MIN, play, SCENARIOS, type Step } from './scripted.ts';

const RUNS = Number(process.env.FB_PROP_RUNS ?? 12);

function actionArb(s: Scenario): fc.Arbitrary<TeamInput> {
  const pick = <T>(xs: ReadonlyArray<T>) => fc.constantFrom(...xs);
  return fc.oneof(
    fc.constant<TeamInput>({ type: 'ACKNOWLEDGE' }),
    fc
      .record({ severity: fc.integer({ min: 1, max: 4 }), incidentType: fc.oneof(fc.constant(s.rubric.incidentType[0]!), pick(INCIDENT_TYPES)) })
      .map((x): TeamInput => ({ type: 'TRIAGE', ...x })),
    pick(s.containments.map((c) => c.id)).map((containmentId): TeamInput => ({ type: 'CONTAIN', containmentId })),
    pick(s.containments.map((c) => c.id)).map((containmentId): TeamInput => ({ type: 'LIFT', containmentId })),
    pick(s.investigations.map((i) => i.id)).map((investigationId): TeamInput => ({ type: 'INVESTIGATE', investigationId })),
    pick(s.evidence.map((e) => e.id)).map((evidenceId): TeamInput => ({ type: 'PRESERVE_EVIDENCE', evidenceId })),
    pick(s.rootCauses.map((r) => r.id)).map((rootCauseId): TeamInput => ({ type: 'DECLARE_ROOT_CAUSE', rootCauseId })),
    fc
      .record({ role: pick(s.rubric.requiredRoles), person: pick(['Sam', 'Ada', 'Ravi']) })
      .map(({ role, person }): TeamInput => ({ type: 'ASSIGN_ROLE', role, person })),
    fc
      .record({ audience: pick(AUDIENCES), drop: fc.subarray([...REQUIRED_ELEMENTS.client, ...REQUIRED_ELEMENTS.regulator]) })
      .map(({ audience, drop }): TeamInput => {
        const full = complete(audience) as Extract<TeamInput, { type: 'COMMUNICATE' }>;
        const elements = Object.fromEntries(Object.entries(full.elements ?? {}).filter(([k]) => !drop.includes(k as MessageElement)));
        return { ...full, elements };
      }),
  );
}

/** A team acting from the first real signal for up to six hours, resolving after its last step. */
function teamArb(s: Scenario, fs: number): fc.Arbitrary<Step[]> {
  const span = Math.min(6 * HOUR, s.clock.horizon - fs - 2 * MIN);
  return fc.array(fc.tuple(fc.integer({ min: 0, max: Math.floor(span / MIN) }), actionArb(s)), { minLength: 1, maxLength: 14 }).map((xs) => {
    const steps = xs.map(([m, input]): Step => [fs + m * MIN, input]);
    return [...steps, [Math.max(...steps.map((x) => x[0])) + MIN, { type: 'RESOLVE' }] as Step];
  });
}

const withoutResolve = (steps: ReadonlyArray<Step>) => steps.filter(([, i]) => i.type !== 'RESOLVE');

describe.each(SCENARIOS)('%s', (id) => {
  const { scenario: s } = loadCase(id);
  const fs = firstSignal(s);

  it('declaring earlier (still after the first real signal) never lowers the score', () => {
    fc.assert(
      fc.property(teamArb(s, fs), fc.integer({ min: 0, max: 60 }), (team, early) => {
        const later = play(s, team).card.overall;
        const first = Math.min(...team.map((x) => x[0]));
        const at = Math.max(fs, first - early * MIN);
        const sooner = play(s, [[at, { type: 'ACKNOWLEDGE' }], ...team]).card.overall;
        expect(sooner).toBeGreaterThanOrEqual(later);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('adding a containment the rubric lists as harmful never raises the score', () => {
    if (s.rubric.harmfulContainments.length === 0) return;
    fc.assert(
      fc.property(teamArb(s, fs), fc.constantFrom(...s.rubric.harmfulContainments), fc.integer({ min: 0, max: 120 }), (team, harmful, m) => {
        const base = play(s, team).card.overall;
        const more = play(s, [[fs + m * MIN, { type: 'CONTAIN', containmentId: harmful }], ...team]).card.overall;
        expect(more).toBeLessThanOrEqual(base);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('removing an element from a notice never raises the score', () => {
    fc.assert(
      fc.property(teamArb(s, fs), fc.nat(), (team, k) => {
        const notices = team
          .map((x, i) => [x, i] as const)
          .filter(([[, input]]) => input.type === 'COMMUNICATE' && Object.keys(input.elements ?? {}).length > 0);
        fc.pre(notices.length > 0);
        const [[t, input], i] = notices[k % notices.length]!;
        const msg = input as Extract<TeamInput, { type: 'COMMUNICATE' }>;
        const keys = Object.keys(msg.elements ?? {});
        const drop = keys[k % keys.length]!;
        const fewer: Step = [t, { ...msg, elements: Object.fromEntries(Object.entries(msg.elements ?? {}).filter(([e]) => e !== drop)) }];
        const base = play(s, team).card.overall;
        const less = play(
          s,
          team.map((x, j) => (j === i ? fewer : x)),
        ).card.overall;
        expect(less).toBeLessThanOrEqual(base);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('resolving early without a plan never makes a required notice free: ending sooner never raises communication', () => {
    fc.assert(
      fc.property(teamArb(s, fs), fc.double({ min: 0, max: 1, noNaN: true }), (team, k) => {
        const steps = withoutResolve(team);
        const last = Math.max(...steps.map((x) => x[0]));
        const cut = Math.floor(fs + (last - fs) * k);
        const full = play(s, [...steps, [last + MIN, { type: 'RESOLVE' }]]).card;
        const short = play(s, [...steps.filter((x) => x[0] < cut), [cut, { type: 'RESOLVE' }]]).card;
        const notif = (c: typeof full) => c.notifications.filter((n) => n.status === 'met' || n.status === 'late' || n.status === 'open').length;
        expect(notif(short)).toBeLessThanOrEqual(notif(full));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('downgrading the severity for a while never raises the score (the cadence owed follows the real severity)', () => {
    fc.assert(
      fc.property(teamArb(s, fs), fc.integer({ min: 1, max: 240 }), (team, m) => {
        const triages = team.filter(([, i]) => i.type === 'TRIAGE');
        fc.pre(triages.length > 0);
        const first = triages[0]!;
        const input = first[1] as Extract<TeamInput, { type: 'TRIAGE' }>;
        fc.pre(input.severity < 4);
        // The restored triage must come before the team's next one: restoring after it would
        // overwrite the team's own later re-triage (a different team, not a downgrade for a while).
        fc.pre(triages.every(([t], k) => k === 0 || t > first[0] + m * MIN));
        const base = play(s, team).card.overall;
        const down = play(s, [...team.map((x): Step => (x === first ? [x[0], { ...input, severity: 4 }] : x)), [first[0] + m * MIN, input]]).card.overall;
        expect(down).toBeLessThanOrEqual(base);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
