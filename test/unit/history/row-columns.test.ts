/**
 * History's rows as columns (#18): what the host sends History decodes to exactly the rows the
 * store's metas give, whatever the rows hold, and a damaged message is refused with what is wrong.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HistoryRow } from '../../../shared/history/metrics.ts';
import { decodeRows, encodeRows, type HistoryColumns } from '../../../shared/history/row-columns.ts';

const verdict = fc.option(
  fc.record({
    status: fc.constantFrom('met', 'missed', 'open', 'not_applicable'),
    code: fc.constantFrom('target.within', 'target.over', 'target.false_alarm'),
  }),
  { nil: null },
);
const ms = fc.option(fc.nat({ max: 10 * 86_400_000 }), { nil: null });
const row: fc.Arbitrary<HistoryRow> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }),
  date: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  quarter: fc.constantFrom('2026-Q1', '2026-Q2'),
  // Team and scenario names as people type them: any text, repeated across rows.
  team: fc.constantFrom('Blue', 'Red', 'Équipe "A", nuit', '', '0', 'null'),
  scenarioId: fc.constantFrom('stale-pricing-data', 'silent-bias-drift'),
  scenarioTitle: fc.string(),
  mode: fc.constantFrom('solo', 'facilitated'),
  status: fc.constantFrom('running', 'finished', 'abandoned'),
  duration: fc.nat(),
  severity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  mttd: ms,
  mttc: ms,
  mttcCensored: ms,
  contained: fc.option(fc.boolean(), { nil: null }),
  timeToNotify: ms,
  notifyByAudience: fc.dictionary(fc.constantFrom('client', 'regulator', 'affected_users'), ms),
  overall: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  mttdVerdict: verdict,
  mttcVerdict: verdict,
  notifyVerdict: verdict,
  scored: fc.boolean(),
  targets: fc.option(fc.record({ mttd: fc.nat(), mttc: fc.nat() }), { nil: null }),
  plan: fc.option(fc.record({ open: fc.nat({ max: 20 }), closed: fc.nat({ max: 20 }) }), { nil: null }),
}) as fc.Arbitrary<HistoryRow>;

describe('History rows as columns', () => {
  it('decode(encode(rows)) gives the same rows, in the same order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        // Through JSON, as the host sends it.
        const wire = JSON.parse(JSON.stringify(encodeRows(rows))) as HistoryColumns;
        expect(decodeRows(wire)).toEqual(rows);
      }),
    );
  }, 60_000);

  it('keeps each repeated text once: 5,000 rows of 40 teams are a fraction of their metas as objects', () => {
    const rows = fc.sample(row, { numRuns: 5000, seed: 7 }).map((r, i) => ({ ...r, id: `ex-${i}`, team: `Team ${i % 40}` }));
    const encoded = encodeRows(rows);
    const columns = JSON.stringify(encoded).length;
    const objects = JSON.stringify(rows).length;
    expect(columns).toBeLessThan(objects / 2);
    // Each column refers into its own table: 40 teams need indexes of two digits at most.
    expect(encoded.columns.team).toMatchObject({ kind: 'ref', values: expect.arrayContaining(['Team 0', 'Team 39']) as unknown });
    expect(encoded.columns.id?.kind).toBe('text');
    expect(decodeRows(JSON.parse(JSON.stringify(encoded)) as HistoryColumns)).toEqual(rows);
  }, 60_000);

  it('refuses a damaged message with what is wrong', () => {
    const good = encodeRows([{ ...fc.sample(row, { numRuns: 1, seed: 1 })[0]!, id: 'a' }]);
    expect(() => decodeRows({ ...good, format: 'x' } as unknown as HistoryColumns)).toThrow(/not a history-columns\/2 message/);
    expect(() => decodeRows({ ...good, count: 2 })).toThrow(/column "\w+" has 1 values for 2 rows/);
    const bad = structuredClone(good);
    bad.columns.id = { kind: 'ref', values: ['a'], data: [99] };
    expect(() => decodeRows(bad)).toThrow(/column "id" refers past its 1 values/);
    const missing = structuredClone(good);
    delete missing.columns.team;
    expect(() => decodeRows(missing)).toThrow(/no column "team"/);
    const mixed = structuredClone(good);
    mixed.columns.overall = { kind: 'raw', data: ['12' as unknown as number] };
    expect(() => decodeRows(mixed)).toThrow(/column "overall" holds something other than numbers/);
  });
});
