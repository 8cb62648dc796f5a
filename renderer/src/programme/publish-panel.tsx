/**
 * The debrief's "Publish to programme server": the exercise's state (published, queued with the
 * reason it waits, refused with the server's reason and the journal line) and the button.
 */
import { useState } from 'react';
import { errorMessage } from '../api/get-api.ts';
import { useWords } from '../i18n/words.tsx';
import { publishSentence } from './publish-tag.tsx';
import { usePublishStatus } from './use-publish-status.ts';
import './programme.css';

export function PublishPanel(props: { exerciseId: string; finished: boolean; beforePublish(): Promise<void> }) {
  const w = useWords();
  const { status, byId, publish, reload } = usePublishStatus();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!props.finished || !status) return null;
  const item = byId.get(props.exerciseId) ?? null;

  async function run() {
    setBusy(true);
    setError(null);
    try {
      await props.beforePublish(); // the debrief as it is now is what goes
      await publish([props.exerciseId]);
    } catch (e) {
      setError(w.t('publish.failed', { error: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="publish-panel" role="group" aria-label={w.t('publish.settings.title')}>
      {status.configured ? (
        <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void run()} title={w.t('publish.buttonTitle')}>
          {busy ? w.t('publish.publishing') : item ? w.t('publish.republish') : w.t('publish.button')}
        </button>
      ) : (
        <span className="small muted">{w.t('publish.notConfigured')}</span>
      )}
      {item && (
        <p className={`small publish-message publish-${item.state}`} role="status" data-publish-state={item.state}>
          {publishSentence(item, w)}
          {item.state === 'queued' && (
            <button type="button" className="button button-small button-quiet" onClick={() => void reload(true)}>
              {w.t('publish.retry')}
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="small save-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
