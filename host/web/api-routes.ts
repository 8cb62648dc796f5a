/**
 * The invoke API over HTTP (wire format: http-protocol.ts), as a Fastify plugin registered on
 * the loopback listener only.
 *
 * Refused from the headers alone, before a byte of the body is read (the `onRequest` hook), in
 * this order: a foreign Origin or a cross-site Sec-Fetch-Site (403: a page elsewhere cannot call
 * the API), no launch secret (401), not POST (405), an unknown channel (404), not
 * application/json (415: a cross-site form cannot post), a declared length over the channel's
 * limit (413). The body is then read up to that limit by this plugin's only content-type parser
 * (413 as soon as it is over; nothing is parsed), decoded as strict UTF-8 and parsed as JSON
 * (400), and handed to the contract's dispatcher.
 */
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { dispatch, isInvokeChannel, toErrorShape, type Handlers } from '../api-handlers.ts';
import { sameSecret } from '../room/room-state.ts';
import { API_PREFIX, SECRET_HEADER, STATUS_BY_CODE } from './http-protocol.ts';
import { HttpRefusal, sendJson } from './http-reply.ts';

export interface ApiRouteOptions {
  handlers: Handlers;
  maxBodyBytes: number;
  /** exercises:importArchive's limit (whole archives). */
  maxArchiveBodyBytes: number;
  /** The launch secret every API request must carry (null: not checked). */
  launchSecret: string | null;
}

/** The channel a request names: the raw path after /api/ (not decoded: no channel needs escaping). */
function channelOf(req: FastifyRequest): string {
  try {
    return new URL(req.raw.url ?? '/', 'http://x').pathname.slice(API_PREFIX.length);
  } catch {
    throw new HttpRefusal(400, 'invalid-request', 'bad request URL');
  }
}

/** Reads a body up to `limit` bytes; null when it is larger (the rest is drained, unread). */
function readBody(stream: Readable, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    stream.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    stream.on('error', reject);
  });
}

export const apiRoutes: FastifyPluginCallback<ApiRouteOptions> = (app, options, done) => {
  const limitOf = (channel: string) => (channel === 'exercises:importArchive' ? options.maxArchiveBodyBytes : options.maxBodyBytes);
  // Drain what is still coming so the client reads our answer, and close the connection after it.
  const tooLarge = (limit: number) => new HttpRefusal(413, 'invalid-request', `the request is larger than ${limit} bytes`, { connection: 'close' });

  // This context's only parser: every body is read raw, within the channel's limit, whatever it is labelled.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req, payload, parsed) => {
    const limit = limitOf(channelOf(req));
    readBody(payload, limit).then(
      (body) => (body === null ? parsed(tooLarge(limit), undefined) : parsed(null, body)),
      (e: unknown) => parsed(e as Error, undefined),
    );
  });

  app.route({
    method: app.supportedMethods,
    url: `${API_PREFIX}*`,
    onRequest: async (req) => {
      const origin = `http://${req.headers.host ?? ''}`;
      const site = req.headers['sec-fetch-site'];
      const reqOrigin = req.headers.origin;
      if (reqOrigin !== undefined && reqOrigin !== origin)
        throw new HttpRefusal(403, 'invalid-request', `requests from ${String(reqOrigin).slice(0, 200)} are not accepted`);
      if (site !== undefined && site !== 'same-origin' && site !== 'none')
        throw new HttpRefusal(403, 'invalid-request', 'cross-site requests are not accepted');
      const given = req.headers[SECRET_HEADER];
      if (options.launchSecret !== null && !(typeof given === 'string' && sameSecret(given, options.launchSecret)))
        throw new HttpRefusal(401, 'invalid-request', 'this request does not carry the launch secret: open Firebreak from the link it printed when it started');
      if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid-request', 'use POST', { allow: 'POST' });
      const channel = channelOf(req);
      if (!isInvokeChannel(channel)) throw new HttpRefusal(404, 'not-found', `unknown channel "${channel.slice(0, 100)}"`);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') throw new HttpRefusal(415, 'invalid-request', 'send the request as application/json');
      const declared = Number(req.headers['content-length']);
      const limit = limitOf(channel);
      if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    },
    handler: async (req, reply) => {
      const channel = channelOf(req);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch (e) {
        throw new HttpRefusal(400, 'invalid-request', `the body is not JSON: ${(e as Error).message}`);
      }
      try {
        const result = await dispatch(options.handlers, channel, payload);
        return sendJson(reply, 200, { ok: true, result });
      } catch (e) {
        const error = toErrorShape(e);
        return sendJson(reply, STATUS_BY_CODE[error.code], { ok: false, error });
      }
    },
  });
  done();
};
