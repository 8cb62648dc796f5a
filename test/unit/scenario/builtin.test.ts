import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
