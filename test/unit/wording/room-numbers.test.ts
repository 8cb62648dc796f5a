/** Numbers and words as a room reads them: whole people and items, "due by" only with its time, no capitals. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHarm } from '../../../renderer/src/ui/format.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { HOUR } from '../../../shared/scenario/duration.ts';
import { eventText } from '../../../shared/wording/timeline.ts';

const file = 'stale-pricing-data.yaml';
const loaded = loadScenario(readFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', file)), file);
if (!loaded.ok) throw new Error('scenario does not load');
const s = loaded.scenario;

describe('harm figures for the room', () => {
  it('counts people, decisions and records in whole units, rounding down, singular for one', () => {
    expect(formatHarm(76.7, 'applications', 'decisions')).toBe('76 applications');
    expect(formatHarm(1, 'applications', 'decisions')).toBe('1 application');
    expect(formatHarm(1.9, 'records', 'records')).toBe('1 record');
    expect(formatHarm(12_345.6, 'customers', 'people')).toBe('12,345 customers');
    expect(formatHarm(0, 'customers', 'people')).toBe('0 customers');
  });

  it('keeps money as a whole amount in the scenario’s unit', () => {
    expect(formatHarm(12_000_000.4, 'USD', 'money')).toBe('12,000,000 USD');
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
