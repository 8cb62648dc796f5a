/**
 * Each built-in scenario played by three scripted teams (scenarios/teams/): the score cards must
 * rank them as a facilitator would, the do-nothing team must suffer exactly the harm the
 * scenario's story states, and replaying each run's journal must give the same card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { JOURNAL_FORMAT, parseJournal, serializeJournal } from '../../../shared/engine/journal.ts';
import { scoreFinishedRun, scoreRun, type ScoreCard } from '../../../shared/scoring/score-card.ts';
import { loadFile, ROOT } from '../../helpers.ts';

const SCENARIOS = [
  'silent-bias-drift',
  'stale-pricing-data',
  'provider-update-leakage',
  'poisoned-shared-document',
  'slow-assistant',
  // #21 library: five more built-ins, each grounded in a kind of public AI incident.
  'refund-fraud-cascade',
  'missing-contract-clause',
  'recommender-3am',
  'fraud-false-declines',
  'agent-deletes-production',
] as const;

function play(id: string, team: string) {
  const { scenario, source } = loadFile(`scenarios/${id}.yaml`);
  const file = team === 'do-nothing' ? 'do-nothing.yaml' : `${id}.${team}.yaml`;
  const actions = parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file);
  const run = new ExerciseRun(scenario, 1);
  const warnings = playScript(run, actions);
  run.runToEnd();
  return { scenario, source, run, warnings, card: scoreFinishedRun(run) };
}

describe.each(SCENARIOS)('%s', (id) => {
  const idle = play(id, 'do-nothing');
  const textbook = play(id, 'textbook');
  const wrong = play(id, 'plausible-wrong');
  const total = (c: ScoreCard) => Object.values(c.harm.actual).reduce((a, b) => a + b, 0);

  it('plays every scripted action (no refused or skipped ones)', () => {
    expect(textbook.warnings).toEqual([]);
    expect(wrong.warnings).toEqual([]);
  });

  it('ranks textbook above plausible-but-wrong above doing nothing', () => {
    expect(textbook.card.overall).toBeGreaterThanOrEqual(90);
    expect(wrong.card.overall).toBeLessThan(textbook.card.overall - 30);
    expect(idle.card.overall).toBeLessThan(wrong.card.overall);
    expect(idle.card.overall).toBe(0);
  });

  it('textbook causes less harm than the wrong team, which causes less than doing nothing', () => {
    expect(total(textbook.card)).toBeLessThan(total(wrong.card));
    expect(total(wrong.card)).toBeLessThan(total(idle.card));
  });

  it('penalises the harmful containment the wrong team chose', () => {
    expect(wrong.card.containment.harmful.length).toBeGreaterThan(0);
    expect(textbook.card.containment.harmful).toEqual([]);
    expect(wrong.card.severity.correct && wrong.card.incidentType.correct).toBe(false);
  });

  it('gives the do-nothing team exactly the harm the scenario states', () => {
    const figures = idle.scenario.statedFigures;
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) expect(idle.run.harmAt(f.at)[f.harm]).toBeCloseTo(f.value, 6);
  });

  it.each(['textbook', 'plausible-wrong', 'do-nothing'])('replaying the %s journal reproduces the score card', (team) => {
    const { scenario, source, run, card } = play(id, team);
    const text = serializeJournal({
      header: {
        format: JOURNAL_FORMAT,
        exerciseId: 'x',
        scenarioId: scenario.id,
        scenarioVersion: scenario.version,
        scenarioSource: source,
        seed: 1,
        createdAt: '2026-01-01T00:00:00Z',
      },
      entries: run.entries,
    });
    const parsed = parseJournal(text);
    expect(scoreRun(scenario, parsed.header.seed, parsed.entries)).toEqual(card);
  });
});

describe('stated story numbers', () => {
  it('silent bias drift: 340 applications wrongly denied over 52 hours', () => {
    const { run, scenario } = play('silent-bias-drift', 'do-nothing');
    expect(run.harmAt(scenario.faults[0]!.startsAt + 52 * 3_600_000)['wrongful-denials']).toBeCloseTo(340, 9);
  });
  it('stale pricing: 12,000 tickets and $2.1M at stake by 06:00', () => {
    const { run } = play('stale-pricing-data', 'do-nothing');
    const at6 = run.harmAt(3 * 3_600_000); // sim start is 03:00
    expect(at6['mispriced-tickets']).toBeCloseTo(12_000, 6);
    expect(at6['revenue-at-risk']).toBeCloseTo(2_100_000, 3);
  });
  it('provider leakage: 14 customers affected over 72 hours if uncontained', () => {
    const { run, scenario } = play('provider-update-leakage', 'do-nothing');
    expect(run.harmAt(scenario.faults[0]!.startsAt + 72 * 3_600_000)['customers-exposed']).toBe(14);
  });
  it('bias drift: rolling back the model does not help, fixing the pipeline does', () => {
    const { scenario } = loadFile('scenarios/silent-bias-drift.yaml');
    const after = (containmentId: string) => {
      const run = new ExerciseRun(scenario, 1);
      // The fix needs the feature-drift finding first; start that investigation an hour before.
      run.apply({ type: 'INVESTIGATE', investigationId: 'feature-drift-report' }, scenario.faults[0]!.startsAt + 7 * 3_600_000);
      run.apply({ type: 'CONTAIN', containmentId }, scenario.faults[0]!.startsAt + 8 * 3_600_000);
      run.runToEnd();
      return run.projectedHarm()['wrongful-denials']!;
    };
    expect(after('rollback-model')).toBeCloseTo(340, 9);
    expect(after('fix-data-pipeline')).toBeLessThan(100);
  });
  it('provider leakage: rollback is not available (no version pinning)', () => {
    const { scenario } = loadFile('scenarios/provider-update-leakage.yaml');
    const run = new ExerciseRun(scenario, 1);
    expect(run.check({ type: 'CONTAIN', containmentId: 'rollback-model' })).toMatch(/pin/i);
  });
});
