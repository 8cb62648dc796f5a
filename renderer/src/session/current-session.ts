/**
 * The module-level home of the open ExerciseSession (at most one at a time).
 *
 * Components reach it through `useSession()` (session/use-run.ts); installing or clearing a
 * session bumps the store's `session.key`, which is what those hooks subscribe to.
 */
import type { AppStore } from '../store/app-store.ts';
import type { ExerciseSession } from './exercise-session.ts';

let current: ExerciseSession | null = null;

export function currentSession(): ExerciseSession | null {
  return current;
}

export function installSession(store: AppStore, session: ExerciseSession): void {
  if (current && current !== session) current.dispose();
  current = session;
  store.getState().patchSession({ key: store.getState().session.key + 1, exerciseId: session.exerciseId, status: 'ready', error: null });
  session.start();
}

/** Disposes the open session (if any) and resets the session slice. */
export function clearSession(store: AppStore): void {
  current?.dispose();
  current = null;
  store.getState().resetSession();
}
