/** Solo mode: ask for the next hint; the host picks it and journals it, so the debrief counts hints used. */
import { jsonEqual } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { useTeam } from '../team/team-context.tsx';
import { Panel } from '../ui/panel.tsx';
import { useWords } from '../i18n/words.tsx';
import { HINT_KEY, type SoloSession } from './solo-session.ts';

export function SoloHints({ session }: { session: SoloSession }) {
  const w = useWords();
  const hints = useTeam((t) => t.hints, jsonEqual);
  const pending = useAppStore((s) => s.session.pending[HINT_KEY] === true);
  const error = useAppStore((s) => s.session.inputErrors[HINT_KEY] ?? null);
  const over = useTeam((t) => t.closedReason !== null);
  if (hints.revealed.length === 0 && hints.left === 0) {
    return (
      <Panel id="solo-hints" title={w.t('solo.hints')}>
        <p className="muted">{w.t('solo.noHints')}</p>
      </Panel>
    );
  }
  return (
    <Panel id="solo-hints" title={w.t('solo.hints')}>
      {hints.revealed.length > 0 && (
        <ol className="hint-list">
          {hints.revealed.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ol>
      )}
      {hints.left > 0 ? (
        <span className="action">
          <button type="button" className="button" disabled={pending || over} aria-busy={pending} onClick={() => void session.askHint()}>
            {pending ? w.t('solo.saving') : w.t('solo.hint')}
          </button>
          {error && !pending && (
            <span className="action-error" role="alert">
              {error}
            </span>
          )}
        </span>
      ) : (
        <p className="muted">{w.t('solo.noMoreHints')}</p>
      )}
      <p className="muted small">{w.t('solo.hintsLeft', { left: hints.left, n: hints.left + hints.revealed.length })}</p>
    </Panel>
  );
}
