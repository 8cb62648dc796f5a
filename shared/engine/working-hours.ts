/**
 * Working hours (#17): when a business is open, as sim-time intervals. One definition serves
 * business-time deadlines (business-time.ts), harm that accrues at a rate while open
 * (`harm[].rate`), traffic-driven metrics (`metrics[].hours`) and targets counted in working hours
 * (`rubric.inWorkingHours`).
 *
 * A schedule is `clock.workingHours` (default Monday to Friday, 09:00 to 17:00) or one of
 * `clock.schedules`; it is closed on `clock.holidays` unless it says `holidays: false`. Its hours
 * are on the scenario's zone-less wall clock, or in its own `timeZone` with that zone's
 * daylight-saving changes (the zone rules come from shared/i18n/words.ts, never from the host).
 *
 * The hot path (a metric sampled every minute, harm integrated at every step) must not build a Date
 * or walk the calendar per call: the open intervals are computed once per scenario and schedule,
 * and each day of sim time points at its first interval, so `isOpen` and `openBetween` are O(1).
 */
import { DAY, MINUTE } from '../scenario/duration.ts';
import type { Scenario, ScheduleDef, Weekday } from '../scenario/schema.ts';
import { startEpoch } from '../scenario/sim-time.ts';
import { zoneOffset, zoneWallToUtc } from '../i18n/words.ts';

export type ClockOf = Pick<Scenario, 'clock'>;

/** Monday to Friday, 09:00 to 17:00, closed on the scenario's holidays. */
export const DEFAULT_WORKING_HOURS: ScheduleDef = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00', holidays: true };

/** The schedule a field names (absent: the scenario's working hours, or the default). */
export function scheduleDef(s: ClockOf, name?: string): ScheduleDef {
  if (name !== undefined) {
    const def = s.clock.schedules?.[name];
    if (!def) throw new Error(`unknown schedule "${name}"`);
    return def;
  }
  return s.clock.workingHours ?? DEFAULT_WORKING_HOURS;
}

/**
 * Sim time ↔ the wall clock hours are counted on (ms, read as UTC). Without a zone, or in the
 * scenario's own zone, it is the scenario's zone-less wall clock; in another zone it is that zone's
 * local time at the same instant.
 */
export function wallClock(s: ClockOf, zone: string | undefined): { toWall(t: number): number; fromWall(w: number): number } {
  const origin = startEpoch(s);
  const own = s.clock.timeZone;
  if (!zone || !own || zone === own) return { toWall: (t) => origin + t, fromWall: (w) => w - origin };
  const utc0 = zoneWallToUtc(own, origin);
  return {
    toWall: (t) => utc0 + t + zoneOffset(zone, utc0 + t),
    fromWall: (w) => zoneWallToUtc(zone, w) - utc0,
  };
}

/** The start of the wall-clock day holding `wall`. */
export const dayStart = (wall: number): number => wall - (((wall % DAY) + DAY) % DAY);

const WEEKDAY_OF: ReadonlyArray<Weekday> = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** The weekday of a wall-clock epoch, by arithmetic (1970-01-01 was a Thursday). */
export const weekdayOf = (wall: number): Weekday => WEEKDAY_OF[(((Math.floor(wall / DAY) + 4) % 7) + 7) % 7]!;

/** YYYY-MM-DD of a wall-clock epoch, by arithmetic (days from civil, proleptic Gregorian). */
export function isoDateOf(wall: number): string {
  const z = Math.floor(wall / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the schedule works on the wall-clock day holding `wall` (its weekdays, not a holiday it keeps). */
export function worksOn(s: ClockOf, def: ScheduleDef, wall: number): boolean {
  return def.days.includes(weekdayOf(wall)) && !(def.holidays && (s.clock.holidays ?? []).includes(isoDateOf(wall)));
}

/** A schedule's open hours as sim time. */
export interface Schedule {
  /** Open at sim time t (an interval includes its opening instant, not its closing one). */
  isOpen(t: number): boolean;
  /** How much of [a, b] is open hours (0 when b ≤ a). */
  openBetween(a: number, b: number): number;
  /** The openings and closings strictly inside (a, b), in order. */
  boundaries(a: number, b: number): number[];
}

/** Precomputed open intervals over [lo, hi] of sim time; grown when asked outside it. */
class IntervalSchedule implements Schedule {
  private lo = 0;
  private hi = -1;
  private starts: number[] = [];
  private ends: number[] = [];
  /** prefix[i]: open time in the intervals before i. */
  private prefix: number[] = [0];
  /** firstOfDay[k]: the first interval ending after day k's start (day k: [lo + k·DAY, lo + (k+1)·DAY)). */
  private firstOfDay: number[] = [];

  constructor(
    private readonly s: ClockOf,
    private readonly def: ScheduleDef,
    lo: number,
    hi: number,
  ) {
    this.build(lo, hi);
  }

  private build(lo: number, hi: number): void {
    const clock = wallClock(this.s, this.def.timeZone);
    const open = minutesOfDay(this.def.open) * MINUTE;
    const close = minutesOfDay(this.def.close) * MINUTE;
    const starts: number[] = [];
    const ends: number[] = [];
    // One day either side: a zone's offset moves a wall day up to a day against sim time.
    for (let day = dayStart(clock.toWall(lo)) - DAY; day <= clock.toWall(hi) + DAY; day += DAY) {
      if (!worksOn(this.s, this.def, day)) continue;
      const a = clock.fromWall(day + open);
      const b = clock.fromWall(day + close);
      if (b > a) {
        starts.push(a);
        ends.push(b);
      }
    }
    const prefix = [0];
    for (let i = 0; i < starts.length; i++) prefix.push(prefix[i]! + ends[i]! - starts[i]!);
    const days = Math.ceil((hi - lo) / DAY) + 1;
    const firstOfDay = new Array<number>(days);
    let i = 0;
    for (let k = 0; k < days; k++) {
      const from = lo + k * DAY;
      while (i < ends.length && ends[i]! <= from) i++;
      firstOfDay[k] = i;
    }
    this.lo = lo;
    this.hi = hi;
    this.starts = starts;
    this.ends = ends;
    this.prefix = prefix;
    this.firstOfDay = firstOfDay;
  }

  /** The first interval ending after t (its index; the count when none). */
  private at(t: number): number {
    if (!(t >= this.lo && t <= this.hi)) {
      if (!Number.isFinite(t)) throw new RangeError(`working hours asked at a non-finite time ${t}`);
      // Grow by a month past the ask, so a run that moves on does not rebuild every day.
      this.build(Math.min(this.lo, t) - 30 * DAY, Math.max(this.hi, t) + 30 * DAY);
    }
    let i = this.firstOfDay[Math.floor((t - this.lo) / DAY)]!;
    while (i < this.ends.length && this.ends[i]! <= t) i++;
    return i;
  }

  isOpen(t: number): boolean {
    const i = this.at(t);
    return i < this.starts.length && this.starts[i]! <= t;
  }

  /** Open time before t (from the start of the table). */
  private cumulative(t: number): number {
    const i = this.at(t);
    return this.prefix[i]! + (i < this.starts.length ? Math.max(0, t - this.starts[i]!) : 0);
  }

  openBetween(a: number, b: number): number {
    if (b <= a) return 0;
    // Both ends in one table: grow it first for the wider end, so the two prefixes agree.
    this.at(a);
    this.at(b);
    return this.cumulative(b) - this.cumulative(a);
  }

  boundaries(a: number, b: number): number[] {
    const out: number[] = [];
    if (b <= a) return out;
    this.at(b);
    for (let i = this.at(a); i < this.starts.length && this.starts[i]! < b; i++) {
      if (this.starts[i]! > a) out.push(this.starts[i]!);
      if (this.ends[i]! < b) out.push(this.ends[i]!);
    }
    return out;
  }
}

const cache = new WeakMap<object, Map<string, Schedule>>();

/**
 * The schedule a field names (absent: clock.workingHours), built once per scenario clock and
 * reused: its table covers the exercise and a day either side, and grows if asked beyond.
 */
export function scheduleOf(s: ClockOf, name?: string): Schedule {
  let byName = cache.get(s.clock);
  if (!byName) cache.set(s.clock, (byName = new Map()));
  const key = name ?? '';
  let sch = byName.get(key);
  if (!sch) {
    const horizon = typeof s.clock.horizon === 'number' ? s.clock.horizon : 0;
    sch = new IntervalSchedule(s, scheduleDef(s, name), -2 * DAY, horizon + 2 * DAY);
    byName.set(key, sch);
  }
  return sch;
}
