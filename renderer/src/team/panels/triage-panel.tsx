/** Triage: severity 1–4 and incident type. Re-triage is allowed and kept in the history. */
import { useState } from 'react';
import { INCIDENT_TYPES, type IncidentType } from '../../../../shared/scenario/schema.ts';
import { shallowEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';
import { useWords } from '../../i18n/words.tsx';
import { incidentTypeLabel, severityLabel } from '../../../../shared/i18n/labels.ts';

export function TriagePanel() {
  const w = useWords();
  const [severity, setSeverity] = useState<number | null>(null);
  const [type, setType] = useState<IncidentType | ''>('');
  const triage = useTeam((t) => t.triage, shallowEqual);
  const count = useTeam((t) => t.triageCount);
  return (
    <Panel id="triage" title={w.t('triage.title')}>
      {triage && (
        <p className="done-line" data-testid="current-triage">
          {w.t('triage.current', { severity: triage.severity, incidentType: incidentTypeLabel(triage.incidentType, w) })}
          <SimTime t={triage.t} />
          {count > 1 && <span className="muted">{w.t('triage.retriaged', { n: count - 1 })}</span>}
        </p>
      )}
      <fieldset className="severity-picker">
        <legend>{w.t('triage.severity')}</legend>
        {[1, 2, 3, 4].map((n) => (
          <label key={n} className="radio-pill">
            <input type="radio" name="severity" value={n} checked={severity === n} onChange={() => setSeverity(n)} />
            <span>{severityLabel(n, w)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{w.t('triage.incidentType')}</span>
        <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
          <option value="">{w.t('triage.choose')}</option>
          {INCIDENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {incidentTypeLabel(t, w)}
            </option>
          ))}
        </select>
      </label>
      <ActionButton
        input={{ type: 'TRIAGE', severity: severity ?? 1, incidentType: (type || 'performance_degradation') as IncidentType }}
        actionKey="TRIAGE"
        blockedReason={severity === null ? w.t('triage.chooseSeverity') : type === '' ? w.t('triage.chooseType') : null}
        className="button-primary"
      >
        {triage ? w.t('triage.retriage') : w.t('triage.record')}
      </ActionButton>
    </Panel>
  );
}
