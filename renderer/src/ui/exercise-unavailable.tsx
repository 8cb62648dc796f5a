/** The screen an exercise cannot be run on (finished, damaged, the wrong mode): why, and where to go. */
import { useWords } from '../i18n/words.tsx';
import { Link } from '../routing/link.tsx';
import { ErrorState } from './states.tsx';

export function ExerciseUnavailable({ exerciseId, message }: { exerciseId: string; message: string }) {
  const w = useWords();
  return (
    <main className="screen screen-narrow">
      <ErrorState title={w.t('ui.unavailable.title')} message={message}>
        <div className="inline">
          <Link to={{ name: 'library' }} className="button">
            {w.t('ui.backToLibrary')}
          </Link>
          <Link to={{ name: 'debrief', exerciseId }} className="button">
            {w.t('ui.unavailable.debrief')}
          </Link>
        </div>
      </ErrorState>
    </main>
  );
}
