/**
 * Live-session benchmark (issue #18): 300 participant clients on loopback in four roles, the clock
 * running at 60×. Each client keeps its view as the renderer does (whole `view`, then `viewPatch`es
 * applied on top); an action is done when every client's view shows it (the team's sent count), so
 * the figure is the view as rendered, not the journal entry. Paired with the same action seen by one
 * client in the same run (the floor: fsync and one round trip). Then the bytes each idle client
 * receives per second while the clock runs, and the host's memory per running exercise.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { startWebHost } from '../host/web/server.ts';
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
const ROLES = ['incident_commander', 'technical_lead', 'communications_lead', 'scribe'];
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
  ws.on('message', (d) => {
    const text = d.toString();
    client.bytes += Buffer.byteLength(text);
    const m = JSON.parse(text) as ServerMessage;
    if (m.type === 'view') [client.view, version] = [m.view as unknown as Client['view'], m.version ?? null];
    if (m.type === 'viewPatch') {
      if (version !== m.base) throw new Error(`a patch for version ${m.base} reached a client holding ${version}`);
      [client.view, version] = [applyViewPatch(client.view, m.patch), m.version];
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
    const people: Client[] = [];
    const joinOne = async (i: number) => {
      const c = await open(lan, { type: 'hello', exerciseId: meta.id, auth: { kind: 'join', key }, since: 0 });
      const viewed = waitFor(c, (m) => m.type === 'view');
      // Past the join rate of one address, joiners wait to be admitted: the facilitator admits them.
      const held = waitFor(c, (m) => m.type === 'held').then(() =>
        f.ws.send(JSON.stringify({ type: 'admission', id: `adm${i}`, action: 'admit', who: 'all' })),
      );
      c.ws.send(JSON.stringify({ type: 'join', name: `P${i}`, role: ROLES[i % ROLES.length] }));
      await viewed;
      void held;
      people.push(c);
    };
    let sent = 0;
    /** Actions by the incident commanders in turn; each done when every client's view shows it. */
    const act = async (actions: number): Promise<number[]> => {
      const senders = people.filter((_, i) => i % ROLES.length === 0);
      const latencies: number[] = [];
      for (let n = 0; n < actions; n++) {
        const sender = senders[n % senders.length]!;
        const target = ++sent;
        const shown = people.map((c) => viewShows(c, target));
        const t0 = performance.now();
        sender.ws.send(JSON.stringify({ type: 'act', id: `a${target}`, input: { type: 'COMMUNICATE', audience: 'internal', message: `bench-${target}` } }));
        await Promise.all(shown);
        latencies.push(performance.now() - t0);
      }
      return latencies;
    };
    await joinOne(0);
    f.ws.send(JSON.stringify({ type: 'clock', id: 'r', action: 'resume' }));
    const floor = await act(30);
    for (let i = 1; i < CLIENTS; i++) await joinOne(i);
    const latencies = await act(ACTIONS);
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
    for (const c of [f, ...people]) c.ws.close();

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
        name: `action → every view of ${CLIENTS} clients (${ROLES.length} roles, clock at 60×), p95`,
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
    ]);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void liveBench().then((ok) => process.exit(ok ? 0 : 1));
}
