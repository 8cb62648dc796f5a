/**
 * Facilitator only: what really happens in this scenario (its `facilitator.brief`). The library
 * card, setup and projector briefing keep it from the players; the console is where it belongs.
 */
import { useWords } from '../../i18n/words.tsx';
import { useOpenSession } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';

export function FacilitatorBrief() {
  const { scenario } = useOpenSession();
  const w = useWords();
  if (!scenario.facilitator.brief) return null;
  return (
    <Panel id="facilitator-brief" title={w.t('facilitate.brief')}>
      <details>
        <summary>{w.t('facilitate.briefSummary')}</summary>
        <p>{scenario.facilitator.brief}</p>
      </details>
    </Panel>
  );
}
