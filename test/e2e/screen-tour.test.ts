/**
 * Every screen and state a facilitator, a participant and a solo trainee meet, at 1024×640,
 * 1280×720 and 1920×1080, light and dark (screenshots 'tour-*' to look at): every control
 * reachable, and axe-core finding nothing serious or critical. Besides the running screens: empty
 * and error states, the scenario editor, programme-server settings, the evaluator's and the
 * facilitator's HSEEP forms, each debrief section, History filtered, and the report and HSEEP
 * AAR/IP PDFs printed with their pages saved as PNG ('tour-pdf-*', 'tour-aarip-*').
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkScreen, type Finding } from './screen-check.ts';
import { newPage, SHOTS, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

/** The debrief's sections, each a screen of its own to look at (the page is too long for one). */
const DEBRIEF_SECTIONS = ['key-times', 'harm', 'what-if', 'findings', 'notices', 'hseep', 'plan', 'timeline'] as const;

async function debriefSections(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const id of DEBRIEF_SECTIONS) {
    const section = page.locator(`[data-section="${id}"]`);
    if ((await section.count()) === 0) continue;
    await checkScreen(page, `${name}-${id}`, findings, { show: section });
  }
}

describe('every screen at laptop to projector size, light and dark, with axe', () => {
  const env = useHostAndBrowser();

  it(
    'before any exercise: empty History, programme-server settings, a wrong address, an exercise that is not there, the scenario editor',
    { timeout: 600_000 },
    async () => {
      const findings: Finding[] = [];
      const s = scenario('stale-pricing-data.yaml');
      const page = await newPage(env.browser);
      await page.goto(`${env.host.url}/#/history`);
      await page.getByRole('heading', { name: 'Exercise history' }).waitFor();
      await page.getByText('Programme server: not set').waitFor();
      await checkScreen(page, 'history-empty', findings);
      await page.getByText('Programme server: not set').click();
      await page.getByRole('button', { name: 'Save' }).first().waitFor();
      await checkScreen(page, 'history-programme-settings', findings);

      await page.goto(`${env.host.url}/#/nowhere`);
      await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
      await checkScreen(page, 'not-found', findings);
      // An exercise that is not there: a page saying so under a level-one heading, with the ways
      // back and no link to a debrief that could not open either.
      await page.goto(`${env.host.url}/#/console/ex-not-there`);
      await page.getByRole('heading', { level: 1, name: 'This exercise is not here' }).waitFor();
      expect(await page.getByRole('link', { name: 'Open its debrief' }).count()).toBe(0);
      await checkScreen(page, 'console-unavailable', findings);
      await page.goto(`${env.host.url}/#/debrief/ex-not-there`);
      await page.getByRole('heading', { level: 1, name: 'This exercise is not here' }).waitFor();
      await page.getByRole('link', { name: 'Back to the library' }).waitFor();
      await checkScreen(page, 'debrief-unavailable', findings);

      await page.goto(`${env.host.url}/#/library`);
      await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
      await page.getByRole('link', { name: 'Preview and edit the scenario' }).click();
      await page.waitForURL(/#\/author\//);
      await page.getByText('No problems: the scenario validates.').waitFor();
      await checkScreen(page, 'author-preview', findings);
      await page.getByRole('button', { name: 'YAML text' }).click();
      await page.getByRole('textbox', { name: /Scenario YAML/ }).waitFor();
      await checkScreen(page, 'author-yaml', findings);
      await page.getByRole('button', { name: 'Table' }).click();
      await page.getByRole('textbox', { name: /Scenario YAML/ }).waitFor({ state: 'detached' });
      await checkScreen(page, 'author-table', findings);
      await page.context().close();
      expect(findings.map((f) => `${f.screen}: ${f.what}`)).toEqual([]);
    },
  );

  // 47 screens × 6 shots with axe at two: ~14 min beside seven other agents on two cores.
  it(
    'facilitated: library, setup, console tabs and dialogs, projector, join, participant, evaluator, debrief sections, PDFs, History and its filters',
    { timeout: 1_800_000 },
    async () => {
      const findings: Finding[] = [];
      const s = scenario('stale-pricing-data.yaml');
      const title = (id: string) => s.injects.find((i) => i.id === id)!.title;
      const page = await newPage(env.browser);

      await page.goto(`${env.host.url}/#/library`);
      await page.getByRole('article', { name: s.title }).waitFor();
      await checkScreen(page, 'library', findings);
      await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
      await page.getByLabel('Team name').waitFor();
      await checkScreen(page, 'setup', findings);

      await startExercise(page, env.host, s);
      await pause(page);
      await jumpToSignal(page, title('bookings-surge'));
      await declareAndTriage(page, s, s.rubric.severity);
      await checkScreen(page, 'console-respond', findings);
      await tab(page, 'Investigate');
      await checkScreen(page, 'console-investigate', findings);
      await tab(page, 'Communicate');
      await checkScreen(page, 'console-communicate', findings);
      await tab(page, 'Facilitate');
      await page.getByRole('button', { name: 'Open the room to participants' }).click();
      const joinUrl = (await page.getByTestId('join-link').getAttribute('href'))!;
      const projectorUrl = (await page.getByTestId('projector-link').getAttribute('href'))!;
      await checkScreen(page, 'console-facilitate', findings);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog').waitFor();
      await checkScreen(page, 'console-shortcuts', findings);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      const projector = await newPage(env.browser);
      await projector.goto(projectorUrl);
      await projector.getByLabel('Exercise clock').waitFor();
      await checkScreen(projector, 'projector', findings);
      // Readable from the back of the room at 1920×1080: body text ≥ 28 px, chart axis labels ≥ 18 px.
      await projector.setViewportSize({ width: 1920, height: 1080 });
      const px = (selector: string) =>
        projector
          .locator(selector)
          .first()
          .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      await expect.poll(() => px('.projector-signal-body')).toBeGreaterThanOrEqual(28);
      await expect.poll(() => px('.recharts-cartesian-axis-tick-value')).toBeGreaterThanOrEqual(18);
      await projector.setViewportSize({ width: 1280, height: 720 });

      const participant = await newPage(env.browser);
      await participant.goto(joinUrl);
      await participant.getByLabel('Your name').waitFor();
      await checkScreen(participant, 'join', findings);
      await participant.getByLabel('Your name').fill('Dana');
      await participant.getByLabel('Your role').selectOption('technical_lead');
      await participant.getByRole('button', { name: 'Join' }).click();
      await participant.getByRole('region', { name: 'Your actions' }).waitFor();
      await checkScreen(participant, 'participant', findings);
      const evaluator = await newPage(env.browser);
      await evaluator.goto(joinUrl);
      await evaluator.getByLabel('Your name').fill('Eve');
      await evaluator.getByLabel('Your role').selectOption('evaluator');
      await evaluator.getByRole('button', { name: 'Join' }).click();
      await evaluator.getByRole('region', { name: 'Rate the objectives' }).waitFor();
      await checkScreen(evaluator, 'participant-evaluator', findings);
      await evaluator.context().close();
      // The facilitator's own HSEEP rating forms, in the Facilitate tab.
      await tab(page, 'Facilitate');
      await checkScreen(page, 'console-facilitate-evaluation', findings, { show: page.locator('form[data-objective]').first() });

      await tab(page, 'Respond');
      await page.getByRole('button', { name: 'Resolve incident…' }).click();
      await page.getByRole('button', { name: 'Confirm resolve' }).waitFor();
      await checkScreen(page, 'console-resolve-confirm', findings, { show: page.locator('[data-panel="resolve"]') });
      await page.getByRole('button', { name: 'Confirm resolve' }).click();
      await page.waitForURL(/#\/debrief\//);
      await page.getByTestId('engine-overall').waitFor();
      await checkScreen(page, 'debrief', findings);
      await debriefSections(page, 'debrief', findings);
      await page.evaluate(() => window.scrollTo(0, 0));

      // The after-action report and the HSEEP AAR/IP as printed: every page as PNG, to look at.
      const dir = mkdtempSync(join(tmpdir(), 'firebreak-tour-'));
      for (const [button, name] of [
        ['PDF', 'tour-pdf'],
        ['HSEEP AAR/IP (PDF)', 'tour-aarip'],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 120_000 }),
          page.getByRole('group', { name: 'Export the report' }).getByRole('button', { name: button, exact: true }).click(),
        ]);
        const pdf = join(dir, download.suggestedFilename());
        await download.saveAs(pdf);
        const pages = new RegExp(`^${name}-\\d+\\.png$`);
        for (const f of readdirSync(SHOTS).filter((f) => pages.test(f))) rmSync(join(SHOTS, f));
        execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SHOTS, name)]);
        expect(readdirSync(SHOTS).filter((f) => pages.test(f)).length).toBeGreaterThan(1);
      }
      rmSync(dir, { recursive: true, force: true });

      await checkScreen(projector, 'projector-ended', findings);
      await checkScreen(participant, 'participant-ended', findings);

      await page.goto(`${env.host.url}/#/history`);
      await page.getByRole('heading', { name: 'History' }).first().waitFor();
      await page.getByRole('row').nth(1).waitFor();
      await checkScreen(page, 'history', findings);
      await page.getByLabel('Search').fill('Blue');
      await expect.poll(() => page.getByRole('button', { name: 'Clear filters' }).isEnabled()).toBe(true);
      await checkScreen(page, 'history-filtered', findings);
      await page.getByLabel('Search').fill('no team has this name');
      await page.getByText('No exercises match these filters.').waitFor();
      await checkScreen(page, 'history-filtered-none', findings);

      await page.context().close();
      await projector.context().close();
      await participant.context().close();
      expect(findings.map((f) => `${f.screen}: ${f.what}`)).toEqual([]);
    },
  );

  it('solo: setup asks for no team, the screen holds no Roles panel, tabs and debrief', { timeout: 600_000 }, async () => {
    const findings: Finding[] = [];
    const s = scenario('provider-update-leakage.yaml');
    const setup = await newPage(env.browser);
    await setup.goto(`${env.host.url}/#/library`);
    await setup.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
    await setup.getByRole('radio', { name: /Solo/ }).check();
    await setup.getByLabel('Your name').waitFor();
    expect(await setup.getByLabel('Team name').count()).toBe(0);
    await checkScreen(setup, 'setup-solo', findings);
    await setup.context().close();

    const page = await newPage(env.browser);
    await startExercise(page, env.host, s, 'solo');
    await pause(page);
    expect(await page.getByRole('region', { name: 'Roles' }).count()).toBe(0);
    await jumpToSignal(page, s.injects.find((i) => i.id === 'dlp-alert')!.title);
    await page.getByRole('tab', { name: 'Respond' }).waitFor();
    await checkScreen(page, 'solo-respond', findings);
    await tab(page, 'Hints');
    await checkScreen(page, 'solo-hints', findings);
    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);
    await page.getByTestId('engine-overall').waitFor();
    await checkScreen(page, 'debrief-solo', findings);
    await debriefSections(page, 'debrief-solo', findings);
    await page.context().close();
    expect(findings.map((f) => `${f.screen}: ${f.what}`)).toEqual([]);
  });
});
