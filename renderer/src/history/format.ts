/** Formatting for the history screen: sim-time spans, dates (UTC, like the filters), shares; worded by the catalogue. */
import { formatDuration } from '../../../shared/scenario/duration.ts';
import type { Words } from '../../../shared/i18n/words.ts';

export const DASH = '—';

/** "1h05m" for a span of sim time, "—" when there is none (not detected, never contained). */
export function formatSpan(ms: number | null, w: Words): string {
  return ms === null ? DASH : formatDuration(ms, w);
}

/** "5 Jan 2026". Dates are shown in UTC so they agree with the date filters and quarters. */
export function formatDate(iso: string | number, w: Words): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : w.date(d.getTime());
}

export function formatMonth(ms: number, w: Words): string {
  return w.month(ms);
}

/** Minutes with at most one decimal, for charts. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

export function formatShare(s: { met: number; of: number; share: number | null }, w: Words): string {
  return s.share === null ? w.t('history.share.none') : w.t('history.share', { met: s.met, of: s.of, percent: w.percent(s.share) });
}

/** "YYYY-MM-DD" (UTC) for file names. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
