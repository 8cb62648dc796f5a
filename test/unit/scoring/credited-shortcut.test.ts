/**
 * The debrief skips replaying the credited journal where its outcome is bound to be the team's
 * own (run-facts.ts `sameOutcomeWhenCredited`): a speed shortcut that must never change a score.
 * Every card here is computed both ways (the shortcut, and the credited journal replayed as the
 * definition says) and must be equal to the last figure: the built-in teams, the same teams with
 * every investigation also started at T+0 (before the first real signal, so the credited journal
 * drops them), every what-if of those journals, random journals, and a large generated scenario.
 */
import fc from 'fast-check';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { creditedJournal, runFacts } from '../../../shared/scoring/run-facts.ts';
import { scoreFacts, scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { whatIfs } from '../../../shared/debrief/what-if.ts';
import { scaleScenario } from '../../../bench/scale.ts';
import { actionArb, BUILT_INS, HOUR, loadCase, MIN, play, playTeamFile } from './scripted.ts';

/** The card both ways, for a journal replayed to its end; and whether the credited journal differed. */
function bothWays(s: Scenario, entries: ReadonlyArray<JournalEntry>) {
  const run = ExerciseRun.replay(s, 1, entries);
  run.runToEnd();
  // The facts (the credited outcome whole: harm, costs, containment, faults) and the card.
  const fastFacts = runFacts(run);
  const exactFacts = runFacts(run, { replayCredited: true });
  expect(fastFacts).toEqual(exactFacts);
  return {
    fast: scoreFinishedRun(run),
    exact: scoreFacts(run.scenario, exactFacts),
    credited: creditedJournal(run.scenario, run.entries, run.context.firstSignAt) !== null,
  };
}

/** The journal with every investigation also started at T+0, before anything else. */
function withEarlyInvestigations(s: Scenario, entries: ReadonlyArray<JournalEntry>): JournalEntry[] {
  const early = s.investigations.map((i) => ({ t: 0, input: { type: 'INVESTIGATE' as const, investigationId: i.id } }));
  const run = new ExerciseRun(s, 1);
  for (const e of [...early, ...entries]) {
    if (run.over) break;
    run.advanceTo(Math.max(e.t, run.now));
    if (run.check(e.input) === null) run.apply(e.input, Math.max(e.t, run.now));
  }
  return [...run.entries];
}

describe.each(BUILT_INS)('%s: the credited shortcut gives the replayed card', (key) => {
  const { scenario } = loadCase(key);
  it('for each scripted team, with and without early investigations, and every what-if of them', { timeout: 300_000 }, () => {
    let credited = 0;
    for (const team of ['textbook', 'plausible-wrong', 'do-nothing']) {
      const played = playTeamFile(key, team).entries;
      for (const entries of [played, withEarlyInvestigations(scenario, played)]) {
        const base = bothWays(scenario, entries);
        expect(base.fast).toEqual(base.exact);
        credited += base.credited ? 1 : 0;
        // A what-if whose edited journal cannot be replayed has no card (its error is shown instead).
        for (const w of whatIfs(scenario, 1, entries, base.fast).items.filter((x) => x.outcome !== null)) {
          const x = bothWays(scenario, w.entries);
          expect(x.fast).toEqual(x.exact);
        }
      }
    }
    // The early investigations make the credited journal differ, so the shortcut is exercised.
    if (scenario.investigations.length > 0) expect(credited).toBeGreaterThan(0);
  });

  it('for random journals a real team might play', { timeout: 300_000 }, () => {
    const step = fc.tuple(
      fc.integer({ min: 0, max: 12 * 60 }).map((m) => m * MIN),
      actionArb(scenario),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const { entries } = play(scenario, steps);
        const x = bothWays(scenario, entries);
        expect(x.fast).toEqual(x.exact);
      }),
      { seed: 18, numRuns: 12 },
    );
  });
});

it('a large generated scenario (1,000 injects): the debrief bench team and its what-ifs', { timeout: 300_000 }, () => {
  const s = scaleScenario(30, 4, 1000);
  const run = new ExerciseRun(s, 1);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'TRIAGE', severity: 2, incidentType: 'quality_degradation' });
  run.apply({ type: 'INVESTIGATE', investigationId: 'inv' });
  run.apply({ type: 'CONTAIN', containmentId: 'kill' }, run.now + 2 * HOUR);
  for (let t = run.now + HOUR; t < s.clock.horizon - HOUR; t += 6 * HOUR) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
  const base = bothWays(s, run.entries);
  expect(base.credited).toBe(true);
  expect(base.fast).toEqual(base.exact);
  const items = whatIfs(s, 1, run.entries, base.fast).items;
  expect(items.length).toBeGreaterThan(1);
  for (const w of items) {
    const x = bothWays(s, w.entries);
    expect(x.fast).toEqual(x.exact);
  }
});
