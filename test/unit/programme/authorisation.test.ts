/**
 * Authorisation per role and per route (#22), on BOTH databases: every route of the programme
 * server (API, the lead's pages, the account page) × every kind of caller (programme lead,
 * facilitator / evaluator / viewer of unit A, a facilitator of A signed in by browser session,
 * auditor, an expired token, a revoked token, no credential). Each cell's status is asserted, and
 * whatever a caller of unit A is answered carries nothing of unit B: its objects answer 404 as if
 * they did not exist.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { generateInstallationKey } from '../../../host/programme/evidence/installation-key.ts';
import { SignInStore } from '../../../host/programme/auth/sign-in-store.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { rowsOf } from '../../../host/programme/store/migrations.ts';
import { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import { BUNDLE_CONTENT_TYPE, buildServer } from '../../../host/programme/server/app.ts';
import { DATABASE_KINDS, testDatabase } from './databases.ts';
import { LEAD_NOW, seedLeadOrg, type LeadOrg } from './lead-fixtures.ts';

const CALLERS = ['facA', 'evalA', 'viewA', 'sessionFacA', 'auditor', 'expired', 'revoked', 'none', 'lead'] as const; // lead last: its writes succeed
type Caller = (typeof CALLERS)[number];
const UNIT_A: Caller[] = ['facA', 'evalA', 'viewA', 'sessionFacA'];
/** Anything of unit B (its unit, team, exercise, action, owner, plan). */
const UNIT_B_TRACES = /Lending|Red|secret|Rita|ex-r1/;

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Status per caller; the unauthenticated three default to 401 (303 to sign in for a page without credential). */
  expect: Partial<Record<Caller, number>> & { unitA: number; auditor: number; lead: number } & Partial<Record<'facA' | 'sessionFacA', number>>;
  page?: boolean;
  /** Unit A's own bundle: its scenario's text may name anything (e.g. lending), so it is not searched for unit B. */
  ownEvidence?: boolean;
}

describe.each(DATABASE_KINDS)('authorisation per role and route on %s', (kind) => {
  let store: ProgrammeStore;
  let app: FastifyInstance;
  let dir: string;
  let cleanupDb: () => Promise<void>;
  let org: LeadOrg;
  const tokens: Partial<Record<Caller, string>> = {};
  let session = '';
  let csrf = '';
  let routes: Route[] = [];

  beforeAll(async () => {
    const made = await testDatabase(kind, 'programme_authorisation');
    cleanupDb = made.cleanup;
    dir = await mkdtemp(join(tmpdir(), 'firebreak-authz-'));
    store = new ProgrammeStore(await openDatabase(made.target), dir, () => LEAD_NOW);
    org = await seedLeadOrg(store);
    app = buildServer(store);
    const person = async (name: string, role: 'evaluator' | 'viewer') => {
      const id = await store.addPerson(name);
      await store.grant(id, role, org.unitA);
      return (await store.createToken(id, 'test')).token;
    };
    const facA = rowsOf<{ id: number }>(await store.db.execute(sql`SELECT id FROM people WHERE name = 'Fay FacilitatorA'`))[0]!.id;
    Object.assign(tokens, {
      lead: org.tokens.lead,
      facA: org.tokens.facA,
      auditor: org.tokens.auditor,
      evalA: await person('Eve EvaluatorA', 'evaluator'),
      viewA: await person('Val ViewerA', 'viewer'),
      expired: (await store.createToken(facA, 'old', new Date(LEAD_NOW.getTime() - 60_000))).token,
    });
    const revoked = await store.createToken(facA, 'lost laptop');
    await store.revokeToken((await store.authenticate(org.tokens.facA))!, revoked.id);
    tokens.revoked = revoked.token;
    session = (await new SignInStore(store).createSession(facA, 'password')).token;
    csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ method: 'GET', url: '/account', cookies: { fb_session: session } })).body)![1]!;

    const id = async (q: ReturnType<typeof sql>) => rowsOf<{ id: number }>(await store.db.execute(q))[0]!.id;
    const secretAction = await id(sql`SELECT id FROM corrective_actions WHERE item_id = 'r-secret'`);
    const secretPlan = await id(sql`SELECT id FROM planned_exercises WHERE note = 'Lending secret plan'`);
    const viewBToken = await id(sql`SELECT t.id FROM access_tokens t JOIN people p ON p.id = t.person_id WHERE p.name = 'Vic ViewerB'`);
    const r1 = org.digests['ex-r1']!;
    const b1 = org.digests['ex-b1']!;
    const r1Bundle = (await app.inject({ method: 'GET', url: `/api/v1/exercises/${r1}/bundle`, headers: { authorization: `Bearer ${org.tokens.lead}` } })).body;
    const read = { unitA: 200, auditor: 200, lead: 200 };
    const unitBObject = { unitA: 404, auditor: 200, lead: 200 };
    routes = [
      { method: 'GET', url: '/api/v1/exercises', expect: read },
      { method: 'GET', url: `/api/v1/exercises/${b1}/bundle`, expect: read, ownEvidence: true },
      { method: 'GET', url: `/api/v1/exercises/${r1}/bundle`, expect: unitBObject },
      { method: 'GET', url: `/api/v1/teams/${org.teams.Blue}/readiness`, expect: read },
      { method: 'GET', url: `/api/v1/teams/${org.teams.Red}/readiness`, expect: unitBObject },
      { method: 'GET', url: '/api/v1/readiness', expect: read },
      { method: 'GET', url: '/api/v1/coverage', expect: read },
      { method: 'GET', url: '/api/v1/schedule', expect: read },
      { method: 'GET', url: '/api/v1/corrective-actions', expect: read },
      { method: 'GET', url: '/api/v1/corrective-actions.csv', expect: read },
      { method: 'GET', url: '/api/v1/audit', expect: { unitA: 403, auditor: 200, lead: 200 } },
      ...['/readiness', '/coverage', '/schedule', '/actions', `/exercises/${b1}`, '/account'].map((url): Route => ({
        method: 'GET',
        url,
        expect: read,
        page: true,
      })),
      { method: 'GET', url: `/exercises/${r1}`, expect: unitBObject, page: true },
      { method: 'POST', url: '/api/v1/units', body: { name: 'Shadow' }, expect: { unitA: 403, auditor: 403, lead: 201 } },
      { method: 'POST', url: '/api/v1/teams', body: { name: 'Shadow', unitId: org.unitB }, expect: { unitA: 403, auditor: 403, lead: 201 } },
      { method: 'PATCH', url: `/api/v1/corrective-actions/${secretAction}`, body: { status: 'in_progress' }, expect: { unitA: 404, auditor: 403, lead: 200 } },
      { method: 'POST', url: '/api/v1/schedule', body: { teamId: org.teams.Red, quarter: '2027-Q2' }, expect: { unitA: 404, auditor: 403, lead: 201 } },
      { method: 'DELETE', url: `/api/v1/schedule/${secretPlan}`, expect: { unitA: 404, auditor: 403, lead: 200 } },
      // Publishing into unit B reads the same whether B exists or not (403, no enumeration); the lead's is the same bundle again.
      { method: 'POST', url: `/api/v1/bundles?unit=${org.unitB}`, body: r1Bundle, expect: { unitA: 403, auditor: 403, lead: 200 } },
      {
        method: 'POST',
        url: '/api/v1/keys',
        body: { publicKey: generateInstallationKey().publicPem },
        expect: { unitA: 403, facA: 200, sessionFacA: 200, auditor: 403, lead: 200 },
      },
      { method: 'DELETE', url: `/api/v1/tokens/${viewBToken}`, expect: { unitA: 404, auditor: 404, lead: 200 } },
    ];
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await cleanupDb?.();
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  const expected = (r: Route, who: Caller): number => {
    if (who === 'none') return r.page && r.method === 'GET' ? 303 : 401;
    if (who === 'expired' || who === 'revoked') return 401;
    if (who === 'lead' || who === 'auditor') return r.expect[who];
    return r.expect[who] ?? r.expect.unitA;
  };

  const call = (r: Route, who: Caller) => {
    const headers: Record<string, string> = {};
    const cookies: Record<string, string> = {};
    if (who === 'sessionFacA') {
      cookies.fb_session = session;
      if (r.method !== 'GET') headers['x-csrf-token'] = csrf;
    } else if (who !== 'none') headers.authorization = `Bearer ${tokens[who]}`;
    if (typeof r.body === 'string') headers['content-type'] = BUNDLE_CONTENT_TYPE;
    return app.inject({ method: r.method, url: r.url, headers, cookies, ...(r.body === undefined ? {} : { payload: r.body as string }) });
  };

  it('answers every route × caller as the roles say, and leaks nothing of unit B to unit A', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      for (const who of CALLERS) {
        const res = await call(r, who);
        const want = expected(r, who);
        if (res.statusCode !== want) wrong.push(`${r.method} ${r.url} as ${who}: ${res.statusCode}, expected ${want} (${res.body.slice(0, 120)})`);
        if (UNIT_A.includes(who) && !r.ownEvidence && UNIT_B_TRACES.test(res.body))
          wrong.push(`${r.method} ${r.url} as ${who} shows unit B: ${UNIT_B_TRACES.exec(res.body)![0]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('keeps a forged session cookie, and a session used cross-site, from doing anything', async () => {
    const forged = await app.inject({ method: 'GET', url: '/api/v1/exercises', cookies: { fb_session: 'x'.repeat(43) } });
    expect(forged.statusCode).toBe(401);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/v1/units',
      cookies: { fb_session: session },
      headers: { 'x-csrf-token': csrf, origin: 'https://evil.example', host: 'programme.example' },
      payload: { name: 'Shadow 2' },
    });
    expect(crossSite.statusCode).toBe(403);
  });
});
