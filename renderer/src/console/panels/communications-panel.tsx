/**
 * Communications: write a message to an audience; see the notification obligations with their
 * deadlines and the internal status-update cadence for the current severity.
 */
import { useState } from 'react';
import { AUDIENCES, type Audience } from '../../../../shared/scenario/schema.ts';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import { jsonEqual, shallowEqual, useOpenSession, useRun } from '../../session/use-run.ts';
import { AUDIENCE_LABELS } from '../../ui/labels.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

function Obligations() {
  const session = useOpenSession();
  const { scenario } = session;
  const facilitator = session.mode === 'facilitated';
  const obligations = scenario.rubric.notifications;
  const v = useRun(
    (run) => ({
      now: Math.floor(run.now / 60_000),
      detectedAt: run.context.detectedAt,
      faultAt: Math.min(...Object.values(run.context.faults).map((f) => f.startedAt ?? Infinity)),
      sent: obligations.map((n) => run.context.communications.find((c) => c.audience === n.audience)?.t ?? null),
    }),
    jsonEqual,
  );
  if (obligations.length === 0) return <p className="muted">No notification obligations in this scenario.</p>;
  return (
    <ul className="obligations" aria-label="Notification obligations">
      {obligations.map((n, i) => {
        const base = n.from === 'detection' ? v.detectedAt : facilitator ? v.faultAt : null;
        const due = base === null ? null : base + n.within;
        const sentAt = v.sent[i] ?? null;
        const overdue = sentAt === null && due !== null && v.now * 60_000 > due;
        const status = sentAt !== null ? 'met' : overdue ? 'overdue' : 'pending';
        return (
          <li key={`${n.audience}-${i}`} className={`obligation is-${status}`} data-obligation={n.audience}>
            <strong>{AUDIENCE_LABELS[n.audience]}</strong>: within {formatDuration(n.within)} of {n.from === 'detection' ? 'detection' : 'the fault starting'}
            {n.reason && <span className="muted"> — {n.reason}</span>}
            <div className="small">
              {sentAt !== null ? (
                <>
                  ✓ Sent <SimTime t={sentAt} />
                </>
              ) : due !== null ? (
                <>
                  {overdue ? 'Overdue since ' : 'Due by '}
                  <SimTime t={due} />
                </>
              ) : (
                <span className="muted">
                  {n.from === 'detection' ? 'Clock starts when the incident is declared' : 'Deadline counts from when the fault began'}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function StatusCadence() {
  const { scenario } = useOpenSession();
  const v = useRun((run) => {
    const triage = run.context.triages.at(-1) ?? null;
    const lastInternal = [...run.context.communications].reverse().find((c) => c.audience === 'internal')?.t ?? null;
    return { severity: triage?.severity ?? null, since: lastInternal ?? triage?.t ?? null, lastInternal, overdueMinute: Math.floor(run.now / 60_000) };
  }, shallowEqual);
  if (v.severity === null) return <p className="muted small">Status-update cadence applies once the incident is triaged.</p>;
  const cadence = scenario.rubric.statusCadence[String(v.severity) as '1' | '2' | '3' | '4'];
  if (!cadence) return <p className="muted small">No set status-update cadence at Severity {v.severity}.</p>;
  const next = (v.since ?? 0) + cadence;
  const overdue = v.overdueMinute * 60_000 > next;
  return (
    <p className={`cadence small ${overdue ? 'is-overdue' : ''}`}>
      Internal status updates every {formatDuration(cadence)} at Severity {v.severity}. {overdue ? 'Overdue since' : 'Next due'} <SimTime t={next} />
    </p>
  );
}

function SentMessages() {
  const count = useRun((run) => run.context.communications.length);
  const { run } = useOpenSession();
  if (count === 0) return null;
  const list = run.context.communications.slice(-20).reverse();
  return (
    <details className="sent-messages">
      <summary>Sent messages ({count})</summary>
      <ul>
        {list.map((c) => (
          <li key={c.seq}>
            <strong>{AUDIENCE_LABELS[c.audience]}</strong> <SimTime t={c.t} />
            <p>{c.message}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CommunicationsPanel() {
  const [audience, setAudience] = useState<Audience>('internal');
  const [message, setMessage] = useState('');
  return (
    <Panel id="communications" title="Communications">
      <Obligations />
      <StatusCadence />
      <div className="message-editor">
        <label className="field">
          <span>Audience</span>
          <select value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Message</span>
          <textarea
            rows={4}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder="What happened, what we are doing, when we will update next"
          />
        </label>
        <ActionButton
          input={{ type: 'COMMUNICATE', audience, message: message.trim() }}
          actionKey="COMMUNICATE"
          blockedReason={message.trim() === '' ? 'write a message first' : null}
          className="button-primary"
          onTaken={() => setMessage('')}
        >
          Send to {AUDIENCE_LABELS[audience].toLowerCase()}
        </ActionButton>
      </div>
      <SentMessages />
    </Panel>
  );
}
