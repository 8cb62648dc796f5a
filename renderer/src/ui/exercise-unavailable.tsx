/** The screen an exercise cannot be run on (finished, damaged, the wrong mode): why, and where to go. */
import { useWords } from '../i18n/words.tsx';
import { Link } from '../routing/link.tsx';
import { ErrorState } from './states.tsx';

export function ExerciseUnavailable({ exerciseId, message }: { exerciseId: string; message: string }) {
  const w = useWords();
  return (
    <main className="screen screen-narrow">
      <ErrorState heading={1} title={w.t('ui.unavailable.title')} message={message}>
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

/**
 * An exercise id that names no stored exercise (deleted, in the trash, a wrong link): a plain page
 * saying so, with the ways back, and no link to a debrief that cannot open either.
 */
export function ExerciseMissing({ exerciseId }: { exerciseId: string }) {
  const w = useWords();
  return (
    <main className="screen screen-narrow">
      <div className="state state-missing" data-testid="exercise-missing">
        <h1 className="state-title">{w.t('ui.missing.title')}</h1>
        <p>{w.t('ui.missing.text', { id: exerciseId })}</p>
        <div className="inline">
          <Link to={{ name: 'library' }} className="button button-primary">
            {w.t('ui.backToLibrary')}
          </Link>
          <Link to={{ name: 'history' }} className="button">
            {w.t('ui.missing.history')}
          </Link>
        </div>
      </div>
    </main>
  );
}
