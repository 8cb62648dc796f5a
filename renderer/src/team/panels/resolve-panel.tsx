/** Resolve: close the incident (ends the exercise and opens the debrief). Asks to confirm. */
import { useWords } from '../../i18n/words.tsx';
import { useState } from 'react';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';

export function ResolvePanel() {
  const w = useWords();
  const [summary, setSummary] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <Panel id="resolve" title={w.t('resolve.title')}>
      <label className="field">
        <span>{w.t('resolve.summary')}</span>
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {!confirming ? (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {w.t('resolve.start')}
        </button>
      ) : (
        <div className="confirm-row">
          <span>{w.t('resolve.confirmText')}</span>
          <ActionButton input={summary.trim() ? { type: 'RESOLVE', summary: summary.trim() } : { type: 'RESOLVE' }} className="button-primary">
            {w.t('resolve.confirm')}
          </ActionButton>
          <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
            {w.t('ui.cancel')}
          </button>
        </div>
      )}
    </Panel>
  );
}
