/**
 * What the app needs from its surroundings, as a React context: the storage API, the wall clock
 * the session loop runs on, and the room-view transport.
 *
 * main.tsx passes the real ones; component tests pass a fake API, a FakeWallClock and an
 * in-memory room transport.
 */
import { createContext, useContext } from 'react';
import type { FirebreakApi } from '../../shared/contract/api.ts';
import type { RoomTransport } from './projector/room-channel.ts';
import type { WallClock } from './session/wall-clock.ts';

export interface AppEnv {
  api: FirebreakApi;
  wallClock: WallClock;
  room: RoomTransport | null;
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
