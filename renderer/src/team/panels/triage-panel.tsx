/** Triage: severity 1–4 and incident type. Re-triage is allowed and kept in the history. */
import { useState } from 'react';
import { INCIDENT_TYPES, type IncidentType } from '../../../../shared/scenario/schema.ts';
import { shallowEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { INCIDENT_TYPE_LABELS, SEVERITY_LABELS } from '../../ui/labels.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

export function TriagePanel() {
  const [severity, setSeverity] = useState<number | null>(null);
  const [type, setType] = useState<IncidentType | ''>('');
  const triage = useTeam((t) => t.triage, shallowEqual);
  const count = useTeam((t) => t.triageCount);
  return (
    <Panel id="triage" title="Triage">
      {triage && (
        <p className="done-line" data-testid="current-triage">
          ✓ Severity {triage.severity}, {INCIDENT_TYPE_LABELS[triage.incidentType]} — <SimTime t={triage.t} />
          {count > 1 && <span className="muted"> (re-triaged {count - 1}×)</span>}
        </p>
      )}
      <fieldset className="severity-picker">
        <legend>Severity</legend>
        {[1, 2, 3, 4].map((n) => (
          <label key={n} className="radio-pill">
            <input type="radio" name="severity" value={n} checked={severity === n} onChange={() => setSeverity(n)} />
            <span>{SEVERITY_LABELS[n]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Incident type</span>
        <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
          <option value="">— choose —</option>
          {INCIDENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {INCIDENT_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <ActionButton
        input={{ type: 'TRIAGE', severity: severity ?? 1, incidentType: (type || 'performance_degradation') as IncidentType }}
        actionKey="TRIAGE"
        blockedReason={severity === null ? 'choose a severity' : type === '' ? 'choose an incident type' : null}
        className="button-primary"
      >
        {triage ? 'Re-triage' : 'Record triage'}
      </ActionButton>
    </Panel>
  );
}
