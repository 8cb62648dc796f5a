/**
 * What the team owes now, for the badge on the Communicate tab: notices whose clock runs (due),
 * notices past their deadline and an internal status update past its cadence (overdue).
 */
import type { TeamState } from '../../../shared/views/team-state.ts';
import { EN, type Words } from '../../../shared/i18n/words.ts';

export interface Owed {
  overdue: number;
  due: number;
}

export function owed(t: TeamState): Owed {
  let overdue = 0;
  let due = 0;
  for (const o of t.obligations) {
    if (o.status === 'missed') overdue++;
    else if (o.status === 'due') due++;
  }
  if (t.cadence?.nextDue != null && t.now > t.cadence.nextDue) overdue++;
  return { overdue, due };
}

/** How the badge looks: danger when anything is overdue, warning when something is only due. */
export function owedTone(o: Owed): 'danger' | 'warning' | null {
  return o.overdue > 0 ? 'danger' : o.due > 0 ? 'warning' : null;
}

/** "1 overdue, 2 due" (sentence case, in the language of `w`), or null when nothing is owed. */
export function owedText(o: Owed, w: Words = EN): string | null {
  const overdue = o.overdue > 0 ? w.t('owed.overdue', { n: o.overdue }) : null;
  const due = o.due > 0 ? w.t('owed.due', { n: o.due }) : null;
  return overdue && due ? w.t('owed.both', { overdue, due }) : (overdue ?? due);
}
