/** Facilitator: reveal harm counters to the room, or end the exercise early. */
import { useState } from 'react';
import { useRun } from '../../session/use-run.ts';
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
