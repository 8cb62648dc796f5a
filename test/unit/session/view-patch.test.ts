import fc from 'fast-check';
import { applyViewPatch, viewPatch } from '../../../shared/contract/view-patch.ts';

/** JSON as it crosses the wire (what the host diffs: views after a JSON round trip). */
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** A view-like value and an edit of it, as a running clock makes them: a few fields changed, items appended or dropped. */
const edited = fc
  .tuple(fc.array(fc.record({ id: fc.string(), t: fc.integer(), text: fc.string() }), { maxLength: 8 }), fc.integer(), fc.boolean())
  .chain(([items, t, paused]) =>
    fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.record({ id: fc.string(), t: fc.integer(), text: fc.string() }), { maxLength: 3 }),
      )
      .map(([drop, t2, p2, added]) => [
        { clock: { t, paused }, feed: items, note: null },
        { clock: { t: t2, paused: p2 }, feed: [...items.slice(drop), ...added], ...(p2 ? { note: 'x' } : {}) },
      ]),
  );

describe('view patches', () => {
  it('turn any JSON value into any other exactly', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const p = viewPatch(a, b);
        const after = p === null ? a : applyViewPatch(a, JSON.parse(JSON.stringify(p)));
        expect(after).toEqual(b);
      }),
    );
  });

  it('turn a view into its edit, keep unchanged branches, and are small when little changed', () => {
    fc.assert(
      fc.property(edited, ([a, b]) => {
        const p = viewPatch(a, b);
        const after = p === null ? a : applyViewPatch(a, JSON.parse(JSON.stringify(p)));
        expect(after).toEqual(b);
        if (p !== null && JSON.stringify(a!.feed) === JSON.stringify(b!.feed)) expect((after as typeof a)!.feed).toBe(a!.feed);
      }),
    );
  });

  it('is null for equal values, and carries only what moved', () => {
    const view = { clock: { t: 1000, paused: false }, feed: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, title: `Signal ${i}` })) };
    expect(viewPatch(view, JSON.parse(JSON.stringify(view)))).toBeNull();
    const later = { ...view, clock: { t: 1250, paused: false } };
    const p = viewPatch(view, later)!;
    expect(JSON.stringify(p).length).toBeLessThan(60);
    expect(applyViewPatch(view, p).feed).toBe(view.feed);
  });
});
