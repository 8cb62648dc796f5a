/**
 * Who is calling: the one place the programme server resolves the caller from a request, for the
 * API and the lead's pages alike.
 *
 *  - `Authorization: Bearer fbp_…`: a personal access token (the desktop app, scripts, BI tools).
 *    An unknown, expired or revoked token is refused (401).
 *  - else the `fb_session` cookie: a browser session (OIDC or local-account sign-in). A session
 *    that is unknown, expired or revoked is simply no caller (the pages send the browser to sign
 *    in). A state-changing request (not GET/HEAD) on a session must carry the session's CSRF
 *    token (form field `_csrf` or header `x-csrf-token`) and, when the browser says where it comes
 *    from, come from this server's own origin: a cross-site form post is refused (403).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProgrammeError, type Principal, type ProgrammeStore } from '../store/programme-store.ts';
import { serverSecret } from '../auth/secrets.ts';
import { SignInStore, type SessionCaller } from '../auth/sign-in-store.ts';

export const SESSION_COOKIE = 'fb_session';

const signInStores = new WeakMap<ProgrammeStore, SignInStore>();

/** The store's sign-in side (one per store; buildServer may set its options first). */
export function signInOf(store: ProgrammeStore, make: () => SignInStore = () => new SignInStore(store)): SignInStore {
  let s = signInStores.get(store);
  if (!s) signInStores.set(store, (s = make()));
  return s;
}

interface SessionOfRequest extends SessionCaller {
  csrf: string;
}
const sessions = new WeakMap<FastifyRequest, SessionOfRequest>();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function cookieOf(req: FastifyRequest, name: string): string | undefined {
  const c = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return c?.[name];
}

/** The CSRF token of a session: an HMAC of the session's secret id, so nothing more is stored. */
async function csrfFor(store: ProgrammeStore, sessionToken: string): Promise<string> {
  return createHmac('sha256', await serverSecret(store.db, 'csrf-key'))
    .update(sessionToken)
    .digest('base64url');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request's Origin (when the browser sends one) is this server's own. */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // older browsers and same-origin GETs send none; the CSRF token still guards
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The caller's principal, or null when the request carries no credential (or a session that has
 * ended). Refused (ProgrammeError 401/403) for a bad token or a cross-site / token-less form post.
 */
export async function resolveCaller(store: ProgrammeStore, req: FastifyRequest): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
    return store.authenticate(token);
  }
  const sessionToken = cookieOf(req, SESSION_COOKIE);
  const found = await signInOf(store).sessionCaller(sessionToken);
  if (!found) return null;
  const csrf = await csrfFor(store, sessionToken!);
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token'] ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
    if (!sameOrigin(req)) throw new ProgrammeError(403, 'this request came from another site; nothing was changed');
    if (typeof sent !== 'string' || !sameString(sent, csrf))
      throw new ProgrammeError(403, 'this form is out of date or did not come from this server (CSRF check); reload the page and try again');
  }
  sessions.set(req, { ...found, csrf });
  return found.principal;
}

/** The caller the preHandler hook resolved (resolveCaller); 401 when there is none. */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new ProgrammeError(401, 'not signed in');
  return req.principal;
}

/** The browser session behind this request, when it is one (null for a token or no caller). */
export function sessionOf(req: FastifyRequest): SessionOfRequest | null {
  return sessions.get(req) ?? null;
}

/** The CSRF token a page puts in its forms (hidden `_csrf`) or a script sends as `x-csrf-token`. */
export function csrfTokenOf(req: FastifyRequest): string {
  return sessions.get(req)?.csrf ?? '';
}
