/**
 * Signing in to the programme server (#22), on BOTH databases: OpenID Connect against a real
 * `oidc-provider` on 127.0.0.1 (authorization code + PKCE, state and nonce checked, ID token
 * verified by openid-client), local accounts (scrypt), browser sessions (HttpOnly cookie, hashed
 * in the database, expiry, sign-out, revocation), CSRF on every state-changing form, and the audit
 * log of it all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { OidcRelyingParty } from '../../../host/programme/auth/oidc.ts';
import { SignInStore } from '../../../host/programme/auth/sign-in-store.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { rowsOf } from '../../../host/programme/store/migrations.ts';
import { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import { buildServer } from '../../../host/programme/server/app.ts';
import { SIGN_IN_CSS_PATH } from '../../../host/programme/server/auth-pages.ts';
import { PAGES_CSP } from '../../../host/programme/server/lead-pages.tsx';
import { DATABASE_KINDS, testDatabase } from './databases.ts';
import { startTestProvider, type TestProvider } from './test-oidc-provider.ts';

const REDIRECT = 'http://127.0.0.1:65000/sign-in/oidc/callback'; // the browser is played by the test: never dialled
const CHEAP = { logN: 10, r: 8, p: 1 }; // scrypt cost for the tests' accounts (the default's cost is checked in passwords.test.ts)
const LENA = { sub: 'idp-lena', email: 'Lena.Lead@example.org', emailVerified: true, name: 'Lena Lead' };

type Injected = Awaited<ReturnType<FastifyInstance['inject']>>;

describe.each(DATABASE_KINDS)('signing in on %s', (kind) => {
  let store: ProgrammeStore;
  let app: FastifyInstance;
  let provider: TestProvider;
  let dataDir: string;
  let cleanupDb: () => Promise<void>;
  let clock = Date.now();
  let lena = 0;

  beforeAll(async () => {
    const made = await testDatabase(kind, 'programme_sign_in');
    cleanupDb = made.cleanup;
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-sign-in-'));
    store = new ProgrammeStore(await openDatabase(made.target), dataDir, () => new Date(clock));
    provider = await startTestProvider(REDIRECT, LENA);
    app = buildServer(store, {
      oidc: new OidcRelyingParty({
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUrl: REDIRECT,
        label: 'Example SSO',
      }),
      passwordCost: CHEAP,
    });
    const signIn = new SignInStore(store, { passwordCost: CHEAP });
    const unitA = await store.addUnit('Payments');
    lena = await store.addPerson('Lena Lead');
    await store.grant(lena, 'programme_lead', null);
    await signIn.setEmail(lena, 'lena.lead@example.org'); // matched case-insensitively
    const fay = await store.addPerson('Fay Facilitator');
    await store.grant(fay, 'facilitator', unitA);
    await signIn.setLocalAccount(fay, 'fay', 'correct horse battery');
    const uma = await store.addPerson('Uma Unverified');
    await store.grant(uma, 'viewer', unitA);
    await signIn.setEmail(uma, 'uma@example.org');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await store?.close();
    await cleanupDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  const cookieOf = (r: Injected, name: string) => r.cookies.find((c) => c.name === name);
  const audit = async () =>
    rowsOf<{ action: string; subject: string; detail: Record<string, unknown>; person_id: number | null }>(
      await store.db.execute(sql`SELECT action, subject, detail, person_id FROM audit_log ORDER BY id`),
    );

  /** A browser signing in at the provider: a fresh cookie jar, every redirect followed, back to our callback. */
  async function oidcSignIn(o: { tamper?: (u: URL) => void; keepAttempt?: boolean } = {}): Promise<{ res: Injected; callbackUrl: string; attempt: string }> {
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc?next=%2Faccount' });
    expect(start.statusCode, start.body).toBe(302);
    const attempt = cookieOf(start, 'fb_oidc')!;
    expect(attempt).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const jar = new Map<string, string>();
    let url = authorize.href;
    for (let hops = 0; !url.startsWith(REDIRECT); hops++) {
      if (hops > 12) throw new Error(`the provider never sent the browser back (at ${url})`);
      const r = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of r.headers.getSetCookie()) {
        const kv = c.split(';')[0]!;
        const name = kv.slice(0, kv.indexOf('='));
        const value = kv.slice(kv.indexOf('=') + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
      const location = r.headers.get('location');
      await r.arrayBuffer();
      if (!location) throw new Error(`the provider answered ${r.status} at ${url}`);
      url = new URL(location, url).href;
    }
    const back = new URL(url);
    o.tamper?.(back);
    const res = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { fb_oidc: attempt.value } });
    return { res, callbackUrl: `${back.pathname}${back.search}`, attempt: attempt.value };
  }

  it('signs the programme lead in through the organisation provider: code + PKCE, state and nonce, ID token verified', async () => {
    provider.signInAs = LENA;
    const { res } = await oidcSignIn();
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/account');
    const session = cookieOf(res, 'fb_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session.secure).toBeFalsy(); // plain http on this machine; Secure over https (below)
    // The database holds only the session id's hash.
    const stored = rowsOf<{ session_hash: string }>(await store.db.execute(sql`SELECT session_hash FROM sessions`));
    expect(stored.some((s) => s.session_hash === session.value)).toBe(false);
    const account = await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: session.value } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Lena Lead');
    expect(account.body).toContain('programme lead');
    // The same session reads the API (the pages and the API resolve the caller alike).
    expect((await app.inject({ method: 'GET', url: '/api/v1/exercises', cookies: { fb_session: session.value } })).statusCode).toBe(200);
    const log = await audit();
    expect(log.find((e) => e.action === 'oidc.link')).toMatchObject({ person_id: lena, detail: { issuer: provider.issuer, subject: 'idp-lena' } });
    expect(log.filter((e) => e.action === 'session.sign-in').at(-1)).toMatchObject({ person_id: lena, detail: { method: 'oidc' } });
  }, 60_000);

  it('knows a linked identity by its subject afterwards, whatever e-mail it then carries', async () => {
    provider.signInAs = { ...LENA, email: 'lena@elsewhere.example' };
    const { res } = await oidcSignIn();
    expect(res.statusCode, res.body).toBe(303);
    expect(cookieOf(res, 'fb_session')).toBeDefined();
  }, 60_000);

  it.each([
    ['an identity no one was given', { sub: 'idp-mallory', email: 'mallory@example.org', emailVerified: true }],
    ["a person's e-mail the provider has not verified", { sub: 'idp-uma', email: 'uma@example.org', emailVerified: false }],
  ])(
    'gives %s no access, with a page that says so',
    async (_what, account) => {
      provider.signInAs = account;
      const before = (await audit()).length;
      const { res } = await oidcSignIn();
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('No access to this programme server');
      expect(res.body).toContain(account.email);
      expect(cookieOf(res, 'fb_session')).toBeUndefined();
      const log = (await audit()).slice(before);
      expect(log.map((e) => e.action)).toEqual(['session.refused']);
      expect(rowsOf(await store.db.execute(sql`SELECT * FROM oidc_identities WHERE subject = ${account.sub}`))).toEqual([]);
    },
    60_000,
  );

  it('refuses a callback whose state was changed, and one replayed or without its browser cookie', async () => {
    provider.signInAs = LENA;
    const tampered = await oidcSignIn({ tamper: (u) => u.searchParams.set('state', 'forged-state') });
    expect(tampered.res.statusCode).toBe(401);
    expect(tampered.res.body).toContain('did not verify');
    expect(cookieOf(tampered.res, 'fb_session')).toBeUndefined();

    const ok = await oidcSignIn();
    expect(ok.res.statusCode).toBe(303);
    // The same callback again (a stolen or replayed URL): the attempt was used up.
    const replay = await app.inject({ method: 'GET', url: ok.callbackUrl, cookies: { fb_oidc: ok.attempt } });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('This sign-in has expired');
    // A callback in a browser that did not start the sign-in (login CSRF).
    const fresh = await oidcSignIn({ tamper: () => undefined });
    const elsewhere = await app.inject({ method: 'GET', url: fresh.callbackUrl });
    expect(elsewhere.statusCode).toBe(400);
    expect(cookieOf(elsewhere, 'fb_session')).toBeUndefined();
  }, 90_000);

  /** Signs in with a local account through the form; returns the response. */
  async function passwordSignIn(login: string, password: string, o: { csrf?: string; origin?: string; next?: string } = {}) {
    const form = await app.inject({ method: 'GET', url: '/sign-in' });
    const pre = cookieOf(form, 'fb_signin_csrf')!;
    const field = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    return app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(o.origin ? { origin: o.origin, host: 'localhost:80' } : {}) },
      cookies: { fb_signin_csrf: pre.value },
      payload: new URLSearchParams({ login, password, _csrf: o.csrf ?? field, next: o.next ?? '/account' }).toString(),
    });
  }

  it('signs in a local account; a wrong password and an unknown login are refused alike', async () => {
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('Sign in with Example SSO');
    const wrong = await passwordSignIn('fay', 'not her password at all');
    const unknown = await passwordSignIn('nobody', 'not her password at all');
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.body).toContain('Wrong login or password.');
      expect(cookieOf(r, 'fb_session')).toBeUndefined();
    }
    const ok = await passwordSignIn('FAY', 'correct horse battery');
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account');
    expect(cookieOf(ok, 'fb_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const refusals = (await audit()).filter((e) => e.action === 'session.refused' && e.subject === 'password');
    expect(refusals.map((e) => e.detail.reason)).toEqual(['wrong password', 'unknown login']);
    expect(JSON.stringify(await audit())).not.toContain('not her password'); // never a password in the log
  }, 60_000);

  it("serves the sign-in pages under the lead pages' strict CSP, with no inline style and their stylesheet served", async () => {
    const tampered = await oidcSignIn({ tamper: (u) => u.searchParams.set('state', 'forged-state') }); // the sign-in error page
    const signedIn = await passwordSignIn('fay', 'correct horse battery');
    const account = await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: cookieOf(signedIn, 'fb_session')!.value } });
    for (const r of [await app.inject({ method: 'GET', url: '/sign-in' }), tampered.res, account]) {
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy']).toBe(PAGES_CSP);
      expect(r.body).not.toMatch(/<style|style=|<script/i);
      expect(r.body).toContain(`<link rel="stylesheet" href="${SIGN_IN_CSS_PATH}">`);
    }
    const css = await app.inject({ method: 'GET', url: SIGN_IN_CSS_PATH });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body).toContain('prefers-color-scheme:dark');
  }, 90_000);

  it('refuses a sign-in form that did not come from the sign-in page, and a next that leaves the server', async () => {
    expect((await passwordSignIn('fay', 'correct horse battery', { csrf: 'guessed' })).statusCode).toBe(403);
    expect((await passwordSignIn('fay', 'correct horse battery', { origin: 'https://evil.example' })).statusCode).toBe(403);
    const away = await passwordSignIn('fay', 'correct horse battery', { next: '//evil.example/x' });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/');
  }, 60_000);

  it('sends a browser that is not signed in to sign in, and back', async () => {
    const r = await app.inject({ method: 'GET', url: '/account' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/sign-in?next=%2Faccount');
    expect((await app.inject({ method: 'GET', url: '/api/v1/exercises' })).statusCode).toBe(401); // the API says 401
  });

  it('makes and revokes personal access tokens on the account page, each form guarded against CSRF', async () => {
    const s = cookieOf(await passwordSignIn('fay', 'correct horse battery'), 'fb_session')!.value;
    const account = await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: s } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account.body)![1]!;
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        cookies: { fb_session: s },
        payload: new URLSearchParams(fields).toString(),
      });
    // A cross-site form (no token, or another origin) changes nothing.
    expect((await post('/account/tokens', { label: 'forged' })).statusCode).toBe(403);
    expect((await post('/account/tokens', { label: 'forged', _csrf: csrf }, { origin: 'https://evil.example', host: 'localhost:80' })).statusCode).toBe(403);
    expect(rowsOf(await store.db.execute(sql`SELECT * FROM access_tokens WHERE label = 'forged'`))).toEqual([]);
    // The API's state-changing routes are guarded alike when called with the cookie.
    expect((await app.inject({ method: 'POST', url: '/api/v1/units', cookies: { fb_session: s }, payload: { name: 'Shadow' } })).statusCode).toBe(403);

    const made = await post('/account/tokens', { label: 'Laptop', days: '30', _csrf: csrf });
    expect(made.statusCode, made.body).toBe(201);
    const token = /id="new-token">([^<]+)</.exec(made.body)![1]!;
    expect(token).toMatch(/^fbp_/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exercises', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const id = Number(/action="\/account\/tokens\/(\d+)\/revoke"/.exec(made.body)![1]);
    expect((await post(`/account/tokens/${id}/revoke`, { _csrf: 'stale' })).statusCode).toBe(403);
    expect((await post(`/account/tokens/${id}/revoke`, { _csrf: csrf })).statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exercises', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const after = await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: s } });
    expect(after.body).toMatch(/Laptop<\/td><td>[^<]+<\/td><td>revoked/);
  }, 60_000);

  it('ends sessions by sign-out, by revocation from another browser, and at expiry', async () => {
    const first = cookieOf(await passwordSignIn('fay', 'correct horse battery'), 'fb_session')!.value;
    const second = cookieOf(await passwordSignIn('fay', 'correct horse battery'), 'fb_session')!.value;
    const csrfOf = async (s: string) =>
      /name="_csrf" value="([^"]+)"/.exec((await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: s } })).body)![1]!;
    const works = async (s: string) => (await app.inject({ method: 'GET', url: '/api/v1/exercises', cookies: { fb_session: s } })).statusCode === 200;
    const form = (url: string, s: string, csrf: string) =>
      app.inject({
        method: 'POST',
        url,
        cookies: { fb_session: s },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}`,
      });

    // Revoked from the other browser's account page.
    const page = await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: second } });
    const ids = [...page.body.matchAll(/action="\/account\/sessions\/(\d+)\/revoke"/g)].map((m) => Number(m[1]));
    const secondId = Number(/<td>(\d+) \(this browser\)/.exec(page.body)![1]);
    const firstId = secondId - 1; // made just before
    expect(ids).toContain(firstId);
    expect((await form(`/account/sessions/${firstId}/revoke`, second, await csrfOf(second))).statusCode).toBe(303);
    expect(await works(first)).toBe(false);
    expect(await works(second)).toBe(true);

    // Signing out.
    const out = await form('/sign-out', second, await csrfOf(second));
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/sign-in');
    expect(cookieOf(out, 'fb_session')!.value).toBe('');
    expect(await works(second)).toBe(false);

    // Expiry (12 hours, absolute).
    const third = cookieOf(await passwordSignIn('fay', 'correct horse battery'), 'fb_session')!.value;
    expect(await works(third)).toBe(true);
    clock += 12 * 3_600_000 + 1000;
    try {
      expect(await works(third)).toBe(false);
    } finally {
      clock = Date.now();
    }
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toContain('session.revoke');
    expect(actions).toContain('session.sign-out');
  }, 90_000);

  it('marks the session cookie Secure when the server is reached over https', async () => {
    const secureApp = buildServer(store, { secureCookies: true, passwordCost: CHEAP });
    try {
      const form = await secureApp.inject({ method: 'GET', url: '/sign-in' });
      const field = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const r = await secureApp.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        cookies: { fb_signin_csrf: cookieOf(form, 'fb_signin_csrf')!.value },
        payload: new URLSearchParams({ login: 'fay', password: 'correct horse battery', _csrf: field }).toString(),
      });
      expect(cookieOf(r, 'fb_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(form.body).not.toContain('Sign in with'); // no provider configured on this one: local accounts only
    } finally {
      await secureApp.close();
    }
  }, 60_000);
});
