/**
 * #20: the projector's results view stays inside 1920×1080 (hot-wash prompt included) once harm is
 * revealed, light and dark, English and French; History's MTTC column shows its value in full.
 */
import type { Page } from 'playwright-core';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

async function checkResults(projector: Page, name: string): Promise<void> {
  const results = projector.locator('.room-results-projector');
  await results.waitFor();
  await screenshot(projector, name);
  // The whole view on the screen, the hot-wash prompt included.
  const box = (await results.boundingBox())!;
  expect(box.y + box.height, name).toBeLessThanOrEqual(1080);
  const prompt = (await results.locator('.room-results-hot-wash').boundingBox())!;
  expect(prompt.y + prompt.height, name).toBeLessThanOrEqual(1080);
  expect(await projector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
}

describe("the room's results view", () => {
  const env = useHostAndBrowser();

  it(
    "the projector's results view fits 1920×1080 with harm revealed, light and dark, English and French (harm over time is on the devices)",
    { timeout: 600_000 },
    async () => {
      const s = scenario('stale-pricing-data.yaml');
      const page = await newPage(env.browser);
      await startExercise(page, env.host, s);
      await pause(page);
      await tab(page, 'Facilitate');
      await page.getByRole('button', { name: 'Open the room to participants' }).click();
      const projector = await newPage(env.browser, 1920, 1080);
      await projector.goto((await page.getByTestId('projector-link').getAttribute('href'))!);
      await projector.getByLabel('Exercise clock').waitFor();

      await jumpToSignal(page, s.injects.find((i) => i.id === 'bookings-surge')!.title);
      await declareAndTriage(page, s, 1);
      const label = s.containments.find((c) => c.id === 'stop-all-sales')!.label;
      await page.getByRole('listitem', { name: label }).getByRole('button', { name: 'Apply' }).click();
      await jumpToSignal(page, s.injects.find((i) => i.id === 'bot-traffic')!.title);

      // Before harm is revealed, the results carry no harm; the facilitator reveals it, then resolves.
      await tab(page, 'Facilitate');
      await page.getByRole('button', { name: 'Reveal harm to the room' }).click();
      await tab(page, 'Respond');
      await page.getByRole('button', { name: 'Resolve incident…' }).click();
      await page.getByRole('button', { name: 'Confirm resolve' }).click();

      await checkResults(projector, 'room-results-1920x1080-en-light');
      await projector.emulateMedia({ colorScheme: 'dark' });
      await checkResults(projector, 'room-results-1920x1080-en-dark');
      await projector.evaluate(() => localStorage.setItem('firebreak.language', 'fr'));
      await projector.reload();
      await projector.waitForFunction(() => document.documentElement.lang === 'fr');
      await checkResults(projector, 'room-results-1920x1080-fr-dark');
      await projector.emulateMedia({ colorScheme: 'light' });
      await checkResults(projector, 'room-results-1920x1080-fr-light');

      await page.context().close();
      await projector.context().close();
    },
  );

  it('History shows MTTC in full ("not contained", not "not contai…") at 1024, 1280 and 1920 wide, in English and French', { timeout: 600_000 }, async () => {
    const s = scenario('stale-pricing-data.yaml');
    const page = await newPage(env.browser);
    // A run never contained: declared on the first signal and resolved without a containment.
    await startExercise(page, env.host, s);
    await pause(page);
    await jumpToSignal(page, s.injects.find((i) => i.id === 'bookings-surge')!.title);
    await declareAndTriage(page, s, 1);
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);
    await page.goto(`${env.host.url}/#/history`);
    for (const lang of ['en', 'fr'] as const) {
      if (lang === 'fr') {
        await page.evaluate(() => localStorage.setItem('firebreak.language', 'fr'));
        await page.reload();
        await page.waitForFunction(() => document.documentElement.lang === 'fr');
      }
      const never = lang === 'en' ? 'not contained' : 'non confiné';
      for (const [width, height] of [
        [1024, 640],
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.locator('.exercises-table tbody tr:not(.spacer-row)').first().waitFor();
        await page.locator('.exercises-table').getByText(never).first().waitFor();
        await screenshot(page, `history-mttc-${width}x${height}-${lang}`);
        // Every timing cell (duration, MTTD, MTTC, notify) shows its whole text: no ellipsis.
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll('.exercises-table tbody td')]
            .filter((td) => td.querySelector('.timing') && td.scrollWidth > td.clientWidth)
            .map((td) => `${td.textContent} (${td.scrollWidth} > ${td.clientWidth})`),
        );
        expect(cut, `${lang} ${width}×${height}`).toEqual([]);
      }
    }
    await page.context().close();
  });
});
