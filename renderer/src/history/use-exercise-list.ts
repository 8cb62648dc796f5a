/**
 * History's rows (one per exercise) and the store's problems (unreadable files), via
 * `exercises:rows`: the rows travel as columns and are decoded here (#18), so History with
 * 50,000 exercises receives a few megabytes, not every exercise's meta.
 *
 * A reload keeps the current list on screen until the new one arrives, so deleting or importing
 * does not flash the table.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StoreProblem } from '../../../shared/contract/api.ts';
import type { HistoryRow } from '../../../shared/history/metrics.ts';
import { decodeRows } from '../../../shared/history/row-columns.ts';
import { errorMessage } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';

export type ExerciseList = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: HistoryRow[]; problems: StoreProblem[] };

export function useExerciseList(): { list: ExerciseList; reload(): void } {
  const api = useApi();
  const [list, setList] = useState<ExerciseList>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    api['exercises:rows']({})
      .then((r) => live && setList({ status: 'ready', rows: decodeRows(r.rows), problems: r.problems }))
      .catch((e: unknown) => live && setList({ status: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { list, reload };
}
