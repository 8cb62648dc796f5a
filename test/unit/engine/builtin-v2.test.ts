/**
 * The built-in scenario that uses engine v2's domain: stale-pricing-data has two faults (the stale
 * inventory feed, and in one variant a partner's fare cache that keeps selling), a kill switch the
 * textbook team lifts once the feed is fixed, and two variants. Its scripted teams must rank as a
 * facilitator expects on every variant, and the story's stated figures must hold on each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { HOUR, MIN, loadFile, ROOT } from '../../helpers.ts';

const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');

function play(team: string, variant: string) {
  const file = team === 'do-nothing' ? 'do-nothing.yaml' : `stale-pricing-data.${team}.yaml`;
  const run = new ExerciseRun(scenario, 1, { variant });
  const warnings = playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file));
  run.runToEnd();
  return { run, warnings, card: scoreFinishedRun(run) };
}

it('uses two faults, a liftable kill switch and two variants', () => {
  expect(scenario.faults.map((f) => f.id)).toEqual(['stale-feed', 'partner-cache']);
  expect(scenario.variants.map((v) => v.id)).toEqual(['partner-cache', 'partners-clean']);
  expect(scenario.containments.find((c) => c.id === 'stop-all-sales')!.liftable).toBe(true);
});

describe.each(['partner-cache', 'partners-clean'])('variant %s', (variant) => {
  const idle = play('do-nothing', variant);
  const textbook = play('textbook', variant);
  const wrong = play('plausible-wrong', variant);

  it('plays every scripted action', () => {
    expect(textbook.warnings).toEqual([]);
    expect(wrong.warnings).toEqual([]);
  });

  it('ranks textbook above plausible-but-wrong above doing nothing', () => {
    expect(textbook.card.overall).toBeGreaterThanOrEqual(90);
    expect(wrong.card.overall).toBeLessThan(textbook.card.overall - 30);
    expect(idle.card.overall).toBeLessThan(wrong.card.overall);
  });

  it('the textbook team lifts the kill switch after the fix: sales reopen, the harm stays away', () => {
    const c = textbook.run.context;
    expect(c.containments['stop-all-sales']!.status).toBe('lifted');
    expect(c.faults['stale-feed']!.status).toBe('fixed');
    expect(c.faults['stale-feed']!.recurredAt).toEqual([]);
    // Revenue is lost only while sales are closed, not until the horizon.
    const closed = c.containments['stop-all-sales']!.episodes[0]!;
    const hours = (closed.liftedAt! - closed.effectiveAt) / HOUR;
    expect(textbook.run.projectedCosts().revenueLost).toBeCloseTo(180_000 * hours, 6);
  });

  it('the do-nothing team suffers exactly the stated figures', () => {
    for (const f of scenario.statedFigures) expect(idle.run.harmAt(f.at)[f.harm]).toBeCloseTo(f.value, 6);
  });
});

it('reopening sales before the feed is fixed brings the $14 fares back', () => {
  const run = new ExerciseRun(scenario, 1, { variant: 'partners-clean' });
  run.advanceToNextSignal();
  run.apply({ type: 'CONTAIN', containmentId: 'stop-all-sales' }, 90 * MIN);
  run.apply({ type: 'LIFT', containmentId: 'stop-all-sales' }, 2 * HOUR);
  expect(run.context.faults['stale-feed']!.status).toBe('recurred');
  const before = run.harmAt(2 * HOUR)['mispriced-tickets']!;
  expect(run.harmAt(3 * HOUR)['mispriced-tickets']!).toBeGreaterThan(before + 5000);
});

it('only the partner-cache variant has partner tickets, and purging stops them', () => {
  const clean = play('do-nothing', 'partners-clean');
  const cached = play('do-nothing', 'partner-cache');
  expect(clean.card.harm.actual['partner-tickets']).toBe(0);
  expect(cached.card.harm.actual['partner-tickets']).toBeCloseTo(2610, 6);
  const run = new ExerciseRun(scenario, 1, { variant: 'partner-cache' });
  run.apply({ type: 'CONTAIN', containmentId: 'purge-partner-cache' }, 3 * HOUR);
  run.runToEnd();
  expect(run.context.faults['partner-cache']!.status).toBe('fixed');
  expect(run.projectedHarm()['partner-tickets']).toBeCloseTo(2610 * (23 / 313), 6);
});
