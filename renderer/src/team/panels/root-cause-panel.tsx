/** Root cause: declare what the team believes caused the incident (may be revised). */
import { richText, useWords } from '../../i18n/words.tsx';
import { useState } from 'react';
import { jsonEqual, shallowEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

export function RootCausePanel() {
  const w = useWords();
  const [choice, setChoice] = useState('');
  const rootCauses = useTeam((t) => t.rootCauses, jsonEqual);
  const declared = useTeam((t) => t.rootCause, shallowEqual);
  const label = declared?.label ?? null;
  return (
    <Panel id="root-cause" title={w.t('rootCause.title')}>
      {declared && <p className="done-line">{richText(w, 'rootCause.declared', { label: label ?? '', time: <SimTime t={declared.t} /> })}</p>}
      <fieldset className="choice-list">
        <legend>{w.t('rootCause.question')}</legend>
        {rootCauses.map((r) => (
          <label key={r.id} className="radio">
            <input type="radio" name="root-cause" value={r.id} checked={choice === r.id} onChange={() => setChoice(r.id)} />
            <span>{r.label}</span>
          </label>
        ))}
      </fieldset>
      <ActionButton
        input={{ type: 'DECLARE_ROOT_CAUSE', rootCauseId: choice || '-' }}
        actionKey="DECLARE_ROOT_CAUSE"
        blockedReason={choice === '' ? w.t('rootCause.choose') : null}
      >
        {declared ? w.t('rootCause.revise') : w.t('rootCause.declare')}
      </ActionButton>
    </Panel>
  );
}
