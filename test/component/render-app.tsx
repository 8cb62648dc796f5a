/** Renders the whole app on a route with a fake API, a fake wall clock and an in-memory room. */
import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { App } from '../../renderer/src/app.tsx';
import type { AppEnv } from '../../renderer/src/app-env.ts';
import { routeHash, type Route } from '../../renderer/src/routing/routes.ts';
import { currentSession } from '../../renderer/src/session/current-session.ts';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { resetAppStore } from '../../renderer/src/store/app-store.ts';
import type { ExerciseSession } from '../../renderer/src/session/exercise-session.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';
import { memoryLiveHost } from './live-memory.ts';

export function renderApp(route: Route, api: FakeApi = createFakeApi().api) {
  window.location.hash = routeHash(route);
  resetAppStore();
  const clock = new FakeWallClock();
  const live = memoryLiveHost(api, clock);
  const openProjector = vi.fn(async () => {});
  const env: AppEnv = { api, wallClock: clock, live: live.connector, openProjector };
  // No delay between typed keys and clicks: the app never depends on typing speed.
  const user = userEvent.setup({ delay: null });
  const utils = render(<App env={env} />);
  return {
    ...utils,
    api,
    clock,
    live,
    user,
    openProjector,
    /** Moves wall time on by `ms` (one loop tick) inside act(). */
    advanceWall(ms: number) {
      act(() => clock.advance(ms));
    },
    session(): ExerciseSession {
      const s = currentSession();
      if (!s) throw new Error('no session open');
      return s;
    },
  };
}

/** Lets pending promises (journal writes) settle inside act(). */
export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}
