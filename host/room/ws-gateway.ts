/**
 * The WebSocket endpoint (`ws` package) in front of the live sessions, for both listeners.
 *
 * Before a connection is accepted: the path is /live, the Host header is one this listener
 * answers to, and the Origin is that same host (a page from elsewhere cannot open a socket).
 * Frames over MAX_FRAME_BYTES are refused by `ws` itself. The first frame must be `hello`,
 * within a few seconds, naming the exercise and the credentials: the facilitator is accepted
 * only on the loopback listener; the projector and participants need the room's keys or their
 * own token (host/room/admission.ts decides). Every frame is parsed from `unknown` by the live contract; a bad one gets a clear
 * `refused` and changes nothing. Each connection has a token bucket, so a flood is refused
 * rather than queued.
 */
import { wireText } from '../session/broadcast.ts';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LIVE_PATH, MAX_FRAME_BYTES, parseClientMessage, type ClientMessage, type ServerMessage } from '../../shared/contract/live.ts';
import { ApiError } from '../../shared/contract/api.ts';
import type { LiveClient, LiveSession, Viewer } from '../session/live-session.ts';
import type { LiveSessions } from '../session/sessions.ts';
import { admit, type ListenerKind } from './admission.ts';

export type { ListenerKind };

export const HELLO_TIMEOUT_MS = 5000;
/** A joining page shows the exercise's roles, then sends a name and a role; a socket that never does is closed. */
export const JOIN_TIMEOUT_MS = 10 * 60_000;
/** Per connection: a burst of 40 frames, refilled at 20 per second. */
export const RATE_BURST = 40;
export const RATE_PER_SECOND = 20;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface GatewayOptions {
  kind: ListenerKind;
  /** Host header values this listener answers to (checked at the upgrade). */
  allowedHosts: () => ReadonlySet<string>;
  now?: () => number;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  socket.destroy();
}

/** Attaches the live endpoint to an HTTP server. Returns a function that closes every socket. */
export function attachLiveGateway(server: Server, sessions: LiveSessions, options: GatewayOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const now = options.now ?? (() => performance.now());

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      return reject(socket, 400, 'Bad Request');
    }
    if (pathname !== LIVE_PATH) return reject(socket, 404, 'Not Found');
    const host = (req.headers.host ?? '').toLowerCase();
    if (!options.allowedHosts().has(host)) return reject(socket, 403, 'Forbidden');
    if (req.headers.origin !== `http://${host}`) return reject(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket): void {
    const bucket = new TokenBucket(RATE_BURST, RATE_PER_SECOND, now);
    let session: LiveSession | null = null;
    let client: LiveClient | null = null;
    let joining: { session: LiveSession } | null = null;
    let greeted = false;
    // Frames are handled one after another: an action sent right behind `hello` waits for the
    // hello to finish (opening the session is asynchronous) instead of finding no session.
    let queue: Promise<void> = Promise.resolve();
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(wireText(m)); // one serialisation per message, not per client
    };
    const fail = (message: string, code: 'unauthenticated' | 'invalid' | 'forbidden' = 'unauthenticated') => {
      send({ type: 'refused', id: null, code, message });
      ws.close(4401, message.slice(0, 120));
    };
    const helloTimer = setTimeout(() => fail('no hello within 5 seconds'), HELLO_TIMEOUT_MS);
    let joinTimer: ReturnType<typeof setTimeout> | undefined;

    const attach = (s: LiveSession, viewer: Viewer, since: number) => {
      client = { viewer, send, close: () => ws.close(4000, 'bye') };
      session = s;
      s.attach(client, since);
    };

    async function onHello(message: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
      let s: LiveSession;
      try {
        s = await sessions.get(message.exerciseId);
      } catch (e) {
        return fail(e instanceof ApiError ? e.message : 'this exercise cannot be opened', 'invalid');
      }
      const admission = admit(s, message.auth, options.kind);
      switch (admission.kind) {
        case 'refused':
          return fail(admission.message, admission.code);
        case 'viewer':
          return attach(s, admission.viewer, message.since);
        case 'join':
          joining = { session: s };
          joinTimer = setTimeout(() => fail('no name and role within 10 minutes; open the join link again'), JOIN_TIMEOUT_MS);
          send({
            type: 'welcome',
            exerciseId: message.exerciseId,
            you: { kind: 'participant', participantId: null, token: null, name: null, role: null },
            setup: null,
            join: s.joinChoices(),
          });
          return;
      }
    }

    async function onMessage(text: string): Promise<void> {
      const parsed = parseClientMessage(text);
      if (!parsed.ok) return send({ type: 'refused', id: null, code: 'invalid', message: parsed.error });
      const m = parsed.message;
      if (!greeted) {
        if (m.type !== 'hello') return fail('the first message must be hello');
        greeted = true;
        clearTimeout(helloTimer);
        return onHello(m);
      }
      if (m.type === 'join') {
        if (!joining) return send({ type: 'refused', id: null, code: 'invalid', message: 'join is only for a new participant, once' });
        const s = joining.session;
        joining = null;
        clearTimeout(joinTimer);
        try {
          const p = await s.join(m.name, m.role);
          attach(s, { kind: 'participant', participant: p }, 0);
        } catch (e) {
          fail(e instanceof Error ? e.message : String(e), 'forbidden');
        }
        return;
      }
      if (!session || !client) return send({ type: 'refused', id: null, code: 'unauthenticated', message: 'send hello (and join) first' });
      await session.handle(client, m);
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!bucket.take()) {
        send({ type: 'refused', id: null, code: 'rate-limited', message: 'too many messages; slow down' });
        return;
      }
      if (isBinary) return send({ type: 'refused', id: null, code: 'invalid', message: 'send text frames (JSON)' });
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      queue = queue
        .then(() => onMessage(text))
        .catch(() => send({ type: 'refused', id: null, code: 'rejected', message: 'the host could not handle that message' }));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      clearTimeout(joinTimer);
      if (session && client) session.detach(client);
    });
    ws.on('error', () => ws.terminate());
  }

  return () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}
