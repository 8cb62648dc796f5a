/**
 * Investigations: start one, watch it run (time remaining in sim time), read its finding when done.
 *
 * On the facilitator console a finding can be shared with the room (the projector shows only
 * shared findings).
 */
import type { Investigation } from '../../../../shared/scenario/schema.ts';
import { findingFor } from '../../../../shared/wording/timeline.ts';
import { formatNumber } from '../../ui/format.ts';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import { useOpenSession, useRun, shallowEqual } from '../../session/use-run.ts';
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

function InvestigationItem({ inv }: { inv: Investigation }) {
  const session = useOpenSession();
  const state = useRun((run) => {
    const running = run.context.investigations[inv.id];
    const finding = running?.status === 'done' ? run.context.findings.findLast((f) => f.id === inv.id) : undefined;
    return {
      startedAt: running?.startedAt ?? null,
      doneAt: running?.doneAt ?? null,
      foundAt: finding?.t ?? null,
      shows: finding?.shows ?? null,
      harmSoFar: finding?.harmSoFar ?? null,
      canRerun: running?.status === 'done' && run.refusal({ type: 'INVESTIGATE', investigationId: inv.id }) === null,
      remaining: running && !finding ? Math.max(0, running.doneAt - run.now) : null,
    };
  }, shallowEqual);
  const facilitator = session.mode === 'facilitated';
  const status = state.foundAt !== null ? 'done' : state.startedAt !== null ? 'running' : 'idle';
  // What the world showed when it completed (normal before the fault, the defect, or recovery).
  const found = state.shows ? findingFor(inv, state.shows) : null;
  const harm = inv.reportsHarm ? session.scenario.harm.find((h) => h.id === inv.reportsHarm) : undefined;
  return (
    <li className={`investigation is-${status}`} data-investigation={inv.id}>
      <div className="item-head">
        <strong>{inv.label}</strong>
        <span className="muted">takes {formatDuration(inv.duration)}</span>
      </div>
      {status === 'idle' && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>Start</ActionButton>}
      {status === 'running' && state.doneAt !== null && state.startedAt !== null && (
        <div className="progress-line">
          <progress max={state.doneAt - state.startedAt} value={state.doneAt - state.startedAt - (state.remaining ?? 0)} aria-label={`${inv.label} progress`} />
          <span>Running — {formatDuration(state.remaining ?? 0)} left</span>
        </div>
      )}
      {status === 'done' && found && (
        <div className={`finding shows-${state.shows}`} aria-label={`Finding: ${found.title}`}>
          <div className="item-head">
            <strong>Finding: {found.title}</strong>
            <SimTime t={state.foundAt!} />
          </div>
          <p>{found.body}</p>
          {harm && state.harmSoFar !== null && (
            <p className="scope-line">
              {harm.label}: <strong>{formatNumber(state.harmSoFar)}</strong> {harm.unit} so far
            </p>
          )}
          {facilitator && <ShareToggle id={inv.id} />}
          {state.canRerun && <ActionButton input={{ type: 'INVESTIGATE', investigationId: inv.id }}>Run again</ActionButton>}
        </div>
      )}
    </li>
  );
}

export function InvestigationPanel() {
  const { scenario } = useOpenSession();
  return (
    <Panel id="investigation" title="Investigation">
      {scenario.investigations.length === 0 ? (
        <p className="muted">This scenario has no investigations.</p>
      ) : (
        <ul className="item-list">
          {scenario.investigations.map((inv) => (
            <InvestigationItem key={inv.id} inv={inv} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
