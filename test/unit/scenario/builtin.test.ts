import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActionsFile } from '../../../shared/engine/actions-file.ts';
import { lintScenario, type LintTeam } from '../../../shared/scenario/lint.ts';
import { loadScenario, formatProblem } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';

const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));

describe('built-in scenarios', () => {
  it('are all present', () => {
    expect(files.sort()).toEqual([
      'agent-deletes-production.yaml',
      'fraud-false-declines.yaml',
      'missing-contract-clause.yaml',
      'poisoned-shared-document.yaml',
      'provider-update-leakage.yaml',
      'recommender-3am.yaml',
      'refund-fraud-cascade.yaml',
      'silent-bias-drift.yaml',
      'slow-assistant.yaml',
      'stale-pricing-data.yaml',
    ]);
  });
  it.each(files)('%s validates', (f) => {
    const r = loadScenario(readFileSync(join(ROOT, 'scenarios', f)), f);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([]);
  });
  // #21: `firebreak validate --check` on each, with its scripted teams as the CLI plays them.
  it.each(files)(
    '%s passes validate --check with no warnings',
    (f) => {
      const r = loadScenario(readFileSync(join(ROOT, 'scenarios', f)), f);
      if (!r.ok) throw new Error(`${f} does not validate`);
      const teams: LintTeam[] = ['textbook', 'plausible-wrong'].flatMap((team) => {
        const name = `${f.replace(/\.yaml$/, '')}.${team}.yaml`;
        const path = join(ROOT, 'scenarios', 'teams', name);
        return existsSync(path) ? [{ name: team, actions: parseActionsFile(readFileSync(path, 'utf8'), name) }] : [];
      });
      expect(teams).toHaveLength(2);
      expect(lintScenario(r.scenario, teams).map((w) => `${w.path.join('.')}: ${w.message}`)).toEqual([]);
    },
    120_000,
  );
});
