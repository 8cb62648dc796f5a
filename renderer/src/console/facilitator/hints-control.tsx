/** Facilitator: reveal a scenario hint to the team (shown on the projector). */
import { useWords } from '../../i18n/words.tsx';
import { useOpenSession, useRun } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';

function HintItem({ id, text }: { id: string; text: string }) {
  const w = useWords();
  const revealed = useRun((run) => run.context.hintsRevealed.some((h) => h.id === id));
  return (
    <li className={revealed ? 'is-revealed' : ''}>
      <span>{text}</span>
      {revealed ? (
        <span className="tag tag-applied">{w.t('facilitate.revealed')}</span>
      ) : (
        <ActionButton input={{ type: 'REVEAL_HINT', hintId: id }}>{w.t('facilitate.reveal')}</ActionButton>
      )}
    </li>
  );
}

export function HintsControl() {
  const { scenario } = useOpenSession();
  const w = useWords();
  return (
    <Panel id="hints" title={w.t('facilitate.hints')}>
      {scenario.hints.length === 0 ? (
        <p className="muted">{w.t('facilitate.noHints')}</p>
      ) : (
        <ul className="item-list compact">
          {scenario.hints.map((h) => (
            <HintItem key={h.id} id={h.id} text={h.text} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
