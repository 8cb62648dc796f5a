/**
 * Live-session benchmark (issue #18): 300 participant clients on loopback in four roles, the clock
 * running at 60×. Each client keeps its view as the renderer does (whole `view`, then `viewPatch`es
 * applied on top); an action is done when every client's view shows it (the team's sent count), so
 * the figure is the view as rendered, not the journal entry. Paired with the same action seen by one
 * client in the same run (the floor: fsync and one round trip). Then the bytes each idle client
 * receives per second while the clock runs, the host's memory per running exercise, and what the
 * host holds for 40 sockets that stop reading (bounded by the per-socket cap: they are dropped).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { startWebHost } from '../host/web/server.ts';
import { MAX_BUFFERED_BYTES } from '../host/room/ws-gateway.ts';
import { invokeOverHttp } from '../host/web/http-protocol.ts';
import type { ServerMessage } from '../shared/contract/live.ts';
import { applyViewPatch } from '../shared/contract/view-patch.ts';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../host/pdf/print-html.ts';
import { report } from './measure.ts';
import { builtRenderer } from './renderer-build.ts';

const ROOT = join(import.meta.dirname, '..');
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 300);
const ACTIONS = 100;
/** One commander and one communications lead (single-holder roles); everyone else in four roles. */
const MANY_ROLES = ['technical_lead', 'scribe', 'client_liaison', 'data_lead'];
const roleOf = (i: number): string => (i === 0 ? 'incident_commander' : i === 1 ? 'communications_lead' : MANY_ROLES[(i - 2) % MANY_ROLES.length]!);
const IDLE_MS = 10_000;
const EXERCISES = 20;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

interface Client {
  ws: WebSocket;
  onMessage(fn: (m: ServerMessage) => void): () => void;
  /** The view as the renderer holds it, and bytes received. */
  view: { response: { sentCount: number } } | null;
  bytes: number;
}

/**
 * The clients' side as 300 devices would run it, without running it 300 times on the host's
 * thread. In a room each device parses its own frames and patches its own view, all at once; here
 * the simulated clients share the host's process, and doing that work once per client (serially,
 * on the same event loop as the host) was about a third of the bench's CPU, measured as if it were
 * the host's. So a frame's text is parsed once for every client that receives it, and a patch is
 * applied once per (view held, frame): each client still checks the version it holds and keeps its
 * own view, derived only from the frames it received (clients of one role hold the same view and
 * receive the same frames, so each would compute exactly this).
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

async function open(url: string, hello: object): Promise<Client> {
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
function viewShows(c: Client, n: number): Promise<void> {
  if ((c.view?.response.sentCount ?? 0) >= n) return Promise.resolve();
  return new Promise((resolve) => {
    const off = c.onMessage(() => {
      if ((c.view?.response.sentCount ?? 0) < n) return;
      off();
      resolve();
    });
  });
}

function waitFor(c: Client, match: (m: ServerMessage) => boolean): Promise<ServerMessage> {
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
async function sendUntilAccepted(c: Client, message: { id: string } & Record<string, unknown>): Promise<void> {
  for (;;) {
    const answer = waitFor(c, (m) => (m.type === 'ack' || m.type === 'refused') && (m as { id?: string | null }).id === message.id);
    c.ws.send(JSON.stringify(message));
    const m = await answer;
    if (m.type === 'ack') return;
    if (m.type === 'refused' && m.code !== 'rate-limited') throw new Error(`the host refused ${message.id}: ${m.code} ${m.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * BENCH_LIVE_PROFILE=file.cpuprofile: a CPU profile of this process (the host and, here, the
 * clients' sockets) during the 300-client actions only, for Chrome DevTools or speedscope.
 */
async function startProfile(): Promise<(path: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async (path) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

export default async function liveBench(): Promise<boolean> {
  console.log(`Live session: ${CLIENTS} participants on loopback, ${ACTIONS} actions, clock running`);
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-live-bench-'));
  mkdirSync(join(dir, 'static'));
  const host = await startWebHost({
    launchSecret: null,
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: process.env.BENCH_SCREENSHOT_ROOM ? builtRenderer() : join(dir, 'static'),
    lan: { bindHost: '127.0.0.1', advertiseHost: '127.0.0.1' },
  });
  const base = host.url.replace(/\/$/, '');
  try {
    const source = readFileSync(join(ROOT, 'scenarios/provider-update-leakage.yaml'), 'utf8');
    const setup = {
      scenarioId: 'provider-update-leakage',
      scenarioSource: source,
      seed: 1,
      team: 'Bench',
      participants: [],
      mode: 'facilitated' as const,
      speed: 60,
    };
    /**
     * A running exercise with its room open: the facilitator's client and a way to join a person.
     * The slow readers get a room of their own: the first is full (300 participants).
     */
    const openRoom = async () => {
      const meta = await invokeOverHttp(fetch, base, 'exercises:create', setup);
      const f = await open(host.url, {
        type: 'hello',
        exerciseId: meta.id,
        auth: host.launchSecret ? { kind: 'facilitator', secret: host.launchSecret } : { kind: 'facilitator' },
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
      return { meta, f, joinOne };
    };
    const { meta, f, joinOne: joinRoom } = await openRoom();
    const people: Client[] = [];
    const joinOne = (i: number, role = roleOf(i)) => joinRoom(people, i, role);
    let sent = 0;
    /** Messages by the client liaisons in turn (the commander alone before they join); each done when every client's view shows it. */
    const act = async (actions: number): Promise<number[]> => {
      const liaisons = people.filter((_, i) => roleOf(i) === 'client_liaison');
      const senders = liaisons.length > 0 ? liaisons : [people[0]!];
      const latencies: number[] = [];
      for (let n = 0; n < actions; n++) {
        const sender = senders[n % senders.length]!;
        const target = ++sent;
        const shown = people.map((c) => viewShows(c, target));
        const t0 = performance.now();
        void sendUntilAccepted(sender, { type: 'act', id: `a${target}`, input: { type: 'COMMUNICATE', audience: 'client', message: `bench-${target}` } });
        await Promise.all(shown);
        latencies.push(performance.now() - t0);
      }
      return latencies;
    };
    await joinOne(0);
    f.ws.send(JSON.stringify({ type: 'clock', id: 'r', action: 'resume' }));
    const floor = await act(30);
    for (let i = 1; i < CLIENTS; i++) await joinOne(i);
    const profiling = process.env.BENCH_LIVE_PROFILE ? await startProfile() : null;
    const latencies = await act(ACTIONS);
    if (profiling) await profiling(process.env.BENCH_LIVE_PROFILE!);
    // Idle with the clock running: what each client receives per second.
    const bytes0 = people.map((c) => c.bytes);
    const tIdle = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idleSeconds = (performance.now() - tIdle) / 1000;
    const perClient = people.map((c, i) => (c.bytes - bytes0[i]!) / idleSeconds / 1000);
    const running = await new Promise<boolean>((resolve) => {
      const off = f.onMessage((m) => {
        if (m.type !== 'clock') return;
        off();
        resolve(!m.clock.paused);
      });
    });
    if (process.env.BENCH_SCREENSHOT_ROOM) {
      // The facilitator's console with the full room, in Chromium.
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(new URL(`#/console/${encodeURIComponent(meta.id)}`, host.url).href);
        await page.locator('.run-state').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(2000);
        await page.screenshot({ path: process.env.BENCH_SCREENSHOT_ROOM });
      } finally {
        await browser.close();
      }
    }
    for (const c of people) c.ws.close();

    // Slow readers (#23): 40 participants stop reading while ten client liaisons send long messages
    // (every participant's feed shows them). The kernel takes the first megabytes of each socket;
    // then the host holds what it cannot send, and must drop a socket once that passes the cap, so
    // what it holds stays bounded whatever the clients do.
    const SLOW = 40;
    const SENDERS = 10;
    const second = await openRoom();
    second.f.ws.send(JSON.stringify({ type: 'clock', id: 'r2', action: 'resume' }));
    const slow: Client[] = [];
    for (let i = 0; i < SLOW; i++) {
      const c = await second.joinOne([], i, 'scribe');
      (c.ws as unknown as { _socket: { pause(): void } })._socket.pause(); // reads nothing from here on
      slow.push(c);
    }
    const senders: Client[] = [];
    for (let i = 0; i < SENDERS; i++) await second.joinOne(senders, SLOW + i, 'client_liaison');
    // Counted from here: a socket of the first room may have been dropped while it closed.
    const dropped0 = host.liveStats().droppedSlow;
    let peakBuffered = 0;
    const long = 'x'.repeat(19_000);
    for (let round = 0; round < 200 && host.liveStats().droppedSlow - dropped0 < SLOW; round++) {
      await Promise.all(
        senders.map((c, k) =>
          sendUntilAccepted(c, { type: 'act', id: `slow${round}-${k}`, input: { type: 'COMMUNICATE', audience: 'client', message: `${round} ${long}` } }),
        ),
      );
      await new Promise((r) => setImmediate(r)); // let the sockets write what the kernel takes
      peakBuffered = Math.max(peakBuffered, host.liveStats().bufferedBytes);
    }
    const droppedSlow = host.liveStats().droppedSlow - dropped0;
    const bufferedAfter = host.liveStats().bufferedBytes;
    for (const c of [f, second.f, ...slow, ...senders]) c.ws.close();

    // Memory: open more running exercises (engine, clock loop, room) and weigh them.
    await host.sessions.closeAll();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < EXERCISES; i++) {
      const m = await invokeOverHttp(fetch, base, 'exercises:create', setup);
      await host.sessions.get(m.id);
    }
    gc();
    const perExercise = (process.memoryUsage().heapUsed - before) / EXERCISES / (1024 * 1024);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const idle = perClient.sort((a, b) => a - b)[Math.floor(perClient.length / 2)]!;
    if (!running) console.log('  note: the clock was not running at the end; the idle figure is not valid');
    return report([
      { name: "floor: action → shown in 1 client's view, p95", value: p95(floor), unit: 'ms', note: `(median ${median(floor).toFixed(1)} ms, fsync included)` },
      {
        name: `action → every view of ${CLIENTS} clients (${2 + MANY_ROLES.length} roles, clock at 60×), p95`,
        value: p95(latencies),
        unit: 'ms',
        target: 50,
        note: `(median ${median(latencies).toFixed(1)} ms; ${(p95(latencies) / p95(floor)).toFixed(1)}× the floor)`,
      },
      {
        name: `idle client while the clock runs (median of ${CLIENTS})`,
        value: idle,
        unit: 'kB/s',
        target: 5,
        note: `(max ${Math.max(...perClient).toFixed(2)} kB/s)`,
      },
      { name: 'host heap per running exercise', value: perExercise, unit: 'MB', target: 20, note: `(${EXERCISES} sessions open)` },
      {
        name: `send buffers held for ${SLOW} sockets that stopped reading, peak`,
        value: peakBuffered / (1024 * 1024),
        unit: 'MB',
        target: (SLOW * (MAX_BUFFERED_BYTES + 64 * 1024)) / (1024 * 1024),
        note: `(${(bufferedAfter / 1024).toFixed(0)} kB still buffered after the drops; cap ${MAX_BUFFERED_BYTES / 1024} kB each)`,
      },
      { name: `sockets that stopped reading and were not dropped`, value: SLOW - droppedSlow, unit: `of ${SLOW}`, target: 0 },
    ]);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void liveBench().then((ok) => process.exit(ok ? 0 : 1));
}
