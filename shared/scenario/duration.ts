/**
 * Durations in scenarios: "3h47m", "90m", "2d", "45s" or a plain number of minutes.
 *
 * The engine works in milliseconds of simulated time; scenarios are written in human units.
 */
import { EN, type Words } from '../i18n/words.ts';

const DURATION_RE = /^\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*$/;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The longest duration a scenario may state: ten years of sim time (anything longer is a typo). */
export const MAX_DURATION = 3650 * DAY;

/** Parses a duration to milliseconds, or returns null when it is not one. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value * MINUTE <= MAX_DURATION ? Math.round(value * MINUTE) : null;
  const m = DURATION_RE.exec(value);
  if (!m || value.trim() === '' || !m.slice(1).some(Boolean)) return null;
  const [d, h, min, s] = m.slice(1).map((x) => (x ? Number(x) : 0)) as [number, number, number, number];
  const ms = ((d * 24 + h) * 60 + min) * MINUTE + s * 1000;
  return ms <= MAX_DURATION ? ms : null;
}

/** A duration that may be negative ("-30d": before the exercise started), or null. */
export function parseSignedDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value * MINUTE) <= MAX_DURATION ? Math.round(value * MINUTE) : null;
  const trimmed = value.trim();
  if (trimmed.startsWith('-')) {
    const ms = parseDuration(trimmed.slice(1));
    return ms === null ? null : -ms;
  }
  return parseDuration(trimmed);
}

/** Formats milliseconds as a compact duration: "4h12m", "35m", "2d3h", "0m" (in the language of `w`). */
export function formatDuration(ms: number, w: Words = EN): string {
  return w.duration(ms);
}

/** "T+4h12m": an offset from the exercise start ("T-30d" before it: a fault present since launch). */
export function formatOffset(ms: number, w: Words = EN): string {
  return w.offset(ms);
}
