/** A sim moment as the room reads it: "T+1h12m · 10:12", with the full date on hover. */
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { clockTime, wallTime } from '../../../shared/scenario/sim-time.ts';
import { useOpenSession } from '../session/use-run.ts';

export function SimTime({ t }: { t: number }) {
  const { scenario } = useOpenSession();
  return (
    <time className="sim-time" title={wallTime(scenario, t)}>
      {formatOffset(t)} · {clockTime(scenario, t)}
    </time>
  );
}
