/**
 * End-to-end harness: the browser host as a real child process (so a test can kill it like a
 * crash and start it again on the same data), and Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM_ARGS } from '../../host/pdf/print-html.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The launch secret of every host these tests start (FIREBREAK_LAUNCH_SECRET): a user gets it in
 * the link the host prints; here each page is given it before it loads (newPage), as that link would.
 */
export const E2E_SECRET = `e2e${randomBytes(18).toString('base64url')}`;

export interface Host {
  url: string;
  /** The port it listens on (a restart can ask for the same one). */
  port: number;
  dataDir: string;
  /** SIGKILL: no shutdown hooks run, as when the machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'firebreak-e2e-'));
}

/**
 * Starts the compiled host (dist-node/web.mjs, built by global-setup) and waits for its "running at"
 * line. `port` 0 picks a free one; a restart after a kill can ask for the port it had. A room opened
 * to participants listens and advertises on loopback only.
 */
export async function startHost(dataDir: string = newDataDir(), port = 0): Promise<Host> {
  // One plain node process, so a SIGKILL of it is a crash of the host itself.
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'dist-node', 'web.mjs'), '--port', String(port), '--data', dataDir, '--static', inject('staticDir')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FIREBREAK_LAN_BIND: '127.0.0.1', FIREBREAK_LAN_ADVERTISE: '127.0.0.1', FIREBREAK_LAUNCH_SECRET: E2E_SECRET },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // The printed link carries the launch secret in its fragment: http://127.0.0.1:PORT/#key=SECRET
      const m = /running at (http:\/\/\S+?)\/?#key=(\S+)/.exec(out);
      if (m && m[2] !== E2E_SECRET) reject(new Error(`the host printed a link with another secret: ${m[0]}`));
      else if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}) before starting: ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

export async function newPage(browser: Browser, width = 1280, height = 720): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await context.addInitScript((secret) => sessionStorage.setItem('firebreak.launchSecret', secret), E2E_SECRET);
  const page = await context.newPage();
  // Playwright's own 30 s per action is too short on a loaded machine; waits stay on states (an
  // element, a text), and the test's timeout still ends one that never comes.
  page.setDefaultTimeout(100_000);
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A browser host and Chromium shared by the tests of one describe block, stopped after them. */
/**
 * For suites that start (and kill, and restart) hosts of their own: `start` is startHost, and
 * every host it started is stopped after the suite.
 */
export function useHosts(): { start(dataDir?: string, port?: number): Promise<Host> } {
  const hosts: Host[] = [];
  afterAll(async () => {
    for (const h of hosts) await h.stop().catch(() => undefined);
  });
  return {
    async start(dataDir, port) {
      const host = await startHost(dataDir, port);
      hosts.push(host);
      return host;
    },
  };
}

/** One Chromium for the suite, closed after it. */
export function useBrowser(): { readonly browser: Browser } {
  const env = {} as { browser: Browser };
  beforeAll(async () => {
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  return env;
}

export function useHostAndBrowser(): { readonly host: Host; readonly browser: Browser } {
  const env = {} as { host: Host; browser: Browser };
  beforeAll(async () => {
    env.host = await startHost();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.host?.stop();
  });
  return env;
}
