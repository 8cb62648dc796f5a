/** Evidence: preserve logs, snapshots and versions before changing things. */
import { richText, useWords } from '../../i18n/words.tsx';
import { jsonEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

function EvidenceItem({ id, label }: { id: string; label: string }) {
  const w = useWords();
  const at = useTeam((t) => t.evidence.find((e) => e.id === id)?.preservedAt ?? null);
  return (
    <li className="evidence" data-evidence={id}>
      <strong>{label}</strong>
      {at !== null ? (
        <span className="done-line">{richText(w, 'evidence.preserved', { time: <SimTime t={at} /> })}</span>
      ) : (
        <ActionButton input={{ type: 'PRESERVE_EVIDENCE', evidenceId: id }}>{w.t('evidence.preserve')}</ActionButton>
      )}
    </li>
  );
}

export function EvidencePanel() {
  const w = useWords();
  const evidence = useTeam((t) => t.evidence.map((e) => ({ id: e.id, label: e.label })), jsonEqual);
  return (
    <Panel id="evidence" title={w.t('evidence.title')}>
      {evidence.length === 0 ? (
        <p className="muted">{w.t('evidence.none')}</p>
      ) : (
        <ul className="item-list compact">
          {evidence.map((e) => (
            <EvidenceItem key={e.id} id={e.id} label={e.label} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
