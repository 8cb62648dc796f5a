/**
 * The renderer's one way to reach storage: `getApi()`.
 *
 * Inside Electron the preload exposes the typed channels as `window.firebreak`; in a browser the
 * same interface is built over HTTP. Everything returns a Promise either way.
 */
import type { FirebreakApi } from '../../../shared/contract/api.ts';
import { desktopBridge } from './desktop-bridge.ts';
import { createHttpApi } from './http-client.ts';

let httpApi: FirebreakApi | null = null;

export function getApi(): FirebreakApi {
  const desktop = desktopBridge();
  if (desktop) return desktop;
  httpApi ??= createHttpApi();
  return httpApi;
}

/** True inside the Electron shell (where the projector opens as a window of its own). */
export function isDesktop(): boolean {
  return desktopBridge() !== null;
}

/**
 * A person-readable message for anything an API call threw.
 *
 * The desktop preload rejects with a plain `{ code, message }` object (Error subclasses do not
 * cross the context bridge), the HTTP client with ApiError, anything else with an Error.
 */
export function errorMessage(e: unknown): string {
  return messageOf(e);
}

/** True when an API call failed because what it asked for is not there (ApiError code 'not-found'). */
export function isNotFound(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'not-found';
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}
