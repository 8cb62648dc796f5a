/** Resolve: close the incident (ends the exercise and opens the debrief). Asks to confirm. */
import { useState } from 'react';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';

export function ResolvePanel() {
  const [summary, setSummary] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <Panel id="resolve" title="Resolve">
      <label className="field">
        <span>Resolution summary (optional)</span>
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {!confirming ? (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Resolve incident…
        </button>
      ) : (
        <div className="confirm-row">
          <span>This ends the exercise. Resolve now?</span>
          <ActionButton input={summary.trim() ? { type: 'RESOLVE', summary: summary.trim() } : { type: 'RESOLVE' }} className="button-primary">
            Confirm resolve
          </ActionButton>
          <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </Panel>
  );
}
