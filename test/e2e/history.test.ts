/**
 * Two short exercises for one team on the same scenario, played through the UI in Chromium
 * against the browser host; then the history lists both with their scores, the trends panel plots
 * both runs for the team, and Compare shows the two runs side by side. Screenshots: 'history',
 * 'history-trends' and 'history-compare'.
 */
import type { Page } from 'playwright-core';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { newPage, screenshot, useHostAndBrowser, type Host } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

interface Run {
  /** The signal the team declares on. */
  declareOn: string;
  containment: string;
  /** A signal to wait for after containing, so the containment is in effect before resolving. */
  thenUntil: string;
  notify: boolean;
}

const SLOW: Run = { declareOn: 'forum-posts', containment: 'static-fare-tables', thenUntil: 'oversale-warning', notify: false };
const FAST: Run = { declareOn: 'bookings-surge', containment: 'stop-all-sales', thenUntil: 'bot-traffic', notify: true };

async function play(page: Page, host: Host, s: Scenario, run: Run): Promise<string> {
  const title = (id: string) => s.injects.find((i) => i.id === id)!.title;
  const id = await startExercise(page, host, s);
  await pause(page);
  await jumpToSignal(page, title(run.declareOn));
  await declareAndTriage(page, s, s.rubric.severity);

  const option = s.containments.find((c) => c.id === run.containment)!;
  const item = page.getByRole('listitem', { name: option.label });
  await item.getByRole('button', { name: 'Apply' }).click();
  await item.getByText('Applied').waitFor();

  if (run.notify) {
    await tab(page, 'Communicate');
    await page.getByLabel('Audience').selectOption('client');
    await page.getByLabel('Message').fill('We have stopped sales while we fix mispriced fares; next update in 30 minutes.');
    await page.getByRole('button', { name: /^Send to/ }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe('');
    await tab(page, 'Respond');
  }

  await jumpToSignal(page, title(run.thenUntil));
  await item.getByText('In effect', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Resolve incident…' }).click();
  await page.getByRole('button', { name: 'Confirm resolve' }).click();
  await page.waitForURL(/#\/debrief\//);
  await page.getByTestId('engine-overall').waitFor();
  return id;
}

describe('history of one team', () => {
  const env = useHostAndBrowser();

  it('lists two runs with scores, plots the trend and compares them', async () => {
    const s = scenario('stale-pricing-data.yaml');
    const page = await newPage(env.browser);
    const slow = await play(page, env.host, s, SLOW);
    const fast = await play(page, env.host, s, FAST);

    await page.goto(`${env.host.url}/#/library`);
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(/#\/history$/);
    const table = page.getByRole('table', { name: 'Exercises' });
    await table.waitFor();
    await expect.poll(async () => (await page.getByTestId('row-count').textContent())?.trim()).toBe('2 exercises');

    const scores: Record<string, number> = {};
    for (const id of [slow, fast]) {
      const row = table.locator(`tr[data-id="${id}"]`);
      await expect.poll(async () => (await row.locator('.team-cell').textContent())?.trim()).toBe('Blue team');
      expect((await row.locator('.scenario-cell').textContent())?.trim()).toBe(s.title);
      expect((await row.getByText('Finished', { exact: true }).count()) > 0).toBe(true);
      const score = (await row.locator('.score-cell').textContent())!.trim();
      expect(score).toMatch(/^\d+$/);
      scores[id] = Number(score);
    }
    expect(scores[fast]).toBeGreaterThan(scores[slow]!);
    await screenshot(page, 'history');

    // Trends: the team with the most finished runs is shown, one point per run.
    const trends = page.getByRole('region', { name: 'Trends' });
    await trends.scrollIntoViewIfNeeded();
    expect(await trends.getByLabel('Trend team').inputValue()).toBe('Blue team');
    await trends.getByText('Blue team: 2 finished runs across all scenarios').waitFor();
    for (const metric of ['mttd', 'mttc', 'overall']) {
      const chart = trends.getByTestId(`trend-chart-${metric}`);
      expect(await chart.getAttribute('data-points')).toBe('2');
      await chart.locator('svg.recharts-surface path.recharts-line-curve').waitFor();
      await expect.poll(() => chart.locator('.recharts-line-dots .recharts-dot').count()).toBe(2);
    }
    // Picking the scenario adds its targets as dashed lines.
    await trends.getByLabel('Trend scenario').selectOption(s.id);
    await trends.getByTestId('trend-chart-mttd').locator('.recharts-reference-line line').waitFor({ state: 'attached' });
    await trends
      .getByTestId('trend-chart-mttd')
      .getByText(/target/)
      .waitFor();
    await trends.scrollIntoViewIfNeeded();
    await screenshot(page, 'history-trends');

    // Compare the two runs side by side.
    await table.getByRole('checkbox', { name: 'Select all shown exercises' }).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    const compare = page.getByTestId('compare-panel');
    await compare.getByRole('heading', { name: `Compare runs: ${s.title}` }).waitFor();
    const values = compare.getByRole('row', { name: /^Overall score/ }).locator('td');
    await expect
      .poll(async () => (await values.allTextContents()).map((v) => Number(v.trim())).sort((a, b) => a - b))
      .toEqual([scores[slow]!, scores[fast]!].sort((a, b) => a - b));
    for (const id of [slow, fast]) {
      const decisions = compare.getByTestId(`decisions-${id}`);
      await decisions.getByText('Incident declared').waitFor();
      await decisions.getByText('Incident resolved').waitFor();
    }
    await compare
      .getByTestId(`decisions-${slow}`)
      .getByText(`Decided: ${s.containments.find((c) => c.id === SLOW.containment)!.label}`)
      .waitFor();
    await compare
      .getByTestId(`decisions-${fast}`)
      .getByText(`Decided: ${s.containments.find((c) => c.id === FAST.containment)!.label}`)
      .waitFor();
    await compare.scrollIntoViewIfNeeded();
    await screenshot(page, 'history-compare');
    await page.context().close();
  });
});
