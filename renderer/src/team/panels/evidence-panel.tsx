/** Evidence: preserve logs, snapshots and versions before changing things. */
import { jsonEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

function EvidenceItem({ id, label }: { id: string; label: string }) {
  const at = useTeam((t) => t.evidence.find((e) => e.id === id)?.preservedAt ?? null);
  return (
    <li className="evidence" data-evidence={id}>
      <strong>{label}</strong>
      {at !== null ? (
        <span className="done-line">
          ✓ Preserved <SimTime t={at} />
        </span>
      ) : (
        <ActionButton input={{ type: 'PRESERVE_EVIDENCE', evidenceId: id }}>Preserve</ActionButton>
      )}
    </li>
  );
}

export function EvidencePanel() {
  const evidence = useTeam((t) => t.evidence.map((e) => ({ id: e.id, label: e.label })), jsonEqual);
  return (
    <Panel id="evidence" title="Evidence">
      {evidence.length === 0 ? (
        <p className="muted">No evidence to preserve in this scenario.</p>
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
