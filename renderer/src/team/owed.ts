/**
 * What the team owes now, for the badge on the Communicate tab: notices whose clock runs (due),
 * notices past their deadline and an internal status update past its cadence (overdue).
 */
import type { TeamState } from '../../../shared/views/team-state.ts';

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

/** "1 overdue, 2 due" (sentence case), or null when nothing is owed. */
export function owedText(o: Owed): string | null {
  const parts = [o.overdue > 0 ? `${o.overdue} overdue` : null, o.due > 0 ? `${o.due} due` : null].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(', ');
}
