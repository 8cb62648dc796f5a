/**
 * The notices the score judged (#17): each obligation's status and content as the engine judged
 * it, and the control with which the facilitator overrules a content judgement, as a whole or per
 * element, with a reason. The overrule is journaled (`exercises:record`, an OVERRULE_CONTENT entry
 * in the facilitator's name) and the debrief is worked out again from the journal, so the score,
 * its reason text and the report all follow it.
 */
import { useState } from 'react';
import type { NotificationResult } from '../../../shared/scoring/score-card.ts';
import type { MessageElement, Scenario } from '../../../shared/scenario/schema.ts';
import { REQUIRED_ELEMENTS } from '../../../shared/engine/notice.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { audienceLabel, elementLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';
import { Section } from './section.tsx';

export interface NoticesPanelProps {
  scenario: Scenario;
  notifications: ReadonlyArray<NotificationResult>;
  /** Journals the overrule; resolves to an error message, or null once it is recorded. Null: no control (a solo trainee does not judge their own notices). */
  record: ((input: TeamInput) => Promise<string | null>) | null;
}

export function NoticesPanel({ scenario, notifications, record }: NoticesPanelProps) {
  const w = useWords();
  if (notifications.length === 0) return null;
  return (
    <Section id="notices" title={w.t('debrief.notices.title')}>
      <p className="muted small">{w.t('debrief.notices.intro')}</p>
      <ul className="notices-list">
        {notifications.map((n, i) => (
          <NoticeRow key={n.id} scenario={scenario} n={n} index={i} record={record} />
        ))}
      </ul>
    </Section>
  );
}

function NoticeRow({
  scenario,
  n,
  index,
  record,
}: {
  scenario: Scenario;
  n: NotificationResult;
  index: number;
  record: NonNullable<NoticesPanelProps['record']> | null;
}) {
  const w = useWords();
  const target = scenario.rubric.notifications[index];
  const need: ReadonlyArray<MessageElement> = target?.elements?.length ? target.elements : REQUIRED_ELEMENTS[n.audience];
  const [open, setOpen] = useState(false);
  const [whole, setWhole] = useState<'elements' | '0' | '0.5' | '1'>('elements');
  const [marks, setMarks] = useState<Partial<Record<MessageElement, boolean>>>(() => Object.fromEntries(need.map((e) => [e, !n.missing.includes(e)])));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const judged = n.sentAt !== null;
  const control = judged && record !== null;
  const several = scenario.rubric.notifications.filter((x) => x.audience === n.audience).length > 1;
  const title = several ? `${audienceLabel(n.audience, w)} (${n.id})` : audienceLabel(n.audience, w);

  const submit = async () => {
    if (reason.trim() === '') return setError(w.t('debrief.notices.reasonRequired'));
    let input: TeamInput;
    if (whole !== 'elements') input = { type: 'OVERRULE_CONTENT', obligationId: n.id, share: Number(whole), reason: reason.trim() };
    else {
      const changed = Object.fromEntries(need.filter((e) => marks[e] !== !n.missing.includes(e)).map((e) => [e, marks[e]!]));
      if (Object.keys(changed).length === 0) return setError(w.t('debrief.notices.nothingChanged'));
      input = { type: 'OVERRULE_CONTENT', obligationId: n.id, elements: changed, reason: reason.trim() };
    }
    setBusy(true);
    const failed = record ? await record(input) : null;
    setBusy(false);
    setError(failed);
    if (!failed) setOpen(false);
  };

  return (
    <li className="notice-row" data-obligation={n.id}>
      <div>
        <strong>{title}</strong>{' '}
        <span className={`tag ${n.verdict.status === 'met' ? 'tag-met' : 'tag-missed'}`}>{w.t(`reason.obligation.status.${n.status}`)}</span>{' '}
        {judged && <span data-testid="notice-content">{w.t('debrief.notices.content', { share: w.percent(n.content) })}</span>}
        {n.missing.length > 0 && judged && (
          <span className="muted small"> {w.t('debrief.notices.missing', { missing: n.missing.map((e) => elementLabel(e, w)).join(', ') })}</span>
        )}
      </div>
      {n.overruled && (
        <div className="small facilitator-note" data-testid="notice-overruled">
          {w.t('debrief.notices.overruled', { by: n.overruled.by ?? '—', was: w.percent(n.overruled.was), reason: n.overruled.reason })}
        </div>
      )}
      {control && !open && (
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          {w.t('debrief.notices.overrule')}
        </button>
      )}
      {control && open && (
        <form
          className="notice-overrule"
          aria-label={w.t('debrief.notices.overruleFor', { notice: title })}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {w.t('debrief.notices.whole')}{' '}
            <select value={whole} onChange={(e) => setWhole(e.target.value as typeof whole)}>
              <option value="elements">{w.t('debrief.notices.byElement')}</option>
              <option value="1">{w.percent(1)}</option>
              <option value="0.5">{w.percent(0.5)}</option>
              <option value="0">{w.percent(0)}</option>
            </select>
          </label>
          {whole === 'elements' && (
            <fieldset>
              <legend>{w.t('debrief.notices.elements')}</legend>
              {need.map((e) => (
                <label key={e} className="notice-element">
                  <input type="checkbox" checked={marks[e] ?? false} onChange={(ev) => setMarks((m) => ({ ...m, [e]: ev.target.checked }))} />{' '}
                  {elementLabel(e, w)}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {w.t('debrief.notices.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
          </label>
          {error && (
            <p className="small save-error" role="alert">
              {error}
            </p>
          )}
          <div>
            <button type="submit" className="button" disabled={busy}>
              {w.t('debrief.notices.save')}
            </button>{' '}
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              {w.t('debrief.notices.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
