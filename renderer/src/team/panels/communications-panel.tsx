/**
 * Communications: write a structured message to an audience; see the notification obligations
 * with their deadlines and the internal status-update cadence for the severity in force.
 *
 * The editor offers the elements the audience's notification needs (definitions.ts,
 * REQUIRED_ELEMENTS: what happened, impact, what has been done, what the recipient should do, next
 * update; for a regulator the personal-data breach elements). A message counts as a notification
 * only with at least one element; the panel says so before it is sent, as the score card will.
 */
import { useState, type ReactNode } from 'react';
import { AUDIENCES, type Audience } from '../../../../shared/scenario/schema.ts';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import type { MessageElement } from '../../../../shared/engine/inputs.ts';
import { countedElements, elementCounts, messageCounts, REQUIRED_ELEMENTS } from '../../../../shared/scoring/definitions.ts';
import type { TeamObligation } from '../../../../shared/views/team-state.ts';
import { jsonEqual, shallowEqual } from '../../session/use-run.ts';
import { useTeam, useTeamActs } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';
import { richText, useWords } from '../../i18n/words.tsx';
import { audienceLabel, elementHint, elementLabel } from '../../../../shared/i18n/labels.ts';

/** Where one obligation stands, as the engine judges it (a complete notice meets it). */
function ObligationLine({ o }: { o: TeamObligation }) {
  const w = useWords();
  // What is still owed, after "Sent …, but incomplete:" when a partial notice went out.
  const partial = o.sentAt !== null;
  const owed = (text: ReactNode) => (
    <>
      {o.sentAt !== null && richText(w, 'comms.sentIncomplete', { time: <SimTime t={o.sentAt} /> })}
      {text}
    </>
  );
  switch (o.status) {
    case 'met':
    case 'late':
      return <>{richText(w, o.status === 'late' ? 'comms.sentLate' : 'comms.sent', { time: <SimTime t={o.metAt ?? o.sentAt ?? 0} /> })}</>;
    case 'sent':
      return <>{richText(w, 'comms.sent', { time: <SimTime t={o.sentAt ?? 0} /> })}</>;
    case 'not_applicable':
      return <span className="muted">{w.t('comms.notRequired')}</span>;
    case 'missed':
      return owed(richText(w, 'comms.owed.overdue', { partial, time: o.dueAt === null ? '' : <SimTime t={o.dueAt} /> }));
    case 'due':
      return owed(o.dueAt === null ? w.t('comms.owed.due', { partial }) : richText(w, 'comms.owed.dueBy', { partial, time: <SimTime t={o.dueAt} /> }));
    case 'not_due':
    case 'unknown':
      return owed(o.from === 'detection' ? w.t('comms.owed.onDeclare', { partial }) : w.t('comms.owed.countsFrom', { partial, from: o.from }));
  }
}

/**
 * A dated plan for a notice still owed (PLAN_NOTICE): who sends what, by the deadline. An
 * obligation not yet due when the exercise ends is judged open with such a plan and missed without
 * one (definition `open_obligation`), so the team needs a way to record it from here.
 */
function PlanNotice({ o }: { o: TeamObligation }) {
  const w = useWords();
  const acts = useTeamActs();
  const [owner, setOwner] = useState('');
  const [what, setWhat] = useState('');
  const mayPlan = (acts.allowed === 'all' || acts.allowed.includes('PLAN_NOTICE')) && (acts.audiences === 'all' || acts.audiences.includes(o.audience));
  if (o.plan)
    return (
      <div className="small obligation-plan">
        {w.t('obligation.plan.planned', { owner: o.plan.owner, what: o.plan.what })} <SimTime t={o.plan.by} />
      </div>
    );
  if (!mayPlan || o.status !== 'due' || o.dueAt === null) return null;
  const input = { type: 'PLAN_NOTICE' as const, obligationId: o.id, owner: owner.trim(), what: what.trim(), sendBy: o.dueAt };
  return (
    <details className="obligation-plan">
      <summary>{w.t('obligation.plan.summary')}</summary>
      <label className="field">
        <span>{w.t('obligation.plan.owner')}</span>
        <input type="text" value={owner} maxLength={200} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label className="field">
        <span>{w.t('obligation.plan.what')}</span>
        <input type="text" value={what} onChange={(e) => setWhat(e.target.value)} />
      </label>
      <ActionButton
        input={input}
        actionKey={`PLAN_NOTICE:${o.id}`}
        blockedReason={input.owner === '' || input.what === '' ? w.t('obligation.plan.needs') : null}
        onTaken={() => {
          setOwner('');
          setWhat('');
        }}
      >
        {w.t('obligation.plan.submit')}
      </ActionButton>
    </details>
  );
}

function Obligations() {
  const w = useWords();
  const obligations = useTeam((t) => t.obligations, jsonEqual);
  if (obligations.length === 0) return <p className="muted">{w.t('comms.noObligations')}</p>;
  return (
    <ul className="obligations" aria-label={w.t('comms.obligations')}>
      {obligations.map((o) => {
        const state = o.status === 'met' || o.status === 'late' || o.status === 'sent' ? 'met' : o.status === 'missed' ? 'overdue' : 'pending';
        return (
          <li key={o.id} className={`obligation is-${state}`} data-obligation={o.audience}>
            {richText(w, 'comms.obligation', {
              audience: <strong>{audienceLabel(o.audience, w)}</strong>,
              duration: formatDuration(o.within, w),
              clock: o.clock,
              from: o.from,
            })}
            {o.reason && <span className="muted"> — {o.reason}</span>}
            <div className="small">
              <ObligationLine o={o} />
            </div>
            <PlanNotice o={o} />
          </li>
        );
      })}
    </ul>
  );
}

function StatusCadence() {
  const w = useWords();
  const v = useTeam((t) => t.cadence, shallowEqual);
  const now = useTeam((t) => Math.floor(t.now / 60_000));
  if (v === null) return <p className="muted small">{w.t('comms.cadence.untriaged')}</p>;
  // The severity in force sets the interval, as the score card judges it (definitions: Status cadence).
  if (v.interval === null || v.nextDue === null) return <p className="muted small">{w.t('comms.cadence.none', { severity: v.severity })}</p>;
  const overdue = now * 60_000 > v.nextDue;
  return (
    <p className={`cadence small ${overdue ? 'is-overdue' : ''}`}>
      {richText(w, 'comms.cadence.every', { interval: formatDuration(v.interval, w), severity: v.severity, overdue, time: <SimTime t={v.nextDue} /> })}
    </p>
  );
}

function SentMessages() {
  const w = useWords();
  const count = useTeam((t) => t.sentCount);
  const list = useTeam((t) => t.sent, jsonEqual);
  if (count === 0) return null;
  return (
    <details className="sent-messages">
      <summary>{w.t('comms.sentMessages', { count })}</summary>
      <ul>
        {list.map((c) => (
          <li key={c.seq}>
            <strong>{audienceLabel(c.audience, w)}</strong> <SimTime t={c.t} />
            {Object.keys(c.elements).length > 0 && (
              <dl className="message-elements">
                {(Object.entries(c.elements) as [MessageElement, string][]).map(([k, text]) => (
                  <div key={k}>
                    <dt>{elementLabel(k, w)}</dt>
                    <dd>{text}</dd>
                  </div>
                ))}
              </dl>
            )}
            {c.message && <p>{c.message}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}

type Drafts = Partial<Record<MessageElement, string>>;

export function CommunicationsPanel() {
  const w = useWords();
  const acts = useTeamActs();
  // A participant writes only to their role's audiences (the host checks again).
  const audiences = acts.audiences === 'all' ? AUDIENCES : AUDIENCES.filter((a) => acts.audiences.includes(a));
  const [audience, setAudience] = useState<Audience>(audiences[0] ?? 'internal');
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
    <Panel id="communications" title={w.t('comms.title')}>
      <Obligations />
      <StatusCadence />
      <div className="message-editor">
        <label className="field">
          <span>{w.t('comms.audience')}</span>
          <select value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            {audiences.map((a) => (
              <option key={a} value={a}>
                {audienceLabel(a, w)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="message-elements-editor">
          <legend>{audience === 'regulator' ? w.t('comms.breachElements') : w.t('comms.elements')}</legend>
          {needed.map((k) => (
            <label key={k} className="field">
              <span>{elementLabel(k, w)}</span>
              <input type="text" value={drafts[k] ?? ''} placeholder={elementHint(k, w)} onChange={(e) => setDrafts((d) => ({ ...d, [k]: e.target.value }))} />
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{w.t('comms.message')}</span>
          <textarea rows={3} value={message} onChange={(e) => setMessage(e.target.value)} placeholder={w.t('comms.messagePlaceholder')} />
        </label>
        <p className="small muted" role="status" aria-label={w.t('comms.check')}>
          {counts
            ? w.t('comms.check.counts', { n: counted.filter((k) => needed.includes(k)).length, of: needed.length })
            : statusOnly
              ? w.t('comms.check.statusOnly')
              : w.t('comms.check.notYet')}
        </p>
        <ActionButton
          input={input}
          actionKey="COMMUNICATE"
          blockedReason={empty ? w.t('comms.empty') : null}
          className="button-primary"
          onTaken={() => {
            setMessage('');
            setDrafts({});
          }}
        >
          {w.t('comms.sendTo', { audience })}
        </ActionButton>
      </div>
      <SentMessages />
    </Panel>
  );
}
