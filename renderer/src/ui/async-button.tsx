/**
 * A button for one host call: disabled while it runs, its own busy label, and the call's error
 * shown beside it (errors surface where they happen).
 */
import { useState } from 'react';
import { errorMessage } from '../api/get-api.ts';

export function AsyncButton(props: { label: string; busyLabel: string; run(): Promise<unknown>; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <p className="small">
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          props
            .run()
            .then(() => props.onDone())
            .catch((e: unknown) => setError(errorMessage(e)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? props.busyLabel : props.label}
      </button>
      {error && <span className="save-error"> {error}</span>}
    </p>
  );
}
