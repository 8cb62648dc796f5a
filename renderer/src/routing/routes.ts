/**
 * The app's screens as hash routes: `#/library`, `#/setup/<file>`, `#/author/<file>`, `#/console/<id>`,
 * `#/solo/<id>`, `#/projector/<id>`, `#/debrief/<id>`, `#/history`.
 *
 * Hash routing keeps the app working from file:// in Electron and from any path on the browser
 * host, and lets the projector be opened as `window.open('#/projector/<id>')`.
 */
export type Route =
  | { name: 'library' }
  | { name: 'setup'; file: string }
  /** The scenario's preview and editor (#21), opened from setup. */
  | { name: 'author'; file: string }
  | { name: 'console'; exerciseId: string }
  | { name: 'solo'; exerciseId: string }
  /** `key`: the projector key from the link the facilitator's console shows (host-checked). */
  | { name: 'projector'; exerciseId: string; key?: string }
  /** A participant's screen, opened from the join link (`key`: the room's join key). */
  | { name: 'join'; exerciseId: string; key?: string }
  | { name: 'debrief'; exerciseId: string }
  | { name: 'history' }
  | { name: 'not-found'; hash: string };

const WITH_ID = ['console', 'solo', 'projector', 'debrief'] as const;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  if (path === '' || path === 'library') return { name: 'library' };
  if (path === 'history') return { name: 'history' };
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : decode(path.slice(slash + 1));
  if (rest) {
    if (head === 'setup') return { name: 'setup', file: rest };
    if (head === 'author') return { name: 'author', file: rest };
    if (head === 'projector' || head === 'join') {
      // "<exercise id>/<key>": ids and keys are both [A-Za-z0-9_-], so the slash is unambiguous.
      const [exerciseId, key] = rest.split('/');
      if (exerciseId) return key ? { name: head, exerciseId, key } : { name: head, exerciseId };
    }
    for (const name of WITH_ID) if (head === name) return { name, exerciseId: rest };
  }
  return { name: 'not-found', hash };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/library';
    case 'history':
      return '#/history';
    case 'setup':
      return `#/setup/${encodeURIComponent(route.file)}`;
    case 'author':
      return `#/author/${encodeURIComponent(route.file)}`;
    case 'projector':
    case 'join':
      return `#/${route.name}/${encodeURIComponent(route.exerciseId)}${route.key ? `/${route.key}` : ''}`;
    case 'console':
    case 'solo':
    case 'debrief':
      return `#/${route.name}/${encodeURIComponent(route.exerciseId)}`;
    case 'not-found':
      return route.hash;
  }
}

/**
 * The route for a whole location: the Electron projector window is loaded with
 * `?view=projector&exerciseId=…` (electron/shared/desktop-bridge.ts PROJECTOR_QUERY); everything
 * else is in the hash.
 */
export function parseLocation(search: string, hash: string): Route {
  const q = new URLSearchParams(search);
  const exerciseId = q.get('exerciseId');
  const key = q.get('key');
  if (q.get('view') === 'projector' && exerciseId) return key ? { name: 'projector', exerciseId, key } : { name: 'projector', exerciseId };
  return parseHash(hash);
}

/** The screen an exercise runs on, by mode. */
export function exerciseRoute(mode: 'facilitated' | 'solo', exerciseId: string): Route {
  return mode === 'solo' ? { name: 'solo', exerciseId } : { name: 'console', exerciseId };
}
