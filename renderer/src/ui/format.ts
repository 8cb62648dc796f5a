/** Number and time formatting for the UI (sim time helpers live in shared/scenario/sim-time.ts). */
import { formatDuration } from '../../../shared/scenario/duration.ts';

export { formatDuration };

/** "1:02:03" for a wall-clock span in milliseconds. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const compact = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatNumber(n: number): string {
  return compact.format(n);
}

export function formatMoney(n: number): string {
  return money.format(n);
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
