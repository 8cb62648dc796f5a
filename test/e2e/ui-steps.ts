/** Steps a person takes in the UI, shared by the end-to-end tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadScenario } from '../../shared/scenario/load.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { ROOT, screenshot, type Host } from './harness.ts';

export function scenario(file: string): Scenario {
  const r = loadScenario(readFileSync(join(ROOT, 'scenarios', file)), file);
  if (!r.ok) throw new Error(`${file} does not validate`);
  return r.scenario;
}

/** Library → setup → start; returns the exercise id from the console's URL. */
export async function startExercise(page: Page, host: Host, s: Scenario, mode: 'facilitated' | 'solo' = 'facilitated'): Promise<string> {
  await page.goto(`${host.url}/#/library`);
  await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
  if (mode === 'solo') {
    await page.getByRole('radio', { name: /Solo/ }).check();
    // Solo: one trainee holding every role, who is the team; the team and participants give way to "Your name".
    await page.getByLabel('Your name').fill('Dana');
    expect(await page.getByLabel('Team name').count()).toBe(0);
    await screenshot(page, 'setup-solo');
  } else {
    await page.getByLabel('Team name').fill('Blue team');
    for (const [i, name] of ['Dana', 'Tom', 'Lee'].entries()) await page.getByLabel(`Participant ${i + 1} name`).fill(name);
  }
  await page.getByRole('button', { name: /start/i }).click();
  await page.waitForURL(new RegExp(`#/${mode === 'solo' ? 'solo' : 'console'}/`));
  return decodeURIComponent(page.url().split('/').pop()!);
}

/** Presses "Next event" until the given signal is in the feed. */
export async function jumpToSignal(page: Page, title: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await page.getByText(title, { exact: false }).count()) > 0) return;
    const offset = page.locator('.clock-offset').first();
    const before = await offset.textContent();
    await page.getByRole('button', { name: /Next event/ }).click();
    // The host makes the jump (and journals it); wait for the clock to land before looking again.
    await page
      .waitForFunction(([el, was]) => el?.textContent !== was, [await offset.elementHandle(), before] as const, { timeout: 60_000 })
      .catch(() => undefined);
  }
  throw new Error(`signal "${title}" never arrived`);
}

export async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

export async function declareAndTriage(page: Page, s: Scenario, severity: number): Promise<void> {
  await tab(page, 'Respond');
  await page.getByRole('button', { name: 'Declare incident' }).last().click();
  await page.getByText('Incident declared').first().waitFor();
  await page
    .locator('input[name="severity"]')
    .nth(severity - 1)
    .check();
  await page.getByLabel('Incident type').selectOption(s.rubric.incidentType[0]!);
  await page.getByRole('button', { name: 'Record triage' }).click();
  await page.getByRole('button', { name: 'Re-triage' }).waitFor();
}

/** Pauses the clock with the clock bar's button (a new exercise starts running) and waits until it holds. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Pause$/ }).click();
  await page.getByRole('button', { name: /Resume$/ }).waitFor();
}
