/** Facilitator: who waits to join, reveal harm counters to the room, or end the exercise early. */
import { useState } from 'react';
import { jsonEqual, useOpenSession, useRun } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';
import { LiveRoomPanel } from '../../participant/room-panel.tsx';

export function RoomControls() {
  const revealed = useRun((run) => run.context.harmRevealed);
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <LiveRoomPanel />
      <WaitingRoom />
      <Panel id="room-controls" title="Room and exercise">
        <div className="control-row">
          {revealed ? (
            <p className="done-line">✓ Harm counters are showing on the projector</p>
          ) : (
            <ActionButton input={{ type: 'REVEAL_HARM' }}>Reveal harm to the room</ActionButton>
          )}
        </div>
        <div className="control-row">
          {!ending ? (
            <button type="button" className="button" onClick={() => setEnding(true)}>
              End exercise early…
            </button>
          ) : (
            <div className="confirm-row">
              <input aria-label="Reason for ending" placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} />
              <ActionButton input={reason.trim() ? { type: 'END', reason: reason.trim() } : { type: 'END' }} className="button-danger">
                End now
              </ActionButton>
              <button type="button" className="button button-quiet" onClick={() => setEnding(false)}>
                Cancel
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
    <Panel id="waiting-room" title={`Waiting to join: ${lobby.count}`}>
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
        I let each person in (otherwise people come straight in, a few at a time per network address)
      </label>
      {lobby.count > 0 && (
        <>
          <div className="control-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(() => session.admission('admit', 'all'))}>
              Let all {lobby.count} in
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void act(() => session.admission('turn-away', 'all'))}>
              Turn all {lobby.count} away
            </button>
          </div>
          <ul className="waiting-list">
            {lobby.waiting.map((w) => (
              <li key={w.id}>
                {w.name} <span className="muted">({w.role})</span>{' '}
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void act(() => session.admission('admit', w.id))}>
                  Let in
                </button>
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void act(() => session.admission('turn-away', w.id))}>
                  Turn away
                </button>
              </li>
            ))}
          </ul>
          {lobby.count > lobby.waiting.length && <p className="muted">…and {lobby.count - lobby.waiting.length} more.</p>}
        </>
      )}
    </Panel>
  );
}
