/**
 * FirebreakApi over HTTP, for the browser host.
 *
 * Wire format: `POST /api/<channel>` with the request as the JSON body; the reply is
 * `{ ok: true, result }` or `{ ok: false, error: { code, message } }` (see
 * host/web/http-protocol.ts). Failures become ApiError so callers handle one error type.
 */
import { currentWords } from '../i18n/words.tsx';
import type { FirebreakApi, InvokeChannel } from '../../../shared/contract/api.ts';
// The channel names without their schemas: zod is not part of the first screen's JavaScript.
import { ApiError, INVOKE_CHANNELS, type ApiErrorShape } from '../../../shared/contract/channels.ts';
import { apiPath } from '../../../host/web/http-protocol.ts';
import { launchSecret, SECRET_HEADER } from './launch-secret.ts';

/** The launch secret as a header, when the page has it (the host refuses API calls without it). */
function secretHeader(): Record<string, string> {
  const secret = launchSecret();
  return secret ? { [SECRET_HEADER]: secret } : {};
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

const CODES: ReadonlyArray<ApiErrorShape['code']> = ['invalid-request', 'not-found', 'conflict', 'io', 'internal'];

function toCode(code: unknown): ApiErrorShape['code'] {
  return CODES.includes(code as ApiErrorShape['code']) ? (code as ApiErrorShape['code']) : 'internal';
}

/** Decodes one reply body; throws ApiError for an error reply or anything unreadable. */
export function decodeReply(channel: string, status: number, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('io', `${channel}: the server replied with HTTP ${status} and no readable answer`);
  }
  if (body && typeof body === 'object' && 'ok' in body) {
    const reply = body as { ok: boolean; result?: unknown; error?: { code?: unknown; message?: unknown } };
    if (reply.ok) return reply.result;
    const message = typeof reply.error?.message === 'string' ? reply.error.message : `HTTP ${status}`;
    throw new ApiError(toCode(reply.error?.code), message);
  }
  throw new ApiError('io', `${channel}: unexpected reply from the server (HTTP ${status})`);
}

/** @param origin '' for the page's own origin (the browser host serves the app and the API). */
export function createHttpApi(fetchImpl: FetchLike = (url, init) => fetch(url, init), origin = ''): FirebreakApi {
  const call = async (channel: InvokeChannel, request: unknown): Promise<unknown> => {
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await fetchImpl(`${origin}${apiPath(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...secretHeader() },
        body: JSON.stringify(request ?? {}),
      });
    } catch (e) {
      throw new ApiError('io', currentWords().t('ui.cannotReachServer', { error: (e as Error).message }));
    }
    return decodeReply(channel, res.status, await res.text());
  };
  const api = Object.fromEntries(INVOKE_CHANNELS.map((ch: InvokeChannel) => [ch, (req: unknown) => call(ch, req)]));
  return api as FirebreakApi;
}
