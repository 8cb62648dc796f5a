/**
 * Structured discussion on the console (#19): the module running now, its questions and (for the
 * facilitator only) its expected actions, and a form to log a decision the room took that is not
 * in the action menu, with its owner and rationale. A decision is a journaled DECISION entry: it
 * appears on the timeline and in the report.
 */
import { useState } from 'react';
import { moduleAt } from '../../../../shared/scenario/exercise-plan.ts';
import { decisionsOf, evaluationView } from '../../../../shared/views/evaluation.ts';
import { timelineText } from '../../../../shared/wording/timeline.ts';
import { EvaluatorPanel } from '../../evaluation/evaluator-panel.tsx';
import { useWords } from '../../i18n/words.tsx';
import { useOpenSession, useRun } from '../../session/use-run.ts';
import { ActionButton } from '../../team/action-button.tsx';
import { Panel } from '../../ui/panel.tsx';

export function DiscussionPanel() {
  const w = useWords();
  const session = useOpenSession();
  const s = session.scenario;
  const now = useRun((run) => run.now);
  const decisions = useRun((_run, se) => decisionsOf(se.entries).length);
  // Only injects that carry questions or expected actions matter here (a busy scenario has thousands).
  const firedInjects = useRun((run) =>
    s.injects
      .filter((i) => (i.questions.length > 0 || i.expectedActions.length > 0) && run.context.firedInjects[i.id] !== undefined)
      .map((i) => i.id)
      .join(','),
  );
  const [question, setQuestion] = useState('');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [rationale, setRationale] = useState('');
  if (s.modules.length === 0 && !s.injects.some((i) => i.questions.length > 0)) return null;
  const m = moduleAt(s, now);
  const fired = new Set(firedInjects.split(',').filter(Boolean));
  // The module's questions, then those of the injects delivered so far in it.
  const questions = [
    ...(m?.questions ?? []),
    ...s.injects.filter((i) => fired.has(i.id) && (m === null || m.injects.length === 0 || m.injects.includes(i.id))).flatMap((i) => i.questions),
  ];
  const expected = [...(m?.expectedActions ?? []), ...s.injects.filter((i) => fired.has(i.id) && m?.injects.includes(i.id)).flatMap((i) => i.expectedActions)];
  return (
    <Panel id="discussion" title={w.t('hseep.decision.title')} badge={<span className="badge">{w.t('hseep.decision.logged', { n: decisions })}</span>}>
      {m ? <h3>{w.t('hseep.decision.module', { title: m.title })}</h3> : <p className="muted small">{w.t('hseep.decision.noModule')}</p>}
      {questions.length > 0 && (
        <>
          <h4>{w.t('hseep.decision.questions')}</h4>
          <ol className="discussion-questions">
            {questions.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ol>
        </>
      )}
      {expected.length > 0 && (
        <details>
          <summary>{w.t('hseep.decision.expected')}</summary>
          <ul>
            {expected.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </details>
      )}
      <label className="field">
        <span>{w.t('hseep.decision.question')}</span>
        <select value={question} onChange={(e) => setQuestion(e.target.value)}>
          <option value="">{w.t('hseep.decision.noQuestion')}</option>
          {questions.map((q, i) => (
            <option key={i} value={q}>
              {q.slice(0, 120)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{w.t('hseep.decision.text')}</span>
        <textarea rows={2} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="field">
        <span>{w.t('hseep.decision.owner')}</span>
        <input maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label className="field">
        <span>{w.t('hseep.decision.rationale')}</span>
        <textarea rows={2} maxLength={5000} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </label>
      <ActionButton
        input={{
          type: 'DECISION',
          text: text.trim() || '-',
          ...(owner.trim() ? { owner: owner.trim() } : {}),
          ...(rationale.trim() ? { rationale: rationale.trim() } : {}),
          ...(question ? { question } : {}),
        }}
        actionKey="DECISION"
        blockedReason={text.trim() === '' ? w.t('hseep.decision.text') : null}
        onTaken={() => {
          setText('');
          setOwner('');
          setRationale('');
        }}
      >
        {w.t('hseep.decision.submit')}
      </ActionButton>
    </Panel>
  );
}

/** The facilitator rates objectives too (HSEEP: the facilitator and the evaluators), from the console. */
export function FacilitatorRatings() {
  const w = useWords();
  const session = useOpenSession();
  const now = useRun((run) => run.now);
  // Re-read when an entry arrives (a rating from an evaluator, a new timeline moment).
  useRun((_run, se) => se.entries.length);
  if (session.scenario.objectives.length === 0) return null;
  // The latest moments the room saw (a long exercise has thousands of timeline lines).
  const moments = session.run.context.timeline
    .slice(-200)
    .filter((e) => !e.hidden)
    .map((e) => ({ t: e.t, text: timelineText(session.scenario, e, w) }));
  return (
    <EvaluatorPanel
      evaluation={evaluationView(session.scenario, session.entries)}
      now={now}
      moments={moments}
      submit={async (input) => {
        const r = await session.take(input, `RATE:${input.type === 'RATE' ? input.objectiveId : ''}`);
        return r.ok ? null : r.error;
      }}
    />
  );
}
