/** Root cause: declare what the team believes caused the incident (may be revised). */
import { useState } from 'react';
import { useOpenSession, useRun, shallowEqual } from '../../session/use-run.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

export function RootCausePanel() {
  const { scenario } = useOpenSession();
  const [choice, setChoice] = useState('');
  const declared = useRun((run) => (run.context.rootCause ? { id: run.context.rootCause.id, t: run.context.rootCause.t } : null), shallowEqual);
  const label = declared ? (scenario.rootCauses.find((r) => r.id === declared.id)?.label ?? declared.id) : null;
  return (
    <Panel id="root-cause" title="Root cause">
      {declared && (
        <p className="done-line">
          ✓ Declared: {label} — <SimTime t={declared.t} />
        </p>
      )}
      <fieldset className="choice-list">
        <legend>What caused it?</legend>
        {scenario.rootCauses.map((r) => (
          <label key={r.id} className="radio">
            <input type="radio" name="root-cause" value={r.id} checked={choice === r.id} onChange={() => setChoice(r.id)} />
            <span>{r.label}</span>
          </label>
        ))}
      </fieldset>
      <ActionButton
        input={{ type: 'DECLARE_ROOT_CAUSE', rootCauseId: choice || '-' }}
        actionKey="DECLARE_ROOT_CAUSE"
        blockedReason={choice === '' ? 'choose a root cause' : null}
      >
        {declared ? 'Revise root cause' : 'Declare root cause'}
      </ActionButton>
    </Panel>
  );
}
