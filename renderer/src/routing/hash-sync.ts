/** Keeps the store's route in step with `location.hash` (back button, typed URLs, new windows). */
import type { AppStore } from '../store/app-store.ts';
import { parseLocation } from './routes.ts';

export function syncRouteWithHash(store: AppStore): () => void {
  const onChange = () => store.getState().setRoute(parseLocation(window.location.search, window.location.hash));
  window.addEventListener('hashchange', onChange);
  onChange();
  return () => window.removeEventListener('hashchange', onChange);
}
