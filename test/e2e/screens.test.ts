/**
 * Screens at 1280×720 in Chromium against the browser host, with screenshots to look at: the
 * scenario library, the projector (a client of the host's session, like every screen) and solo
 * mode. The projector and solo screen must not show, nor receive, what only the facilitator may see.
 */
import type { Page } from 'playwright-core';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';
import { jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

/** Everything a page shows as text (what a person in the room can read). */
const textOf = (page: Page) => page.locator('body').innerText();

describe('screens at 1280×720', () => {
  const env = useHostAndBrowser();

  it('the scenario library lists the built-in scenarios', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.host.url}/#/library`);
    for (const file of ['silent-bias-drift.yaml', 'stale-pricing-data.yaml', 'provider-update-leakage.yaml']) {
      await page.getByRole('article', { name: scenario(file).title }).waitFor();
    }
    await page.getByRole('link', { name: 'History' }).waitFor();
    await screenshot(page, 'library');
    await page.context().close();
  });

  it('the projector shows the room view: clock and signals, nothing facilitator-only', async () => {
    const s = scenario('stale-pricing-data.yaml');
    const console = await newPage(env.browser);
    const id = await startExercise(console, env.host, s);
    await pause(console);

    // Past the fault (a hidden timeline entry), a red herring and the first real alert.
    const shown = ['gds-maintenance', 'extract-failed', 'bookings-surge', 'bot-traffic'].map((i) => s.injects.find((x) => x.id === i)!.title);
    await jumpToSignal(console, shown.at(-1)!);
    const secret = 'Facilitator-only note: the team has not looked at the GDS notice';
    await tab(console, 'Facilitate');
    await console.getByLabel('Note', { exact: true }).fill(secret);
    await console.getByRole('button', { name: 'Add note' }).click();
    await console.getByText(secret).first().waitFor();

    // The console itself shows the facilitator's view, so the checks below mean something.
    const consoleText = await textOf(console);
    expect(consoleText).toMatch(/red herring/i);
    expect(consoleText).toContain('Harm and costs');
    expect(consoleText).toContain('facilitator only');
    expect(consoleText).toContain('Quiet failure');

    const [projector] = await Promise.all([console.context().waitForEvent('page'), console.getByRole('button', { name: 'Projector', exact: true }).click()]);
    const errors: Error[] = [];
    projector.on('pageerror', (e) => errors.push(e));
    expect(projector.url()).toContain(`#/projector/${encodeURIComponent(id)}`);
    expect(projector.viewportSize()).toEqual({ width: 1280, height: 720 });

    // The room view arrives over BroadcastChannel; the console publishes it a few times a second.
    const clock = projector.getByLabel('Exercise clock');
    await clock.waitFor();
    const simClock = (await console.getByTestId('sim-clock').textContent())!.trim();
    await expect.poll(async () => (await clock.locator('.projector-wall').textContent())?.trim()).toBe(simClock);
    await expect
      .poll(async () => (await clock.locator('.projector-offset').textContent())?.trim())
      .toBe((await console.locator('.clock-offset').textContent())?.trim());
    const signals = projector.getByRole('region', { name: 'Latest signals' });
    for (const title of shown) await signals.getByText(title, { exact: true }).waitFor();
    await projector.getByText('Paused', { exact: true }).waitFor();
    await projector.getByRole('heading', { name: s.title }).waitFor();

    const roomText = await textOf(projector);
    expect(roomText).not.toMatch(/red herring/i);
    expect(roomText).not.toMatch(/facilitator/i);
    expect(roomText).not.toContain('Harm and costs');
    expect(roomText).not.toContain('Harm so far');
    for (const h of s.harm) expect(roomText).not.toContain(h.label);
    expect(roomText).not.toContain('Fault begins');
    expect(roomText).not.toContain(secret);
    expect(roomText).not.toContain('Quiet failure'); // the room reads an unnoticed fault as normal
    expect(roomText).toContain('Normal operations');
    await expect.poll(() => projector.locator('.projector-harm, .harm-panel, .tag-facilitator').count()).toBe(0);
    // The public timeline lists the signals as "source: title".
    const timeline = projector.getByLabel('Timeline');
    await timeline.getByText(shown.at(-1)!, { exact: false }).waitFor();

    await screenshot(projector, 'projector');
    expect(errors).toEqual([]);
    await console.context().close();
  });

  it('solo mode: a host session holding every role; the page receives nothing facilitator-only; a reload keeps its place', async () => {
    const s = scenario('stale-pricing-data.yaml');
    const page = await newPage(env.browser);
    // Every frame the host sends this page, as the browser received it.
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
    await startExercise(page, env.host, s, 'solo');
    await pause(page);
    await jumpToSignal(page, s.injects.find((i) => i.id === 'bot-traffic')!.title);

    await page.getByRole('tab', { name: 'Respond' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Facilitate' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Projector', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    const text = await textOf(page);
    expect(text).not.toMatch(/red herring/i);
    expect(text).not.toMatch(/facilitator/i);
    expect(text).not.toContain('Harm and costs');
    expect(text).not.toContain('Fault begins');
    expect(text).not.toContain('Quiet failure');

    // The raw frames: no scenario, journal, red-herring flag, fault, harm or hint nobody asked for.
    const wire = frames.join('\n');
    expect(frames.length).toBeGreaterThan(3);
    expect(wire).not.toContain('scenarioSource');
    expect(wire).not.toMatch(/redHerring|red herring/i);
    expect(wire).not.toContain(s.harm[0]!.label);
    expect(wire).not.toContain(s.faults[0]!.description.slice(0, 40));
    for (const h of s.hints) expect(wire).not.toContain(h.text);

    // A reload comes back at the same sim moment, paused, with the same feed.
    const clock = await page.getByTestId('sim-clock').textContent();
    const offset = await page.locator('.clock-offset').first().textContent();
    await page.reload();
    await page.getByTestId('sim-clock').waitFor();
    expect(await page.getByTestId('sim-clock').textContent()).toBe(clock);
    expect(await page.locator('.clock-offset').first().textContent()).toBe(offset);
    await page.getByRole('button', { name: /Resume$/ }).waitFor();
    await page
      .getByText(s.injects.find((i) => i.id === 'bot-traffic')!.title)
      .first()
      .waitFor();

    await tab(page, 'Hints');
    await page.getByRole('button', { name: 'Hint', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Hints' }).getByText(s.hints[0]!.text).waitFor();
    await screenshot(page, 'solo');
    // The same action panels as the console, fed by the host's team state.
    await tab(page, 'Investigate');
    await page.getByRole('region', { name: 'Investigation' }).waitFor();
    await screenshot(page, 'solo-investigate');
    await tab(page, 'Communicate');
    await page.getByRole('list', { name: 'Notification obligations' }).waitFor();
    await screenshot(page, 'solo-communicate');

    // Resolving ends the exercise and opens the debrief, which counts the hint the trainee asked for.
    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);
    await page.getByRole('region', { name: 'Summary' }).getByText(`asked for 1 of ${s.hints.length} hints`, { exact: false }).waitFor();
    await screenshot(page, 'debrief-solo');
    await page.context().close();
  });
});
