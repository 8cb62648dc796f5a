/**
 * #17.8 domain gap: containment what-ifs on a journal with a lift. The built-in teams lift and
 * re-apply (the pricing textbook reopens sales by lifting its kill switch); every what-if of every
 * built-in team must replay and re-score, never fail with "could not be simulated".
 */
import { whatIfs } from '../../../shared/debrief/what-if.ts';
import { BUILT_INS, loadCase, playTeamFile } from '../scoring/scripted.ts';

describe.each(BUILT_INS)('%s', (key) => {
  it.each(['textbook', 'plausible-wrong'])(
    'every what-if of the %s team replays and is scored',
    (team) => {
      const { scenario } = loadCase(key);
      const { entries, card } = playTeamFile(key, team);
      const analysis = whatIfs(scenario, 1, entries, card);
      expect(analysis.items.length).toBeGreaterThan(0);
      expect(analysis.items.filter((w) => w.error !== undefined).map((w) => `${w.id}: ${w.error}`)).toEqual([]);
    },
    120_000,
  );
});

describe('a lift in the journal', () => {
  it('the pricing textbook lifts its kill switch, and its containment what-ifs are simulated', () => {
    const key = 'stale-pricing-data@partners-clean';
    const { scenario } = loadCase(key);
    const { entries, card } = playTeamFile(key, 'textbook');
    expect(entries.some((e) => e.input.type === 'LIFT')).toBe(true);
    const analysis = whatIfs(scenario, 1, entries, card);
    const containment = analysis.items.filter((w) => w.kind !== 'notify-on-time');
    expect(containment.length).toBeGreaterThan(0);
    for (const w of containment) expect(w.outcome).not.toBeNull();
  }, 120_000);
});
