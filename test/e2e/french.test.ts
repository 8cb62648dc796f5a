/**
 * The app in French (#20), in Chromium against the browser host: a facilitator switches the page's
 * language mid-exercise and the console (every tab), the debrief, History and setup read in French,
 * with screenshots to look at. The pseudo-locale component run (test/component/pseudo-locale.test.tsx)
 * is what proves no string escapes the catalogue; this one shows the real French in a real layout.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { newPage, screenshot, SHOTS, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, startExercise } from './ui-steps.ts';

const textOf = (page: Page) => page.locator('body').innerText();

/** English words the French screens must not show (labels and sentences of the app, not data). */
const ENGLISH =
  /\b(Respond|Investigate|Communicate|Facilitate|Harm and costs|Room and exercise|Send inject|Add note|Resolve incident|Exercise history|Start exercise|Scenario library|Readiness summary|Set up)\b/;

async function french(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('firebreak.language', 'fr'));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
}

describe('the app in French', () => {
  const env = useHostAndBrowser();

  it('console mid-exercise (every tab), debrief, History and setup read in French', async () => {
    const s = scenario('silent-bias-drift.yaml');
    const page = await newPage(env.browser);
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    const id = await startExercise(page, env.host, s);
    await page.keyboard.press('Space');
    await jumpToSignal(page, s.injects.find((i) => i.id === 'air-warning')!.title);
    await declareAndTriage(page, s, 2);
    await pause(page);

    await french(page);
    await page.getByTestId('sim-clock').waitFor();
    for (const tab of ['respond', 'investigate', 'communicate', 'facilitate']) {
      await page.locator(`#tab-${tab}`).click();
      await page.locator(`#tabpanel-${tab}`).waitFor();
      const text = await textOf(page);
      expect(text, tab).not.toMatch(ENGLISH);
      await screenshot(page, `fr-console-${tab}`);
    }
    expect(await textOf(page)).toContain('Préjudices et coûts');

    // Resolve, in French, and read the debrief.
    await page.locator('#tab-respond').click();
    await page.locator('[data-panel="resolve"] .panel-body > button').click();
    await page.getByRole('button', { name: 'Confirmer la résolution' }).click();
    await page.waitForURL(new RegExp(`#/debrief/${encodeURIComponent(id)}$`));
    await page.getByTestId('engine-overall').waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { name: 'Fiche de score' }).first().waitFor();
    expect(await textOf(page)).not.toMatch(ENGLISH);
    await screenshot(page, 'fr-debrief');
    await page.screenshot({ path: join(SHOTS, 'fr-debrief-full.png'), fullPage: true });
    // The rest of the debrief, a screen at a time (the full page is too tall to read as one image).
    for (const [i, y] of [720, 1440, 2160, 2880].entries()) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await screenshot(page, `fr-debrief-${i + 2}`);
    }

    await page.goto(`${env.host.url}/#/history`);
    await page.getByRole('heading', { name: 'Historique des exercices' }).waitFor();
    await page.getByRole('table', { name: 'Exercices' }).waitFor();
    expect(await textOf(page)).not.toMatch(ENGLISH);
    await screenshot(page, 'fr-history');

    await page.goto(`${env.host.url}/#/library`);
    await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Préparer l’exercice' }).click();
    await page.getByRole('button', { name: 'Démarrer l’exercice' }).waitFor();
    expect(await textOf(page)).not.toMatch(ENGLISH);
    await screenshot(page, 'fr-setup');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);
});
