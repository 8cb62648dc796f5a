/**
 * A journal damaged on disk (a checksum, a line that does not parse): the exercise is read-only
 * until the entries before the damage are kept (the store copies the damaged file aside first).
 * Says what and where, and offers the recovery right there.
 */
import { useWords } from '../i18n/words.tsx';
import { useApi } from '../app-env.ts';
import { AsyncButton } from './async-button.tsx';

export function JournalDamageNotice({ exerciseId, message, onRecovered }: { exerciseId: string; message: string; onRecovered(): void }) {
  const api = useApi();
  const w = useWords();
  return (
    <div className="notice notice-error" role="alert">
      <strong>{w.t('ui.journalDamaged')}</strong> {message}
      <AsyncButton
        label={w.t('ui.journalRecover')}
        busyLabel={w.t('ui.journalRecovering')}
        run={() => api['exercises:salvage']({ exerciseId })}
        onDone={onRecovered}
      />
    </div>
  );
}
