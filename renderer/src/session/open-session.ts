/**
 * Opens an exercise for running: load, replay, install as the current session.
 *
 * A new exercise (no entries yet) starts running at its chosen speed, after journaling the role
 * assignments made at setup; a resumed one opens paused at the moment of its last entry, with
 * any load warnings (a torn journal tail that was recovered) shown.
 */
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { errorMessage } from '../api/get-api.ts';
import { ExerciseSession, type SessionEnv } from './exercise-session.ts';
import { installSession } from './current-session.ts';
import { rebuildRun } from './load-exercise.ts';

export async function openSession(env: SessionEnv, exerciseId: string, isCancelled: () => boolean = () => false): Promise<ExerciseSession | null> {
  const store = env.store;
  store.getState().resetSession();
  store.getState().resetFeed();
  store.getState().resetRoom();
  store.getState().patchSession({ status: 'loading', exerciseId });
  try {
    const loaded = await env.api['exercises:load']({ exerciseId });
    if (isCancelled()) return null;
    if (loaded.meta.status !== 'running') {
      store
        .getState()
        .patchSession({ status: 'error', error: `This exercise is ${loaded.meta.status}; it can no longer be run. Its debrief has the results.` });
      return null;
    }
    const { scenario, run } = rebuildRun(loaded);
    const isNew = loaded.entries.length === 0;
    const session = new ExerciseSession(env, loaded.meta, scenario, run, { paused: !isNew, speed: loaded.meta.speed });
    installSession(store, session);
    store.getState().patchSession({ warnings: loaded.warnings });
    if (isNew) {
      const roles: TeamInput[] = loaded.meta.participants.flatMap((p) => (p.role ? [{ type: 'ASSIGN_ROLE' as const, role: p.role, person: p.name }] : []));
      if (roles.length > 0) await session.takeAll(roles, 'setup-roles');
    }
    return session;
  } catch (e) {
    if (!isCancelled()) store.getState().patchSession({ status: 'error', error: errorMessage(e) });
    return null;
  }
}
