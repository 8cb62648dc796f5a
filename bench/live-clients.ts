/**
 * The live bench's simulated room clients (bench/live.ts, bench/live-room-worker.ts): a socket to
 * /live that keeps its view as the renderer does (whole `view`, then `viewPatch`es on top), and
 * the steps a bench takes with one (join, act, wait for what it shows).
 */
import WebSocket from 'ws';
import { invokeOverHttp } from '../host/web/http-protocol.ts';
import type { ServerMessage } from '../shared/contract/live.ts';
import { applyViewPatch } from '../shared/contract/view-patch.ts';

/** One commander and one communications lead (single-holder roles); everyone else in four roles. */
export const MANY_ROLES = ['technical_lead', 'scribe', 'client_liaison', 'data_lead'];
export const roleOf = (i: number): string => (i === 0 ? 'incident_commander' : i === 1 ? 'communications_lead' : MANY_ROLES[(i - 2) % MANY_ROLES.length]!);

export interface Client {
  ws: WebSocket;
  onMessage(fn: (m: ServerMessage) => void): () => void;
  /** The view as the renderer holds it, and bytes received. */
  view: { response: { sentCount: number } } | null;
  bytes: number;
}

/**
 * The clients' side as 300 devices would run it, without running it 300 times on one thread. In a
 * room each device parses its own frames and patches its own view, all at once; here the
 * simulated clients share one thread (the bench's worker, beside the host's), and doing that work
 * once per client, serially, was about a third of the bench's CPU. So a frame's text is parsed
 * once for every client that receives it, and a patch is applied once per (view held, frame):
 * each client still checks the version it holds and keeps its own view, derived only from the
 * frames it received (clients of one role hold the same view and receive the same frames, so
 * each would compute exactly this).
 */
const parsedFrames = new Map<string, ServerMessage>();
function parseFrame(text: string): ServerMessage {
  let m = parsedFrames.get(text);
  if (m === undefined) {
    if (parsedFrames.size > 2000) parsedFrames.clear();
    m = JSON.parse(text) as ServerMessage;
    parsedFrames.set(text, m);
  }
  return m;
}
const patched = new WeakMap<object, Map<ServerMessage, Client['view']>>();
function patchedView(view: Client['view'], m: Extract<ServerMessage, { type: 'viewPatch' }>): Client['view'] {
  if (view === null) return applyViewPatch(view, m.patch);
  let byFrame = patched.get(view);
  if (!byFrame) patched.set(view, (byFrame = new Map()));
  let next = byFrame.get(m);
  if (next === undefined) {
    next = applyViewPatch(view, m.patch);
    byFrame.set(m, next);
  }
  return next;
}

export async function open(url: string, hello: object): Promise<Client> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/live`, { origin: `http://${u.host}` });
  const listeners = new Set<(m: ServerMessage) => void>();
  let version: number | null = null;
  const client: Client = {
    ws,
    view: null,
    bytes: 0,
    onMessage: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  ws.on('message', (d: Buffer) => {
    client.bytes += d.length;
    const m = parseFrame(d.toString());
    if (m.type === 'view') [client.view, version] = [m.view as unknown as Client['view'], m.version ?? null];
    if (m.type === 'viewPatch') {
      if (version !== m.base) throw new Error(`a patch for version ${m.base} reached a client holding ${version}`);
      [client.view, version] = [patchedView(client.view, m), m.version];
    }
    for (const l of [...listeners]) l(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify(hello));
  return client;
}

/** Resolves once the client's view shows at least `n` messages sent. */
export function viewShows(c: Client, n: number): Promise<void> {
  if ((c.view?.response.sentCount ?? 0) >= n) return Promise.resolve();
  return new Promise((resolve) => {
    const off = c.onMessage(() => {
      if ((c.view?.response.sentCount ?? 0) < n) return;
      off();
      resolve();
    });
  });
}

export function waitFor(c: Client, match: (m: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const off = c.onMessage((m) => {
      if (!match(m)) return;
      off();
      resolve(m);
    });
  });
}

/**
 * Sends a request and resends it while the host refuses it for the sender's message rate (20 a
 * second per person: a bench that acts faster than a person is slowed, never stuck waiting for a
 * refused action to show). Resolves with the ack.
 */
export async function sendUntilAccepted(c: Client, message: { id: string } & Record<string, unknown>): Promise<void> {
  for (;;) {
    const answer = waitFor(c, (m) => (m.type === 'ack' || m.type === 'refused') && (m as { id?: string | null }).id === message.id);
    c.ws.send(JSON.stringify(message));
    const m = await answer;
    if (m.type === 'ack') return;
    if (m.type === 'refused' && m.code !== 'rate-limited') throw new Error(`the host refused ${message.id}: ${m.code} ${m.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The exercise a bench room runs: the leakage scenario at 60×, facilitated. */
export function roomSetup(source: string) {
  return {
    scenarioId: 'provider-update-leakage',
    scenarioSource: source,
    seed: 1,
    team: 'Bench',
    participants: [],
    mode: 'facilitated' as const,
    speed: 60,
  };
}

/**
 * A running exercise with its room open: the facilitator's client and a way to join a person.
 * `hostUrl` is the loopback listener (the facilitator's); joiners use the room's LAN link.
 */
export async function openRoom(hostUrl: string, launchSecret: string | null, source: string) {
  const base = hostUrl.replace(/\/$/, '');
  const meta = await invokeOverHttp(fetch, base, 'exercises:create', roomSetup(source));
  const f = await open(hostUrl, {
    type: 'hello',
    exerciseId: meta.id,
    auth: launchSecret ? { kind: 'facilitator', secret: launchSecret } : { kind: 'facilitator' },
    since: 0,
  });
  const roomInfo = waitFor(f, (m) => m.type === 'room' && m.room.open);
  f.ws.send(JSON.stringify({ type: 'clock', id: 'p', action: 'pause' }));
  f.ws.send(JSON.stringify({ type: 'room', id: 'o', action: 'open' }));
  const room = (await roomInfo) as Extract<ServerMessage, { type: 'room' }>;
  const joinUrl = room.room.joinUrl!;
  const lan = joinUrl.slice(0, joinUrl.indexOf('#'));
  const key = joinUrl.split('/').at(-1)!;
  const joinOne = async (into: Client[], i: number, role = roleOf(i)) => {
    const c = await open(lan, { type: 'hello', exerciseId: meta.id, auth: { kind: 'join', key }, since: 0 });
    const viewed = waitFor(c, (m) => m.type === 'view');
    // Past the join rate of one address, joiners wait to be admitted: the facilitator admits them
    // (within the facilitator's own message rate: a refused admission is sent again).
    const held = waitFor(c, (m) => m.type === 'held').then(() => sendUntilAccepted(f, { type: 'admission', id: `adm${i}`, action: 'admit', who: 'all' }));
    c.ws.send(JSON.stringify({ type: 'join', name: `P${i}`, role }));
    await viewed;
    void held;
    into.push(c);
    return c;
  };
  return { meta, f, joinOne, joinUrl };
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}
