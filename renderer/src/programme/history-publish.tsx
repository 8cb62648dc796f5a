/**
 * History's publishing: "Publish N exercises" for the selected finished ones, and what is waiting
 * for the server or was refused (each refusal with its reason: a journal that does not verify
 * names the line).
 */
import { useState } from 'react';
import { errorMessage } from '../api/get-api.ts';
import { useAppStore } from '../store/app-store.ts';
import { useWords } from '../i18n/words.tsx';
import { rowLabel } from '../history/history-table.tsx';
import type { PublishStatusView } from './use-publish-status.ts';
import './programme.css';

export function PublishSelected(props: { chosen: ReadonlyArray<{ id: string; status: string }>; publishing: PublishStatusView }) {
  const w = useWords();
  const pushToast = useAppStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  const { status } = props.publishing;
  if (!status?.configured) return null;
  const finished = props.chosen.filter((r) => r.status === 'finished').map((r) => r.id);
  const disabled = busy || finished.length === 0;

  async function run() {
    setBusy(true);
    try {
      await props.publishing.publish(finished);
    } catch (e) {
      pushToast('error', w.t('publish.failed', { error: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      className="button"
      disabled={disabled}
      aria-busy={busy}
      title={finished.length === 0 ? w.t('publish.history.onlyFinished') : w.t('publish.buttonTitle')}
      onClick={() => void run()}
    >
      {busy ? w.t('publish.publishing') : finished.length > 0 ? w.t('publish.history.publishN', { n: finished.length }) : w.t('publish.history.publish')}
    </button>
  );
}

export function PublishNotices(props: { publishing: PublishStatusView; metas: Pick<ReadonlyMap<string, Parameters<typeof rowLabel>[0]>, 'get' | 'has'> }) {
  const w = useWords();
  const items = props.publishing.status?.items ?? [];
  const queued = items.filter((i) => i.state === 'queued');
  const refused = items.filter((i) => i.state === 'refused' && props.metas.has(i.exerciseId));
  const problem = props.publishing.status?.problem ?? null;
  if (!queued.length && !refused.length && !problem) return null;
  const label = (id: string) => {
    const m = props.metas.get(id);
    return m ? rowLabel(m, w) : id;
  };
  const reason = queued.find((q) => q.message)?.message ?? null;
  return (
    <div className="publish-notices" data-testid="publish-notices">
      {queued.length > 0 && (
        <p className="notice small" role="status">
          {reason ? w.t('publish.history.waiting', { n: queued.length, reason }) : w.t('publish.queuedSoon')}{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => void props.publishing.reload(true)}>
            {w.t('publish.retry')}
          </button>
        </p>
      )}
      {refused.length > 0 && (
        <div className="notice notice-error small" role="alert">
          <strong>{w.t('publish.history.refusedTitle')}</strong>
          <ul>
            {refused.map((i) => (
              <li key={i.exerciseId}>
                {label(i.exerciseId)}: {[i.message, ...i.problems].filter(Boolean).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <p className="notice notice-error small" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
