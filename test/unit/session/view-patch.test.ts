import fc from 'fast-check';
import { applyViewPatch, viewPatch } from '../../../shared/contract/view-patch.ts';
import { downsample } from '../../../shared/contract/live.ts';

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

describe('view patches of moving lists', () => {
  const line = (k: number) => ({ t: k * 1000, kind: 'action', text: `Message ${k} sent (P${k}, Client liaison / legal)` });

  it('send only the new line when a window of the latest lines moves on by one', () => {
    const before = { timeline: Array.from({ length: 30 }, (_, k) => line(k)) };
    const after = { timeline: Array.from({ length: 30 }, (_, k) => line(k + 1)) };
    const p = viewPatch(before, after)!;
    expect(applyViewPatch(before, JSON.parse(JSON.stringify(p)))).toEqual(after);
    // One line's worth, not thirty (matched by position, every line differed from the one before it).
    expect(JSON.stringify(p).length).toBeLessThan(2 * JSON.stringify(line(30)).length);
  });

  it('send only the new item when a newest-first list takes one at its head', () => {
    const before = { sent: Array.from({ length: 12 }, (_, k) => line(12 - k)) };
    const after = { sent: [line(13), ...before.sent] };
    const p = viewPatch(before, after)!;
    const applied = applyViewPatch(before, JSON.parse(JSON.stringify(p)));
    expect(applied).toEqual(after);
    expect(applied.sent[1]).toBe(before.sent[0]);
    expect(JSON.stringify(p).length).toBeLessThan(2 * JSON.stringify(line(13)).length);
  });

  it('turn any list into any other exactly, whatever moved', () => {
    const item = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.record({ k: fc.integer({ min: 0, max: 4 }) }));
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(item, { maxLength: 4 }),
        fc.array(item, { maxLength: 4 }),
        (a, drop, head, tail) => {
          const b = [...head, ...a.slice(drop), ...tail];
          const p = viewPatch(a, b);
          const after = p === null ? a : applyViewPatch(a, JSON.parse(JSON.stringify(p)));
          expect(after).toEqual(b);
        },
      ),
    );
  });
});

describe('metric series on the wire', () => {
  it('keep their points as the series grows, so a running clock patches the latest point, not the chart', () => {
    const series = Array.from({ length: 2000 }, (_, m) => 100 + Math.sin(m / 7) * 20);
    for (const n of [300, 777, 1500, 1999]) {
      const before = downsample(series.slice(0, n), 240);
      const after = downsample(series.slice(0, n + 1), 240);
      expect(after.length).toBeLessThanOrEqual(240);
      expect(after.at(-1)).toEqual([n, series[n]]);
      // One or two points' worth, not 240 (a grid counted back from the latest point moved every one).
      expect(JSON.stringify(viewPatch(before, after)).length).toBeLessThan(100);
    }
  });
});
