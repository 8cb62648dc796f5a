/**
 * Engine v2 as a facilitator meets it: choosing which variant a scenario plays at setup, and a
 * kill switch applied, lifted before the fix (the harm comes back) and re-applied on the console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '../../shared/engine/journal.ts';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, pause, scenario, tab } from './ui-steps.ts';

const ctx = useHostAndBrowser();

it('a chosen variant is pinned; a lift before the fix brings the fault back, shown on the console', async () => {
  const s = scenario('stale-pricing-data.yaml');
  const page = await newPage(ctx.browser);
  await page.goto(`${ctx.host.url}/#/library`);
  await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
  await page.getByLabel('Team name').fill('Blue team');
  for (const [i, name] of ['Dana', 'Tom', 'Lee'].entries()) await page.getByLabel(`Participant ${i + 1} name`).fill(name);
  await page.getByLabel('Variant').selectOption('partner-cache');
  await screenshot(page, 'setup-variant');
  await page.getByRole('button', { name: /start/i }).click();
  await page.waitForURL(/#\/console\//);
  const id = decodeURIComponent(page.url().split('/').pop()!);
  const header = parseJournal(readFileSync(join(ctx.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8')).header;
  expect(header.variant).toBe('partner-cache');

  await pause(page);
  await jumpToSignal(page, s.injects.find((i) => i.id === 'bookings-surge')!.title);
  await declareAndTriage(page, s, 1);
  const kill = page.getByRole('listitem', { name: s.containments.find((c) => c.id === 'stop-all-sales')!.label });
  await kill.getByRole('button', { name: 'Apply' }).click();
  await jumpToSignal(page, s.injects.find((i) => i.id === 'bot-traffic')!.title);
  await kill.getByText('In effect', { exact: true }).waitFor();
  const faults = page.getByRole('list', { name: 'Faults' });
  await faults.locator('[data-fault="stale-feed"]').getByText('contained').waitFor();

  // Lifting before the feed is fixed: the fault recurs and the option can be re-applied.
  await kill.getByRole('button', { name: 'Lift' }).click();
  await kill.getByRole('button', { name: 'Re-apply' }).waitFor();
  await faults.locator('[data-fault="stale-feed"]').getByText('recurred').waitFor();
  await tab(page, 'Respond');
  await screenshot(page, 'console-lifted');
  await kill.getByRole('button', { name: 'Re-apply' }).click();
  // It takes 5 sim-minutes to land; the clock is paused, so move it on to the next signal.
  await jumpToSignal(page, s.injects.find((i) => i.id === 'forum-posts')!.title);
  await faults.locator('[data-fault="stale-feed"]').getByText('contained').waitFor();
});
