/**
 * A screen loaded on demand (#18), in Chromium against the browser host: while History's chunk and
 * the later part of the English catalogue are on their way (held back here, so the state is seen
 * however fast the host answers), the route shows the sentence History itself starts with, in the
 * page's language and never as a message key; then History, worded. Screenshots:
 * 'lazy-history-loading-en' and 'lazy-history-loading-fr'.
 */
import '../../shared/i18n/all-catalogues.ts';
import { wordsFor, type Locale } from '../../shared/i18n/words.ts';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';

describe('a screen loaded on demand', () => {
  const env = useHostAndBrowser();

  it.each<Locale>(['en', 'fr'])('%s: History shows its loading sentence until its code and words arrive', async (locale) => {
    const w = wordsFor(locale);
    const page = await newPage(env.browser);
    await page.goto(new URL('#/library', env.host.url).href);
    if (locale !== 'en') {
      await page.evaluate((l) => localStorage.setItem('firebreak.language', l), locale);
      await page.reload();
    }
    await page.waitForFunction((l) => document.documentElement.lang === l, locale);
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const requested: string[] = [];
    await page.route(/\/(history-screen|later-english)-[^/]*\.js$/, async (route) => {
      requested.push(route.request().url());
      await held;
      await route.continue();
    });
    await page.evaluate(() => (window.location.hash = '#/history'));
    const loading = page.getByRole('status');
    await loading.filter({ hasText: w.t('ui.loading.exercises') }).waitFor();
    expect(requested.some((u) => /history-screen-/.test(u))).toBe(true);
    // English loads the later messages with History; French already has them, with its catalogue.
    expect(requested.some((u) => /later-english-/.test(u))).toBe(locale === 'en');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('ui.loading');
    expect(text).not.toMatch(/\bhistory\.\w/);
    await screenshot(page, `lazy-history-loading-${locale}`);

    release();
    await page.getByRole('heading', { level: 1, name: w.t('history.title') }).waitFor();
    // History shows the same sentence while its rows arrive, then the rows: the sentence goes.
    await page
      .getByRole('status')
      .filter({ hasText: w.t('ui.loading.exercises') })
      .waitFor({ state: 'hidden', timeout: 120_000 });
  });
});
