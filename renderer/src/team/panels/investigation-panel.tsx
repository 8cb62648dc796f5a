/**
 * Investigations: start one, watch it run (time remaining in sim time), read its finding when done.
 *
 * On the facilitator console a finding can be shared with the room (the projector shows only
 * shared findings).
 */
import { useWords } from '../../i18n/words.tsx';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import { actionKey, type TeamInvestigation } from '../../../../shared/views/team-state.ts';
import { useState } from 'react';
import { jsonEqual, useOpenSession, useRun } from '../../session/use-run.ts';
import { useTeam, useTeamActs } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

/**
 * Whether the room sees a finding: the host's room says (one place); while the host takes a change,
 * the box shows what was asked, and goes back to the host's answer if it was refused (a toast says why).
 */
function ShareToggle({ id }: { id: string }) {
  const session = useOpenSession();
  const w = useWords();
  const shared = useRun((_run, s) => s.findingShared(id));
  const [asked, setAsked] = useState<boolean | null>(null);
  return (
    <label className="share-toggle">
      <input
        type="checkbox"
        checked={asked ?? shared}
        aria-busy={asked !== null}
        onChange={(e) => {
          const on = e.target.checked;
          setAsked(on);
          void session.share('finding', id, on).finally(() => setAsked(null));
        }}
      />
      {w.t('investigation.share')}
    </label>
  );
}

function InvestigationItem({ id }: { id: string }) {
  const acts = useTeamActs();
  const w = useWords();
  const inv: TeamInvestigation = useTeam((t) => t.investigations.find((x) => x.id === id)!, jsonEqual);
  const canRerun = useTeam((t) => inv.done && t.reasons[actionKey({ type: 'INVESTIGATE', investigationId: id })] === undefined);
  const status = inv.done ? 'done' : inv.startedAt !== null ? 'running' : 'idle';
  // What the world showed when it completed (normal before the fault, the defect, or recovery).
  const found = inv.finding;
  return (
    <li className={`investigation is-${status}`} data-investigation={inv.id}>
      <div className="item-head">
        <strong>{inv.label}</strong>
        <span className="muted">{w.t('investigation.takes', { duration: formatDuration(inv.duration, w) })}</span>
      </div>
      {status === 'idle' && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>{w.t('investigation.start')}</ActionButton>}
      {status === 'running' && inv.doneAt !== null && inv.startedAt !== null && (
        <div className="progress-line">
          <progress
            max={inv.doneAt - inv.startedAt}
            value={inv.doneAt - inv.startedAt - (inv.remaining ?? 0)}
            aria-label={w.t('investigation.progress', { label: inv.label })}
          />
          <span>{w.t('investigation.running', { duration: formatDuration(inv.remaining ?? 0, w) })}</span>
        </div>
      )}
      {status === 'done' && !found && <p className="muted small">{w.t('investigation.doneHidden')}</p>}
      {status === 'done' && found && (
        <div className={`finding shows-${found.shows}`} aria-label={w.t('investigation.finding', { title: found.title })}>
          <div className="item-head">
            <strong>{w.t('investigation.finding', { title: found.title })}</strong>
            <SimTime t={found.t} />
          </div>
          <p>{found.body}</p>
          {found.scope && <p className="scope-line">{w.format(found.scope)}</p>}
          {acts.facilitator && <ShareToggle id={inv.id} />}
          {canRerun && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>{w.t('investigation.rerun')}</ActionButton>}
        </div>
      )}
    </li>
  );
}

export function InvestigationPanel() {
  const w = useWords();
  const ids = useTeam((t) => t.investigations.map((i) => i.id), jsonEqual);
  return (
    <Panel id="investigation" title={w.t('investigation.title')}>
      {ids.length === 0 ? (
        <p className="muted">{w.t('investigation.none')}</p>
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
