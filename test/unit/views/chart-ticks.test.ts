/**
 * Chart ticks a room can read (#20): nice steps in the metric's unit, no float noise or odd ticks
 * (4.05, 0.335, 3.85), no raw "12000000", time ticks on whole minutes or hours (never T+1h32).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactNumber, niceStep, timeTicks, valueTicks } from '../../../shared/views/chart-ticks.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A tick is "nice" when it is a whole multiple of a 1, 2, 2.5 or 5 × 10^k step. */
function isNiceStep(raw: number): boolean {
  const step = Number(raw.toPrecision(6)); // a difference of two ticks carries float noise
  const pow = 10 ** Math.floor(Math.log10(step));
  return [1, 2, 2.5, 5].some((m) => Math.abs(step / pow - m) < 1e-6);
}

describe('value ticks', () => {
  it('the dashboards the screen tour showed: conversion 1.65–3.85 %, fares 165–225, a count 0–80', () => {
    expect(valueTicks(1.65, 3.85)).toEqual([1, 2, 3, 4]);
    expect(valueTicks(165, 225)).toEqual([160, 180, 200, 220, 240]);
    expect(valueTicks(12, 63)).toEqual([0, 20, 40, 60, 80]);
    expect(valueTicks(0.31, 0.36)).toEqual([0.3, 0.32, 0.34, 0.36]);
  });

  it('a flat series still gets an axis around its value', () => {
    expect(valueTicks(0, 0)).toEqual([0, 1]);
    const t = valueTicks(50, 50);
    expect(t[0]).toBeLessThan(50);
    expect(t.at(-1)).toBeGreaterThan(50);
  });

  it('for any range: evenly spaced on a nice step, covering the range, 2 to 7 ticks, no float noise', () => {
    fc.assert(
      fc.property(
        // A dashboard's range: its span, and where it sits (from below zero to 100 spans up).
        fc.double({ min: 1e-3, max: 1e8, noNaN: true }),
        fc.double({ min: -5, max: 100, noNaN: true }),
        (span, at) => {
          const lo = span * at;
          const hi = lo + span;
          const t = valueTicks(lo, hi);
          expect(t.length).toBeGreaterThanOrEqual(2);
          expect(t.length).toBeLessThanOrEqual(7);
          expect(t[0]).toBeLessThanOrEqual(lo + span * 1e-6);
          expect(t.at(-1)!).toBeGreaterThanOrEqual(hi - span * 1e-6);
          const step = t[1]! - t[0]!;
          expect(isNiceStep(step)).toBe(true);
          // No float noise: a tick has no more decimals than its step (0.30000000000000004).
          const decimals = (x: number) => (/e-/.test(String(x)) ? 99 : (String(x).split('.')[1]?.length ?? 0));
          for (const v of t) expect(decimals(v)).toBeLessThanOrEqual(Math.max(0, -Math.floor(Math.log10(step)) + 1));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('nice steps are 1, 2, 2.5 or 5 times a power of ten', () => {
    for (const [span, count] of [
      [2.2, 4],
      [60, 4],
      [12_000_000, 4],
      [0.05, 4],
    ] as const)
      expect(isNiceStep(niceStep(span, count))).toBe(true);
  });
});

describe('axis numbers', () => {
  it('large values compact, small ones as written, never a raw 12000000', () => {
    expect(compactNumber(12_000_000)).toBe('12M');
    expect(compactNumber(2_500_000)).toBe('2.5M');
    expect(compactNumber(80_000)).toBe('80k');
    expect(compactNumber(2_500)).toBe('2,500');
    expect(compactNumber(0.25)).toBe('0.25');
    expect(valueTicks(0, 12_000_000).map((v) => compactNumber(v))).toEqual(['0', '5M', '10M', '15M']);
  });
});

describe('time ticks', () => {
  it('a 1h32m dashboard: T+0, T+30m, T+1h, T+1h30m, never the odd last minute', () => {
    expect(timeTicks(0, 92 * MIN, 4).map((t) => formatOffset(t))).toEqual(['T+0m', 'T+30m', 'T+1h', 'T+1h30m']);
  });

  it('a 9-hour exercise: whole hours', () => {
    const t = timeTicks(0, 9 * HOUR, 8);
    expect(t.every((x) => x % HOUR === 0)).toBe(true);
    expect(t.length).toBeLessThanOrEqual(9);
  });

  it('for any window: whole-minute multiples of one step, inside the window, at most count + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 3, max: 8 }), (from, span, count) => {
        const t = timeTicks(from * MIN, (from + span) * MIN, count);
        expect(t.length).toBeGreaterThanOrEqual(1);
        expect(t.length).toBeLessThanOrEqual(count + 1);
        for (const x of t) {
          expect(x % MIN).toBe(0);
          expect(x).toBeGreaterThanOrEqual(from * MIN);
          expect(x).toBeLessThanOrEqual((from + span) * MIN);
        }
        if (t.length > 1) expect(t[1]! - t[0]!).toBe(t.at(-1)! - t.at(-2)!);
      }),
    );
  });
});
