/**
 * History in Chromium (issue #18): from the click that opens History to the table painted and
 * scrolled to its middle, with the middle rows painted, for 5,000 and 50,000 exercises. The list
 * is served from memory (the store's own listing is store.ts's figure), made of copies of a real
 * finished exercise's meta with varied teams, dates and scores. Paired with the same steps for
 * one exercise in the same run (the floor: the screen's fixed cost).
 *
 * BENCH_SCREENSHOT=<file.png> saves History with 5,000 exercises; BENCH_PROFILE=<file.cpuprofile> a
 * CPU profile of opening it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../host/pdf/print-html.ts';
import { createWebHandlers, startWebHost, type WebHost } from '../host/web/server.ts';
import { withStatus, type Handlers } from '../host/api-handlers.ts';
import { ExerciseStore } from '../host/storage/exercise-store.ts';
import { parseRequest, type ExerciseMeta, type InvokeChannel, type InvokeRequest, type InvokeResponses } from '../shared/contract/api.ts';
import { apiPath, type ApiEnvelope } from '../host/web/http-protocol.ts';
import { median, report } from './measure.ts';
import { toRow } from '../shared/history/metrics.ts';
import { encodeRows } from '../shared/history/row-columns.ts';
import { builtRenderer } from './renderer-build.ts';
import { stressScenarioYaml } from './stress-scenario.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function invoke<K extends InvokeChannel>(host: WebHost, channel: K, request: InvokeRequest<K>): Promise<InvokeResponses[K]> {
  const res = await fetch(new URL(apiPath(channel), host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as ApiEnvelope<InvokeResponses[K]>;
  if (!body.ok) throw new Error(`${channel}: ${body.error.code}: ${body.error.message}`);
  return body.result;
}

function metas(template: ExerciseMeta, n: number): ExerciseMeta[] {
  return Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(Date.UTC(2020, 0, 1) + i * 1_800_000).toISOString();
    const outcome = template.outcome && i % 5 !== 4 ? { ...template.outcome, overall: 30 + ((i * 37) % 70) } : null;
    return {
      ...template,
      id: `bench-${String(i).padStart(6, '0')}`,
      team: `Team ${i % 40}`,
      createdAt,
      updatedAt: createdAt,
      status: outcome ? 'finished' : i % 10 === 4 ? 'running' : 'abandoned',
      outcome,
    };
  });
}

/** In the page: open History, wait for rows, scroll to the middle, wait for the middle rows and the paint after. */
function openAndScroll(expected: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const nav = document.querySelector<HTMLAnchorElement>('a[href="#/history"]');
    if (nav) nav.click();
    else location.hash = '#/history';
    const deadline = t0 + 60_000;
    const afterPaint = (done: () => void) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => done();
        ch.port2.postMessage(null);
      });
    let scrolled = false;
    const check = () => {
      if (performance.now() > deadline) return reject(new Error('History did not show its rows within 60 s'));
      const table = document.querySelector('table[aria-label="Exercises"]');
      if (!table || table.getAttribute('aria-rowcount') !== String(expected + 1) || !table.querySelector('tbody tr[data-id]'))
        return void requestAnimationFrame(check);
      const scroller = table.closest<HTMLElement>('[data-virtual-scroll]') ?? document.scrollingElement!;
      const mid = Math.floor(expected / 2) + 2;
      if (!scrolled) {
        scrolled = true;
        scroller.scrollTop = Math.max(0, (scroller.scrollHeight - scroller.clientHeight) / 2);
        return void requestAnimationFrame(check);
      }
      const rows = [...table.querySelectorAll('tbody tr[aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
      if (expected > 1 && !rows.some((r) => Math.abs(r - mid) < 40)) return void requestAnimationFrame(check);
      afterPaint(() => resolve(performance.now() - t0));
    };
    requestAnimationFrame(check);
  });
}

async function measure(page: Page, served: { list: ExerciseMeta[] }, list: ExerciseMeta[], reps: number): Promise<number> {
  served.list = list;
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    await page.evaluate(() => (location.hash = '#/library'));
    await page.locator('a[href="#/history"]').first().waitFor();
    out.push(await page.evaluate(openAndScroll, list.length));
  }
  return median(out);
}

export default async function historyBench(): Promise<boolean> {
  console.log('History (Chromium): open, show, scroll to the middle');
  if (!existsSync(CHROMIUM)) {
    console.log(`  skipped: no Chromium at ${CHROMIUM}`);
    return true;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-data-'));
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    // The host's own handlers, but the listing answers from memory (the store's listing is store.ts's figure).
    const served: { list: ExerciseMeta[] } = { list: [] };
    const store = new ExerciseStore(dataDir);
    const real = createWebHandlers({ dataDir }, store);
    // History asks for its rows (#18); the host's encoding of them is part of what is timed.
    const handlers: Handlers = {
      ...real,
      'exercises:list': async (request) => withStatus({ exercises: served.list, problems: [] }, parseRequest('exercises:list', request).status),
      'exercises:rows': async () => ({ rows: encodeRows(served.list.map(toRow)), problems: [] }),
    };
    host = await startWebHost({ launchSecret: null, port: 0, host: '127.0.0.1', dataDir, staticDir: builtRenderer(), store, handlers });
    const text = stressScenarioYaml(20);
    await invoke(host, 'scenarios:import', { fileName: 'stress.yaml', text });
    const created = await invoke(host, 'exercises:create', {
      scenarioId: 'stress-5000',
      scenarioSource: text,
      seed: 1,
      team: 'Bench',
      participants: [],
      mode: 'solo',
      speed: 60,
    });
    await invoke(host, 'exercises:append', { exerciseId: created.id, entries: [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }] });
    const template = await invoke(host, 'exercises:finish', { exerciseId: created.id, status: 'finished' });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(new URL('#/library', host.url).href);
    // Warm-up: the History chunk loaded and compiled once, as in a session that has opened it before.
    await measure(page, served, metas(template, 1), 1);

    const floor = await measure(page, served, metas(template, 1), 5);
    const five = await measure(page, served, metas(template, 5000), 3);
    if (process.env.BENCH_PROFILE) {
      // A CPU profile of one more 5,000-exercise opening (for `node bench/top-profile.mjs` or DevTools).
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await measure(page, served, metas(template, Number(process.env.BENCH_PROFILE_N ?? 5000)), 1);
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    }
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    const fifty = await measure(page, served, metas(template, 50_000), 3);
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    return report([
      { name: 'floor: History with 1 exercise, open and scroll', value: floor, unit: 'ms' },
      { name: 'History with 5,000 exercises shown and scrolled', value: five, unit: 'ms', target: 300, note: `(${(five / floor).toFixed(1)}× the floor)` },
      { name: 'History with 50,000 exercises shown and scrolled', value: fifty, unit: 'ms', target: 1000, note: `(${(fifty / floor).toFixed(1)}× the floor)` },
    ]);
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await historyBench()) ? 0 : 1);
