/**
 * Chart axes a room can read: value ticks on "nice" steps (1, 2, 2.5, 5 × 10^k) with no float
 * noise (never 4.05, 0.335 or 3.85), large values compact ("12M", not "12000000"), and time ticks
 * on whole minutes or hours of sim time (T+30m, T+1h, T+1h30m), never an odd minute like T+1h32.
 *
 * One module for every chart: the console's and the projector's dashboards, the debrief's harm
 * chart (recharts, given these ticks) and the report's SVG charts.
 */
import { EN, type Words } from '../i18n/words.ts';

const MINUTE = 60_000;

/** A "nice" step (1, 2, 2.5, 5 × 10^k) giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw * (1 - 1e-9)) return m * pow;
  return 10 * pow;
}

/** Decimals a step needs (0.25 → 2, 5 → 0), so a tick is printed as the step writes it. */
function decimalsOf(step: number): number {
  for (let d = 0; d <= 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/** Rounds away the binary float noise of `k × step` (0.1 × 3 = 0.30000000000000004). */
const clean = (v: number, decimals: number) => Number(v.toFixed(decimals));

/**
 * Value ticks covering [min, max]: about `count` of them on a nice step, the first at or below
 * min, the last at or above max. Values that are all equal get a small band around them; a
 * series that never goes below zero keeps zero as its floor when it is near.
 */
export function valueTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    if (min === 0) return [0, 1];
    const pad = Math.abs(min) * 0.1;
    [min, max] = [min - pad, max + pad];
    if (min < 0 && max > 0 && min + pad >= 0) min = 0;
  }
  // A floor near zero reads better as zero (a count that dips to 12 of 80 starts at 0).
  if (min > 0 && min < (max - min) * 0.5) min = 0;
  const step = niceStep(max - min, count);
  const d = decimalsOf(step);
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * (1 - 1e-9); v += step) ticks.push(clean(v, d));
  if (ticks.length < 2) ticks.push(clean(first + step, d));
  return ticks;
}

/** Whole-minute steps a sim-time axis may take: minutes, quarter and half hours, hours, days. */
const TIME_STEPS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080];

/**
 * Time ticks (in ms of sim time) on whole minutes or hours covering [from, to]: about `count`
 * of them, each a multiple of the step, none outside the range (so no label is cut at an edge).
 */
export function timeTicks(from: number, to: number, count = 5): number[] {
  if (!(to > from)) return [from];
  const span = (to - from) / MINUTE;
  const stepMin = TIME_STEPS_MIN.find((s) => span / s <= count) ?? TIME_STEPS_MIN.at(-1)!;
  const step = stepMin * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** Axis numbers: "850", "12.5", "80k", "6M", "1.25M" (never a raw 12000000 or a float's noise). */
export function compactNumber(v: number, w: Words = EN): string {
  const abs = Math.abs(v);
  const trim = (x: number) => String(Math.round(x * 100) / 100);
  if (abs >= 1e6) return `${trim(v / 1e6)}M`;
  if (abs >= 1e4) return `${trim(v / 1e3)}k`;
  return abs >= 1000 ? w.whole(v) : trim(v);
}
