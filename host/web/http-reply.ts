/**
 * How the browser host answers over HTTP: the security headers every response carries, the JSON
 * envelope (http-protocol.ts) and refusals thrown from hooks and parsers.
 */
import type { FastifyReply } from 'fastify';
import type { ApiError } from '../../shared/contract/api.ts';
import { APP_CSP } from '../csp.ts';
import type { ApiEnvelope } from './http-protocol.ts';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

/** A refusal with its status, error code and extra headers; the app's error handler answers it with the envelope. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'],
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

export function sendJson(reply: FastifyReply, status: number, envelope: ApiEnvelope<unknown>, extra: Record<string, string> = {}): FastifyReply {
  return reply
    .code(status)
    .headers({ ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra })
    .send(JSON.stringify(envelope));
}

export function fail(reply: FastifyReply, status: number, code: ApiError['code'], message: string, extra: Record<string, string> = {}): FastifyReply {
  return sendJson(reply, status, { ok: false, error: { code, message } }, extra);
}
