/**
 * Each built-in scenario played through the real UI in Chromium against the browser host:
 * library → setup → console (jump to the first real alert, declare, triage, contain, notify,
 * resolve) → debrief, whose score must equal the engine's score card for the stored journal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '../../shared/engine/journal.ts';
import { scoreRun } from '../../shared/scoring/score-card.ts';
import { newPage, screenshot, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, scenario, startExercise, tab } from './ui-steps.ts';

interface Plan {
  file: string;
  alert: string;
  severity: number;
  containment: string;
}

const PLANS: Plan[] = [
  { file: 'silent-bias-drift.yaml', alert: 'air-warning', severity: 2, containment: 'manual-review-segment' },
  { file: 'stale-pricing-data.yaml', alert: 'bookings-surge', severity: 1, containment: 'stop-all-sales' },
  { file: 'provider-update-leakage.yaml', alert: 'dlp-alert', severity: 1, containment: 'disable-assistant' },
  // #21 library: new built-ins (their scripted teams' ranking is asserted in test/unit/scoring/built-in-teams.test.ts).
  { file: 'poisoned-shared-document.yaml', alert: 'egress-alert', severity: 1, containment: 'disable-assistant' },
  { file: 'slow-assistant.yaml', alert: 'latency-alert', severity: 2, containment: 'failover' },
];

describe('playing the built-in scenarios through the UI', () => {
  const env = useHostAndBrowser();

  it.each(PLANS)('$file: declare, triage, contain, notify, resolve; the debrief shows the engine score', async (plan) => {
    const s = scenario(plan.file);
    const page = await newPage(env.browser);
    const id = await startExercise(page, env.host, s);
    await page.keyboard.press('Space'); // pause: the clock only moves when we jump
    await jumpToSignal(page, s.injects.find((i) => i.id === plan.alert)!.title);
    await declareAndTriage(page, s, plan.severity);

    const option = s.containments.find((c) => c.id === plan.containment)!;
    await page.getByRole('listitem', { name: option.label }).getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('listitem', { name: option.label }).getByText('Applied').waitFor();

    await tab(page, 'Communicate');
    await page.getByLabel('Audience').selectOption('client');
    await page.getByLabel('Message').fill('We are containing an incident in the model you rely on; next update in 30 minutes.');
    await page.getByRole('button', { name: /^Send to/ }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe('');

    if (plan.file === 'silent-bias-drift.yaml') await screenshot(page, 'console');

    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);

    // The engine's verdict on exactly what was stored.
    const journal = parseJournal(readFileSync(join(env.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));
    // Clock checkpoints (on pause, as time passes) and the setup's role assignments are journaled
    // too; the decisions are exactly ours.
    expect(journal.entries.map((e) => e.input.type).filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE')).toEqual([
      'ACKNOWLEDGE',
      'TRIAGE',
      'CONTAIN',
      'COMMUNICATE',
      'RESOLVE',
    ]);
    const card = scoreRun(s, journal.header.seed, journal.entries);
    await expect.poll(async () => (await page.getByTestId('engine-overall').textContent())?.trim()).toBe(`${card.overall}/100`);
    await page.close();
  });
});
