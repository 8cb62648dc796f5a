/**
 * A journal damaged on disk (a checksum, a line that does not parse): the exercise is read-only
 * until the entries before the damage are kept (the store copies the damaged file aside first).
 * Says what and where, and offers the recovery right there.
 */
import { useApi } from '../app-env.ts';
import { AsyncButton } from './async-button.tsx';

export function JournalDamageNotice({ exerciseId, message, onRecovered }: { exerciseId: string; message: string; onRecovered(): void }) {
  const api = useApi();
  return (
    <div className="notice notice-error" role="alert">
      <strong>The journal is damaged, so this exercise is read-only.</strong> {message}
      <AsyncButton
        label="Recover the exercise (keep the entries before the damage)"
        busyLabel="Recovering…"
        run={() => api['exercises:salvage']({ exerciseId })}
        onDone={onRecovered}
      />
    </div>
  );
}
