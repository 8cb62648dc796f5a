/**
 * Facilitator only: what really happens in this scenario (its `facilitator.brief`). The library
 * card, setup and projector briefing keep it from the players; the console is where it belongs.
 */
import { useOpenSession } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';

export function FacilitatorBrief() {
  const { scenario } = useOpenSession();
  if (!scenario.facilitator.brief) return null;
  return (
    <Panel id="facilitator-brief" title="Facilitator brief">
      <details>
        <summary>What really happens (keep it from the room)</summary>
        <p>{scenario.facilitator.brief}</p>
      </details>
    </Panel>
  );
}
