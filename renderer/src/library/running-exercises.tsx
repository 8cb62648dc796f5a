/** Exercises still running, to resume where they stopped. */
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { Link } from '../routing/link.tsx';
import { exerciseRoute } from '../routing/routes.ts';

export function RunningExercises({ exercises }: { exercises: ReadonlyArray<ExerciseMeta> }) {
  if (exercises.length === 0) return null;
  return (
    <section className="library-section" aria-labelledby="running-heading">
      <h2 id="running-heading">Running exercises</h2>
      <ul className="running-list">
        {exercises.map((x) => (
          <li key={x.id} className="running-item">
            <div>
              <strong>{x.scenarioTitle}</strong> — {x.team}
              <div className="muted">
                {x.mode === 'solo' ? 'Solo' : 'Facilitated'} · stopped at {formatOffset(x.lastT)} · {x.entryCount} journal entries · last saved{' '}
                {new Date(x.updatedAt).toLocaleString()}
              </div>
            </div>
            <Link to={exerciseRoute(x.mode, x.id)} className="button">
              Resume
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
