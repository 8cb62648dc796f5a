/**
 * Every screen and state a facilitator, a participant and a solo trainee meet, at 1024×640,
 * 1280×720 and 1920×1080, light and dark (screenshots 'tour-*' to look at): every control
 * reachable, and axe-core finding nothing serious or critical.
 */
import { checkScreen, type Finding } from './screen-check.ts';
import { newPage, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

describe('every screen at laptop to projector size, light and dark, with axe', () => {
  const env = useHostAndBrowser();

  it('facilitated: library, setup, console tabs and dialogs, projector, join, participant, debrief, history', { timeout: 900_000 }, async () => {
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

    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).waitFor();
    await checkScreen(page, 'console-resolve-confirm', findings);
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);
    await page.getByTestId('engine-overall').waitFor();
    await checkScreen(page, 'debrief', findings);
    await checkScreen(projector, 'projector-ended', findings);
    await checkScreen(participant, 'participant-ended', findings);

    await page.goto(`${env.host.url}/#/history`);
    await page.getByRole('heading', { name: 'History' }).first().waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await checkScreen(page, 'history', findings);

    await page.context().close();
    await projector.context().close();
    await participant.context().close();
    expect(findings.map((f) => `${f.screen}: ${f.what}`)).toEqual([]);
  });

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
    await page.context().close();
    expect(findings.map((f) => `${f.screen}: ${f.what}`)).toEqual([]);
  });
});
