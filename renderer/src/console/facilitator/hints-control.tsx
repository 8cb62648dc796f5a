/** Facilitator: reveal a scenario hint to the team (shown on the projector). */
import { useOpenSession, useRun } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';

function HintItem({ id, text }: { id: string; text: string }) {
  const revealed = useRun((run) => run.context.hintsRevealed.some((h) => h.id === id));
  return (
    <li className={revealed ? 'is-revealed' : ''}>
      <span>{text}</span>
      {revealed ? <span className="tag tag-applied">Revealed</span> : <ActionButton input={{ type: 'REVEAL_HINT', hintId: id }}>Reveal</ActionButton>}
    </li>
  );
}

export function HintsControl() {
  const { scenario } = useOpenSession();
  return (
    <Panel id="hints" title="Hints">
      {scenario.hints.length === 0 ? (
        <p className="muted">This scenario has no hints.</p>
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
