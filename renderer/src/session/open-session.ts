/**
 * Opens an exercise on the console: load its meta, connect to the host's live session, wait for
 * the journal, install the session.
 *
 * The host decides everything else: a new exercise starts running (after it journals the roles
 * chosen at setup); one the host had to reload from disk comes back paused at the moment of its
 * last entry; one the host is already running is joined where it is.
 */
import { currentWords } from '../i18n/words.tsx';
import { errorMessage, isNotFound } from '../api/get-api.ts';
import { ExerciseSession, type SessionEnv } from './exercise-session.ts';
import { installSession } from './current-session.ts';
import { journalHeader, scenarioOf } from './load-exercise.ts';

export async function openSession(env: SessionEnv, exerciseId: string, isCancelled: () => boolean = () => false): Promise<ExerciseSession | null> {
  const store = env.store;
  store.getState().resetSession();
  store.getState().resetFeed();
  store.getState().patchSession({ status: 'loading', exerciseId });
  let session: ExerciseSession | null = null;
  try {
    const loaded = await env.api['exercises:load']({ exerciseId });
    if (isCancelled()) return null;
    if (loaded.meta.status !== 'running') {
      store.getState().patchSession({ status: 'error', error: currentWords().t('ui.exerciseOver', { status: loaded.meta.status }) });
      return null;
    }
    session = new ExerciseSession(env, loaded.meta, scenarioOf(journalHeader(loaded.journalText)));
    session.start();
    await session.ready;
    if (isCancelled()) {
      session.dispose();
      return null;
    }
    installSession(store, session);
    store.getState().patchSession({ warnings: loaded.warnings, recoverable: loaded.recoverable === true });
    return session;
  } catch (e) {
    session?.dispose();
    if (!isCancelled()) store.getState().patchSession({ status: 'error', error: errorMessage(e), missing: isNotFound(e) });
    return null;
  }
}
