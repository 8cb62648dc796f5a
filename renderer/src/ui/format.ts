/** Number and time formatting for the UI (sim time helpers live in shared/scenario/sim-time.ts). */
import { formatDuration } from '../../../shared/scenario/duration.ts';
import { EN, type Words } from '../../../shared/i18n/words.ts';

export { formatDuration };

/** "1:02:03" for a wall-clock span in milliseconds. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A number with at most one decimal, in the language of `w`. */
export function formatNumber(n: number, w: Words = EN): string {
  return w.number(n, 1);
}

/** Whole units of money in the scenario's currency. */
export function formatMoney(n: number, currency: string, w: Words = EN): string {
  return w.money(n, currency);
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
