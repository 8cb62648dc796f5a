/**
 * Live-session benchmark (issue #18): 300 participant clients on loopback in six roles, the clock
 * running at 60×. Each client keeps its view as the renderer does (whole `view`, then `viewPatch`es
 * applied on top); an action is done when every client's view shows it (the team's sent count), so
 * the figure is the view as rendered, not the journal entry. Paired with the same action seen by one
 * client in the same run (the floor: fsync and one round trip). Then the bytes each idle client
 * receives per second while the clock runs, the host's memory per running exercise, and what the
 * host holds for 40 sockets that stop reading (bounded by the per-socket cap: they are dropped).
 *
 * The room's clients run in a worker thread (bench/live-room-worker.ts), not on the host's: the
 * host's event loop does the host's work only, as in a room of devices; this thread hosts, and
 * runs the slow readers and the memory figure itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { startWebHost } from '../host/web/server.ts';
import { MAX_BUFFERED_BYTES } from '../host/room/ws-gateway.ts';
import { invokeOverHttp } from '../host/web/http-protocol.ts';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../host/pdf/print-html.ts';
import { bundleBenchEntry } from './bundle.ts';
import { MANY_ROLES, openRoom, p95, roomSetup, sendUntilAccepted, type Client } from './live-clients.ts';
import type { RoomResult, RoomTask } from './live-room-worker.ts';
import { report } from './measure.ts';
import { builtRenderer } from './renderer-build.ts';

const ROOT = join(import.meta.dirname, '..');
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 300);
const ACTIONS = 100;
const IDLE_MS = 10_000;
/**
 * BENCH_SCREENSHOT_PARTICIPANT=file.png: one of the 300 is a participant's page in Chromium (the
 * last to join, a scribe), photographed after the actions with the room full and the clock
 * running; the figures then count the other 299.
 */
const SCREENSHOT_PARTICIPANT = process.env.BENCH_SCREENSHOT_PARTICIPANT;
const EXERCISES = 20;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/**
 * BENCH_LIVE_PROFILE=file.cpuprofile: a CPU profile of the host's thread during the 300-client
 * actions only, for Chrome DevTools or speedscope.
 */
async function startProfile(): Promise<(path: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
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

/** A participant's device: the join page in Chromium, let in by the facilitator, showing the room. */
async function participantPage(joinUrl: string, admit: () => void): Promise<{ page: Page; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 420, height: 860 } });
  await page.goto(joinUrl);
  await page.getByLabel('Your name').fill('Device');
  await page.getByLabel('Your role').selectOption('scribe');
  await page.getByRole('button', { name: 'Join' }).click();
  const actions = page.getByRole('region', { name: 'Your actions' });
  // Past the join rate the page waits in the waiting room: the facilitator lets everyone in.
  while (!(await actions.isVisible())) {
    admit();
    await actions.waitFor({ timeout: 2000 }).catch(() => undefined);
  }
  return { page, close: () => browser.close() };
}

export default async function liveBench(): Promise<boolean> {
  console.log(`Live session: ${CLIENTS} participants on loopback, ${ACTIONS} actions, clock running`);
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-live-bench-'));
  mkdirSync(join(dir, 'static'));
  const host = await startWebHost({
    launchSecret: null,
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: process.env.BENCH_SCREENSHOT_ROOM || SCREENSHOT_PARTICIPANT ? builtRenderer() : join(dir, 'static'),
    lan: { bindHost: '127.0.0.1', advertiseHost: '127.0.0.1' },
  });
  const base = host.url.replace(/\/$/, '');
  const { file: script, dispose } = await bundleBenchEntry('live-room-worker.ts');
  try {
    const source = readFileSync(join(ROOT, 'scenarios/provider-update-leakage.yaml'), 'utf8');
    const setup = roomSetup(source);
    const task: RoomTask = {
      hostUrl: host.url,
      launchSecret: host.launchSecret,
      source,
      clients: CLIENTS,
      actions: ACTIONS,
      floorActions: 30,
      idleMs: IDLE_MS,
      device: Boolean(SCREENSHOT_PARTICIPANT),
    };
    const worker = new Worker(script, { workerData: task });
    const failed = new Promise<never>((_, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the room's worker exited with ${code}`)));
    });
    let device: { page: Page; close(): Promise<void> } | null = null;
    let profiling: ((path: string) => Promise<void>) | null = null;
    const result = await Promise.race([
      failed,
      new Promise<RoomResult>((resolve, reject) => {
        worker.on('message', (m: { type: string; joinUrl?: string }) => {
          if (m.type === 'device')
            void participantPage(m.joinUrl!, () => worker.postMessage({ type: 'admit' })).then((d) => {
              device = d;
              worker.postMessage({ type: 'go' });
            }, reject);
          if (m.type === 'acting' && process.env.BENCH_LIVE_PROFILE) void startProfile().then((stop) => (profiling = stop), reject);
          if (m.type === 'result') resolve(m as RoomResult);
        });
      }),
    ]);
    if (profiling) await (profiling as (path: string) => Promise<void>)(process.env.BENCH_LIVE_PROFILE!);
    const { floor, latencies, perClient, running } = result;
    const shown = device as { page: Page; close(): Promise<void> } | null;
    if (shown) {
      // The page's view, with the room full and the clock running, once it shows the last message.
      await shown.page.getByText(`bench-${result.sent}`).first().waitFor({ timeout: 60_000 });
      await shown.page.screenshot({ path: SCREENSHOT_PARTICIPANT! });
      await shown.close();
    }
    if (process.env.BENCH_SCREENSHOT_ROOM) {
      // The facilitator's console with the full room, in Chromium.
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(new URL(`#/console/${encodeURIComponent(result.exerciseId)}`, host.url).href);
        await page.locator('.run-state').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(2000);
        await page.screenshot({ path: process.env.BENCH_SCREENSHOT_ROOM });
      } finally {
        await browser.close();
      }
    }
    worker.postMessage({ type: 'close' });
    await new Promise((resolve) => worker.once('exit', resolve));

    // Slow readers (#23): 40 participants stop reading while ten client liaisons send long messages
    // (every participant's feed shows them). The kernel takes the first megabytes of each socket;
    // then the host holds what it cannot send, and must drop a socket once that passes the cap, so
    // what it holds stays bounded whatever the clients do.
    const SLOW = 40;
    const SENDERS = 10;
    const second = await openRoom(host.url, host.launchSecret, source);
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
    for (const c of [second.f, ...slow, ...senders]) c.ws.close();

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
    dispose();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void liveBench().then((ok) => process.exit(ok ? 0 : 1));
}
