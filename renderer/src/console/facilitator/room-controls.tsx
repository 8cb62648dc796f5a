/** Facilitator: who waits to join, reveal harm counters to the room, or end the exercise early. */
import { useState } from 'react';
import { jsonEqual, useOpenSession, useRun } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';
import { LiveRoomPanel } from '../../participant/room-panel.tsx';
import { useWords } from '../../i18n/words.tsx';
import { roleLabel } from '../../../../shared/i18n/labels.ts';

export function RoomControls() {
  const w = useWords();
  const revealed = useRun((run) => run.context.harmRevealed);
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <LiveRoomPanel />
      <WaitingRoom />
      <Panel id="room-controls" title={w.t('facilitate.room')}>
        <div className="control-row">
          {revealed ? (
            <p className="done-line">{w.t('facilitate.harmShowing')}</p>
          ) : (
            <ActionButton input={{ type: 'REVEAL_HARM' }}>{w.t('facilitate.revealHarm')}</ActionButton>
          )}
        </div>
        <div className="control-row">
          {!ending ? (
            <button type="button" className="button" onClick={() => setEnding(true)}>
              {w.t('facilitate.endEarly')}
            </button>
          ) : (
            <div className="confirm-row">
              <input
                aria-label={w.t('facilitate.endReason')}
                placeholder={w.t('facilitate.endReasonPlaceholder')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <ActionButton input={reason.trim() ? { type: 'END', reason: reason.trim() } : { type: 'END' }} className="button-danger">
                {w.t('facilitate.endNow')}
              </ActionButton>
              <button type="button" className="button button-quiet" onClick={() => setEnding(false)}>
                {w.t('ui.cancel')}
              </button>
            </div>
          )}
        </div>
      </Panel>
    </>
  );
}

/**
 * The waiting room while the room is open: how many wait, the first few by name to let in one by
 * one, and one click to let everyone in or send everyone away (a flood of fake joiners is gone
 * at once, and a real latecomer is then admitted by name).
 */
function WaitingRoom() {
  const session = useOpenSession();
  const w = useWords();
  const open = useRun((_run, s) => s.room?.open ?? false);
  const lobby = useRun((_run, s) => s.lobby, jsonEqual);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open || !lobby) return null;
  const act = async (job: () => Promise<string | null>) => {
    setBusy(true);
    setError(await job());
    setBusy(false);
  };
  return (
    <Panel id="waiting-room" title={w.t('facilitate.waiting', { n: lobby.count })}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <label>
        <input
          type="checkbox"
          checked={lobby.mode === 'manual'}
          disabled={busy}
          onChange={(e) => void act(() => session.admission('mode', e.target.checked ? 'manual' : 'auto'))}
        />{' '}
        {w.t('facilitate.manual')}
      </label>
      {lobby.count > 0 && (
        <>
          <div className="control-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(() => session.admission('admit', 'all'))}>
              {w.t('facilitate.admitAll', { n: lobby.count })}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void act(() => session.admission('turn-away', 'all'))}>
              {w.t('facilitate.turnAwayAll', { n: lobby.count })}
            </button>
          </div>
          <ul className="waiting-list">
            {lobby.waiting.map((p) => (
              <li key={p.id}>
                {p.name} <span className="muted">({roleLabel(p.role, w)})</span>{' '}
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void act(() => session.admission('admit', p.id))}>
                  {w.t('facilitate.admit')}
                </button>
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void act(() => session.admission('turn-away', p.id))}>
                  {w.t('facilitate.turnAway')}
                </button>
              </li>
            ))}
          </ul>
          {lobby.count > lobby.waiting.length && <p className="muted">{w.t('facilitate.more', { n: lobby.count - lobby.waiting.length })}</p>}
        </>
      )}
    </Panel>
  );
}
