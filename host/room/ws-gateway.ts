/**
 * The WebSocket endpoint in front of the live sessions, for both listeners: a Fastify plugin
 * with one route, /live, upgraded by `@fastify/websocket` (the `ws` package underneath).
 *
 * Before a connection is accepted: the Host header is one this listener answers to (the app's
 * `onRequest` hook, host/web/http-app.ts, which also refuses upgrades on any other path) and the
 * Origin is that same host (this route's hook: a page from elsewhere cannot open a socket).
 * Frames over MAX_FRAME_BYTES are refused by `ws` itself (the app's `maxPayload`). The first frame must be `hello`,
 * within a few seconds, naming the exercise and the credentials: the facilitator is accepted
 * only on the loopback listener and with the host's launch secret; the projector and participants
 * need the room's keys or their own token (host/room/admission.ts decides). Every frame is parsed
 * from `unknown` by the live contract; a bad one gets a clear `refused` and changes nothing.
 *
 * Limits are per person, not per socket (host/room/client-limits.ts): one message and byte rate
 * for all of a participant's sockets, and a cap on their sockets (a new one replaces the oldest).
 * New joiners go through the waiting room (host/room/waiting-room.ts). Each socket's send buffer
 * is bounded: a client that stops reading is dropped once MAX_BUFFERED_BYTES are queued for it,
 * and catches up from the journal when it reconnects (`hello` carries the last seq it saw).
 * On the LAN listener, messages never carry this machine's file paths.
 */
import { EN, msg } from '../../shared/i18n/words.ts';
import { wireBytes } from '../session/broadcast.ts';
import type { FastifyPluginCallback } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { RawData } from 'ws';
import { LIVE_PATH, parseClientMessage, type ClientMessage, type ServerMessage } from '../../shared/contract/live.ts';
import { ApiError } from '../../shared/contract/api.ts';
import { Refusal, type LiveClient, type LiveSession, type Viewer } from '../session/live-session.ts';
import type { Msg } from '../../shared/i18n/words.ts';
import type { LiveSessions } from '../session/sessions.ts';
import { admit, type ListenerKind } from './admission.ts';
import { limitsOf, newAllowance, type Allowance } from './client-limits.ts';
import { waitingRoomOf, type WaitingRoom } from './waiting-room.ts';

export type { ListenerKind };
export { RATE_BURST, RATE_PER_SECOND, TokenBucket } from './client-limits.ts';

export const HELLO_TIMEOUT_MS = 5000;
/** A joining page shows the exercise's roles, then sends a name and a role; a socket that never does is closed. */
export const JOIN_TIMEOUT_MS = 10 * 60_000;
/** The `"id"` a client gave a request, read from the first bytes of its frame (null when none). */
export function requestIdOf(data: RawData): string | null {
  const first = Array.isArray(data) ? data[0] : data;
  if (!first) return null;
  const head = Buffer.from(first as ArrayBuffer)
    .subarray(0, 200)
    .toString('utf8');
  const nested = head.indexOf('{', 1);
  const top = nested === -1 ? head : head.slice(0, nested); // the request's own fields, before any nested object
  return /"id"\s*:\s*"([\w-]{1,64})"/.exec(top)?.[1] ?? null;
}

/** Bytes queued for one socket before the host gives up on it (it reconnects and catches up). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Close code for a client dropped for not reading (it reconnects by itself). */
export const TOO_SLOW_CLOSE = 4408;

export interface GatewayOptions {
  kind: ListenerKind;
  now?: () => number;
  /** The facilitator's and solo trainee's launch secret (loopback); null or absent: not required. */
  launchSecret?: string | null;
  /** Default MAX_BUFFERED_BYTES (tests lower it). */
  maxBufferedBytes?: number;
  /** The waiting room's per-address join rate (tests with many joiners from one address raise it). */
  joinBurst?: number;
  joinPerMinute?: number;
}

/** What the gateway holds now, for tests and the bench: sockets and the bytes queued to them. */
export interface GatewayStats {
  sockets: number;
  bufferedBytes: number;
  droppedSlow: number;
}

/** Absolute file paths (POSIX or Windows) in a message, replaced: they say nothing a participant needs. */
export function withoutLocalPaths(text: string): string {
  return text.replace(/(?:[A-Za-z]:\\|\\\\|\/)(?:[^\s"'`<>|:;,()\\/]+[\\/])+[^\s"'`<>|:;,()\\/]*/g, '(a file on the host)');
}

function scrubbed(m: ServerMessage): ServerMessage {
  if (m.type === 'refused') return { ...m, message: withoutLocalPaths(m.message) };
  if (m.type === 'bye' || m.type === 'held') return { ...m, reason: withoutLocalPaths(m.reason) };
  return m;
}

/** The live endpoint of one listener: its plugin, and what its sockets hold. */
export interface LiveGateway {
  /** Registered on a listener's app (host/web/http-app.ts registers `@fastify/websocket` first). */
  plugin: FastifyPluginCallback;
  stats(): GatewayStats;
}

/** The live endpoint over `sessions`; register `plugin` on the listener's app before it listens. */
export function createLiveGateway(sessions: LiveSessions, options: GatewayOptions): LiveGateway {
  const now = options.now ?? (() => performance.now());
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  let droppedSlow = 0;
  const sockets = new Set<WebSocket>();

  const plugin: FastifyPluginCallback = (app, _options, done) => {
    app.get(
      LIVE_PATH,
      {
        websocket: true,
        // The Host was checked by the app's hook; the page must come from that same host.
        onRequest: async (req, reply) => {
          if (req.headers.origin !== `http://${(req.headers.host ?? '').toLowerCase()}`)
            return reply.code(403).header('content-type', 'text/plain').send('Forbidden');
          return undefined;
        },
      },
      (ws, req) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        serve(ws, req.socket.remoteAddress ?? 'unknown');
      },
    );
    done();
  };

  function serve(ws: WebSocket, address: string): void {
    // Until the socket is someone (hello, then join), it has its own small allowance.
    let allowance: Allowance = newAllowance(now);
    let release: (() => void) | null = null;
    let session: LiveSession | null = null;
    let client: LiveClient | null = null;
    let joining: { session: LiveSession } | null = null;
    let waiting: { room: WaitingRoom; id: string } | null = null;
    let greeted = false;
    let ended = false;
    // Frames are handled one after another: an action sent right behind `hello` waits for the
    // hello to finish (opening the session is asynchronous) instead of finding no session.
    let queue: Promise<void> = Promise.resolve();
    // What one broadcast writes to this socket (the new entries, then the view's patch) leaves in
    // one write: at 300 clients a write per frame was 600 system calls for each action.
    const socket = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    let corked = false;
    // Bytes this tick's sends hold back while corked: they are in bufferedAmount but say nothing
    // about whether the reader keeps up (a first view over the cap would otherwise drop a reader
    // that never had a chance to read).
    let corkedBytes = 0;
    const send = (m: ServerMessage) => {
      if (ended || ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount - corkedBytes > maxBuffered) {
        // It stopped reading: drop it rather than queue without end. Its page reconnects with the
        // last seq it saw and gets what it missed from the journal.
        ended = true;
        droppedSlow++;
        ws.terminate();
        return;
      }
      // One serialisation and one encoding per message, not per client (views pass scrubbed()
      // unchanged); a text frame, as the page reads it.
      if (socket && !corked) {
        corked = true;
        socket.cork();
        process.nextTick(() => {
          corked = false;
          corkedBytes = 0;
          socket.uncork();
        });
      }
      const bytes = wireBytes(options.kind === 'lan' ? scrubbed(m) : m);
      if (corked) corkedBytes += bytes.length + 14; // a frame's header is at most 14 bytes
      ws.send(bytes, { binary: false });
    };
    const fail = (message: string, code: 'unauthenticated' | 'invalid' | 'forbidden' = 'unauthenticated', reason?: Msg | null) => {
      send({ type: 'refused', id: null, code, message, ...(reason ? { reason } : {}) });
      ws.close(4401, withoutLocalPaths(message).slice(0, 120));
    };
    const helloTimer = setTimeout(() => fail('no hello within 5 seconds'), HELLO_TIMEOUT_MS);
    let joinTimer: ReturnType<typeof setTimeout> | undefined;

    const attach = (s: LiveSession, viewer: Viewer, since: number) => {
      client = { viewer, send, close: () => ws.close(4000, 'bye') };
      session = s;
      const person = limitsOf(s, now).attach(viewer, (reason) => {
        send({ type: 'bye', reason: EN.format(reason), msg: reason });
        ws.close(4000, 'replaced');
      });
      allowance = person.allowance;
      release = person.release;
      s.attach(client, since);
      if (viewer.kind === 'facilitator') send(waitingRoomOf(s, { now, ...joinRate }).message());
    };
    const joinRate = { joinBurst: options.joinBurst, joinPerMinute: options.joinPerMinute };

    async function onHello(message: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
      let s: LiveSession;
      try {
        s = await sessions.get(message.exerciseId);
      } catch (e) {
        return fail(e instanceof ApiError ? e.message : 'this exercise cannot be opened', 'invalid');
      }
      const admission = admit(s, message.auth, options.kind, options.launchSecret ?? null);
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

    async function onJoin(s: LiveSession, name: string, role: string): Promise<void> {
      const enter = async () => {
        const p = await s.join(name, role);
        attach(s, { kind: 'participant', participant: p }, 0);
      };
      const room = waitingRoomOf(s, { now, ...joinRate });
      if (!room.mustWait(address)) {
        try {
          await enter();
        } catch (e) {
          // A refusal the catalogue words (a held role) reaches the page as its message too.
          fail(e instanceof Error ? e.message : String(e), 'forbidden', e instanceof Refusal ? e.reason : null);
        }
        return;
      }
      const w = room.add({
        name,
        role,
        admit: async () => {
          waiting = null;
          if (ended || ws.readyState !== ws.OPEN) throw new Error(`${name} left before being let in`);
          await enter();
        },
        turnAway: (reason) => {
          waiting = null;
          send({ type: 'bye', reason: EN.format(reason), msg: reason });
          ws.close(4000, 'turned away');
        },
      });
      if (!w) return fail('the waiting room is full; ask the facilitator to let people in, then open the link again', 'forbidden');
      waiting = { room, id: w.id };
      send({ type: 'held', reason: EN.t('room.held'), msg: msg('room.held') });
    }

    /** The facilitator's waiting-room commands (answered here: the session does not hold the waiting room). */
    async function onAdmission(s: LiveSession, c: LiveClient, m: Extract<ClientMessage, { type: 'admission' }>): Promise<void> {
      if (c.viewer.kind !== 'facilitator') return send({ type: 'refused', id: m.id, code: 'forbidden', message: 'only the facilitator lets people in' });
      const room = waitingRoomOf(s, { now, ...joinRate });
      try {
        if (m.action === 'mode') {
          if (!m.mode) throw new Error('mode: say auto or manual');
          room.setMode(m.mode);
        } else if (!m.who) throw new Error('who: a waiting joiner’s id, or all');
        else if (m.action === 'admit') await room.admit(m.who);
        else room.turnAway(m.who);
        send({ type: 'ack', id: m.id, seq: null });
      } catch (e) {
        send({ type: 'refused', id: m.id, code: 'rejected', message: e instanceof Error ? e.message : String(e) });
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
        return onJoin(s, m.name, m.role);
      }
      const s: LiveSession | null = session;
      const c: LiveClient | null = client;
      if (!s || !c) return send({ type: 'refused', id: null, code: 'unauthenticated', message: 'send hello (and join) first' });
      if (m.type === 'admission') return onAdmission(s, c, m);
      // Closing the room sends its waiting joiners away too (the join link they used is revoked),
      // told why before the room's listener goes down.
      if (m.type === 'room' && m.action === 'close' && c.viewer.kind === 'facilitator') {
        waitingRoomOf(s, { now, ...joinRate }).turnAway('all', msg('room.bye.closed'));
      }
      await s.handle(c, m);
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).length;
      if (!allowance.take(bytes)) {
        // The refusal names the request it refuses, so a client waiting on it can tell its user
        // (or try again) instead of waiting for an answer that never comes. Read from the frame's
        // first bytes only: a flood is not parsed.
        send({ type: 'refused', id: requestIdOf(data), code: 'rate-limited', message: 'too many messages; slow down' });
        return;
      }
      if (isBinary) return send({ type: 'refused', id: null, code: 'invalid', message: 'send text frames (JSON)' });
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      queue = queue
        .then(() => onMessage(text))
        .catch(() => send({ type: 'refused', id: null, code: 'rejected', message: 'the host could not handle that message' }));
    });
    ws.on('close', () => {
      ended = true;
      clearTimeout(helloTimer);
      clearTimeout(joinTimer);
      if (waiting) waiting.room.left(waiting.id);
      release?.();
      const s: LiveSession | null = session;
      const c: LiveClient | null = client;
      if (s && c) s.detach(c);
    });
    ws.on('error', () => ws.terminate());
  }

  return {
    plugin,
    stats: (): GatewayStats => {
      let bufferedBytes = 0;
      for (const ws of sockets) bufferedBytes += ws.bufferedAmount;
      return { sockets: sockets.size, bufferedBytes, droppedSlow };
    },
  };
}
