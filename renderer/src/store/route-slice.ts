/**
 * The current screen, mirrored from `location.hash`.
 *
 * `navigate` writes the hash; the hashchange listener in routing/hash-sync.ts writes the route
 * back, so the back button and typed URLs work the same way as in-app links.
 */
import { parseLocation, routeHash, type Route } from '../routing/routes.ts';
import type { SliceCreator } from './slice.ts';

export interface RouteSlice {
  route: Route;
  setRoute(route: Route): void;
  navigate(route: Route): void;
}

export const initialRoute = (): Route => (typeof window === 'undefined' ? { name: 'library' } : parseLocation(window.location.search, window.location.hash));

export const createRouteSlice: SliceCreator<RouteSlice> = (set) => ({
  route: initialRoute(),
  setRoute: (route) => set({ route }),
  navigate: (route) => {
    set({ route });
    const hash = routeHash(route);
    if (typeof window !== 'undefined' && window.location.hash !== hash) window.location.hash = hash;
  },
});
