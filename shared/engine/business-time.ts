/**
 * Deadlines counted in business time: Monday to Friday, 09:00 to 17:00 on the scenario's wall
 * clock (zone-less, so the same on every machine). Regulators and contracts often count this way
 * ("within 2 business days", "4 business hours").
 */
import { DAY, HOUR } from '../scenario/duration.ts';
import type { Scenario } from '../scenario/schema.ts';
import { startEpoch } from '../scenario/sim-time.ts';

const OPEN = 9 * HOUR;
const CLOSE = 17 * HOUR;

const isWeekday = (epoch: number) => {
  const d = new Date(epoch).getUTCDay();
  return d !== 0 && d !== 6;
};
const dayStart = (epoch: number) => epoch - (((epoch % DAY) + DAY) % DAY);
/** A working day: Monday to Friday and not one of the scenario's public holidays (`clock.holidays`). */
const isWorkingDay = (s: Pick<Scenario, 'clock'>, epoch: number) =>
  isWeekday(epoch) && !(s.clock.holidays ?? []).includes(new Date(epoch).toISOString().slice(0, 10));

/**
 * The sim time a period of `days` days after sim time `from` ends by the EU rule (Regulation
 * 1182/71, Art. 3): it starts at the beginning of the day after the event, ends with the last hour
 * of its last day, ends instead with the following working day when that last day is a Saturday,
 * Sunday or public holiday, and a period of two days or more includes at least two working days.
 */
export function addEuDays(s: Pick<Scenario, 'clock'>, from: number, days: number): number {
  const origin = startEpoch(s);
  const first = dayStart(origin + from) + DAY;
  let end = first + Math.max(1, Math.round(days)) * DAY;
  const roll = () => {
    for (let guard = 0; !isWorkingDay(s, end - DAY) && guard < 366; guard++) end += DAY;
  };
  roll();
  if (days >= 2) {
    const working = () => {
      let n = 0;
      for (let d = first; d < end; d += DAY) if (isWorkingDay(s, d)) n++;
      return n;
    };
    for (let guard = 0; working() < 2 && guard < 366; guard++) {
      end += DAY;
      roll();
    }
  }
  return end - origin;
}

/** The sim time `amount` of business hours after sim time `from`. */
export function addBusinessHours(s: Pick<Scenario, 'clock'>, from: number, amount: number): number {
  const origin = startEpoch(s);
  let at = origin + from;
  let left = amount;
  // Walks at most one step per day; 10 years of deadlines is ~3,650 steps.
  for (let guard = 0; guard < 10_000; guard++) {
    const day = dayStart(at);
    if (isWorkingDay(s, at)) {
      const open = Math.max(at, day + OPEN);
      const close = day + CLOSE;
      if (open < close) {
        if (left <= close - open) return open + left - origin;
        left -= close - open;
      }
    }
    at = day + DAY;
  }
  return at - origin;
}

/** The sim time `days` whole business days after sim time `from` (same time of day). */
export function addBusinessDays(s: Pick<Scenario, 'clock'>, from: number, days: number): number {
  const origin = startEpoch(s);
  let at = origin + from;
  let left = Math.round(days);
  for (let guard = 0; left > 0 && guard < 100_000; guard++) {
    at += DAY;
    if (isWorkingDay(s, at)) left--;
  }
  return at - origin;
}

/** A deadline `within` after `from`, on the obligation's clock. */
export function deadlineAfter(
  s: Pick<Scenario, 'clock'>,
  from: number,
  within: number,
  clock: 'calendar' | 'business_hours' | 'business_days' | 'eu_days',
): number {
  switch (clock) {
    case 'calendar':
      return from + within;
    case 'business_hours':
      return addBusinessHours(s, from, within);
    case 'business_days':
      return addBusinessDays(s, from, within / DAY);
    case 'eu_days':
      return addEuDays(s, from, within / DAY);
  }
}
