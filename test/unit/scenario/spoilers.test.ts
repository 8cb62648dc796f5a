/**
 * Spoiler-free player text (#21): the checks `validate --check` runs on a scenario's title,
 * summary, objectives, system and client. The built-ins' old summaries named the cause ("quietly
 * switches the employment-tenure feature from months to years"); the check must catch each.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintScenario } from '../../../shared/scenario/lint.ts';
import { findSpoilers } from '../../../shared/scenario/spoilers.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { loadFile, ROOT } from '../../helpers.ts';

const builtIns = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const withSummary = (s: Scenario, summary: string): Scenario => ({ ...s, summary });

it.each(builtIns)('%s: no player text names the fault or the fix', (file) => {
  const { scenario } = loadFile(`scenarios/${file}`);
  expect(findSpoilers(scenario)).toEqual([]);
  expect(scenario.facilitator.giveaways.length).toBeGreaterThan(0);
});

describe('the summaries that spoiled solo training are caught', () => {
  it('silent-bias-drift: the root cause in the summary', () => {
    const { scenario } = loadFile('scenarios/silent-bias-drift.yaml');
    const old = withSummary(scenario, 'A data-pipeline release at Northfield Bank quietly switches the employment-tenure feature from months to years.');
    const found = findSpoilers(old).map((s) => s.found);
    expect(found).toEqual(expect.arrayContaining(['tenure', 'months to years', 'pipeline release', 'employment tenure']));
    expect(findSpoilers(old).every((s) => s.path.join('.') === 'summary')).toBe(true);
  });

  it('stale-pricing-data: "three-day-old inventory snapshot" matches the root cause label', () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary({ ...scenario, facilitator: { brief: '', giveaways: [] } }, 'The model starts reading a three-day-old inventory snapshot.');
    expect(findSpoilers(old).map((s) => s.found)).toContain('day old');
  });

  it('provider-update-leakage: the provider update named in an objective', () => {
    const { scenario } = loadFile('scenarios/provider-update-leakage.yaml');
    const old: Scenario = {
      ...scenario,
      objectives: [...scenario.objectives, { id: 'x', text: 'Recognise that the provider silently updated the model behind the alias.' }],
    };
    const sp = findSpoilers(old);
    expect(sp.length).toBeGreaterThan(0);
    expect(sp[0]!.path).toEqual(['objectives', scenario.objectives.length, 'text']);
  });

  it("a second fault's own root cause counts too (stale-pricing-data's partner fare cache)", () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary({ ...scenario, facilitator: { brief: '', giveaways: [] } }, 'Partners may keep selling from a fare cache overnight.');
    expect(findSpoilers(old).map((s) => s.found)).toContain('fare cache');
  });

  it('five words copied from a fault description are a giveaway, and --check reports it with its path', () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary(scenario, 'Tonight the pricing service\'s feed loader falls back to the newest "good" file.');
    const w = lintScenario(old).filter((x) => x.path[0] === 'summary');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toMatch(/gives the answer away: "the pricing service's feed loader".*stale-feed/);
  });
});
