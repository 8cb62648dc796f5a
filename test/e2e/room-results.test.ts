/**
 * #20: the projector's results view stays inside 1920×1080 (hot-wash prompt included) once harm is
 * revealed, light and dark, English and French; the facilitator switches the projector to its
 * second slide, harm over time with the team's decisions, which fits too, in the room's type, with
 * nothing facilitator-only on the wire; History's MTTC column shows its value in full.
 */
import type { Page } from 'playwright-core';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';
import { axeViolations } from './screen-check.ts';
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

/**
 * The harm slide at 1920×1080: on the screen whole (no scroll either way), body text at least
 * 28 px, axis numbers and decision markers at least 18 px, every chart drawn, and axe finding
 * nothing serious or critical.
 */
async function checkHarmSlide(projector: Page, name: string): Promise<void> {
  const slide = projector.locator('.room-harm-slide');
  await slide.waitFor();
  await slide.locator('figure').first().waitFor();
  // One chart for each harm that moves in this run or when doing nothing (the variant the seed drew decides).
  const chartCount = await slide.locator('figure').count();
  await expect.poll(() => slide.locator('.recharts-line').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2 * chartCount);
  await projector.mouse.move(0, 0);
  await projector.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await screenshot(projector, name);
  const box = (await slide.boundingBox())!;
  expect(box.y + box.height, name).toBeLessThanOrEqual(1080);
  expect(box.x + box.width, name).toBeLessThanOrEqual(1920);
  const scroll = await projector.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  expect(scroll, name).toEqual({ w: 1920, h: 1080 });
  const sizes = await slide.evaluate((el) => {
    const px = (sel: string) => [...el.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize));
    return {
      body: [...px('figcaption'), ...px('.room-harm-slide-decisions li')],
      axis: px('.recharts-cartesian-axis-tick-value'),
      markers: px('.recharts-reference-line text, text.recharts-label'),
      // Each chart and decision inside the slide and no caption cut short: nothing clipped.
      outside: [...el.querySelectorAll('figure, li')].filter((e) => {
        const r = e.getBoundingClientRect();
        const s = el.getBoundingClientRect();
        return r.right > s.right + 1 || r.bottom > s.bottom + 1;
      }).length,
      cut: [...el.querySelectorAll('figcaption')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    };
  });
  expect(sizes.body.length, name).toBeGreaterThan(chartCount);
  expect(Math.min(...sizes.body), name).toBeGreaterThanOrEqual(28);
  expect(sizes.axis.length, name).toBeGreaterThan(4 * chartCount);
  expect(Math.min(...sizes.axis), name).toBeGreaterThanOrEqual(18);
  expect(sizes.markers.length, name).toBeGreaterThan(0);
  expect(Math.min(...sizes.markers), name).toBeGreaterThanOrEqual(18);
  expect(sizes.outside, name).toBe(0);
  expect(sizes.cut, name).toEqual([]);
  expect(await axeViolations(projector), name).toEqual([]);
}

describe("the room's results view", () => {
  const env = useHostAndBrowser();

  it(
    "the projector's results view and its harm-over-time slide (switched from the debrief) fit 1920×1080 with harm revealed, light and dark, English and French",
    { timeout: 600_000 },
    async () => {
      const s = scenario('stale-pricing-data.yaml');
      const page = await newPage(env.browser);
      await startExercise(page, env.host, s);
      await pause(page);
      await tab(page, 'Facilitate');
      await page.getByRole('button', { name: 'Open the room to participants' }).click();
      const projector = await newPage(env.browser, 1920, 1080);
      // Every frame the host sends the projector, as the browser received it.
      const frames: string[] = [];
      projector.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
      await projector.goto((await page.getByTestId('projector-link').getAttribute('href'))!);
      await projector.getByLabel('Exercise clock').waitFor();
      const secret = 'Facilitator-only note: nobody read the GDS notice';
      await page.getByLabel('Note', { exact: true }).fill(secret);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByText(secret).first().waitFor();

      await jumpToSignal(page, s.injects.find((i) => i.id === 'bookings-surge')!.title);
      await declareAndTriage(page, s, 1);
      const label = s.containments.find((c) => c.id === 'stop-all-sales')!.label;
      await page.getByRole('listitem', { name: label }).getByRole('button', { name: 'Apply' }).click();
      await jumpToSignal(page, s.injects.find((i) => i.id === 'bot-traffic')!.title);

      // Before harm is revealed, the results carry no harm and the console does not offer the harm
      // slide; the facilitator reveals it, then resolves.
      await tab(page, 'Facilitate');
      const harmSlide = page.getByRole('group', { name: 'Show on the projector at the end' }).getByRole('radio', { name: 'Harm over time' });
      expect(await harmSlide.isDisabled()).toBe(true);
      await harmSlide.scrollIntoViewIfNeeded();
      await screenshot(page, 'room-results-console-slide-choice');
      await page.getByRole('button', { name: 'Reveal harm to the room' }).click();
      await expect.poll(() => harmSlide.isDisabled()).toBe(false);
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

      // The console moved on to the debrief; the room's screen is switched from there, by keyboard.
      await page.getByTestId('engine-overall').waitFor({ timeout: 300_000 });
      const screen = page.getByRole('region', { name: 'The room’s screen' });
      await screen.waitFor();
      const results = screen.getByRole('radio', { name: 'Results' });
      await expect.poll(() => results.isChecked()).toBe(true);
      await results.focus();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => screen.getByRole('radio', { name: 'Harm over time' }).isChecked()).toBe(true);
      await screenshot(page, 'room-results-debrief-room-screen');
      await checkHarmSlide(projector, 'room-results-harm-1920x1080-fr-light');
      await projector.emulateMedia({ colorScheme: 'dark' });
      await checkHarmSlide(projector, 'room-results-harm-1920x1080-fr-dark');
      await projector.evaluate(() => localStorage.setItem('firebreak.language', 'en'));
      await projector.reload();
      await projector.waitForFunction(() => document.documentElement.lang === 'en');
      await checkHarmSlide(projector, 'room-results-harm-1920x1080-en-dark');
      await projector.emulateMedia({ colorScheme: 'light' });
      await checkHarmSlide(projector, 'room-results-harm-1920x1080-en-light');
      const slideText = await projector.locator('.room-harm-slide').innerText();
      expect(slideText).toMatch(/Harm over time/i);
      expect(slideText).toContain(label); // the containment, among the team's decisions
      expect(slideText).toMatch(/This run: \$[\d,]+/);
      expect(slideText).toMatch(/Doing nothing: \$[\d,]+/);

      // Nothing facilitator-only reached the projector, the harm slide included.
      const wire = frames.join('\n');
      expect(wire).toContain('resultsSlide');
      expect(wire).not.toContain('scenarioSource');
      expect(wire).not.toContain(secret);
      expect(wire).not.toMatch(/redHerring|red herring/i);
      for (const f of s.faults) expect(wire).not.toContain(f.description.slice(0, 40));
      expect(await projector.locator('body').innerText()).not.toMatch(/facilitator|red herring|Adjusted/i);

      // Back to the score card (the radio follows the host's answer).
      await screen.getByRole('radio', { name: 'Results' }).click();
      await projector.locator('.room-results-projector').waitFor();
      await expect.poll(() => screen.getByRole('radio', { name: 'Results' }).isChecked()).toBe(true);

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
