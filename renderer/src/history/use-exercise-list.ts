/**
 * The exercises and the store's problems (unreadable files), via `exercises:list`.
 *
 * A reload keeps the current list on screen until the new one arrives, so deleting or importing
 * does not flash the table.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ExerciseMeta, StoreProblem } from '../../../shared/contract/api.ts';
import { errorMessage } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';

export type ExerciseList =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; exercises: ExerciseMeta[]; problems: StoreProblem[] };

export function useExerciseList(): { list: ExerciseList; reload(): void } {
  const api = useApi();
  const [list, setList] = useState<ExerciseList>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    api['exercises:list']({})
      .then((r) => live && setList({ status: 'ready', exercises: r.exercises, problems: r.problems }))
      .catch((e: unknown) => live && setList({ status: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { list, reload };
}
