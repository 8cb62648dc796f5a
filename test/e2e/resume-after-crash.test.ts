/**
 * The browser host dies mid-exercise (SIGKILL, no shutdown hooks) and comes back on the same data:
 * an action attempted while it is down is refused and not shown as taken, and resuming restores
 * every action that was acknowledged, at the exact moment. A journal damaged on disk while the
 * host was down is located, recovered from the console, and carries on.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '../../shared/engine/journal.ts';
import { newPage, screenshot, useBrowser, useHosts } from './harness.ts';
import { declareAndTriage, jumpToSignal, scenario, startExercise, tab } from './ui-steps.ts';

describe('resuming after the host dies', () => {
  const env = useBrowser();
  const hosts = useHosts();

  /** A facilitated exercise with three acknowledged actions: declare, triage Sev 1, an internal notice. */
  async function declareTriageAndNotify() {
    const s = scenario('provider-update-leakage.yaml');
    const first = await hosts.start();
    const page = await newPage(env.browser);
    const id = await startExercise(page, first, s);
    await page.keyboard.press('Space');
    await jumpToSignal(page, s.injects.find((i) => i.id === 'dlp-alert')!.title);
    await declareAndTriage(page, s, 1);
    await tab(page, 'Communicate');
    await page.getByLabel('Audience').selectOption('internal');
    await page.getByLabel('Message').fill('Sev 1 declared; assistant under review.');
    await page.getByRole('button', { name: /^Send to/ }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe('');
    return { s, first, page, id };
  }

  it('keeps every acknowledged action and resumes at the same state', async () => {
    const { s, first, page, id } = await declareTriageAndNotify();
    const simBefore = (await page.locator('.clock-offset, [data-testid="sim-offset"]').first().textContent())?.trim();

    await first.kill();

    // While the host is down, an action cannot be persisted, so it must not be shown as taken.
    await tab(page, 'Respond');
    const option = s.containments.find((c) => c.id === 'disable-assistant')!;
    const item = page.getByRole('listitem', { name: option.label });
    await item.getByRole('button', { name: 'Apply' }).click();
    await item.getByRole('alert').waitFor();
    expect(await item.getByText('Applied').count()).toBe(0);

    const journalPath = join(first.dataDir, 'exercises', id, 'journal.jsonl');
    const stored = parseJournal(readFileSync(journalPath, 'utf8'));
    expect(stored.entries.map((e) => e.input.type).filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE')).toEqual(['ACKNOWLEDGE', 'TRIAGE', 'COMMUNICATE']);

    const second = await hosts.start(first.dataDir);
    const again = await newPage(env.browser);
    await again.goto(`${second.url}/#/library`);
    await again.getByRole('region', { name: 'Running exercises' }).getByRole('link', { name: 'Resume' }).click();
    await again.waitForURL(new RegExp(`#/console/${id}`));
    await tab(again, 'Respond');
    await again.getByRole('button', { name: 'Re-triage' }).waitFor();
    await again.getByText('Sev 1').first().waitFor();
    await tab(again, 'Communicate');
    await again.getByText('Sev 1 declared; assistant under review.').waitFor({ state: 'attached' });
    const simAfter = (await again.locator('.clock-offset, [data-testid="sim-offset"]').first().textContent())?.trim();
    expect(simAfter).toBe(simBefore);

    // And the exercise carries on from there.
    await tab(again, 'Respond');
    const item2 = again.getByRole('listitem', { name: option.label });
    await item2.getByRole('button', { name: 'Apply' }).click();
    await item2.getByText('Applied').waitFor();
    const after = parseJournal(readFileSync(journalPath, 'utf8'));
    expect(after.entries.map((e) => e.input.type).filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE')).toEqual([
      'ACKNOWLEDGE',
      'TRIAGE',
      'COMMUNICATE',
      'CONTAIN',
    ]);
  });

  it('a journal damaged on disk: the console says where, recovers it in place, and the exercise carries on from before the damage', async () => {
    const { first, page, id } = await declareTriageAndNotify();
    await first.kill();
    await page.close();

    // A disk (or a sync tool) flips bytes inside the message's line: its checksum no longer matches.
    const journalPath = join(first.dataDir, 'exercises', id, 'journal.jsonl');
    const text = readFileSync(journalPath, 'utf8');
    const damagedLine = text.split('\n').findIndex((l) => l.includes('assistant under review'));
    writeFileSync(journalPath, text.replace('assistant under review', 'assistant under rXview'));

    const second = await hosts.start(first.dataDir);
    const again = await newPage(env.browser);
    await again.goto(`${second.url}/#/library`);
    await again.getByRole('region', { name: 'Running exercises' }).getByRole('link', { name: 'Resume' }).click();
    await again.waitForURL(new RegExp(`#/console/${id}`));
    // The console says the journal is damaged, where, and that nothing can be saved until it is recovered.
    const damage = again.getByRole('alert').filter({ hasText: 'The journal is damaged' });
    await damage.waitFor();
    expect(await damage.textContent()).toContain(`line ${damagedLine + 1}`);
    await screenshot(again, 'console-damaged');
    const recover = damage.getByRole('button', { name: /Recover the exercise/ });
    await recover.click();
    await damage.waitFor({ state: 'detached' });
    // The damaged file is kept aside, byte for byte; the journal keeps the entries before the damage.
    const kept = readdirSync(join(first.dataDir, 'exercises', id)).filter((f) => f.startsWith('journal.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(first.dataDir, 'exercises', id, kept[0]!), 'utf8')).toContain('assistant under rXview');
    const salvaged = parseJournal(readFileSync(journalPath, 'utf8'));
    expect(salvaged.entries.map((e) => e.input.type).filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE')).toEqual(['ACKNOWLEDGE', 'TRIAGE']);

    // The team carries on from the kept entries (the lost message is written again).
    await tab(again, 'Respond');
    await again.getByRole('button', { name: 'Re-triage' }).waitFor();
    await tab(again, 'Communicate');
    await again.getByLabel('Message').fill('Sev 1 declared again after the recovery.');
    await again.getByRole('button', { name: /^Send to/ }).click();
    await expect.poll(() => again.getByLabel('Message').inputValue()).toBe('');
    const after = parseJournal(readFileSync(journalPath, 'utf8'));
    expect(after.entries.at(-1)!.input).toMatchObject({ type: 'COMMUNICATE', message: 'Sev 1 declared again after the recovery.' });
    await again.context().close();
  });
});
