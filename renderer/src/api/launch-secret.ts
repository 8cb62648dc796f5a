/**
 * The host's launch secret, as this page knows it.
 *
 * The host makes a secret when it starts and accepts the facilitator console, the solo trainee's
 * screen and the loopback API only with it, so another process or user on the machine cannot
 * act as the facilitator. The browser host prints a link that carries it in the URL fragment
 * (`#key=…`, never sent to a server or in a Referer); the page takes it from there once, keeps it
 * in sessionStorage (this tab only) and puts its route back. In the desktop app the preload hands
 * it over (`window.firebreak.launchSecret`).
 */
import { desktopBridge } from './desktop-bridge.ts';
import { SECRET_HEADER } from '../../../host/web/http-protocol.ts';

export { SECRET_HEADER };

const STORAGE_KEY = 'firebreak.launchSecret';
const FRAGMENT = /^#key=([A-Za-z0-9_-]{16,128})(?:&(.*))?$/;

/** Takes the secret out of the URL fragment (if the page was opened with one) and keeps it for the tab. */
export function adoptLaunchSecret(win: Pick<Window, 'location' | 'history' | 'sessionStorage'> = window): void {
  const m = FRAGMENT.exec(win.location.hash);
  if (!m) return;
  try {
    win.sessionStorage.setItem(STORAGE_KEY, m[1]!);
  } catch {
    memory = m[1]!;
  }
  // Back to the route (or the start page): the secret does not stay in the address bar or history.
  const route = m[2] ? `#${m[2]}` : '#/';
  win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${route}`);
}

let memory: string | null = null;

/** The secret this page holds, or undefined when it was not opened from the host's link. */
export function launchSecret(): string | undefined {
  const fromPreload = (desktopBridge() as { launchSecret?: unknown } | null)?.launchSecret;
  if (typeof fromPreload === 'string') return fromPreload;
  try {
    return (typeof sessionStorage !== 'undefined' ? sessionStorage.getItem(STORAGE_KEY) : null) ?? memory ?? undefined;
  } catch {
    return memory ?? undefined;
  }
}

/** A console's or solo screen's hello credentials with the secret, when the page has it. */
export function withSecret<A extends { kind: 'facilitator' | 'solo' }>(auth: A): A & { secret?: string } {
  const secret = launchSecret();
  return secret ? { ...auth, secret } : auth;
}
