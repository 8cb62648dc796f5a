/**
 * Deadlines counted in business time: the scenario's working hours (`clock.workingHours`, by
 * default Monday to Friday, 09:00 to 17:00, see working-hours.ts: the same definition harm rates,
 * traffic-driven metrics and working-hours targets use) on the scenario's wall clock (zone-less,
 * so the same on every machine). Regulators and contracts often count this way ("within 2
 * business days", "4 business hours").
 *
 * #17 time zones: when the scenario's clock names its zone (`clock.timeZone`, IANA) and an
 * obligation counts in another (`timeZone`), business hours and day boundaries follow that zone's
 * wall clock, daylight-saving changes included. The zone rules come from the runtime's own data
 * (shared/i18n/words.ts), never from the host's time zone, so every machine computes the same.
 */
import { DAY, MINUTE } from '../scenario/duration.ts';
import { dayStart, isoDateOf, minutesOfDay, scheduleDef, wallClock, worksOn, weekdayOf, type ClockOf } from './working-hours.ts';

/**
 * A working day by the EU rule (Regulation 1182/71 Art. 2(2)): not a Saturday, Sunday or public
 * holiday (`clock.holidays`). A legal definition, so it does not follow the scenario's own working hours.
 */
const isEuWorkingDay = (s: ClockOf, wall: number) => {
  const d = weekdayOf(wall);
  return d !== 'sat' && d !== 'sun' && !(s.clock.holidays ?? []).includes(isoDateOf(wall));
};

/**
 * The sim time a period of `days` days after sim time `from` ends by the EU rule (Regulation
 * 1182/71, Art. 3): it starts at the beginning of the day after the event, ends with the last hour
 * of its last day, ends instead with the following working day when that last day is a Saturday,
 * Sunday or public holiday, and a period of two days or more includes at least two working days.
 */
export function addEuDays(s: ClockOf, from: number, days: number, zone?: string): number {
  const clock = wallClock(s, zone);
  const first = dayStart(clock.toWall(from)) + DAY;
  let end = first + Math.max(1, Math.round(days)) * DAY;
  const roll = () => {
    for (let guard = 0; !isEuWorkingDay(s, end - DAY) && guard < 366; guard++) end += DAY;
  };
  roll();
  if (days >= 2) {
    const working = () => {
      let n = 0;
      for (let d = first; d < end; d += DAY) if (isEuWorkingDay(s, d)) n++;
      return n;
    };
    for (let guard = 0; working() < 2 && guard < 366; guard++) {
      end += DAY;
      roll();
    }
  }
  return clock.fromWall(end);
}

/** The sim time `amount` of business hours after sim time `from` (the scenario's working hours). */
export function addBusinessHours(s: ClockOf, from: number, amount: number, zone?: string): number {
  const def = scheduleDef(s);
  const clock = wallClock(s, zone ?? def.timeZone);
  const OPEN = minutesOfDay(def.open) * MINUTE;
  const CLOSE = minutesOfDay(def.close) * MINUTE;
  let at = clock.toWall(from);
  let left = amount;
  // Walks at most one step per day; 10 years of deadlines is ~3,650 steps.
  for (let guard = 0; guard < 10_000; guard++) {
    const day = dayStart(at);
    if (worksOn(s, def, at)) {
      const open = Math.max(at, day + OPEN);
      const close = day + CLOSE;
      if (open < close) {
        if (left <= close - open) return clock.fromWall(open + left);
        left -= close - open;
      }
    }
    at = day + DAY;
  }
  return clock.fromWall(at);
}

/** The sim time `days` whole business days after sim time `from` (same time of day; the working hours' days). */
export function addBusinessDays(s: ClockOf, from: number, days: number, zone?: string): number {
  const def = scheduleDef(s);
  const clock = wallClock(s, zone ?? def.timeZone);
  let at = clock.toWall(from);
  let left = Math.round(days);
  for (let guard = 0; left > 0 && guard < 100_000; guard++) {
    at += DAY;
    if (worksOn(s, def, at)) left--;
  }
  return clock.fromWall(at);
}

/** A deadline `within` after `from`, on the obligation's clock. */
export function deadlineAfter(
  s: ClockOf,
  from: number,
  within: number,
  clock: 'calendar' | 'business_hours' | 'business_days' | 'eu_days',
  zone?: string,
): number {
  switch (clock) {
    case 'calendar':
      return from + within;
    case 'business_hours':
      return addBusinessHours(s, from, within, zone);
    case 'business_days':
      return addBusinessDays(s, from, within / DAY, zone);
    case 'eu_days':
      return addEuDays(s, from, within / DAY, zone);
  }
}
