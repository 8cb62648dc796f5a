/** Solo mode: ask for the next hint (journaled as REVEAL_HINT, so the debrief can count them). */
import { useOpenSession, useRun } from '../session/use-run.ts';
import { ActionButton } from '../console/action-button.tsx';
import { Panel } from '../ui/panel.tsx';

export function SoloHints() {
  const { scenario } = useOpenSession();
  const revealed = useRun(
    (run) => run.context.hintsRevealed.map((h) => h.id),
    (a, b) => a.length === b.length,
  );
  const next = scenario.hints.find((h) => !revealed.includes(h.id));
  if (scenario.hints.length === 0) return null;
  return (
    <Panel id="solo-hints" title="Hints">
      {revealed.length > 0 && (
        <ol className="hint-list">
          {revealed.map((id) => (
            <li key={id}>{scenario.hints.find((h) => h.id === id)?.text}</li>
          ))}
        </ol>
      )}
      {next ? (
        <ActionButton input={{ type: 'REVEAL_HINT', hintId: next.id }} actionKey="REVEAL_HINT:next">
          Hint
        </ActionButton>
      ) : (
        <p className="muted">No more hints.</p>
      )}
      <p className="muted small">Hints used are noted in your debrief.</p>
    </Panel>
  );
}
