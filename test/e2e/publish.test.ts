/**
 * #22: "Publish to programme server" in Chromium against the browser host, with a real programme
 * server (PGlite) that is not running at first. The facilitator sets the server and token once in
 * History, publishes a finished exercise: it is Queued with the reason (nothing listens yet); the
 * server starts, "Try again now" publishes it, History and the debrief say Published; the setup
 * screen then shows "Last time this team agreed to …: done?" for the team. Screenshots:
 * publish-history-queued, publish-debrief-queued, publish-debrief-published,
 * publish-history-published, publish-setup-hint.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../host/programme/server/app.ts';
import { openDatabase } from '../../host/programme/store/database.ts';
import { ProgrammeStore } from '../../host/programme/store/programme-store.ts';
import { ExerciseStore } from '../../host/storage/exercise-store.ts';
import { appExercise } from '../unit/programme/app-exercise.ts';
import { newDataDir, newPage, screenshot, useBrowser, useHosts } from './harness.ts';
import { freePort } from '../free-port.ts';

describe('publish to the programme server from the app', () => {
  const hosts = useHosts();
  const env = useBrowser();
  let serverDir = '';
  let programme: ProgrammeStore;
  let app: FastifyInstance | null = null;
  let token = '';

  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'firebreak-e2e-programme-'));
    programme = new ProgrammeStore(await openDatabase({ pgliteDir: join(serverDir, 'pglite') }), serverDir);
    const unit = await programme.addUnit('Payments');
    const fay = await programme.addPerson('Fay Facilitator');
    await programme.grant(fay, 'facilitator', unit);
    token = (await programme.createToken(fay, 'desktop')).token;
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await programme?.close();
    if (serverDir) await rm(serverDir, { recursive: true, force: true });
  });

  it('queues while the server is down, publishes when it is back, and reminds the team at setup', { timeout: 600_000 }, async () => {
    const dataDir = newDataDir();
    const store = new ExerciseStore(dataDir);
    const id = await appExercise(store, 'Blue', [{ id: 'a1', text: 'Add a drift alert on approval rates', owner: 'Sam', due: '2026-04-01' }]);
    await store.close();
    const port = await freePort();
    const host = await hosts.start(dataDir);
    const page = await newPage(env.browser);

    await page.goto(`${host.url}/#/history`);
    await page.getByText('Programme server: not set').click();
    await page.getByLabel('Server address').fill(`http://127.0.0.1:${port}`);
    await page.getByLabel('Personal access token').fill(token);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByLabel('Personal access token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(token);

    const row = page.locator(`tr[data-id="${id}"]`);
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Publish 1 exercise' }).click();
    await row.locator('[data-publish-state="queued"]').waitFor();
    await page.getByText(/1 exercise is waiting for the programme server: .* is not reachable/).waitFor();
    await screenshot(page, 'publish-history-queued');

    await page.goto(`${host.url}/#/debrief/${id}`);
    const panel = page.getByRole('group', { name: 'Programme server' });
    await panel.locator('[data-publish-state="queued"]').waitFor();
    await screenshot(page, 'publish-debrief-queued');

    app = buildServer(programme);
    await app.listen({ port, host: '127.0.0.1' });
    await panel.getByRole('button', { name: 'Try again now' }).click();
    await panel.locator('[data-publish-state="published"]').waitFor();
    await panel.getByText(/team Blue, unit Payments, score \d+ as re-scored by the server/).waitFor();
    await screenshot(page, 'publish-debrief-published');
    expect(await programme.counts()).toEqual({ exercises: 1, correctiveActions: 1 });

    await page.goto(`${host.url}/#/history`);
    await page.locator(`tr[data-id="${id}"] [data-publish-state="published"]`).waitFor();
    await screenshot(page, 'publish-history-published');

    await page.goto(`${host.url}/#/setup/${encodeURIComponent('builtin:silent-bias-drift.yaml')}`);
    await page.getByRole('textbox', { name: 'Team name' }).fill('Blue');
    const hint = page.getByTestId('team-actions-hint');
    await hint.getByText('Add a drift alert on approval rates: done?').waitFor();
    await screenshot(page, 'publish-setup-hint');
  });
});
