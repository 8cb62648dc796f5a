/**
 * The programme lead's pages (#22) in Chromium: each page at 1280×720 in light and dark (and one
 * in French) saved to test-results/screenshots/programme-*.png to be looked at; at 1024×640 none
 * scrolls sideways; the strict CSP blocks nothing the page needs (no CSP report in the console,
 * the stylesheet applied). The server runs from the sources on PGlite with the organisation of
 * test/unit/programme/lead-fixtures.ts; the caller is a programme lead's token (the browser sends
 * it as a header: the signed-in session is #22's auth work).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { buildServer } from '../../host/programme/server/app.ts';
import { openDatabase } from '../../host/programme/store/database.ts';
import { ProgrammeStore } from '../../host/programme/store/programme-store.ts';
import { LEAD_NOW, seedLeadOrg, type LeadOrg } from '../unit/programme/lead-fixtures.ts';
import { launchBrowser, screenshot, SHOTS } from './harness.ts';

let store: ProgrammeStore;
let app: FastifyInstance;
let dir: string;
let base: string;
let org: LeadOrg;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-lead-e2e-'));
  store = new ProgrammeStore(await openDatabase({ pgliteDir: join(dir, 'pglite') }), dir, () => LEAD_NOW);
  org = await seedLeadOrg(store);
  app = buildServer(store);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const PAGES = ['readiness', 'coverage', 'schedule', 'actions', 'exercise'] as const;
const urlOf = (p: (typeof PAGES)[number]) => (p === 'exercise' ? `/exercises/${org.digests['ex-b1']}` : `/${p}`);

async function open(width: number, height: number, colorScheme: 'light' | 'dark', path: string) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    extraHTTPHeaders: { authorization: `Bearer ${org.tokens.lead}` },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(100_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  const r = await page.goto(`${base}${path}`);
  expect(r?.status()).toBe(200);
  await page.locator('h1').waitFor();
  return { page, context, problems };
}

describe('the programme lead pages in Chromium', () => {
  it.each(PAGES)('%s: light and dark at 1280×720, no sideways scroll at 1024×640, nothing blocked by the CSP', async (name) => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, context, problems } = await open(1280, 720, scheme, urlOf(name));
      // The stylesheet is applied (the CSP allows it): the page background follows the scheme.
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(20, 23, 27)');
      await screenshot(page, `programme-${name}-${scheme}`);
      if (scheme === 'light') await page.screenshot({ path: join(SHOTS, `programme-${name}-full.png`), fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    }
    const { page, context } = await open(1024, 640, 'light', urlOf(name));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at 1024 px`).toBeLessThanOrEqual(0);
    await screenshot(page, `programme-${name}-1024`);
    await context.close();
  });

  it('readiness in French', async () => {
    const { page, context, problems } = await open(1280, 720, 'light', '/readiness?lang=fr');
    await expect(page.locator('h1').textContent()).resolves.toBe('Préparation');
    await screenshot(page, 'programme-readiness-fr');
    expect(problems).toEqual([]);
    await context.close();
  });
});
