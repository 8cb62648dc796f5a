/** The screen an exercise cannot be run on (finished, damaged, the wrong mode): why, and where to go. */
import { Link } from '../routing/link.tsx';
import { ErrorState } from './states.tsx';

export function ExerciseUnavailable({ exerciseId, message }: { exerciseId: string; message: string }) {
  return (
    <main className="screen screen-narrow">
      <ErrorState title="Could not open the exercise" message={message}>
        <div className="inline">
          <Link to={{ name: 'library' }} className="button">
            Back to the library
          </Link>
          <Link to={{ name: 'debrief', exerciseId }} className="button">
            Open its debrief
          </Link>
        </div>
      </ErrorState>
    </main>
  );
}
