/**
 * The hot wash (#19): once the exercise has ended, each person says what went well, what to
 * improve, one change to the playbook, their confidence (1–5) and anything else, from their own
 * device or the console. Journaled (HOT_WASH, attributed) before the host answers; a second one
 * from the same person replaces theirs in the report.
 */
import { useState, type FormEvent } from 'react';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { useWords } from '../i18n/words.tsx';
import { Panel } from '../ui/panel.tsx';
import './evaluation.css';

export interface HotWashFormProps {
  /** True once this person's hot wash is saved (the host says so). */
  submitted: boolean;
  /** How many people have sent theirs. */
  count: number;
  submit(input: TeamInput): Promise<string | null>;
  /** Extra fields above the form (the console asks whose hot wash it is). */
  children?: React.ReactNode;
}

export function HotWashForm({ submitted, count, submit, children }: HotWashFormProps) {
  const w = useWords();
  const [wentWell, setWentWell] = useState('');
  const [improve, setImprove] = useState('');
  const [playbookChange, setPlaybookChange] = useState('');
  const [confidence, setConfidence] = useState('');
  const [comments, setComments] = useState('');
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const empty = [wentWell, improve, playbookChange, comments].every((x) => x.trim() === '') && confidence === '';
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (empty || state.busy) return;
    setState({ busy: true, error: null });
    const input: TeamInput = {
      type: 'HOT_WASH',
      wentWell: wentWell.trim(),
      improve: improve.trim(),
      playbookChange: playbookChange.trim(),
      ...(confidence ? { confidence: Number(confidence) } : {}),
      ...(comments.trim() ? { comments: comments.trim() } : {}),
    };
    const refusal = await submit(input);
    setState({ busy: false, error: refusal });
    if (refusal === null) setEditing(false);
  };
  return (
    <Panel
      id="hot-wash"
      title={w.t('hseep.hotwash.title')}
      className="hot-wash"
      badge={<span className="badge">{w.t('hseep.hotwash.count', { n: count })}</span>}
    >
      {submitted && !editing ? (
        <div role="status">
          <p className="notice">{w.t('hseep.hotwash.thanks')}</p>
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {w.t('hseep.hotwash.again')}
          </button>
        </div>
      ) : (
        <form className="form hot-wash-form" onSubmit={(e) => void send(e)}>
          <p>{w.t('hseep.hotwash.intro')}</p>
          {children}
          <label className="field">
            <span>{w.t('hseep.hotwash.wentWell')}</span>
            <textarea rows={3} maxLength={5000} value={wentWell} onChange={(e) => setWentWell(e.target.value)} />
          </label>
          <label className="field">
            <span>{w.t('hseep.hotwash.improve')}</span>
            <textarea rows={3} maxLength={5000} value={improve} onChange={(e) => setImprove(e.target.value)} />
          </label>
          <label className="field">
            <span>{w.t('hseep.hotwash.playbookChange')}</span>
            <textarea rows={2} maxLength={5000} value={playbookChange} onChange={(e) => setPlaybookChange(e.target.value)} />
          </label>
          <label className="field">
            <span>{w.t('hseep.hotwash.confidence')}</span>
            <select value={confidence} onChange={(e) => setConfidence(e.target.value)}>
              <option value="">{w.t('hseep.hotwash.confidence.none')}</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{w.t('hseep.hotwash.comments')}</span>
            <textarea rows={2} maxLength={5000} value={comments} onChange={(e) => setComments(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={empty || state.busy} aria-busy={state.busy}>
            {w.t('hseep.hotwash.submit')}
          </button>
          {state.error && (
            <p className="notice notice-error" role="alert">
              {state.error}
            </p>
          )}
        </form>
      )}
    </Panel>
  );
}
