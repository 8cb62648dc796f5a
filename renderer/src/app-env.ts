/**
 * What the app needs from its surroundings, as a React context: the storage API, the wall clock,
 * and the connection to the host's live sessions.
 *
 * main.tsx passes the real ones; component tests pass a fake API, a FakeWallClock and a
 * connector wired to an in-process host session.
 */
import { createContext, useContext } from 'react';
import type { FirebreakApi } from '../../shared/contract/api.ts';
import type { LiveConnector } from './live/live-connection.ts';
import type { WallClock } from './session/wall-clock.ts';

export interface AppEnv {
  api: FirebreakApi;
  wallClock: WallClock;
  /** Opens a socket to the host's live endpoint (null when this window cannot reach one). */
  live: LiveConnector | null;
  /** Opens the projector for an exercise (Electron window, or a browser tab). */
  openProjector(exerciseId: string): Promise<void>;
}

export const AppEnvContext = createContext<AppEnv | null>(null);

export function useAppEnv(): AppEnv {
  const env = useContext(AppEnvContext);
  if (!env) throw new Error('useAppEnv outside <AppEnvContext.Provider>');
  return env;
}

export function useApi(): FirebreakApi {
  return useAppEnv().api;
}
