/**
 * A participant's screen, on their own device: join with a name and a role, then that role's view.
 *
 * Everything shown is what the host projected for this role (signals routed to it, dashboards if
 * the role has them, what the facilitator shared, the team's attributed timeline) and the actions
 * the role may take; the host checks each action again and attributes it. The token the host
 * gives on joining is kept in this browser's localStorage, so a reload or a dropped network
 * reconnects as the same person.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import './participant.css';
import {
  LIVE_ROLE_LABELS,
  LIVE_ROLES,
  type HelloAuth,
  type LiveRole,
  type ParticipantView,
  type PublicEntry,
  type TeamActionType,
} from '../../../shared/contract/live.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { AUDIENCES, INCIDENT_TYPES, ROLES, type Audience, type IncidentType, type Role } from '../../../shared/scenario/schema.ts';
import { useLiveView } from '../session/use-live-view.ts';
import { AUDIENCE_LABELS, CHANNEL_LABELS, INCIDENT_TYPE_LABELS } from '../ui/labels.ts';
import { formatNumber } from '../ui/format.ts';

const tokenKey = (exerciseId: string) => `firebreak:participant:${exerciseId}`;

function storedToken(exerciseId: string): string | null {
  try {
    return localStorage.getItem(tokenKey(exerciseId));
  } catch {
    return null;
  }
}

/** Inbox for the roles that work the outside world; alerts for the rest. */
function feedTitle(role: LiveRole | null): string {
  return role === 'communications_lead' || role === 'client_liaison' ? 'Inbox' : 'Signals';
}

function JoinForm({ onJoin }: { onJoin(name: string, role: LiveRole): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<LiveRole>('technical_lead');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onJoin(name.trim(), role);
  };
  return (
    <main className="screen screen-narrow participant-join">
      <h1>Join the exercise</h1>
      <form onSubmit={submit} className="form">
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
        </label>
        <label>
          Your role
          <select value={role} onChange={(e) => setRole(e.target.value as LiveRole)}>
            {LIVE_ROLES.map((r) => (
              <option key={r} value={r}>
                {LIVE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={!name.trim()}>
          Join
        </button>
      </form>
    </main>
  );
}

function EntryLine({ e }: { e: PublicEntry }) {
  return (
    <li>
      <span className="t">{formatOffset(e.t)}</span> {e.text}
      {e.by && (
        <span className="muted">
          {' '}
          — {e.by.name}, {(LIVE_ROLE_LABELS as Record<string, string>)[e.by.role] ?? e.by.role}
        </span>
      )}
    </li>
  );
}

/** Sends an action; resolves true once the host has journaled it. */
type Send = (input: TeamInput) => Promise<boolean>;

function Actions({ view, send, busy }: { view: ParticipantView; send: Send; busy: boolean }) {
  const a = view.actions;
  const may = (t: TeamActionType) => a.allowed.includes(t);
  const [severity, setSeverity] = useState(2);
  const [type, setType] = useState<IncidentType>(INCIDENT_TYPES[0]);
  const [audience, setAudience] = useState<Audience>(a.audiences[0] ?? 'internal');
  const [message, setMessage] = useState('');
  const [rootCause, setRootCause] = useState('');
  const [assignRole, setAssignRole] = useState<Role>(ROLES[0]);
  const [assignPerson, setAssignPerson] = useState('');
  if (a.allowed.length === 0) return <p className="muted">Your role has no actions in this exercise; follow along and advise.</p>;
  return (
    <div className="participant-actions">
      {may('ACKNOWLEDGE') && !view.declared && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => send({ type: 'ACKNOWLEDGE' })}>
          Declare the incident
        </button>
      )}
      {may('TRIAGE') && (
        <fieldset>
          <legend>Triage</legend>
          <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(Number(e.target.value))}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                Severity {n}
              </option>
            ))}
          </select>
          <select aria-label="Incident type" value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
            {INCIDENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {INCIDENT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'TRIAGE', severity, incidentType: type })}>
            Set severity
          </button>
        </fieldset>
      )}
      {may('ASSIGN_ROLE') && (
        <fieldset>
          <legend>Assign a role</legend>
          <select aria-label="Role to assign" value={assignRole} onChange={(e) => setAssignRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {LIVE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <input aria-label="Person" placeholder="Name" value={assignPerson} onChange={(e) => setAssignPerson(e.target.value)} list="participant-people" />
          <datalist id="participant-people">
            {view.people.map((p) => (
              <option key={p.name} value={p.name} />
            ))}
          </datalist>
          <button
            type="button"
            className="button"
            disabled={busy || !assignPerson.trim()}
            onClick={() => send({ type: 'ASSIGN_ROLE', role: assignRole, person: assignPerson.trim() })}
          >
            Assign
          </button>
        </fieldset>
      )}
      {a.investigations.length > 0 && (
        <fieldset>
          <legend>Investigate</legend>
          {a.investigations.map((i) => (
            <button
              key={i.id}
              type="button"
              className="button"
              disabled={busy || i.state !== 'available'}
              onClick={() => send({ type: 'INVESTIGATE', investigationId: i.id })}
            >
              {i.label}
              {i.state === 'running' ? ' (running)' : i.state === 'done' ? ' ✓' : ''}
            </button>
          ))}
        </fieldset>
      )}
      {a.evidence.length > 0 && (
        <fieldset>
          <legend>Preserve evidence</legend>
          {a.evidence.map((e) => (
            <button
              key={e.id}
              type="button"
              className="button"
              disabled={busy || e.state !== 'available'}
              onClick={() => send({ type: 'PRESERVE_EVIDENCE', evidenceId: e.id })}
            >
              {e.label}
              {e.state === 'done' ? ' ✓' : ''}
            </button>
          ))}
        </fieldset>
      )}
      {a.containments.length > 0 && (
        <fieldset>
          <legend>Contain</legend>
          {a.containments.map((c) => (
            <button
              key={c.id}
              type="button"
              className="button"
              title={c.reason ?? undefined}
              disabled={busy || c.state !== 'available'}
              onClick={() => send({ type: 'CONTAIN', containmentId: c.id })}
            >
              {c.label}
              {c.state === 'done' ? ' ✓' : ''}
            </button>
          ))}
          {a.containments
            .filter((c) => c.liftable)
            .map((c) => (
              <button key={`lift-${c.id}`} type="button" className="button" disabled={busy} onClick={() => send({ type: 'LIFT', containmentId: c.id })}>
                Lift: {c.label}
              </button>
            ))}
        </fieldset>
      )}
      {a.rootCauses.length > 0 && (
        <fieldset>
          <legend>Root cause</legend>
          <select aria-label="Root cause" value={rootCause} onChange={(e) => setRootCause(e.target.value)}>
            <option value="">Choose…</option>
            {a.rootCauses.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <button type="button" className="button" disabled={busy || !rootCause} onClick={() => send({ type: 'DECLARE_ROOT_CAUSE', rootCauseId: rootCause })}>
            Declare root cause
          </button>
        </fieldset>
      )}
      {a.audiences.length > 0 && (
        <fieldset>
          <legend>Send a message</legend>
          <select aria-label="Audience" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            {AUDIENCES.filter((x) => a.audiences.includes(x)).map((x) => (
              <option key={x} value={x}>
                {AUDIENCE_LABELS[x]}
              </option>
            ))}
          </select>
          <textarea aria-label="Message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={20_000} />
          <button
            type="button"
            className="button"
            disabled={busy || !message.trim()}
            onClick={() => {
              // The draft stays until the host has saved the message.
              void send({ type: 'COMMUNICATE', audience, message: message.trim() }).then((ok) => ok && setMessage(''));
            }}
          >
            Send
          </button>
        </fieldset>
      )}
      {may('RESOLVE') && view.declared && (
        <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'RESOLVE' })}>
          Resolve the incident
        </button>
      )}
    </div>
  );
}

function RoleView({ view, entries, send, busy, error }: { view: ParticipantView; entries: PublicEntry[]; send: Send; busy: boolean; error: string | null }) {
  const latest = view.signals.slice(-20).reverse();
  return (
    <div className={`participant-screen role-${view.role ?? 'none'}`}>
      <header className="participant-header">
        <div>
          <strong>{view.scenarioTitle}</strong>
          <span className="muted"> · {view.team}</span>
        </div>
        <div className="participant-clock" aria-label="Exercise clock">
          <span data-testid="participant-clock">{view.clock.wall}</span> <span className="muted">{view.clock.offset}</span>{' '}
          <span className="muted">{view.clock.over ? 'Exercise over' : view.clock.paused ? 'Paused' : `${view.clock.speed}×`}</span>
        </div>
        <div className="phase">{view.phaseLabel}</div>
      </header>
      {view.spotlight && (
        <section className="notice" aria-label="Spotlight">
          <strong>{view.spotlight.title}</strong> — {view.spotlight.body}
        </section>
      )}
      <div className="participant-grid">
        <section className="panel" aria-label={feedTitle(view.role)}>
          <h2>
            {feedTitle(view.role)} <small>({view.signalCount})</small>
          </h2>
          {latest.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ol className="participant-feed">
              {latest.map((s) => (
                <li key={s.id} className={`severity-${s.severity}`}>
                  <div className="muted">
                    {CHANNEL_LABELS[s.channel]} · {s.source} · {formatOffset(s.t)}
                  </div>
                  <strong>{s.title}</strong>
                  <p>{s.body}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="panel" aria-label="Your actions">
          <h2>Your actions</h2>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <Actions view={view} send={send} busy={busy} />
          {view.metrics.length > 0 && (
            <>
              <h2>Dashboards</h2>
              <ul className="participant-metrics" aria-label="Dashboards">
                {view.metrics.map((m) => (
                  <li key={m.id}>
                    {m.label}: <strong>{m.points.at(-1)?.[1] ?? '—'}</strong> {m.unit}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(view.findings.length > 0 || view.harm || view.hints.length > 0) && (
            <>
              <h2>Shared by the facilitator</h2>
              {view.findings.map((f) => (
                <article key={f.id}>
                  <strong>{f.title}</strong>
                  <p>{f.body}</p>
                </article>
              ))}
              {view.harm?.map((h) => (
                <p key={h.id}>
                  {h.label}: <strong>{formatNumber(h.value)}</strong> {h.unit}
                </p>
              ))}
              {view.hints.map((h, i) => (
                <p key={i}>Hint: {h}</p>
              ))}
            </>
          )}
        </section>
        <section className="panel" aria-label="Team timeline">
          <h2>Team timeline</h2>
          <ol className="participant-timeline">
            {entries
              .slice(-30)
              .reverse()
              .map((e) => (
                <EntryLine key={e.seq} e={e} />
              ))}
          </ol>
          <h2>In the room</h2>
          <ul>
            {view.people.map((p, i) => (
              <li key={i}>
                {p.name} <span className="muted">{p.role ? LIVE_ROLE_LABELS[p.role] : 'no role'}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

export function ParticipantScreen({ exerciseId, joinKey }: { exerciseId: string; joinKey?: string }) {
  const [auth, setAuth] = useState<HelloAuth | null>(() => {
    const token = storedToken(exerciseId);
    return token ? { kind: 'participant', token } : null;
  });
  const pendingJoin = useRef<{ name: string; role: LiveRole } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useLiveView<ParticipantView>({
    exerciseId,
    auth,
    onWelcome(you, sendRaw) {
      if (you.kind !== 'participant') return;
      if (you.token === null && pendingJoin.current) sendRaw({ type: 'join', ...pendingJoin.current });
      if (you.token) {
        try {
          localStorage.setItem(tokenKey(exerciseId), you.token);
        } catch {
          // Private mode: the participant re-joins after a reload.
        }
        setAuth({ kind: 'participant', token: you.token });
      }
    },
  });

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
        <p>{live.ended}</p>
      </main>
    );
  }
  if (!auth) {
    if (!joinKey) {
      return (
        <main className="screen screen-narrow">
          <h1>Firebreak</h1>
          <p>Open the join link (or scan the QR code) the facilitator shows to take part.</p>
        </main>
      );
    }
    return (
      <JoinForm
        onJoin={(name, role) => {
          pendingJoin.current = { name, role };
          setAuth({ kind: 'join', key: joinKey });
        }}
      />
    );
  }
  if (!live.view) return <main className="screen screen-narrow">{live.status === 'reconnecting' ? 'Reconnecting to the host…' : 'Connecting…'}</main>;
  const send: Send = async (input) => {
    setBusy(true);
    const a = await live.send({ type: 'act', input });
    setBusy(false);
    setError(a.type === 'refused' ? a.message : null);
    return a.type === 'ack';
  };
  return (
    <>
      {live.status === 'reconnecting' && (
        <p className="notice notice-warning" role="status">
          Reconnecting to the host…
        </p>
      )}
      <RoleView view={live.view} entries={live.entries} send={send} busy={busy} error={error} />
    </>
  );
}
