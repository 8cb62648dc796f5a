/**
 * The programme server's HTTP API (Fastify 5). Every route has a JSON schema (bad input is a 400
 * naming the field) and, but health, needs a personal access token (`Authorization: Bearer
 * fbp_…`); what a token may do is its person's roles (programme-store.ts).
 *
 *   GET    /api/v1/health                        schema version, database kind (no token)
 *   POST   /api/v1/keys                          register this installation's public key
 *   POST   /api/v1/bundles?unit=ID               publish a bundle (application/vnd.firebreak.bundle)
 *   GET    /api/v1/exercises                     published exercises the caller may read
 *   GET    /api/v1/exercises/:digest/bundle      the bundle itself (for `firebreak verify`)
 *   GET    /api/v1/teams/:teamId/readiness       MTTD/MTTC/time to notify medians, targets met
 *   GET    /api/v1/corrective-actions            from the published improvement plans
 *   PATCH  /api/v1/corrective-actions/:id        {status}
 *   GET    /api/v1/audit                         the audit log (programme lead, auditor)
 *   POST   /api/v1/units, /api/v1/teams          organisation structure (programme lead)
 *   DELETE /api/v1/tokens/:id                    revoke a token (its owner or a programme lead)
 *
 * #22, the programme lead's figures and pages (lead-api.ts, lead-pages.tsx):
 *   GET    /api/v1/readiness?quarter=&severity=  readiness per team and unit, by quarter and severity
 *   GET    /api/v1/coverage                      teams × capabilities, incident types, framework tags
 *   GET|POST /api/v1/schedule, DELETE /api/v1/schedule/:id   planned exercises and reminders
 *   GET    /api/v1/corrective-actions.csv        the corrective actions for an issue tracker
 *   GET    /api/v1/openapi.json                  this API, generated from the route schemas
 *   GET    /, /readiness, /coverage, /schedule, /actions, /exercises/:digest   the lead's pages
 *
 * #22 sign-in (auth-routes.ts): /sign-in (OpenID Connect, local accounts), /sign-out, /account.
 * The caller of every route is resolved in one place, caller.ts: a token or a browser session.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_BUNDLE_BYTES } from '../evidence/bundle.ts';
import { LATEST_SCHEMA } from '../store/migrations.ts';
import { ACTION_STATUSES, type ActionStatus } from '../store/schema.ts';
import { ProgrammeError, type Principal, type ProgrammeStore } from '../store/programme-store.ts';
import type { OidcRelyingParty } from '../auth/oidc.ts';
import type { ScryptCost } from '../auth/passwords.ts';
import { SignInStore } from '../auth/sign-in-store.ts';
import { authRoutes } from './auth-routes.ts';
import { principal, resolveCaller, signInOf } from './caller.ts';
import { leadApiRoutes, OPENAPI_OPTIONS } from './lead-api.ts';
import { isPageRequest, leadPages, PAGE_ASSETS, sendErrorPage } from './lead-pages.tsx';

export const BUNDLE_CONTENT_TYPE = 'application/vnd.firebreak.bundle';

/** Routes that need no caller: health, the OpenAPI document, the pages' stylesheet. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/api/v1/health', '/api/v1/openapi.json', ...PAGE_ASSETS]);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const errorBody = { type: 'object', properties: { error: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } } } as const;
const digestParam = { type: 'object', required: ['digest'], properties: { digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } } } as const;
const idParam = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'integer', minimum: 1 } } }) as const;

export interface ServerOptions {
  logger?: boolean;
  // #22 sign-in:
  /** The organisation's OpenID Connect provider, when configured. */
  oidc?: OidcRelyingParty | null;
  /** Mark cookies Secure always (behind an https proxy); else when the request is https. */
  secureCookies?: boolean;
  /** scrypt cost of new local-account passwords (tests lower it). */
  passwordCost?: ScryptCost;
  sessionHours?: number;
}

export function buildServer(store: ProgrammeStore, options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  app.decorateRequest('principal', null);

  // #22 sign-in: cookies, HTML forms, and the sign-in store's options.
  signInOf(
    store,
    () =>
      new SignInStore(store, {
        ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
        ...(options.sessionHours ? { sessionHours: options.sessionHours } : {}),
      }),
  );
  void app.register(cookie);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.addContentTypeParser(BUNDLE_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: MAX_BUNDLE_BYTES }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    // #22: a browser asking for a page without being signed in is sent to sign in, then back.
    if (err instanceof ProgrammeError && err.status === 401 && req.method === 'GET' && !req.url.startsWith('/api/') && !req.headers.authorization)
      return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`, 303);
    // #22: the lead's pages answer a refusal with a page, the API with JSON.
    if (isPageRequest(req) && (err instanceof ProgrammeError || (err.statusCode && err.statusCode < 500)))
      return sendErrorPage(req, reply, err instanceof ProgrammeError ? err.status : err.statusCode!, err.message);
    if (err instanceof ProgrammeError) return reply.status(err.status).send({ error: err.message, problems: err.problems });
    if (err.validation) return reply.status(400).send({ error: err.message, problems: [] });
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send({ error: err.message, problems: [] });
    app.log.error(err);
    return reply.status(500).send({ error: `internal error: ${err.message}`, problems: [] });
  });

  app.addHook('preHandler', async (req) => {
    if (PUBLIC_ROUTES.has(req.routeOptions.url ?? '')) return;
    req.principal = await resolveCaller(store, req);
  });

  // #22: the OpenAPI document is generated from the route schemas, so the routes are declared in
  // a plugin registered after @fastify/swagger (its onRoute hook must see them).
  app.register(swagger, OPENAPI_OPTIONS);
  app.register(async (api) => {
    apiRoutes(api, store);
    leadApiRoutes(api, store);
    leadPages(api, store);
    authRoutes(api, store, { oidc: options.oidc ?? null, secureCookies: options.secureCookies }); // #22 sign-in
    api.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  });

  return app;
}

/** The programme API's routes (each with its JSON schema). */
function apiRoutes(app: FastifyInstance, store: ProgrammeStore): void {
  app.get(
    '/api/v1/health',
    { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, schema: { type: 'integer' }, database: { type: 'string' } } } } } },
    async () => ({
      ok: true,
      schema: LATEST_SCHEMA,
      database: store.database.kind,
    }),
  );

  app.post<{ Body: { publicKey: string } }>(
    '/api/v1/keys',
    {
      schema: {
        body: { type: 'object', required: ['publicKey'], additionalProperties: false, properties: { publicKey: { type: 'string', maxLength: 4096 } } },
      },
    },
    async (req) => ({ keyId: await store.registerKey(principal(req), req.body.publicKey) }),
  );

  app.post<{ Querystring: { unit?: number }; Body: Buffer }>(
    '/api/v1/bundles',
    {
      bodyLimit: MAX_BUNDLE_BYTES,
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { unit: { type: 'integer', minimum: 1 } } },
        response: { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody, 422: errorBody },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new ProgrammeError(400, `send the bundle as ${BUNDLE_CONTENT_TYPE}`);
      const r = await store.publish(principal(req), req.body, req.query.unit !== undefined ? { unitId: req.query.unit } : {});
      return reply.status(r.status === 'already-published' ? 200 : 201).send(r);
    },
  );

  app.get('/api/v1/exercises', async (req) => ({ exercises: await store.listExercises(principal(req)) }));

  app.get<{ Params: { digest: string } }>('/api/v1/exercises/:digest/bundle', { schema: { params: digestParam } }, async (req, reply) =>
    reply.type(BUNDLE_CONTENT_TYPE).send(await store.bundleBytes(principal(req), req.params.digest)),
  );

  app.get<{ Params: { teamId: number } }>('/api/v1/teams/:teamId/readiness', { schema: { params: idParam('teamId') } }, async (req) =>
    store.readiness(principal(req), req.params.teamId),
  );

  // GET /api/v1/corrective-actions is in lead-api.ts (#22: with the follow-up, overdue first).

  app.patch<{ Params: { id: number }; Body: { status: ActionStatus } }>(
    '/api/v1/corrective-actions/:id',
    {
      schema: {
        params: idParam('id'),
        body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: [...ACTION_STATUSES] } } },
      },
    },
    async (req) => {
      await store.setActionStatus(principal(req), req.params.id, req.body.status);
      return { ok: true };
    },
  );

  app.get('/api/v1/audit', async (req) => ({ entries: await store.auditEntries(principal(req)) }));

  const leadOnly = (p: Principal) => {
    if (!p.grants.some((g) => g.role === 'programme_lead')) throw new ProgrammeError(403, 'only a programme lead changes the organisation');
    return p;
  };
  const nameBody = (extra: Record<string, unknown> = {}, required: string[] = []) => ({
    type: 'object',
    required: ['name', ...required],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, ...extra },
  });
  app.post<{ Body: { name: string } }>('/api/v1/units', { schema: { body: nameBody() } }, async (req, reply) =>
    reply.status(201).send({ id: await store.addUnit(req.body.name, leadOnly(principal(req)).personId) }),
  );
  app.post<{ Body: { name: string; unitId: number } }>(
    '/api/v1/teams',
    { schema: { body: nameBody({ unitId: { type: 'integer', minimum: 1 } }, ['unitId']) } },
    async (req, reply) => reply.status(201).send({ id: await store.addTeam(req.body.unitId, req.body.name, leadOnly(principal(req)).personId) }),
  );

  app.delete<{ Params: { id: number } }>('/api/v1/tokens/:id', { schema: { params: idParam('id') } }, async (req) => {
    await store.revokeToken(principal(req), req.params.id);
    return { ok: true };
  });
}
