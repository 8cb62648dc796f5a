/**
 * Communications: write a structured message to an audience; see the notification obligations
 * with their deadlines and the internal status-update cadence for the severity in force.
 *
 * The editor offers the elements the audience's notification needs (definitions.ts,
 * REQUIRED_ELEMENTS: what happened, impact, what has been done, what the recipient should do, next
 * update; for a regulator the personal-data breach elements). A message counts as a notification
 * only with at least one element; the panel says so before it is sent, as the score card will.
 */
import { useState } from 'react';
import { AUDIENCES, type Audience } from '../../../../shared/scenario/schema.ts';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import type { MessageElement } from '../../../../shared/engine/inputs.ts';
import {
  cadenceInterval,
  countedElements,
  elementCounts,
  messageCounts,
  REQUIRED_ELEMENTS,
  statusUpdateCounts,
} from '../../../../shared/scoring/definitions.ts';
import { ELEMENT_LABELS } from '../../../../shared/scoring/wording.ts';
import { isDetectingInput } from '../../../../shared/scoring/run-facts.ts';
import { jsonEqual, shallowEqual, useOpenSession, useRun } from '../../session/use-run.ts';
import { AUDIENCE_LABELS } from '../../ui/labels.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

type RunContextLike = { inputs: ReadonlyArray<{ seq: number; input: { type: string } }> };

/** The elements of a sent message: the engine keeps them on the journaled input. */
function elementsOf(ctx: RunContextLike, seq: number): Partial<Record<MessageElement, string>> {
  const input = ctx.inputs.find((x) => x.seq === seq)?.input as { type: string; elements?: Partial<Record<MessageElement, string>> } | undefined;
  return input?.type === 'COMMUNICATE' ? (input.elements ?? {}) : {};
}

function Obligations() {
  const session = useOpenSession();
  const { scenario } = session;
  const facilitator = session.mode === 'facilitated';
  const obligations = scenario.rubric.notifications;
  const v = useRun(
    (run) => ({
      now: Math.floor(run.now / 60_000),
      // Deadlines run from awareness: the first declaration or detecting response (definitions: Notification).
      detectedAt: run.context.inputs.find((x) => isDetectingInput(x.input.type))?.t ?? null,
      faultAt: Math.min(...Object.values(run.context.faults).map((f) => f.startedAt ?? Infinity)),
      // Only a message with at least one element counts (definitions: Notification).
      sent: obligations.map(
        (n) => run.context.communications.find((c) => c.audience === n.audience && messageCounts({ elements: elementsOf(run.context, c.seq) }))?.t ?? null,
      ),
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
    const lastInternal =
      [...run.context.communications]
        .reverse()
        .find((c) => c.audience === 'internal' && statusUpdateCounts({ elements: elementsOf(run.context, c.seq), message: c.message }))?.t ?? null;
    return {
      severity: triage?.severity ?? null,
      since: lastInternal ?? run.context.detectedAt ?? triage?.t ?? null,
      overdueMinute: Math.floor(run.now / 60_000),
    };
  }, shallowEqual);
  if (v.severity === null) return <p className="muted small">Status-update cadence applies once the incident is triaged.</p>;
  // The severity in force sets the interval, as the score card judges it (definitions: Status cadence).
  const cadence = cadenceInterval(scenario, v.severity);
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
        {list.map((c) => {
          const elements = elementsOf(run.context, c.seq);
          return (
            <li key={c.seq}>
              <strong>{AUDIENCE_LABELS[c.audience]}</strong> <SimTime t={c.t} />
              {Object.keys(elements).length > 0 && (
                <dl className="message-elements">
                  {(Object.entries(elements) as [MessageElement, string][]).map(([k, text]) => (
                    <div key={k}>
                      <dt>{ELEMENT_LABELS[k].label}</dt>
                      <dd>{text}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {c.message && <p>{c.message}</p>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

type Drafts = Partial<Record<MessageElement, string>>;

export function CommunicationsPanel() {
  const [audience, setAudience] = useState<Audience>('internal');
  const [message, setMessage] = useState('');
  const [drafts, setDrafts] = useState<Drafts>({});
  const needed = REQUIRED_ELEMENTS[audience];
  const elements = Object.fromEntries(needed.flatMap((k) => (drafts[k]?.trim() ? [[k, drafts[k]!.trim()]] : []))) as Drafts;
  const counted = countedElements({ elements });
  const counts = messageCounts({ elements });
  const statusOnly = audience === 'internal' && !counts && elementCounts(message);
  const empty = message.trim() === '' && Object.keys(elements).length === 0;
  const input = { type: 'COMMUNICATE' as const, audience, message: message.trim(), ...(Object.keys(elements).length ? { elements } : {}) };
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
        <fieldset className="message-elements-editor">
          <legend>{audience === 'regulator' ? 'Personal-data breach notification' : 'Notification elements'}</legend>
          {needed.map((k) => (
            <label key={k} className="field">
              <span>{ELEMENT_LABELS[k].label}</span>
              <input
                type="text"
                value={drafts[k] ?? ''}
                placeholder={ELEMENT_LABELS[k].hint}
                onChange={(e) => setDrafts((d) => ({ ...d, [k]: e.target.value }))}
              />
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Message</span>
          <textarea rows={3} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="Anything else, in your own words (optional)" />
        </label>
        <p className="small muted" role="status" aria-label="Notification check">
          {counts
            ? `${counted.filter((k) => needed.includes(k)).length} of ${needed.length} elements.`
            : statusOnly
              ? 'Counts as a status update, not as a notification: fill at least one element.'
              : 'Not a notification yet: fill at least one element with two words or more.'}
        </p>
        <ActionButton
          input={input}
          actionKey="COMMUNICATE"
          blockedReason={empty ? 'write a message first' : null}
          className="button-primary"
          onTaken={() => {
            setMessage('');
            setDrafts({});
          }}
        >
          Send to {AUDIENCE_LABELS[audience].toLowerCase()}
        </ActionButton>
      </div>
      <SentMessages />
    </Panel>
  );
}
