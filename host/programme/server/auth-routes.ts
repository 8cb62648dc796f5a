/**
 * Signing in and out of the programme server's pages, and one's own account:
 *
 *   GET  /sign-in                     the sign-in page (the organisation's provider, a local account)
 *   POST /sign-in                     local account: login + password (form)
 *   GET  /sign-in/oidc                to the organisation's OpenID Connect provider
 *   GET  /sign-in/oidc/callback       back from it: the code is exchanged, the ID token verified
 *   POST /sign-out                    ends this browser's session
 *   GET  /account                     one's roles, signed-in browsers and personal access tokens
 *   POST /account/tokens              make a token (shown once)
 *   POST /account/tokens/:id/revoke   revoke one of one's tokens
 *   POST /account/sessions/:id/revoke end one of one's sessions
 *
 * The session cookie is HttpOnly, SameSite=Lax, Secure when the server is reached over https, and
 * holds only a random id (sign-in-store.ts). Sign-in forms carry a pre-session CSRF token (a cookie
 * and a form field that must match); forms of a session carry the session's (caller.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProgrammeError, type ProgrammeStore } from '../store/programme-store.ts';
import { units } from '../store/schema.ts';
import { CALLBACK_PATH, type OidcRelyingParty } from '../auth/oidc.ts';
import { accountPage, refusedPage, SIGN_IN_CSS, SIGN_IN_CSS_PATH, signInPage } from './auth-pages.ts';
import { PAGES_CSP } from './lead-pages.tsx';
import { csrfTokenOf, principal, sameOrigin, SESSION_COOKIE, sessionOf, signInOf } from './caller.ts';

/** Left out of the OpenAPI document (pages, not the API); typed loosely so it holds without @fastify/swagger. */
const HIDDEN = { hide: true } as unknown as Record<string, never>;

const PRE_CSRF_COOKIE = 'fb_signin_csrf';
const ATTEMPT_COOKIE = 'fb_oidc';

export interface AuthOptions {
  oidc: OidcRelyingParty | null;
  /** Always mark cookies Secure (the server is behind https); else Secure when the request is https. */
  secureCookies?: boolean | undefined;
}

/** Where to go after signing in: a path on this server only (never another site). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && next.length < 2000 ? next : '/';
}

/** The paths that answer without a caller. */
export const AUTH_PUBLIC_PATHS: ReadonlySet<string> = new Set(['/sign-in', '/sign-in/oidc', CALLBACK_PATH]);

export function authRoutes(app: FastifyInstance, store: ProgrammeStore, options: AuthOptions): void {
  const signIn = signInOf(store);
  const secure = (req: FastifyRequest) => options.secureCookies === true || req.protocol === 'https';
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGES_CSP) // the lead pages' policy: no script, no inline style
      .header('x-content-type-options', 'nosniff')
      // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with a form's
      // POST, and the Origin check on every cookie write then refuses sign-in and new tokens.
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .send(body);

  app.get(SIGN_IN_CSS_PATH, { schema: HIDDEN }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(SIGN_IN_CSS),
  );

  const setSession = (req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(req),
      expires: expiresAt,
    });

  const showSignIn = (req: FastifyRequest, reply: FastifyReply, status: number, o: { next: string; error?: string; login?: string }) => {
    const csrf = randomBytes(24).toString('base64url');
    reply.setCookie(PRE_CSRF_COOKIE, csrf, { path: '/sign-in', httpOnly: true, sameSite: 'lax', secure: secure(req) });
    return html(reply, status, signInPage({ ...o, csrf, oidcLabel: options.oidc ? (options.oidc.settings.label ?? 'your organisation') : null }));
  };

  app.get<{ Querystring: { next?: string } }>('/sign-in', { schema: HIDDEN }, async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.principal) return reply.redirect(next, 303);
    return showSignIn(req, reply, 200, { next });
  });

  app.post<{ Body: { login?: string; password?: string; _csrf?: string; next?: string } }>(
    '/sign-in',
    {
      schema: {
        ...HIDDEN,
        body: {
          type: 'object',
          properties: {
            login: { type: 'string', maxLength: 200 },
            password: { type: 'string', maxLength: 1024 },
            _csrf: { type: 'string' },
            next: { type: 'string' },
          },
        },
      },
    },
    async (req, reply) => {
      const next = safeNext(req.body.next);
      const pre = req.cookies[PRE_CSRF_COOKIE];
      if (!sameOrigin(req) || !pre || pre !== req.body._csrf)
        return showSignIn(req, reply, 403, { next, error: 'This sign-in form is out of date or came from another site. Try again.' });
      const personId = await signIn.checkPassword(req.body.login ?? '', req.body.password ?? '');
      if (personId === null) return showSignIn(req, reply, 401, { next, login: req.body.login ?? '', error: 'Wrong login or password.' });
      const s = await signIn.createSession(personId, 'password');
      reply.clearCookie(PRE_CSRF_COOKIE, { path: '/sign-in' });
      setSession(req, reply, s.token, s.expiresAt);
      return reply.redirect(next, 303);
    },
  );

  app.get<{ Querystring: { next?: string } }>('/sign-in/oidc', { schema: HIDDEN }, async (req, reply) => {
    if (!options.oidc) throw new ProgrammeError(404, 'this server has no OpenID Connect provider configured: sign in with a local account');
    let started;
    try {
      started = await options.oidc.start();
    } catch (e) {
      const r = refusedPage(
        'The sign-in provider cannot be reached',
        [`${options.oidc.settings.issuer}: ${(e as Error).message}`, 'Try again in a moment, or ask whoever runs this server.'],
        502,
      );
      return html(reply, r.status, r.html);
    }
    const handle = await signIn.startAttempt({
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      returnTo: safeNext(req.query.next),
    });
    reply.setCookie(ATTEMPT_COOKIE, handle, { path: '/sign-in/oidc', httpOnly: true, sameSite: 'lax', secure: secure(req), maxAge: 600 });
    return reply.redirect(started.url, 302);
  });

  app.get(CALLBACK_PATH, { schema: HIDDEN }, async (req, reply) => {
    if (!options.oidc) throw new ProgrammeError(404, 'this server has no OpenID Connect provider configured');
    const attempt = await signIn.takeAttempt(req.cookies[ATTEMPT_COOKIE]);
    reply.clearCookie(ATTEMPT_COOKIE, { path: '/sign-in/oidc' });
    const refuse = (title: string, lines: string[], status: number) => {
      const r = refusedPage(title, lines, status);
      return html(reply, r.status, r.html);
    };
    if (!attempt) return refuse('This sign-in has expired', ['It was started too long ago, already used, or started in another browser.', 'Start again.'], 400);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const providerError = (req.query as { error?: string; error_description?: string }).error;
    if (providerError) {
      await signIn.refused('oidc', `the provider answered ${providerError}`);
      return refuse(
        'The sign-in provider did not sign you in',
        [
          `It answered: ${providerError}${(req.query as { error_description?: string }).error_description ? ` (${(req.query as { error_description?: string }).error_description})` : ''}.`,
        ],
        401,
      );
    }
    let identity;
    try {
      identity = await options.oidc.finish(query, attempt);
    } catch (e) {
      await signIn.refused('oidc', `did not verify: ${(e as Error).message}`);
      return refuse('The sign-in did not verify', [`The provider's answer was refused: ${(e as Error).message}.`, 'Nothing was signed in. Start again.'], 401);
    }
    const personId = await signIn.personForIdentity(identity);
    if (personId === null)
      return refuse(
        'No access to this programme server',
        [
          `You signed in at ${identity.issuer} as ${identity.email ?? identity.name ?? identity.subject}, but no one has given that identity access here.`,
          'Ask your programme lead to add you (by your e-mail address) with the role you need.',
        ],
        403,
      );
    const s = await signIn.createSession(personId, 'oidc');
    setSession(req, reply, s.token, s.expiresAt);
    return reply.redirect(attempt.returnTo, 303);
  });

  app.post('/sign-out', { schema: HIDDEN }, async (req, reply) => {
    const s = sessionOf(req);
    if (s) await signIn.endSession(principal(req), s.sessionId, 'sign-out');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });

  const showAccount = async (req: FastifyRequest, reply: FastifyReply, newToken?: { id: number; token: string }) => {
    const p = principal(req);
    const unitRows = await store.db.select().from(units);
    const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
    return html(
      reply,
      newToken ? 201 : 200,
      accountPage({
        name: p.name,
        csrf: csrfTokenOf(req),
        grants: p.grants.map((g) => ({ role: g.role, unit: g.unitId === null ? null : (unitName.get(g.unitId) ?? `unit ${g.unitId}`) })),
        sessions: await signIn.liveSessions(p.personId),
        currentSession: sessionOf(req)?.sessionId ?? null,
        tokens: await signIn.tokensOf(p.personId),
        newToken,
        now: store.now(),
      }),
    );
  };

  app.get('/account', { schema: HIDDEN }, async (req, reply) => showAccount(req, reply));

  app.post<{ Body: { label: string; days?: string } }>(
    '/account/tokens',
    {
      schema: {
        ...HIDDEN,
        body: {
          type: 'object',
          required: ['label'],
          properties: { label: { type: 'string', minLength: 1, maxLength: 100 }, days: { type: 'string', pattern: '^[0-9]{0,5}$' }, _csrf: { type: 'string' } },
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const days = req.body.days ? Number(req.body.days) : null;
      if (days !== null && days < 1) throw new ProgrammeError(400, 'a token expires after at least one day (or leave it empty for never)');
      const made = await store.createToken(
        p.personId,
        req.body.label.trim(),
        days === null ? null : new Date(store.now().getTime() + days * 86_400_000),
        p.personId,
      );
      return showAccount(req, reply, made);
    },
  );

  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
  app.post<{ Params: { id: number } }>('/account/tokens/:id/revoke', { schema: { ...HIDDEN, params: idParams } }, async (req, reply) => {
    await store.revokeToken(principal(req), req.params.id);
    return reply.redirect('/account', 303);
  });

  app.post<{ Params: { id: number } }>('/account/sessions/:id/revoke', { schema: { ...HIDDEN, params: idParams } }, async (req, reply) => {
    const p = principal(req);
    const own = (await signIn.liveSessions(p.personId)).some((s) => s.id === req.params.id);
    if (!own) throw new ProgrammeError(404, `no session ${req.params.id} of yours`);
    const current = sessionOf(req)?.sessionId === req.params.id;
    await signIn.endSession(p, req.params.id, current ? 'sign-out' : 'revoke');
    if (current) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/sign-in', 303);
    }
    return reply.redirect('/account', 303);
  });
}
