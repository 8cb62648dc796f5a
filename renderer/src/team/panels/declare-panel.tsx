/** Declare an incident: the moment of detection. */
import { useState } from 'react';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

export function DeclarePanel() {
  const [note, setNote] = useState('');
  const declaredAt = useTeam((t) => t.declaredAt);
  const respondingAt = useTeam((t) => t.respondingAt);
  return (
    <Panel id="declare" title="Declare incident">
      {declaredAt !== null ? (
        <p className="done-line">
          ✓ Incident declared at <SimTime t={declaredAt} />
        </p>
      ) : (
        <>
          {respondingAt !== null && (
            <p className="muted">
              Response under way since <SimTime t={respondingAt} />; declare formally to record it.
            </p>
          )}
          <label className="field">
            <span>Why (optional)</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. error-rate alert plus client complaint" />
          </label>
          <ActionButton input={note.trim() ? { type: 'ACKNOWLEDGE', note: note.trim() } : { type: 'ACKNOWLEDGE' }} className="button-danger">
            Declare incident
          </ActionButton>
        </>
      )}
    </Panel>
  );
}
