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

/**
 * A harm figure as a room reads it: people, decisions and records are whole ("1 application",
 * never "76.7 applications": the figure is how many have happened, so it rounds down); money keeps
 * money is an amount in the scenario's currency, worded as every other amount of money is
 * (the same "$248,500" on the console, the projector and in the debrief).
 */
export function formatHarm(value: number, unit: string, kind: 'people' | 'decisions' | 'records' | 'money', currency: string, w: Words = EN): string {
  if (kind === 'money') return w.money(value, currency);
  const n = Math.max(0, Math.floor(value + 1e-9));
  // Scenario units are plural nouns ("applications"); one of them is singular.
  const word = n === 1 && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
  return `${w.whole(n)}${word ? ` ${word}` : ''}`;
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
