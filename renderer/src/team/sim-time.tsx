/** A sim moment as the room reads it: "T+1h12m · 10:12", with the full date on hover. */
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { clockTime, wallTime } from '../../../shared/scenario/sim-time.ts';
import { useTeam } from './team-context.tsx';
import { useWords } from '../i18n/words.tsx';

export function SimTime({ t }: { t: number }) {
  const w = useWords();
  // Sim moments depend only on the start; a new TeamState with the same start keeps this one.
  const clock = useTeam(
    (team) => team.simClock,
    (a, b) => a.start === b.start,
  );
  const s = { clock };
  return (
    <time className="sim-time" title={wallTime(s, t, w)}>
      {formatOffset(t, w)} · {clockTime(s, t, w)}
    </time>
  );
}
