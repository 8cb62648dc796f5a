/**
 * Start-up and page-weight benchmarks (issue #12):
 *  - initial JavaScript of the renderer: the entry chunk and every chunk it imports statically
 *    (what the browser must fetch and run before the first screen), from Vite's build manifest;
 *  - the debrief in Chromium: the longest main-thread task between opening the debrief and its
 *    results arriving from the worker (PerformanceObserver 'longtask', ≥ 50 ms), and when the
 *    score and the full model arrived;
 *  - `firebreak` start: the compiled CLI (`--help`, which loads every command's code) against node
 *    loading only xstate, yaml and zod, the libraries any run needs; `validate` and `run` whole;
 *  - `npm run web` with nothing changed: spawn to the first byte of the page.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../host/pdf/print-html.ts';
import { startWebHost, type WebHost } from '../host/web/server.ts';
import type { ExerciseMeta, InvokeChannel, InvokeRequest, InvokeResponses } from '../shared/contract/api.ts';
import { apiPath, type ApiEnvelope } from '../host/web/http-protocol.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../shared/engine/actions-file.ts';
import { loadScenario } from '../shared/scenario/load.ts';
import { median, report, type Figure } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KB = 1000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The entry chunk plus its static imports, transitively: what loads before the first screen. */
export function initialChunks(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('the build manifest has no entry chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) visit(i);
  };
  visit(entry[0]);
  return [...seen].map((k) => manifest[k]!.file);
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

/** A finished exercise of a built-in scenario played by its plausible-but-wrong team (many what-ifs). */
async function seedFinishedExercise(host: WebHost): Promise<ExerciseMeta> {
  const file = 'scenarios/provider-update-leakage.yaml';
  const source = readFileSync(join(ROOT, file), 'utf8');
  const loaded = loadScenario(source, file);
  if (!loaded.ok) throw new Error(`${file} does not validate`);
  const meta = await invoke(host, 'exercises:create', {
    scenarioId: loaded.scenario.id,
    scenarioSource: source,
    seed: 1,
    team: 'Bench',
    participants: [],
    mode: 'facilitated',
    speed: 60,
  });
  const run = new ExerciseRun(loaded.scenario, 1);
  playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams/provider-update-leakage.plausible-wrong.yaml'), 'utf8')));
  run.runToEnd();
  await invoke(host, 'exercises:append', { exerciseId: meta.id, entries: [...run.entries] });
  await invoke(host, 'exercises:finish', { exerciseId: meta.id, status: 'finished' });
  return meta;
}

/** Installed before the app's scripts: every long task, and what ran in long animation frames. */
function observeLongTasks(): void {
  const tasks: [number, number][] = [];
  const frames: string[] = [];
  (window as unknown as { __longTasks: [number, number][]; __loafs: string[] }).__longTasks = tasks;
  (window as unknown as { __loafs: string[] }).__loafs = frames;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { scripts: { invoker: string; sourceURL: string; duration: number }[] })[]) {
      const scripts = e.scripts.map((x) => `${x.invoker} ${x.sourceURL.split('/').pop()} ${x.duration.toFixed(0)} ms`).join('; ');
      frames.push(`at ${e.startTime.toFixed(0)} ms: ${e.duration.toFixed(0)} ms${scripts ? ` (${scripts})` : ''}`);
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

async function debriefFigures(staticDir: string): Promise<Figure[]> {
  if (!existsSync(CHROMIUM)) {
    console.log(`  debrief in Chromium skipped: no Chromium at ${CHROMIUM}`);
    return [];
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-data-'));
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startWebHost({ launchSecret: null, port: 0, host: '127.0.0.1', dataDir, staticDir });
    const meta = await seedFinishedExercise(host);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript({ content: `globalThis.__name = (f) => f; (${observeLongTasks.toString()})();` });
    // Load the app on the library first, so the figures are the debrief's, not the page's start.
    await page.goto(new URL('#/library', host.url).href);
    await page.getByRole('heading').first().waitFor({ timeout: 30_000 });
    // Calibration: a busy loop of 80 ms in the page must be reported, or the figures mean nothing.
    const calibrated = await page.evaluate(async () => {
      // A task of the page's own (a script run by page.evaluate is not reported as one).
      let t = 0;
      setTimeout(() => {
        t = performance.now();
        while (performance.now() - t < 80);
      }, 0);
      await new Promise((r) => setTimeout(r, 400));
      return (window as unknown as { __longTasks: [number, number][] }).__longTasks.some(([start, d]) => start <= t && start + d >= t + 75);
    });
    if (!calibrated) throw new Error('the page reports no long tasks (PerformanceObserver longtask); the debrief figures would be invalid');
    const opened: number = await page.evaluate((id) => {
      const t = performance.now();
      window.location.hash = `#/debrief/${encodeURIComponent(id)}`;
      return t;
    }, meta.id);
    await page.locator('[data-section="what-if"]').waitFor({ timeout: 60_000 });
    // When the frame with the finished debrief was painted: a task queued from the next animation frame.
    const painted: number = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve(performance.now());
            ch.port2.postMessage(null);
          }),
        ),
    );
    await page.waitForTimeout(300); // let the last render's long task be reported
    const r = await page.evaluate(() => ({
      tasks: (window as unknown as { __longTasks: [number, number][] }).__longTasks,
      scored: performance.getEntriesByName('firebreak:debrief-scored')[0]?.startTime ?? NaN,
      ready: performance.getEntriesByName('firebreak:debrief-ready')[0]?.startTime ?? NaN,
      whatIfs: document.querySelectorAll('[data-section="what-if"] li, [data-section="what-if"] tr').length,
      worker: performance.getEntriesByType('resource').some((e) => /debrief-worker/.test(e.name)),
      loafs: (window as unknown as { __loafs: string[] }).__loafs,
    }));
    if (process.env.BENCH_VERBOSE) for (const l of r.loafs) console.log(`  long frame ${l}`);
    if (!Number.isFinite(r.ready)) throw new Error('the debrief never marked its results as arrived');
    // While computing: tasks that started after the debrief was opened and before its results arrived.
    const computing = r.tasks.filter(([start]) => start >= opened && start < r.ready);
    const after = r.tasks.filter(([start]) => start >= r.ready);
    return [
      {
        name: 'debrief: longest main-thread task while it computes',
        value: Math.max(0, ...computing.map(([, d]) => d)),
        unit: 'ms',
        target: 50,
        note: `(${computing.length} long tasks; ${r.worker ? 'in the worker' : 'NO WORKER: computed in the page'})`,
      },
      { name: '  score on screen after opening', value: r.scored - opened, unit: 'ms' },
      { name: '  whole report model (what-ifs) after opening', value: r.ready - opened, unit: 'ms', note: `(${r.whatIfs} what-if rows)` },
      { name: '  longest task rendering the finished debrief', value: Math.max(0, ...after.map(([, d]) => d)), unit: 'ms' },
      {
        name: 'debrief: results arrived → rendered and painted',
        value: painted - r.ready,
        unit: 'ms',
        target: 1000,
        note: `(${after.length} long tasks after the results)`,
      },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The console route's JavaScript as a browser downloads it: a fresh page opens a running
 * exercise's console; every script it fetched (entry, chunks, worker), compressed as sent.
 */
async function consoleRouteFigures(staticDir: string): Promise<Figure[]> {
  if (!existsSync(CHROMIUM)) return [];
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-data-'));
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startWebHost({ launchSecret: null, port: 0, host: '127.0.0.1', dataDir, staticDir });
    const source = readFileSync(join(ROOT, 'scenarios/silent-bias-drift.yaml'), 'utf8');
    const meta = await invoke(host, 'exercises:create', {
      scenarioId: 'silent-bias-drift',
      scenarioSource: source,
      seed: 1,
      team: 'Bench',
      participants: [],
      mode: 'facilitated',
      speed: 1,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(new URL(`#/console/${encodeURIComponent(meta.id)}`, host.url).href);
    await page.locator('.run-state').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const scripts = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.m?js(\?|$)/.test(e.name))
        .map((e) => ({ sent: e.encodedBodySize, size: e.decodedBodySize })),
    );
    const sent = scripts.reduce((a, s) => a + s.sent, 0);
    const size = scripts.reduce((a, s) => a + s.size, 0);
    return [
      {
        name: 'console route: all JavaScript loaded, as sent (gzip)',
        value: sent / KB,
        unit: 'kB',
        target: 400,
        note: `(${scripts.length} scripts, ${(size / KB).toFixed(0)} kB uncompressed)`,
      },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Median wall time of `node args` over `n` runs. */
function nodeTime(args: string[], n: number): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** Median wall time of a command (not node) over `n` runs. */
function commandTime(cmd: string, args: string[], n: number): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    execFileSync(cmd, args, { cwd: ROOT, stdio: 'ignore' });
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

function cliFigures(): Figure[] {
  execFileSync(process.execPath, ['scripts/build.mjs', 'node', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const bare = nodeTime(['-e', '0'], 7);
  const baseline = nodeTime(['--input-type=module', '-e', "await Promise.all([import('xstate'), import('yaml'), import('zod')])"], 7);
  // README's documented command: `firebreak` (npm link → bin/firebreak.mjs, run by its shebang).
  const documented = commandTime(join(ROOT, 'bin', 'firebreak.mjs'), ['--help'], 7);
  const npx = commandTime('npx', ['--no-install', 'firebreak', '--help'], 3);
  const cli = nodeTime(['bin/firebreak.mjs', '--help'], 7);
  const validate = nodeTime(['bin/firebreak.mjs', 'validate', 'scenarios/silent-bias-drift.yaml'], 7);
  const run = nodeTime(
    ['bin/firebreak.mjs', 'run', 'scenarios/silent-bias-drift.yaml', '--actions', 'scenarios/teams/silent-bias-drift.textbook.yaml', '--json'],
    5,
  );
  return [
    { name: 'floor: `node -e 0`', value: bare, unit: 'ms' },
    {
      name: "CLI start, README's command (`firebreak --help`, whole process)",
      value: documented,
      unit: 'ms',
      target: 500,
      note: `(${(documented / bare).toFixed(1)}× the floor; through npx: ${npx.toFixed(0)} ms)`,
    },
    {
      name: '  CLI start ÷ node loading xstate+yaml+zod',
      value: cli / baseline,
      unit: '×',
      note: `(${cli.toFixed(0)} ms vs ${baseline.toFixed(0)} ms; loads the whole compiled CLI, dist-node/cli.mjs)`,
    },
    { name: '  `firebreak validate` a built-in scenario, whole process', value: validate, unit: 'ms', note: '(start plus parsing and checking the YAML)' },
    { name: '  `firebreak run` a built-in scenario, whole process', value: run, unit: 'ms' },
  ];
}

/** Spawns `npm run web`'s script and times the first byte of the page. */
async function webStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/web.mjs', '--port', '0', '--data', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('exit', (code) => reject(new Error(`npm run web exited (${code}): ${err}`)));
    });
    const res = await fetch(url);
    await res.arrayBuffer();
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
  }
}

export default async function webBench(): Promise<boolean> {
  console.log('Start-up and page weight');
  const figures: Figure[] = [];
  const staticDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-web-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-data-'));
  try {
    execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', staticDir, '--manifest', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const manifest = JSON.parse(readFileSync(join(staticDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const initial = initialChunks(manifest);
    const size = (f: string) => statSync(join(staticDir, f)).size;
    const initialBytes = initial.reduce((a, f) => a + size(f), 0);
    const allJs = Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => f.endsWith('.js'));
    figures.push({
      name: 'renderer: initial JavaScript (entry + static imports)',
      value: initialBytes / KB,
      unit: 'kB',
      target: 400,
      note: `(${initial.length} chunks; all JavaScript ${new Set(allJs).size.toString()} chunks, ${([...new Set(allJs)].reduce((a, f) => a + size(f), 0) / KB).toFixed(0)} kB)`,
    });

    figures.push(...(await consoleRouteFigures(staticDir)));
    figures.push(...(await debriefFigures(staticDir)));
    figures.push(...cliFigures());

    // First call may build (stale sources); the figure is the start with nothing changed.
    await webStart(dataDir);
    const starts = [await webStart(dataDir), await webStart(dataDir), await webStart(dataDir)];
    figures.push({ name: '`npm run web` to first byte, nothing changed', value: median(starts) / 1000, unit: 's', target: 1 });
  } finally {
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report(figures);
}
