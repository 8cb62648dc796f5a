/**
 * Live-session benchmark (issue: live session owned by the host): 30 participant clients on
 * loopback; the p95 time from an action being sent to its journal entry reaching all 30 clients
 * (target under 100 ms; each action is fsynced before it is broadcast), and the host's memory per
 * running exercise.
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
import { report } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const CLIENTS = 30;
const ACTIONS = 200;
const EXERCISES = 20;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

interface Client {
  ws: WebSocket;
  onMessage(fn: (m: ServerMessage) => void): () => void;
}

async function open(url: string, hello: object): Promise<Client> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/live`, { origin: `http://${u.host}` });
  const listeners = new Set<(m: ServerMessage) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as ServerMessage;
    for (const l of [...listeners]) l(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify(hello));
  return {
    ws,
    onMessage: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
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
  console.log(`Live session: ${CLIENTS} participants on loopback, ${ACTIONS} actions`);
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-live-bench-'));
  mkdirSync(join(dir, 'static'));
  const host = await startWebHost({
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'static'),
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
    const f = await open(host.url, { type: 'hello', exerciseId: meta.id, auth: { kind: 'facilitator' }, since: 0 });
    const roomInfo = waitFor(f, (m) => m.type === 'room' && m.room.open);
    f.ws.send(JSON.stringify({ type: 'clock', id: 'p', action: 'pause' }));
    f.ws.send(JSON.stringify({ type: 'room', id: 'o', action: 'open' }));
    const room = (await roomInfo) as Extract<ServerMessage, { type: 'room' }>;
    const joinUrl = room.room.joinUrl!;
    const lan = joinUrl.slice(0, joinUrl.indexOf('#'));
    const key = joinUrl.split('/').at(-1)!;
    const people: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = await open(lan, { type: 'hello', exerciseId: meta.id, auth: { kind: 'join', key }, since: 0 });
      const viewed = waitFor(c, (m) => m.type === 'view');
      c.ws.send(JSON.stringify({ type: 'join', name: `P${i}`, role: 'incident_commander' }));
      await viewed;
      people.push(c);
    }
    // Each action: sent by one participant (rotating); done when its entry has reached all 30.
    const latencies: number[] = [];
    for (let n = 0; n < ACTIONS; n++) {
      const sender = people[n % CLIENTS]!;
      const text = `bench-${n}`;
      const arrived = people.map((c) => waitFor(c, (m) => m.type === 'entries' && m.public.some((e) => e.text.endsWith(text))));
      const t0 = performance.now();
      sender.ws.send(JSON.stringify({ type: 'act', id: `a${n}`, input: { type: 'COMMUNICATE', audience: 'internal', message: text } }));
      await Promise.all(arrived);
      latencies.push(performance.now() - t0);
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
    return report([
      {
        name: `action → shown on all ${CLIENTS} clients, p95`,
        value: p95(latencies),
        unit: 'ms',
        target: 100,
        note: `(median ${[...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!.toFixed(1)} ms, fsync included)`,
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
