/**
 * The scenario preview and editor (#21) in Chromium against the browser host: reached from the
 * setup screen (facilitated mode only: it shows the answer), the timeline of a built-in scenario,
 * a mistake reported at its line and column by the same validator as `firebreak validate` (the
 * button puts the cursor there), an edited copy saved to the library beside the original, and
 * that copy edited in the inject table and saved in place (only the edited line changes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../shared/scenario/load.ts';
import { newPage, ROOT, screenshot, useHostAndBrowser } from './harness.ts';
import { scenario } from './ui-steps.ts';

describe('scenario preview and editor', () => {
  const env = useHostAndBrowser();

  it('previews a built-in, reports a mistake where it is, and saves an edited copy', async () => {
    const s = scenario('refund-fraud-cascade.yaml');
    const page = await newPage(env.browser, 1400, 900);
    await page.goto(`${env.host.url}/#/library`);
    // #21: each card offers its scenario pack; the header imports one.
    await page.getByRole('article', { name: s.title }).getByRole('button', { name: 'Scenario pack' }).waitFor();
    await page.getByLabel('Import a scenario pack (.firebreak-pack.json)').waitFor({ state: 'attached' });
    await screenshot(page, 'library-pack-buttons');
    await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
    await page.getByRole('heading', { name: `Set up: ${s.title}` }).waitFor();

    // A solo trainee is not offered the preview (it shows the answer).
    await page.getByRole('radio', { name: /Solo/ }).check();
    expect(await page.getByRole('link', { name: 'Preview and edit the scenario' }).count()).toBe(0);
    await page.getByRole('radio', { name: /Facilitated/ }).check();
    await page.getByRole('link', { name: 'Preview and edit the scenario' }).waitFor();
    await screenshot(page, 'author-setup-link');
    await page.getByRole('link', { name: 'Preview and edit the scenario' }).click();
    await page.waitForURL(/#\/author\//);

    // The dry run: every signal's time if nobody acts, and the harm at the horizon.
    const timeline = page.getByRole('table', { name: 'Signals if nobody acts' });
    await timeline.waitFor();
    await page.getByText('No problems: the scenario validates.').waitFor();
    const alert = s.injects.find((i) => i.id === 'holds-alert')!;
    await timeline.getByRole('row', { name: new RegExp(alert.title.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
    await page.getByRole('list', { name: 'Harm if nobody acts' }).getByText('Customers wrongly suspended for suspected fraud: 1,000').waitFor();
    await screenshot(page, 'author-preview');

    // A mistake: the horizon written as words. The same validator places it.
    await page.getByRole('button', { name: 'YAML text' }).click();
    const editor = page.getByRole('textbox', { name: /Scenario YAML/ });
    const source = await editor.inputValue();
    const broken = source.replace('horizon: 10h # 18:00', 'horizon: ten hours # 18:00');
    expect(broken).not.toBe(source);
    await editor.fill(broken);
    const expected = loadScenario(broken, 'refund-fraud-cascade.yaml');
    expect(expected.ok).toBe(false);
    const first = !expected.ok ? expected.problems[0]! : null;
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.getByRole('button', { name: `line ${first!.line}, column ${first!.column}` }).waitFor();
    await problems.getByRole('button', { name: `line ${first!.line}, column ${first!.column}` }).click();
    const caret = await editor.evaluate((el: HTMLTextAreaElement) => el.selectionStart);
    const lines = broken.slice(0, caret).split('\n');
    expect([lines.length, lines.at(-1)!.length + 1]).toEqual([first!.line, first!.column]);
    await screenshot(page, 'author-problem');

    // Fixed, and a signal moved: the preview follows; saving keeps a copy, the built-in is unchanged.
    const edited = source.replace('horizon: 10h # 18:00', 'horizon: 10h # 18:00 (edited)').replace('trigger: { at: 20m }', 'trigger: { at: 25m }');
    await editor.fill(edited);
    await page.getByText('No problems: the scenario validates.').waitFor();
    await timeline.getByRole('row', { name: /T\+25m.*credential-stuffing/i }).waitFor();
    await page.getByRole('button', { name: 'Save a copy to the library' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Saved as refund-fraud-cascade.*\.yaml/ })
      .waitFor();
    const saved = (await page
      .getByRole('status')
      .filter({ hasText: /Saved as/ })
      .textContent())!.match(/Saved as (\S+\.yaml)/)![1]!;
    expect(readFileSync(join(env.host.dataDir, 'scenarios', saved), 'utf8')).toBe(edited);
    expect(readFileSync(join(ROOT, 'scenarios', 'refund-fraud-cascade.yaml'), 'utf8')).toBe(source);

    // #21: the saved copy in the inject table. A title changed in its cell, saved in place: the
    // file on disk differs from before in that one line; the preview beside it follows.
    await page.getByRole('button', { name: 'Edit the saved copy' }).click();
    const table = page.getByRole('table', { name: 'Injects' });
    await table.waitFor();
    await page.getByText('No problems: the scenario validates.').waitFor();
    const cell = table.getByRole('textbox', { name: 'Title (change-v14)' });
    await cell.fill('CHG-7718: Triage prompt v14 released');
    await cell.press('Tab');
    await timeline.getByRole('row', { name: /CHG-7718: Triage prompt v14 released$/ }).waitFor();
    // A trigger the schema refuses: the row shows the validator's problem at its line.
    const when = table.getByRole('textbox', { name: 'Time or trigger (credential-stuffing)' });
    await when.fill('25 mins');
    await table.getByText(/is not a trigger/).waitFor();
    await when.fill('25x');
    await when.press('Tab');
    await table
      .getByRole('list', { name: 'Problems of credential-stuffing' })
      .getByRole('button', { name: /^line \d+, column \d+$/ })
      .waitFor();
    await screenshot(page, 'author-table-problem');
    await when.fill('25m');
    await when.press('Tab');
    await page.getByText('No problems: the scenario validates.').waitFor();
    await screenshot(page, 'author-table');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved in place/).waitFor();
    const onDisk = readFileSync(join(env.host.dataDir, 'scenarios', saved), 'utf8');
    const before = edited.split('\n');
    const after = onDisk.split('\n');
    expect(after.length).toBe(before.length);
    expect(before.flatMap((l, i) => (l === after[i] ? [] : [[l, after[i]]]))).toEqual([
      ['    title: "CHG-7718: Triage prompt v14 released (closed: successful)"', '    title: "CHG-7718: Triage prompt v14 released"'],
    ]);
    expect(readFileSync(join(ROOT, 'scenarios', 'refund-fraud-cascade.yaml'), 'utf8')).toBe(source);

    // A row inserted below another, titled in the table and saved: the file gains only its lines.
    const rowCount = await table.getByRole('rowheader').count();
    await table.getByRole('button', { name: 'Insert an inject below change-v14' }).click();
    const fresh = `inject-${rowCount + 1}`;
    const newTitle = table.getByRole('textbox', { name: `Title (${fresh})` });
    await expect.poll(() => newTitle.evaluate((el) => el === document.activeElement)).toBe(true);
    await newTitle.fill('Refund queue: 40 tickets waiting');
    await newTitle.press('Tab');
    await timeline.getByRole('row', { name: /Refund queue: 40 tickets waiting$/ }).waitFor();
    await page.getByText('No problems: the scenario validates.').waitFor();
    await table.getByRole('rowheader').filter({ hasText: fresh }).scrollIntoViewIfNeeded();
    await screenshot(page, 'author-table-added');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => readFileSync(join(env.host.dataDir, 'scenarios', saved), 'utf8') !== onDisk).toBe(true);
    const withRow = readFileSync(join(env.host.dataDir, 'scenarios', saved), 'utf8');
    const at = after.findIndex((l) => l === '  - id: holds-alert');
    expect(withRow.split('\n')).toEqual([
      ...after.slice(0, at),
      `  - id: ${fresh}`,
      '    trigger: { at: 55m }',
      '    channel: internal',
      '    source: Change calendar (Jira)',
      '    title: "Refund queue: 40 tickets waiting"',
      '    body: "What the team sees: replace this text."',
      ...after.slice(at),
    ]);
    await page.close();
  }, 300_000);
});
