/**
 * The browser host's wire format: how the renderer calls the contract's invoke channels over HTTP.
 *
 *   POST /api/<channel>            e.g. POST /api/exercises:list
 *   Content-Type: application/json (required; anything else is 415)
 *   body: the channel's request as JSON (`{}` for channels without fields)
 *
 *   200 { "ok": true,  "result": <InvokeResponses[channel]> }
 *   4xx/5xx { "ok": false, "error": { "code": ApiErrorShape['code'], "message": string } }
 *
 *   x-firebreak-key: <the launch secret> (required; 401 without it)
 *
 * Status by error code: invalid-request 400, not-found 404, conflict 409, io 500, internal 500.
 * Transport refusals use the same envelope with code 'invalid-request': 403 (foreign Host or
 * Origin — DNS-rebinding and cross-site guard), 404 (unknown channel: code 'not-found'), 405 (not
 * POST), 413 (body over the limit), 415 (not JSON). Same-origin only: no CORS headers are sent.
 *
 * This file has no Node imports so the renderer's HTTP client may import it.
 */
import type { ApiErrorShape, InvokeChannel, InvokeRequest, InvokeResponses } from '../../shared/contract/api.ts';

export const API_PREFIX = '/api/';
/** The header that carries the host's launch secret on every API call (401 without it). */
export const SECRET_HEADER = 'x-firebreak-key';

export function apiPath(channel: InvokeChannel): string {
  return `${API_PREFIX}${channel}`;
}

export interface ApiSuccess<T> {
  ok: true;
  result: T;
}

export interface ApiFailure {
  ok: false;
  error: ApiErrorShape;
}

export type ApiEnvelope<T> = ApiSuccess<T> | ApiFailure;

export const STATUS_BY_CODE: Record<ApiErrorShape['code'], number> = {
  'invalid-request': 400,
  'not-found': 404,
  conflict: 409,
  io: 500,
  internal: 500,
};

/** Rejection value of `invokeOverHttp`: the error envelope's code and message. */
export class HttpApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpApiError';
  }
}

/**
 * A reference client call (used by the host's tests; the renderer may build on it).
 *
 * `fetchFn` is the page's `fetch`; `base` is '' in the page (same origin) or `http://127.0.0.1:5178`.
 */
export async function invokeOverHttp<K extends InvokeChannel>(
  fetchFn: typeof fetch,
  base: string,
  channel: K,
  request: InvokeRequest<K>,
  secret?: string | null,
): Promise<InvokeResponses[K]> {
  const res = await fetchFn(`${base}${apiPath(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { [SECRET_HEADER]: secret } : {}) },
    body: JSON.stringify(request),
  });
  let body: ApiEnvelope<InvokeResponses[K]>;
  try {
    body = (await res.json()) as ApiEnvelope<InvokeResponses[K]>;
  } catch {
    throw new HttpApiError('internal', `${channel}: the host answered ${res.status} without JSON`, res.status);
  }
  if (body.ok) return body.result;
  throw new HttpApiError(body.error.code, body.error.message, res.status);
}
