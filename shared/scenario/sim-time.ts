/**
 * Sim time as the room reads it: the scenario's wall clock ("Mon 09 Mar 13:12") and T+ offsets.
 *
 * The scenario's start is a zone-less local time; arithmetic is done in UTC so the result is the
 * same on every machine whatever its time zone.
 */
import type { Scenario } from './schema.ts';
import { formatOffset } from './duration.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function startEpoch(s: Pick<Scenario, 'clock'>): number {
  const [date, time] = s.clock.start.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, sec] = time.split(':').map(Number) as [number, number, number | undefined];
  return Date.UTC(y, mo - 1, d, h, mi, sec ?? 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "13:12" */
export function clockTime(s: Pick<Scenario, 'clock'>, t: number): string {
  const d = new Date(startEpoch(s) + t);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "Mon 09 Mar 13:12" */
export function wallTime(s: Pick<Scenario, 'clock'>, t: number): string {
  const d = new Date(startEpoch(s) + t);
  return `${DAYS[d.getUTCDay()]} ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "T+4h12m (Mon 09 Mar 13:12)": how explanations cite a moment. */
export function cite(s: Pick<Scenario, 'clock'>, t: number): string {
  return `${formatOffset(t)} (${wallTime(s, t)})`;
}
