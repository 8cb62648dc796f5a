/** Declare an incident: the moment of detection. */
import { useState } from 'react';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';
import { useWords } from '../../i18n/words.tsx';

export function DeclarePanel() {
  const w = useWords();
  const [note, setNote] = useState('');
  const declaredAt = useTeam((t) => t.declaredAt);
  const respondingAt = useTeam((t) => t.respondingAt);
  return (
    <Panel id="declare" title={w.t('declare.title')}>
      {declaredAt !== null ? (
        <p className="done-line">
          {w.t('declare.declaredAt')} <SimTime t={declaredAt} />
        </p>
      ) : (
        <>
          {respondingAt !== null && (
            <p className="muted">
              {w.t('declare.respondingSince')} <SimTime t={respondingAt} />
              {w.t('declare.formally')}
            </p>
          )}
          <label className="field">
            <span>{w.t('declare.why')}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={w.t('declare.whyPlaceholder')} />
          </label>
          <ActionButton input={note.trim() ? { type: 'ACKNOWLEDGE', note: note.trim() } : { type: 'ACKNOWLEDGE' }} className="button-danger">
            {w.t('declare.submit')}
          </ActionButton>
        </>
      )}
    </Panel>
  );
}
