/**
 * "Ending or resolving earlier never raises a score" (#17), for every dimension and the overall:
 * the same team, with the same actions, ending (RESOLVE or the facilitator's END) earlier or later.
 * The generators play what real teams do: lifts and re-applies, severity changes up and down,
 * partial messages to every audience, roles, investigations (properties-v2.test.ts's actionArb).
 * Fixed seed in CI (test/unit/setup.ts); explore with FB_PROP_SEED=random FB_PROP_RUNS=300.
 */
import fc from 'fast-check';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import type { ScoreCard } from '../../../shared/scoring/score-card.ts';
import { actionArb, BUILT_INS, firstSignal, HOUR, loadCase, MIN, play, type Step } from './scripted.ts';

const RUNS = Number(process.env.FB_PROP_RUNS ?? 10);

const scores = (c: ScoreCard) => Object.fromEntries([...c.dimensions.map((d) => [d.dimension, d.score] as const), ['overall', c.overall] as const]);

describe.each(BUILT_INS)('%s', (key) => {
  const { scenario: s } = loadCase(key);
  const fs = firstSignal(s);
  const span = Math.min(6 * HOUR, s.clock.horizon - fs - 4 * HOUR);

  it('ending earlier never raises any dimension or the overall score (same actions, only the end moves)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: Math.floor(span / MIN) }), actionArb(s)), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: Math.floor(span / MIN) }),
        fc.integer({ min: 1, max: 4 * 60 }),
        fc.constantFrom<TeamInput['type']>('RESOLVE', 'END'),
        fc.boolean(),
        (xs, cutM, laterM, how, toHorizon) => {
          const cut = fs + cutM * MIN;
          const steps = xs.map(([m, input]): Step => [fs + m * MIN, input]).filter(([t]) => t < cut);
          const end = (t: number): Step => [t, how === 'END' ? { type: 'END' } : { type: 'RESOLVE' }];
          const early = scores(play(s, [...steps, end(cut)]).card);
          const late = scores(play(s, toHorizon ? steps : [...steps, end(cut + laterM * MIN)]).card);
          for (const k of Object.keys(early)) expect([k, early[k]! <= late[k]!]).toEqual([k, true]);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
