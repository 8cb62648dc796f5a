/**
 * UI responsiveness benchmark (issue: console responsiveness), in Debian's Chromium:
 *  - input-to-paint latency of real clicks and key presses on the facilitator console while the
 *    clock runs at 60× and a stress scenario pours 5,000 signals into the feed (~500 a second);
 *  - long frames over the same window.
 *
 * Input-to-paint is the Event Timing API's duration (input timestamp to the next paint after the
 * handlers ran), per interaction the longest of its events, as INP counts it. Entries are only
 * reported from 16 ms, so an interaction without one counts as 16 ms (an upper bound). A probe in
 * the page cross-checks it: from the event's timestamp to a task queued from the next animation
 * frame, which runs once that frame has been painted.
 *
 * Frames are timed by a requestAnimationFrame loop; long-animation-frame entries (≥ 50 ms) say
 * what ran in the long ones.
 */
import { CHROMIUM_ARGS } from '../host/pdf/print-html.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../host/web/server.ts';
import type { ExerciseMeta, InvokeChannel, InvokeRequest, InvokeResponses } from '../shared/contract/api.ts';
import type { ApiEnvelope } from '../host/web/http-protocol.ts';
import { apiPath } from '../host/web/http-protocol.ts';
import { CHANNELS } from '../shared/scenario/schema.ts';
import { channelLabel } from '../shared/i18n/labels.ts';
import { report, type Figure } from './measure.ts';
import { stressScenarioYaml } from './stress-scenario.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIGNALS = 5000;
/** Wall time measured from the moment the console is up and running at 60×. */
const WINDOW_MS = 15_000;
/** Interactions are spread over the first part of the window, while signals still arrive. */
const INTERACTIONS = 40;
const INPUT_GAP_MS = 120;
/** Event Timing reports only entries of at least this many ms. */
const EVENT_THRESHOLD = 16;

interface PageEvent {
  name: string;
  start: number;
  duration: number;
  interactionId: number;
  processingStart: number;
  processingEnd: number;
}
interface PageLoaf {
  start: number;
  duration: number;
  blocking: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: { invoker: string; source: string; duration: number; forcedStyleAndLayout: number }[];
}
interface PageProbe {
  type: string;
  t0: number;
  afterPaint: number;
}
interface BenchState {
  frames: [number, number][];
  events: PageEvent[];
  loafs: PageLoaf[];
  probes: PageProbe[];
}

/** Installed before the app's scripts: observers, the frame loop and the input probe. */
function instrument(threshold: number): void {
  const B: BenchState = { frames: [], events: [], loafs: [], probes: [] };
  (window as unknown as { __bench: BenchState }).__bench = B;
  new PerformanceObserver((list) => {
    // interactionId is not in this TypeScript's DOM library yet.
    for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[]) {
      B.events.push({
        name: e.name,
        start: e.startTime,
        duration: e.duration,
        interactionId: e.interactionId,
        processingStart: e.processingStart,
        processingEnd: e.processingEnd,
      });
    }
  }).observe({ type: 'event', durationThreshold: threshold, buffered: true } as PerformanceObserverInit);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const l = e as PerformanceEntry & {
          blockingDuration: number;
          renderStart: number;
          styleAndLayoutStart: number;
          scripts: { invoker: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[];
        };
        B.loafs.push({
          start: l.startTime,
          duration: l.duration,
          blocking: l.blockingDuration,
          renderStart: l.renderStart,
          styleAndLayoutStart: l.styleAndLayoutStart,
          scripts: l.scripts.map((s) => ({
            invoker: s.invoker,
            source: s.sourceURL,
            duration: s.duration,
            forcedStyleAndLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // Not supported: the rAF loop still times every frame.
  }
  let last: number | undefined;
  const frame = (t: number) => {
    if (last !== undefined) B.frames.push([t, t - last]);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // The probe: from the input's timestamp to a task queued in the next frame, which runs after its paint.
  const probe = (ev: Event) => {
    const t0 = ev.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => B.probes.push({ type: ev.type, t0, afterPaint: performance.now() - t0 });
      ch.port2.postMessage(null);
    });
  };
  for (const type of ['click', 'keydown']) window.addEventListener(type, probe, { capture: true });
}

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

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function signalCount(page: Page): Promise<number> {
  // Nothing is read during the run, so the feed's unread badge is the number of signals.
  const text = await page
    .locator('[data-panel="feed"] .panel-header .badge')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  return text ? Number(text.replace(/\D/g, '')) : 0;
}

async function clickChip(page: Page, label: string): Promise<boolean> {
  const chip = page
    .getByRole('group', { name: 'Filter by channel' })
    .getByRole('button', { name: new RegExp(`^${label.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}`) });
  const box = await chip.boundingBox();
  if (!box) return false;
  await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
  return true;
}

export default async function uiLatencyBench(): Promise<boolean> {
  console.log('UI (Chromium)');
  if (!existsSync(CHROMIUM)) {
    console.log(`  skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    return true;
  }
  const staticDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-web-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-data-'));
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', staticDir, '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    host = await startWebHost({ launchSecret: null, port: 0, host: '127.0.0.1', dataDir, staticDir });

    const text = stressScenarioYaml(SIGNALS);
    const imported = await invoke(host, 'scenarios:import', { fileName: 'stress-5000.yaml', text });
    if (!imported.ok) throw new Error(`the stress scenario does not validate: ${imported.problems.map((p) => p.message).join('; ')}`);
    const meta: ExerciseMeta = await invoke(host, 'exercises:create', {
      scenarioId: 'stress-5000',
      scenarioSource: text,
      seed: 1,
      team: 'Bench',
      participants: [],
      mode: 'facilitated',
      speed: 60,
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    // tsx compiles named functions with calls to an `__name` helper; the page needs it too.
    await page.addInitScript({ content: `globalThis.__name = (f) => f; (${instrument.toString()})(${EVENT_THRESHOLD});` });
    await page.goto(new URL(`#/console/${encodeURIComponent(meta.id)}`, host.url).href);

    // A new exercise opens running at its speed; make sure of 60× (key 3) and that it runs.
    const runState = page.locator('.run-state');
    await runState.waitFor({ timeout: 30_000 });
    if ((await runState.textContent())?.includes('Paused')) await page.keyboard.press(' ');
    await page.keyboard.press('3');
    await page.getByText('Running 60×').waitFor({ timeout: 5000 });
    const t0: number = await page.evaluate(() => performance.now());

    // Interactions: channel chips and "All" in turn, with a press of 3 (60×) every fifth, while the feed fills.
    const chips = page.getByRole('group', { name: 'Filter by channel' }).getByRole('button');
    const chipTexts = await chips.allTextContents();
    const chipLabels = CHANNELS.map((c) => channelLabel(c)).filter((l) => chipTexts.some((t) => t.startsWith(l)));
    let interactions = 0;
    let missedClicks = 0;
    for (let i = 0; i < INTERACTIONS; i++) {
      const before = await page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.probes.length);
      if (i % 5 === 4) await page.keyboard.press('3');
      else if (!(await clickChip(page, i % 2 === 0 ? chipLabels[(i / 2) % chipLabels.length]! : 'All'))) {
        missedClicks++;
        continue;
      }
      interactions++;
      // Wait until the probe has seen the frame after this input, then leave a short gap.
      // (page.evaluate, not waitForFunction: the app's CSP has no 'unsafe-eval'.)
      await page.evaluate(
        (n) =>
          new Promise<void>((resolve) => {
            const check = () => ((window as unknown as { __bench: BenchState }).__bench.probes.length > n ? resolve() : requestAnimationFrame(check));
            check();
          }),
        before,
      );
      await page.waitForTimeout(INPUT_GAP_MS);
    }
    const tInputsEnd: number = await page.evaluate(() => performance.now());
    const countAtLastInput = await signalCount(page);
    const remaining = WINDOW_MS - (tInputsEnd - t0);
    if (remaining > 0) await page.waitForTimeout(remaining);
    const t1: number = await page.evaluate(() => performance.now());
    const count = await signalCount(page);
    const state = await page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
    const stillRunning = (await runState.textContent())?.includes('Running 60×') ?? false;
    if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors.map((e) => e.message).join('; ')}`);

    // Event Timing, per interaction (the longest of its events), as INP counts it.
    const byInteraction = new Map<number, number>();
    for (const e of state.events) {
      if (e.interactionId === 0 || e.start < t0) continue;
      byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
    }
    const reported = [...byInteraction.values()];
    const eventLatencies = [...reported, ...Array<number>(Math.max(0, interactions - reported.length)).fill(EVENT_THRESHOLD)];
    const probes = state.probes.filter((p) => p.t0 >= t0).map((p) => p.afterPaint);
    const frames = state.frames.filter(([t]) => t >= t0 && t <= t1).map(([, d]) => d);
    const loafs = state.loafs.filter((l) => l.start >= t0 && l.start <= t1);
    // The longer of the largest gap between animation frames and the longest long-animation-frame entry.
    const longestRaf = frames.length ? Math.max(...frames) : NaN;
    const longestLoaf = Math.max(0, ...loafs.map((l) => l.duration));
    const longest = Math.max(longestRaf, longestLoaf);

    const figures: Figure[] = [
      {
        name: `p95 input-to-paint at 60× with ${SIGNALS.toLocaleString('en-US')} signals`,
        value: percentile(eventLatencies, 95),
        unit: 'ms',
        target: 50,
        note: `(Event Timing, ${interactions} inputs, ${reported.length} ≥ ${EVENT_THRESHOLD} ms)`,
      },
      { name: '  p50 input-to-paint', value: percentile(eventLatencies, 50), unit: 'ms' },
      { name: '  max input-to-paint', value: Math.max(...eventLatencies), unit: 'ms' },
      {
        name: '  cross-check: p95 input to after-next-paint (rAF probe)',
        value: percentile(probes, 95),
        unit: 'ms',
        note: `(p50 ${percentile(probes, 50).toFixed(1)}, max ${Math.max(...probes).toFixed(1)}, n ${probes.length})`,
      },
      {
        name: 'longest frame',
        value: longest,
        unit: 'ms',
        target: 100,
        note: `(rAF gap ${longestRaf.toFixed(1)}, long-animation-frame ${longestLoaf.toFixed(1)}; ${frames.length} frames in ${((t1 - t0) / 1000).toFixed(1)} s)`,
      },
      {
        name: '  p95 frame time',
        value: percentile(frames, 95),
        unit: 'ms',
        note: `(frames over 50 ms: ${frames.filter((d) => d > 50).length}; long-animation-frame entries: ${loafs.length})`,
      },
      {
        name: '  signals in the feed at the end of the window',
        value: count,
        unit: 'signals',
        note: `(${countAtLastInput} after the last input; ${chipLabels.length} channel chips; clock ${stillRunning ? 'still running at 60×' : 'NOT running at 60×'})`,
      },
    ];
    const ok = report(figures);
    if (missedClicks > 0) console.log(`  note: ${missedClicks} inputs skipped (chip not on the page)`);
    if (process.env.BENCH_VERBOSE) {
      for (const l of loafs.sort((a, b) => b.duration - a.duration).slice(0, 5)) {
        const scripts = l.scripts
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => `${s.invoker} ${s.duration.toFixed(0)} ms`)
          .join(', ');
        console.log(
          `  long frame at ${((l.start - t0) / 1000).toFixed(2)} s: ${l.duration.toFixed(0)} ms (render ${(l.start + l.duration - l.renderStart).toFixed(0)} ms) ${scripts}`,
        );
      }
    }
    const complete = count >= SIGNALS && stillRunning;
    if (!complete) console.log(`  the run did not deliver ${SIGNALS} signals at 60× within the window (${count}); the figures above are not valid`);
    return ok && complete;
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
