/**
 * Sim time as the room reads it: the scenario's wall clock ("Mon 09 Mar 13:12") and T+ offsets.
 *
 * The scenario's start is a zone-less local time; arithmetic is done in UTC so the result is the
 * same on every machine whatever its time zone.
 */
import type { Scenario } from './schema.ts';
import { EN, fig, type Figure, type Words } from '../i18n/words.ts';

export function startEpoch(s: Pick<Scenario, 'clock'>): number {
  const [date, time] = s.clock.start.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, sec] = time.split(':').map(Number) as [number, number, number | undefined];
  return Date.UTC(y, mo - 1, d, h, mi, sec ?? 0);
}

/** "13:12" */
export function clockTime(s: Pick<Scenario, 'clock'>, t: number, w: Words = EN): string {
  return w.clock(startEpoch(s) + t);
}

/** "Mon 09 Mar 13:12" */
export function wallTime(s: Pick<Scenario, 'clock'>, t: number, w: Words = EN): string {
  return w.wall(startEpoch(s) + t);
}

/** "T+4h12m (Mon 09 Mar 13:12)": how explanations cite a moment. */
export function cite(s: Pick<Scenario, 'clock'>, t: number, w: Words = EN): string {
  return w.value(citeFigure(s, t)) as string;
}

/** A moment cited, not yet worded (for a message built in one place and worded in another). */
export function citeFigure(s: Pick<Scenario, 'clock'>, t: number): Figure {
  return fig.cite(startEpoch(s), t);
}

/** #17: minutes since midnight on the scenario's wall clock at sim time `t` (a time a notice states). */
export function wallMinuteOfDay(s: Pick<Scenario, 'clock'>, t: number): number {
  const day = 86_400_000;
  return Math.floor(((((startEpoch(s) + t) % day) + day) % day) / 60_000);
}
