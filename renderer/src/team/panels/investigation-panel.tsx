/**
 * Investigations: start one, watch it run (time remaining in sim time), read its finding when done.
 *
 * On the facilitator console a finding can be shared with the room (the projector shows only
 * shared findings).
 */
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import { actionKey, type TeamInvestigation } from '../../../../shared/views/team-state.ts';
import { jsonEqual, useOpenSession } from '../../session/use-run.ts';
import { useTeam, useTeamActs } from '../team-context.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

function ShareToggle({ id }: { id: string }) {
  const session = useOpenSession();
  const shared = useAppStore((s) => s.room.sharedFindings.includes(id));
  const setShared = useAppStore((s) => s.setFindingShared);
  return (
    <label className="share-toggle">
      <input
        type="checkbox"
        checked={shared}
        onChange={(e) => {
          setShared(id, e.target.checked);
          session.refreshRoom();
        }}
      />
      Show on projector
    </label>
  );
}

function InvestigationItem({ id }: { id: string }) {
  const acts = useTeamActs();
  const inv: TeamInvestigation = useTeam((t) => t.investigations.find((x) => x.id === id)!, jsonEqual);
  const canRerun = useTeam((t) => inv.done && t.reasons[actionKey({ type: 'INVESTIGATE', investigationId: id })] === undefined);
  const status = inv.done ? 'done' : inv.startedAt !== null ? 'running' : 'idle';
  // What the world showed when it completed (normal before the fault, the defect, or recovery).
  const found = inv.finding;
  return (
    <li className={`investigation is-${status}`} data-investigation={inv.id}>
      <div className="item-head">
        <strong>{inv.label}</strong>
        <span className="muted">takes {formatDuration(inv.duration)}</span>
      </div>
      {status === 'idle' && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>Start</ActionButton>}
      {status === 'running' && inv.doneAt !== null && inv.startedAt !== null && (
        <div className="progress-line">
          <progress max={inv.doneAt - inv.startedAt} value={inv.doneAt - inv.startedAt - (inv.remaining ?? 0)} aria-label={`${inv.label} progress`} />
          <span>Running — {formatDuration(inv.remaining ?? 0)} left</span>
        </div>
      )}
      {status === 'done' && !found && <p className="muted small">Done; the facilitator has its finding.</p>}
      {status === 'done' && found && (
        <div className={`finding shows-${found.shows}`} aria-label={`Finding: ${found.title}`}>
          <div className="item-head">
            <strong>Finding: {found.title}</strong>
            <SimTime t={found.t} />
          </div>
          <p>{found.body}</p>
          {found.scope && <p className="scope-line">{found.scope}</p>}
          {acts.facilitator && <ShareToggle id={inv.id} />}
          {canRerun && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>Run again</ActionButton>}
        </div>
      )}
    </li>
  );
}

export function InvestigationPanel() {
  const ids = useTeam((t) => t.investigations.map((i) => i.id), jsonEqual);
  return (
    <Panel id="investigation" title="Investigation">
      {ids.length === 0 ? (
        <p className="muted">This scenario has no investigations.</p>
      ) : (
        <ul className="item-list">
          {ids.map((id) => (
            <InvestigationItem key={id} id={id} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
