/**
 * The Fastify app both of the browser host's listeners are built on: the loopback one (the
 * console, the API, the facilitator's socket) and the room's LAN one (static files and the live
 * endpoint only).
 *
 * Every request, WebSocket upgrades included, first passes the Host check in an `onRequest` hook
 * (DNS-rebinding guard: only the names this listener answers to, else 403 before anything is
 * read); every response carries the security headers. Upgrades are accepted only on the route
 * that declares a WebSocket handler (/live, host/room/ws-gateway.ts); any other is a 404. What a
 * listener serves is its plugins: static files (static-files.ts) on both, the API
 * (api-routes.ts) on loopback only, registered in their own encapsulated contexts. On the LAN
 * listener /api/… is a 404 whatever it carries.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import { LIVE_PATH, MAX_FRAME_BYTES } from '../../shared/contract/live.ts';
import { toErrorShape } from '../api-handlers.ts';
import { API_PREFIX } from './http-protocol.ts';
import { fail, HttpRefusal, SECURITY_HEADERS } from './http-reply.ts';
import { apiRoutes, type ApiRouteOptions } from './api-routes.ts';
import { notFound, staticFiles } from './static-files.ts';

export interface HttpAppOptions {
  /** Host header values this listener answers to (lower case, with the port). */
  hosts: () => ReadonlySet<string>;
  staticDir: string;
  /** The API (loopback listener); null on the LAN listener, where /api/… is a 404. */
  api: ApiRouteOptions | null;
}

/** Host header check: false (and a 403 sent) when the request names a host this listener does not answer to. */
function hostAllowed(req: FastifyRequest, reply: FastifyReply, hosts: () => ReadonlySet<string>): boolean {
  const host = req.headers.host ?? '';
  if (hosts().has(host.toLowerCase())) return true;
  fail(reply, 403, 'invalid-request', 'this server answers only to 127.0.0.1, localhost and [::1]');
  return false;
}

/**
 * A listener's app, not yet listening: the caller registers the live endpoint's plugin
 * (createLiveGateway) and then listens.
 */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    // close() ends keep-alive connections too (the live sockets are ended by the preClose below).
    forceCloseConnections: true,
    // node:http's own defaults (Fastify's are 72 s and none): a request that takes over 5 minutes
    // to arrive (a trickled body) is cut off.
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    // A malformed percent-encoding in the path: the router cannot match it; answered as a missing file.
    frameworkErrors: (error, req, reply) => {
      if (!hostAllowed(req, reply, options.hosts)) return;
      if (error.code === 'FST_ERR_BAD_URL' && !(req.raw.url ?? '').startsWith(API_PREFIX)) return notFound(reply);
      fail(reply, 404, 'not-found', 'not found');
    },
  });
  // First, so its onRoute hook sees every route (an upgrade to any route but /live is refused below).
  void app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    // Ended without a closing handshake: a client that stopped reading would never finish one.
    preClose(done) {
      const wss = this.websocketServer;
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      done();
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req, reply, options.hosts)) return reply;
    if (req.ws && req.routeOptions.url !== LIVE_PATH) return fail(reply, 404, 'not-found', 'no live endpoint here');
    return undefined;
  });
  app.setErrorHandler((e: FastifyError, _req, reply) => {
    if (e instanceof HttpRefusal) return fail(reply, e.status, e.code, e.message, e.headers);
    // Fastify's own refusals (a malformed Content-Type…) keep their 4xx status.
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return fail(reply, e.statusCode, 'invalid-request', e.message);
    return fail(reply, 500, 'internal', toErrorShape(e).message);
  });
  // Methods the router does not know.
  app.setNotFoundHandler((req, reply) =>
    req.url.startsWith(API_PREFIX)
      ? fail(reply, 404, 'not-found', 'not found')
      : reply
          .code(405)
          .headers({ ...SECURITY_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
          .send('Method not allowed\n'),
  );
  void app.register(staticFiles, { staticDir: options.staticDir });
  if (options.api) void app.register(apiRoutes, options.api);
  else
    app.route({
      method: app.supportedMethods,
      url: `${API_PREFIX}*`,
      // Refused before any body is read.
      onRequest: async (_req, reply) => fail(reply, 404, 'not-found', 'not available on this address'),
      handler: async () => undefined,
    });
  return app;
}
