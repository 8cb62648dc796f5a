/**
 * The programme server end to end in Chromium (#22): two facilitators, each with their own data
 * folder, run an exercise of their own team the way the app does and publish it with
 * `firebreak publish` (the host code path); the programme lead signs in through the organisation's
 * OpenID Connect provider (a real `oidc-provider` on 127.0.0.1) and sees both teams' readiness, the
 * coverage matrix and the corrective actions; a viewer of another unit signs in with a local
 * account and sees neither team. Every server page is saved to test-results/screenshots/server-*.png
 * to be looked at.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { CliIo } from '../../host/cli/main.ts';
import { OidcRelyingParty } from '../../host/programme/auth/oidc.ts';
import { SignInStore } from '../../host/programme/auth/sign-in-store.ts';
import { publishCommand } from '../../host/programme/publish/publish-command.ts';
import { buildServer } from '../../host/programme/server/app.ts';
import { openDatabase } from '../../host/programme/store/database.ts';
import { ProgrammeStore } from '../../host/programme/store/programme-store.ts';
import { fixedStore } from '../unit/host/host-helpers.ts';
import { appExercise } from '../unit/programme/app-exercise.ts';
import { startTestProvider, type TestProvider } from '../unit/programme/test-oidc-provider.ts';
import { launchBrowser, screenshot } from './harness.ts';
import { freePort } from '../free-port.ts';

const CHEAP = { logN: 10, r: 8, p: 1 };
const LENA = { sub: 'idp-lena', email: 'lena@example.org', emailVerified: true, name: 'Lena Lead' };

function quietIo(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (s) => lines.push(s), err: (s) => lines.push(s), readFile: () => Buffer.alloc(0), writeFile: () => undefined };
}

let dir: string;
let store: ProgrammeStore;
let app: FastifyInstance;
let provider: TestProvider;
let browser: Browser;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-server-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startTestProvider(`${base}/sign-in/oidc/callback`, LENA);
  store = new ProgrammeStore(await openDatabase({ pgliteDir: join(dir, 'pglite') }), join(dir, 'server'));
  app = buildServer(store, {
    oidc: new OidcRelyingParty({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: `${base}/sign-in/oidc/callback`,
      label: 'Example SSO',
    }),
    passwordCost: CHEAP,
  });
  await app.listen({ host: '127.0.0.1', port });

  // The organisation, as its programme lead set it up (firebreak server person / account / token).
  const signIn = new SignInStore(store, { passwordCost: CHEAP });
  const payments = await store.addUnit('Payments');
  const lending = await store.addUnit('Lending');
  const research = await store.addUnit('Research');
  const lena = await store.addPerson('Lena Lead');
  await store.grant(lena, 'programme_lead', null);
  await signIn.setEmail(lena, LENA.email);
  const token = async (name: string, unit: number) => {
    const id = await store.addPerson(name);
    await store.grant(id, 'facilitator', unit);
    return (await store.createToken(id, 'desktop')).token;
  };
  const fay = await token('Fay Facilitator', payments);
  const finn = await token('Finn Facilitator', lending);
  const vic = await store.addPerson('Vic Viewer');
  await store.grant(vic, 'viewer', research);
  await signIn.setLocalAccount(vic, 'vic', 'viewer of research only');

  // Two facilitators, two data folders, two teams: each runs an exercise and publishes it.
  const desks = [
    { data: join(dir, 'fay-laptop'), team: 'Blue', token: fay, action: 'Add a drift alert on approval rates', start: Date.UTC(2026, 9, 5, 9) },
    { data: join(dir, 'finn-laptop'), team: 'Red', token: finn, action: 'Write the model rollback runbook', start: Date.UTC(2026, 10, 9, 14) },
  ];
  for (const d of desks) {
    const exercises = fixedStore(join(d.data, 'exercises'), d.start);
    const id = await appExercise(exercises, d.team, [{ id: 'a1', text: d.action, owner: `${d.team} owner`, due: '2026-12-31' }]);
    const io = quietIo();
    const code = await publishCommand({ positionals: [exercises.dirOf(id)], values: { server: base, token: d.token, data: d.data } }, io, {});
    expect(code, io.lines.join('\n')).toBe(0);
    expect(io.lines.join('\n')).toMatch(new RegExp(`published \\(team ${d.team}`));
  }
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
}, 120_000);

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(100_000);
  return page;
}

describe('the programme server in Chromium', () => {
  it('the programme lead signs in through OIDC and sees both teams, the coverage matrix and the corrective actions', async () => {
    const page = await freshPage();
    await page.goto(`${base}/readiness`);
    await page.waitForURL(/\/sign-in\?next=%2Freadiness/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'server-sign-in');
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    // The provider signs the fixed account in and sends the browser back to the page it asked for.
    await page.waitForURL(`${base}/readiness`);
    await page.locator('h1').waitFor();
    const readiness = await page.locator('main').innerText();
    for (const t of ['Blue', 'Red', 'Payments', 'Lending']) expect(readiness).toContain(t);
    await screenshot(page, 'server-readiness');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'fb_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.goto(`${base}/coverage`);
    await page.locator('h1').waitFor();
    const coverage = await page.locator('main').innerText();
    expect(coverage).toContain('Blue');
    expect(coverage).toContain('Red');
    await screenshot(page, 'server-coverage');

    await page.goto(`${base}/actions`);
    await page.locator('h1').waitFor();
    const actions = await page.locator('main').innerText();
    expect(actions).toContain('Add a drift alert on approval rates');
    expect(actions).toContain('Write the model rollback runbook');
    await screenshot(page, 'server-actions');

    await page.goto(`${base}/schedule`);
    await page.locator('h1').waitFor();
    await screenshot(page, 'server-schedule');

    const first = (await store.listExercises((await new SignInStore(store).principalOf(1))!))[0]!;
    await page.goto(`${base}/exercises/${first.digest}`);
    await page.locator('h1').waitFor();
    await screenshot(page, 'server-exercise');

    await page.goto(`${base}/account`);
    await page.getByRole('heading', { name: 'Lena Lead' }).waitFor();
    await page.getByLabel('Label').fill('Laptop in room 4');
    await page.getByRole('button', { name: 'Make a token' }).click();
    await expect.poll(async () => page.locator('#new-token').innerText()).toMatch(/^fbp_/);
    await screenshot(page, 'server-account');

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(`${base}/sign-in`);
    await page.goto(`${base}/readiness`);
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  }, 300_000);

  it('a viewer of another unit signs in with a local account and sees neither team', async () => {
    const page = await freshPage();
    await page.goto(`${base}/readiness`);
    await page.getByLabel('Login').fill('vic');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Wrong login or password.');
    await screenshot(page, 'server-sign-in-refused');
    await page.getByLabel('Password').fill('viewer of research only');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${base}/readiness`);
    await page.locator('h1').waitFor();
    for (const path of ['/readiness', '/coverage', '/actions', '/schedule']) {
      await page.goto(`${base}${path}`);
      await page.locator('h1').waitFor();
      const text = await page.locator('main').innerText();
      for (const t of ['Blue', 'Red', 'Payments', 'Lending', 'drift alert', 'rollback runbook'])
        expect(text, `${path} as a viewer of Research`).not.toContain(t);
      await screenshot(page, `server-viewer${path.replace('/', '-')}`);
    }
    await page.context().close();
  }, 300_000);

  it('an identity the organisation gave no access gets a page saying so', async () => {
    provider.signInAs = { sub: 'idp-stranger', email: 'stranger@example.org', emailVerified: true, name: 'A Stranger' };
    const page = await freshPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await page.getByRole('heading', { name: 'No access to this programme server' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('stranger@example.org');
    await screenshot(page, 'server-no-access');
    await page.context().close();
  }, 300_000);
});
