/**
 * Rating the exercise's objectives on HSEEP's scale (#19): the evaluator's screen on their own
 * device, and the facilitator's console. Each rating carries an observation and the timeline
 * moment it rests on; the host validates it (the objective exists, the moment has happened) and
 * journals it before it answers. Every rating given so far is listed under its objective, so
 * evaluators who disagree see each other's ratings (the report shows both).
 */
import { useState, type FormEvent } from 'react';
import type { EvaluationView } from '../../../shared/contract/live.ts';
import { RATINGS, type Rating, type TeamInput } from '../../../shared/engine/inputs.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { useWords } from '../i18n/words.tsx';
import { Panel } from '../ui/panel.tsx';
import './evaluation.css';

export interface EvaluatorPanelProps {
  evaluation: EvaluationView;
  /** Sim time now (the default moment observed). */
  now: number;
  /** Timeline moments the evaluator may tie a rating to (latest last). */
  moments: ReadonlyArray<{ t: number; text: string }>;
  /** Sends one RATE; resolves with the refusal's words, or null once it is journaled. */
  submit(input: TeamInput): Promise<string | null>;
}

export function EvaluatorPanel({ evaluation, now, moments, submit }: EvaluatorPanelProps) {
  const w = useWords();
  return (
    <Panel id="evaluate" title={w.t('hseep.evaluate.title')} className="evaluator-panel">
      <p className="muted small">{w.t('hseep.evaluate.intro')}</p>
      {evaluation.objectives.length === 0 && <p className="muted">{w.t('hseep.evaluate.noObjectives')}</p>}
      {evaluation.objectives.map((o) => (
        <ObjectiveRating
          key={o.id}
          objective={o}
          ratings={evaluation.ratings.filter((r) => r.objectiveId === o.id)}
          now={now}
          moments={moments}
          submit={submit}
        />
      ))}
    </Panel>
  );
}

function ObjectiveRating(props: {
  objective: EvaluationView['objectives'][number];
  ratings: EvaluationView['ratings'];
  now: number;
  moments: EvaluatorPanelProps['moments'];
  submit: EvaluatorPanelProps['submit'];
}) {
  const w = useWords();
  const o = props.objective;
  const [rating, setRating] = useState<Rating | null>(null);
  const [observation, setObservation] = useState('');
  /** '' = now; else the sim time of a timeline moment. */
  const [moment, setMoment] = useState('');
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (rating === null || state.busy) return;
    setState({ busy: true, message: null, error: false });
    const at = moment === '' ? undefined : Number(moment);
    const input: TeamInput = {
      type: 'RATE',
      objectiveId: o.id,
      rating,
      ...(observation.trim() ? { observation: observation.trim() } : {}),
      ...(at === undefined ? {} : { at }),
    };
    const refusal = await props.submit(input);
    if (refusal === null) {
      setObservation('');
      setMoment('');
    }
    setState({ busy: false, message: refusal ?? w.t('hseep.evaluate.saved'), error: refusal !== null });
  };
  const name = `rating-${o.id}`;
  return (
    <form className="objective-rating" onSubmit={(e) => void send(e)} aria-label={o.text} data-objective={o.id}>
      <h3>
        <span className="objective-id">{o.id}</span> {o.text}
      </h3>
      {o.capabilityLabel && <p className="muted small">{w.t('hseep.evaluate.capability', { capability: o.capabilityLabel })}</p>}
      <fieldset className="rating-scale">
        <legend>{w.t('hseep.evaluate.rating')}</legend>
        {RATINGS.map((r) => (
          <label key={r} className={`rating-choice rating-${r}`}>
            <input type="radio" name={name} value={r} checked={rating === r} onChange={() => setRating(r)} /> {w.t(`hseep.rating.${r}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{w.t('hseep.evaluate.observation')}</span>
        <textarea
          rows={2}
          value={observation}
          maxLength={5000}
          onChange={(e) => setObservation(e.target.value)}
          placeholder={w.t('hseep.evaluate.observationHint')}
        />
      </label>
      <label className="field">
        <span>{w.t('hseep.evaluate.moment')}</span>
        <select value={moment} onChange={(e) => setMoment(e.target.value)}>
          <option value="">{w.t('hseep.evaluate.now', { offset: formatOffset(props.now, w) })}</option>
          {[...props.moments]
            .reverse()
            .filter((m) => m.t <= props.now)
            .map((m, i) => (
              <option key={`${m.t}-${i}`} value={String(m.t)}>
                {formatOffset(m.t, w)} · {m.text.slice(0, 80)}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={rating === null || state.busy} aria-busy={state.busy}>
        {w.t('hseep.evaluate.submit')}
      </button>
      {state.message && (
        <p className={state.error ? 'notice notice-error' : 'muted small'} role="status">
          {state.message}
        </p>
      )}
      <ul className="ratings-given" aria-label={w.t('hseep.evaluate.rating')}>
        {props.ratings.length === 0 && <li className="muted small">{w.t('hseep.evaluate.none')}</li>}
        {props.ratings.map((r) => (
          <li key={r.seq} className={`rating-given rating-${r.rating}`}>
            <strong>{w.t('hseep.evaluate.given', { by: r.by, rating: r.rating, offset: formatOffset(r.at, w) })}</strong>
            {r.observation && <span> — {r.observation}</span>}
          </li>
        ))}
      </ul>
    </form>
  );
}
