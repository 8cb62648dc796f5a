/**
 * A participant's screen, on their own device: join with a name and a role, then that role's view.
 *
 * Everything shown is what the host projected for this role (signals routed to it, dashboards if
 * the role has them, what the facilitator shared, the team's attributed timeline) and the actions
 * the role may take; the host checks each action again and attributes it. The token the host
 * gives on joining is kept in this browser's localStorage, so a reload or a dropped network
 * reconnects as the same person.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import './participant.css';
import type { HelloAuth, JoinChoices, LiveRole, ParticipantView } from '../../../shared/contract/live.ts';
import { MetricGrid } from '../console/metrics-dashboard.tsx';
import { SignalFeedPanel } from '../console/signal-feed.tsx';
import { TimelineList } from '../console/timeline-panel.tsx';
import type { ConnectionStatus } from '../live/live-connection.ts';
import { takeInputs } from '../session/take-inputs.ts';
import { useLiveClient } from '../live/use-live-client.ts';
import { useRoomViewParts } from '../session/room-view-parts.ts';
import { useAppStore } from '../store/app-store.ts';
import { ActionTabs } from '../team/action-tabs.tsx';
import { TeamProvider, TeamValue, type TeamActs } from '../team/team-context.tsx';
import { formatHarm } from '../ui/format.ts';
import { Panel } from '../ui/panel.tsx';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';
import { refusalWords, useWords } from '../i18n/words.tsx';
import { roomClock, roomPhase, roomRoleLabel } from '../session/room-view-parts.ts';
import type { Words } from '../../../shared/i18n/words.ts';
import { EvaluatorPanel } from '../evaluation/evaluator-panel.tsx';
import { HotWashForm } from '../evaluation/hot-wash-form.tsx';
import { RoomResultsView } from '../session/room-results.tsx';
import type { TeamInput } from '../../../shared/engine/inputs.ts';

const tokenKey = (exerciseId: string) => `firebreak:participant:${exerciseId}`;

function storedToken(exerciseId: string): string | null {
  try {
    return localStorage.getItem(tokenKey(exerciseId));
  } catch {
    return null;
  }
}

/** Inbox for the roles that work the outside world; alerts for the rest. */
function feedTitle(role: LiveRole | null, w: Words): string {
  return role === 'communications_lead' || role === 'client_liaison' ? w.t('participant.inbox') : w.t('participant.signals');
}

function JoinForm({ choices, onJoin }: { choices: JoinChoices; onJoin(name: string, role: LiveRole): void }) {
  const w = useWords();
  const roles = choices.roles;
  const [name, setName] = useState('');
  // Most people in a room are not the commander: offer the technical lead first when there is one.
  const [role, setRole] = useState<LiveRole>(() => (roles.some((r) => r.id === 'technical_lead') ? 'technical_lead' : (roles[0]?.id ?? '')));
  const [sent, setSent] = useState(false);
  // A new welcome (the socket reconnected, or the host refused the join and the page came back):
  // the form may be sent again.
  useEffect(() => setSent(false), [choices]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !role || sent) return;
    setSent(true);
    onJoin(name.trim(), role);
  };
  return (
    <main className="screen screen-narrow participant-join">
      <h1>{w.t('participant.join.title')}</h1>
      <p>
        <strong>{choices.title}</strong> <span className="muted">· {choices.team}</span>
      </p>
      <form onSubmit={submit} className="form">
        <label>
          {w.t('participant.join.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
        </label>
        <label>
          {w.t('participant.join.role')}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {/* A single-holder role someone holds: only that person may take it (#16). */}
                {r.heldBy ? w.t('participant.heldBy', { role: roomRoleLabel(r.id, r.label, w), name: r.heldBy }) : roomRoleLabel(r.id, r.label, w)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={!name.trim() || !role || sent}>
          {sent ? w.t('participant.join.joining') : w.t('participant.join.submit')}
        </button>
      </form>
    </main>
  );
}

/** The room's people, and the facilitator's shares (findings, revealed harm, hints). */
function RoomPanels({ view }: { view: ParticipantView }) {
  const w = useWords();
  const shared = view.findings.length > 0 || view.harm !== null || view.hints.length > 0;
  return (
    <>
      {shared && (
        <Panel id="shared" title={w.t('participant.shared')}>
          {view.findings.map((f) => (
            <article key={f.id} className="finding">
              <strong>{f.title}</strong>
              <p>{f.body}</p>
            </article>
          ))}
          {view.harm?.map((h) => (
            <p key={h.id}>
              {h.label}: <strong>{formatHarm(h.value, h.unit, h.kind, h.currency, w)}</strong>
            </p>
          ))}
          {view.hints.map((h, i) => (
            <p key={i}>{w.t('participant.hint', { hint: h })}</p>
          ))}
        </Panel>
      )}
      <Panel id="people" title={w.t('participant.people')}>
        <ul className="people-list">
          {view.people.map((p, i) => (
            <li key={i}>
              {p.name} <span className="muted">{p.role ? roomRoleLabel(p.role, view.roleLabels[p.role], w) : w.t('participant.noRole')}</span>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}

/** #19: the evaluator's ratings and everyone's hot wash go straight to the host (journaled, then acknowledged). */
type RecordInput = (input: TeamInput) => Promise<string | null>;

function RoleView({
  view,
  status,
  team,
  acts,
  record,
  me,
}: {
  view: ParticipantView;
  status: ConnectionStatus;
  team: TeamValue;
  acts: TeamActs;
  record: RecordInput;
  me: string | null;
}) {
  const { signalAt, channels, metrics, timeline } = useRoomViewParts(view);
  const w = useWords();
  const you = view.role ? roomRoleLabel(view.role, view.roleLabels[view.role], w) : w.t('participant.noRoleYet');
  const clock = roomClock(view, w);
  return (
    <TeamProvider source={team} acts={acts}>
      <div className={`participant-screen role-${view.role ?? 'none'}${view.hotWash.open ? ' hot-wash-open' : ''}`}>
        <header className="clock-bar participant-bar">
          <div className="clock-title">
            <strong>{view.scenarioTitle}</strong>
            <span className="muted">
              {view.team} · {you}
            </span>
          </div>
          <div className="clock-readout" aria-label={w.t('projector.clock')}>
            <span className="clock-wall" data-testid="participant-clock">
              {clock.wall}
            </span>
            <span className="clock-offset">{clock.offset}</span>
          </div>
          <div className="clock-status">
            <span className="phase phase-public">{roomPhase(view, w)}</span>
            <span className={`run-state ${view.clock.paused ? 'is-paused' : 'is-running'}`}>
              {view.clock.over
                ? w.t('participant.over')
                : view.clock.paused
                  ? w.t('participant.paused')
                  : w.t('participant.running', { speed: view.clock.speed })}
            </span>
            <ColorSchemeToggle />
          </div>
        </header>
        {status === 'reconnecting' && (
          <p className="notice notice-warning" role="status">
            {w.t('participant.reconnecting')}
          </p>
        )}
        {view.spotlight && (
          <section className="notice spotlight" aria-label={w.t('participant.spotlight')}>
            <strong>{view.spotlight.title}</strong> — {view.spotlight.body}
          </section>
        )}
        {view.results && <RoomResultsView results={view.results} className="room-results-participant" />}
        {view.hotWash.open && (
          <div className="hot-wash-area">
            <HotWashForm submitted={me !== null && view.hotWash.submittedBy.includes(me)} count={view.hotWash.submittedBy.length} submit={record} />
          </div>
        )}
        <div className="participant-grid">
          <div className="col col-feed">
            <SignalFeedPanel count={view.signalCount} signalAt={signalAt} channels={channels} facilitator={false} title={feedTitle(view.role, w)} />
          </div>
          <div className="col col-center">
            {metrics.length > 0 && <MetricGrid metrics={metrics} />}
            <RoomPanels view={view} />
            <TimelineList rows={timeline} title={w.t('participant.timeline')} />
          </div>
          <section className="col col-actions" aria-label={w.t('participant.actions')}>
            {view.evaluation ? (
              <EvaluatorPanel evaluation={view.evaluation} now={view.clock.t} moments={view.timeline.filter((r) => r.kind !== 'note')} submit={record} />
            ) : (
              <ActionTabs />
            )}
          </section>
        </div>
      </div>
    </TeamProvider>
  );
}

export function ParticipantScreen({ exerciseId, joinKey }: { exerciseId: string; joinKey?: string }) {
  // Coming back: the token this browser kept. New: the join key from the link, so the host can
  // list the exercise's roles (the scenario may add its own) before the person picks one.
  const [auth, setAuth] = useState<HelloAuth | null>(() => {
    const token = storedToken(exerciseId);
    return token ? { kind: 'participant', token } : joinKey ? { kind: 'join', key: joinKey } : null;
  });
  const w = useWords();
  const { snapshot: live, request: send, join } = useLiveClient<ParticipantView>({ exerciseId, auth, idPrefix: 'v', keepEntries: 500 });
  const you = live.you;
  // Joined: the host's token is kept in this browser, so a reload or a dropped network comes back as the same person.
  useEffect(() => {
    if (you?.kind !== 'participant' || !you.token) return;
    try {
      localStorage.setItem(tokenKey(exerciseId), you.token);
    } catch {
      // Private mode: the participant re-joins after a reload.
    }
    setAuth((a) => (a?.kind === 'participant' && a.token === you.token ? a : { kind: 'participant', token: you.token! }));
  }, [you, exerciseId]);

  // The panels read the team state from the view; a new view replaces it (after render, so
  // the panels re-render from their own subscription).
  const team = useRef<TeamValue | null>(null);
  if (live.view && !team.current) team.current = new TeamValue(live.view.response);
  useLayoutEffect(() => {
    if (live.view) team.current?.set(live.view.response);
  }, [live.view]);
  const allowed = live.view?.actions.allowed;
  const audiences = live.view?.actions.audiences;
  // The role's permissions change when the facilitator changes the role: kept while their content is the same.
  const permissions = JSON.stringify([allowed ?? [], audiences ?? []]);
  const acts = useMemo((): TeamActs => {
    const [may, to] = JSON.parse(permissions) as [TeamActs['allowed'], TeamActs['audiences']];
    return {
      facilitator: false,
      allowed: may,
      audiences: to,
      take: (input, key) => takeInputs(useAppStore, (i) => send({ type: 'act', input: i }), [input], key),
    };
  }, [permissions, send]);

  const record = useCallback(
    async (input: TeamInput) => {
      const a = await send({ type: 'act', input });
      return a.type === 'refused' ? refusalWords(a) : null;
    },
    [send],
  );

  useEffect(() => {
    // A token the host no longer knows (removed, room closed) is forgotten, so the link works again.
    if (live.ended && auth?.kind === 'participant') {
      try {
        localStorage.removeItem(tokenKey(exerciseId));
      } catch {
        // nothing kept
      }
    }
  }, [live.ended, auth, exerciseId]);

  if (live.ended) {
    return (
      <main className="screen screen-narrow" role="status">
        <h1>Firebreak</h1>
        <p>{live.ended.kind === 'finished' ? w.t('room.finished') : live.ended.text}</p>
      </main>
    );
  }
  if (!auth) {
    return (
      <main className="screen screen-narrow">
        <h1>Firebreak</h1>
        <p>{w.t('participant.needLink')}</p>
      </main>
    );
  }
  if (live.held && !live.ended) {
    return (
      <main className="screen screen-narrow" role="status">
        <h1>Firebreak</h1>
        <p>{w.t('participant.waiting', { reason: live.held })}</p>
      </main>
    );
  }
  if (live.join) return <JoinForm choices={live.join} onJoin={join} />;
  if (!live.view || !team.current)
    return <main className="screen screen-narrow">{live.status === 'reconnecting' ? w.t('room.reconnectingHost') : w.t('room.connecting')}</main>;
  const me = live.you?.kind === 'participant' ? live.you.name : null;
  return <RoleView view={live.view} status={live.status} team={team.current} acts={acts} record={record} me={me} />;
}
