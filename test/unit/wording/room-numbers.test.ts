/** Numbers and words as a room reads them: whole people and items, "due by" only with its time, no capitals. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHarm } from '../../../renderer/src/ui/format.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { HOUR } from '../../../shared/scenario/duration.ts';
import { eventText } from '../../../shared/wording/timeline.ts';
import { EN } from '../../../shared/i18n/words.ts';
import { harmAmount } from '../../../shared/debrief/phrasing.ts';

const file = 'stale-pricing-data.yaml';
const loaded = loadScenario(readFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', file)), file);
if (!loaded.ok) throw new Error('scenario does not load');
const s = loaded.scenario;

describe('harm figures for the room', () => {
  it('counts people, decisions and records in whole units, rounding down, singular for one', () => {
    expect(formatHarm(76.7, 'applications', 'decisions', 'USD')).toBe('76 applications');
    expect(formatHarm(1, 'applications', 'decisions', 'USD')).toBe('1 application');
    expect(formatHarm(1.9, 'records', 'records', 'USD')).toBe('1 record');
    expect(formatHarm(12_345.6, 'customers', 'people', 'USD')).toBe('12,345 customers');
    expect(formatHarm(0, 'customers', 'people', 'USD')).toBe('0 customers');
  });

  it('words money in the scenario’s currency as every other amount of money is (one formatter: console, projector, debrief)', () => {
    expect(formatHarm(12_000_000.4, 'USD', 'money', 'USD')).toBe('$12,000,000');
    expect(formatHarm(248_500, 'USD', 'money', 'USD')).toBe(EN.money(248_500, 'USD'));
    expect(formatHarm(1_234, 'GBP', 'money', 'GBP')).toBe('£1,234');
    // What the debrief shows for the same harm figure.
    const money = s.harm.find((h) => h.kind === 'money')!;
    expect(formatHarm(248_500, money.unit, money.kind, s.currency)).toBe(harmAmount(s, money, 248_500));
  });
});

describe('deadline words', () => {
  it('a notice whose clock starts is due by its time, not "now due"', () => {
    const text = eventText(s, { code: 'obligation.due', obligationId: 'x', audience: 'regulator', dueAt: 72 * HOUR });
    expect(text).not.toMatch(/now due/);
    expect(text).toMatch(/^Notice to .+ due by \w{3} \d{2} \w{3} \d{2}:\d{2}$/);
  });

  it('a missed deadline is said in sentence case', () => {
    expect(eventText(s, { code: 'obligation.missed', obligationId: 'x', audience: 'client' })).toMatch(/: missed$/);
  });
});
