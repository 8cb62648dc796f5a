/** Formatting for the history screen: sim-time spans, dates (UTC, like the filters), shares. */
import { formatDuration } from '../../../shared/scenario/duration.ts';

export const DASH = '—';

/** "1h05m" for a span of sim time, "—" when there is none (not detected, never contained). */
export function formatSpan(ms: number | null): string {
  return ms === null ? DASH : formatDuration(ms);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "5 Jan 2026". Dates are shown in UTC so they agree with the date filters and quarters. */
export function formatDate(iso: string | number): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat.format(d);
}

export function formatMonth(ms: number): string {
  return monthFormat.format(new Date(ms));
}

/** Minutes with at most one decimal, for charts. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

export function formatShare(s: { met: number; of: number; share: number | null }): string {
  return s.share === null ? 'not judged yet' : `${s.met} of ${s.of} (${Math.round(s.share * 100)}%)`;
}

/** "YYYY-MM-DD" (UTC) for file names. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
