/**
 * The definitions are stated once (shared/scoring/definitions.ts), quoted verbatim by README.md's
 * Scoring section and cited by name in every dimension's reason on the score card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS, elementCounts, obligationStatus, timeScore } from '../../../shared/scoring/definitions.ts';
import { ROOT } from '../../helpers.ts';
import { playTeamFile, SCENARIOS } from './scripted.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scoring = readme.slice(readme.indexOf('## Scoring'), readme.indexOf('## Project layout'));

describe('definitions', () => {
  it.each(Object.values(DEFINITIONS).map((d) => [d.name, d] as const))('README quotes "%s" verbatim', (_n, d) => {
    expect(scoring).toContain(`- **${d.name}.** ${d.text}`);
  });

  it.each(SCENARIOS)('%s: every dimension cites its definitions by name in its reason', (id) => {
    const { card } = playTeamFile(id, 'plausible-wrong');
    for (const d of card.dimensions) {
      expect(d.definitions.length).toBeGreaterThan(0);
      expect(d.reason).toContain(`Definitions: ${d.definitions.map((x) => DEFINITIONS[x].name).join(', ')}.`);
    }
    const cited = new Set(card.dimensions.flatMap((d) => d.definitions));
    // Every definition is cited by some dimension (none is dead text); `working_hours` only where a
    // scenario counts a target in working hours (test/unit/engine/working-hours.test.ts checks it is).
    expect([...cited].sort()).toEqual(
      Object.keys(DEFINITIONS)
        .filter((x) => x !== 'working_hours')
        .sort(),
    );
  });

  it('words the time score, element rule and obligation states as the README says', () => {
    expect(timeScore(60, 60)).toBe(100);
    expect(timeScore(240, 60)).toBe(0);
    expect(timeScore(150, 60)).toBe(50);
    expect(elementCounts('x')).toBe(false);
    expect(elementCounts('  ok  ')).toBe(false);
    expect(elementCounts('Assistant disabled')).toBe(true);
    expect(obligationStatus(100, null, 50, true)).toBe('missed');
    expect(obligationStatus(100, null, 50, true, 80)).toBe('open');
    expect(obligationStatus(100, null, 50, true, 120)).toBe('missed');
    expect(obligationStatus(100, null, 50, true, 40)).toBe('missed');
    expect(obligationStatus(100, null, 150, true)).toBe('missed');
    expect(obligationStatus(100, 120, 150, true)).toBe('late');
    expect(obligationStatus(100, 90, 150, true)).toBe('met');
  });
});
