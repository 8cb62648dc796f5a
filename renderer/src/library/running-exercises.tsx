/** Exercises still running, to resume where they stopped. */
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { useWords } from '../i18n/words.tsx';
import { Link } from '../routing/link.tsx';
import { exerciseRoute } from '../routing/routes.ts';

export function RunningExercises({ exercises }: { exercises: ReadonlyArray<ExerciseMeta> }) {
  const w = useWords();
  if (exercises.length === 0) return null;
  return (
    <section className="library-section" aria-labelledby="running-heading">
      <h2 id="running-heading">{w.t('library.running')}</h2>
      <ul className="running-list">
        {exercises.map((x) => (
          <li key={x.id} className="running-item">
            <div>
              <strong>{x.scenarioTitle}</strong> — {x.team}
              <div className="muted">
                {w.t('library.runningMeta', {
                  mode: x.mode,
                  offset: formatOffset(x.lastT, w),
                  entries: x.entryCount,
                  saved: w.localDateTime(new Date(x.updatedAt).getTime()),
                })}
              </div>
            </div>
            <Link to={exerciseRoute(x.mode, x.id)} className="button">
              {w.t('library.resume')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
