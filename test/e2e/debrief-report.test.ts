/**
 * From a finished exercise to the After-Action Report, in Chromium against the browser host:
 * play silent-bias-drift to resolution, edit an improvement-plan action on the debrief (saved to
 * debrief.json), then export Markdown and PDF through the export bar and read the downloads. The
 * report carries every section, the engine's key times and the edited action; the PDF has page
 * numbers and no text runs past the page margins. Pages are rendered to PNG for a human to look at.
 *
 * The browser host always answers with a download (never a file path), so it has no "file exists,
 * replace it?" step; the no-overwrite rule of the desktop and CLI exports is covered by unit tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DebriefEdits } from '../../shared/contract/api.ts';
import { reportFileName } from '../../shared/debrief/render-report.ts';
import { parseJournal } from '../../shared/engine/journal.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { scoreRun } from '../../shared/scoring/score-card.ts';
import { MARGINS_MM } from '../../host/pdf/page-setup.ts';
import { newPage, screenshot, SHOTS, useHostAndBrowser } from './harness.ts';
import { declareAndTriage, jumpToSignal, scenario, startExercise, tab } from './ui-steps.ts';

const SECTIONS = [
  '1. Exercise overview',
  '2. Summary',
  '3. Score card',
  '4. Key times',
  '5. Harm and what-ifs',
  '6. Analysis by capability',
  '7. Facilitator observations',
  '8. Improvement plan',
  'Appendix: Timeline',
];

const ACTION = { text: 'Add a unit-of-measure check to the feature contract', owner: 'Priya', due: '2031-06-30' };

/** Clicks an export button and saves the download into `dir`; returns its path and suggested name. */
async function exportAs(page: Page, label: string, dir: string): Promise<{ path: string; name: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('group', { name: 'Export the report' }).getByRole('button', { name: label, exact: true }).click(),
  ]);
  const name = download.suggestedFilename();
  const path = join(dir, name);
  await download.saveAs(path);
  await page
    .getByRole('status')
    .filter({ hasText: `Downloaded ${name}` })
    .waitFor();
  return { path, name };
}

/** Whitespace (including a cell's line wraps) collapsed to single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the debrief and its report', () => {
  const env = useHostAndBrowser();
  let downloads: string;
  beforeAll(() => {
    downloads = mkdtempSync(join(tmpdir(), 'firebreak-aar-'));
  });
  afterAll(() => {
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('edits the improvement plan and exports a complete Markdown and PDF report', async () => {
    const s = scenario('silent-bias-drift.yaml');
    const page = await newPage(env.browser);

    // 1. Play to resolution (as in play-scenarios).
    const id = await startExercise(page, env.host, s);
    await page.keyboard.press('Space');
    await jumpToSignal(page, s.injects.find((i) => i.id === 'air-warning')!.title);
    await declareAndTriage(page, s, 2);
    const option = s.containments.find((c) => c.id === 'manual-review-segment')!;
    await page.getByRole('listitem', { name: option.label }).getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('listitem', { name: option.label }).getByText('Applied').waitFor();
    await tab(page, 'Communicate');
    await page.getByLabel('Audience').selectOption('client');
    await page.getByLabel('Message').fill('We are containing an incident in the model you rely on; next update in 30 minutes.');
    await page.getByRole('button', { name: /^Send to/ }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe('');
    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(new RegExp(`#/debrief/${encodeURIComponent(id)}$`));

    const journal = parseJournal(readFileSync(join(env.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));
    const card = scoreRun(s, journal.header.seed, journal.entries);
    expect(card.mttd).not.toBeNull();
    const mttd = formatDuration(card.mttd!);
    await expect.poll(async () => (await page.getByTestId('engine-overall').textContent())?.trim()).toBe(`${card.overall}/100`);

    // 2. Edit the first action of the (suggested) improvement plan; it is saved as typed.
    const plan = page.getByRole('region', { name: 'Improvement plan' });
    await plan.getByLabel('Action 1', { exact: true }).fill(ACTION.text);
    await plan.getByLabel('Owner for action 1').fill(ACTION.owner);
    await plan.getByLabel('Due date for action 1').fill(ACTION.due);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    const stored = () => (JSON.parse(readFileSync(join(env.host.dataDir, 'exercises', id, 'debrief.json'), 'utf8')) as DebriefEdits).actionItems[0];
    await expect.poll(stored).toMatchObject({ ...ACTION, status: 'open' });

    await screenshot(page, 'debrief-plan');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'debrief');

    // 3. Markdown.
    const md = await exportAs(page, 'Markdown', downloads);
    expect(md.name).toBe(reportFileName(s.id, id, 'md'));
    const markdown = readFileSync(md.path, 'utf8');
    for (const heading of SECTIONS) expect(markdown).toContain(`## ${heading}\n`);
    expect(markdown).toMatch(new RegExp(`^\\| Time to detect \\(MTTD\\) \\| ${mttd} \\|`, 'm'));
    expect(markdown).toMatch(new RegExp(`^\\| 1 \\| [^|]* \\| ${ACTION.text} \\| ${ACTION.owner} \\| ${ACTION.due} \\| open \\|$`, 'm'));
    expect(markdown).not.toContain('Suggested by Firebreak');

    // 4. PDF.
    const pdf = await exportAs(page, 'PDF', downloads);
    expect(pdf.name).toBe(reportFileName(s.id, id, 'pdf'));
    expect(readFileSync(pdf.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const layout = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    const pages = layout.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    const text = flat(execFileSync('pdftotext', [pdf.path, '-'], { encoding: 'utf8' })).replace(/- (?=\w)/g, '-');
    for (const heading of SECTIONS) expect(text).toContain(heading);
    expect(layout).toMatch(new RegExp(`Time to detect \\(MTTD\\)\\s+${mttd}\\s`));
    expect(text).toContain(ACTION.text);
    expect(layout).toContain(ACTION.owner);
    // The due date as the report prints every date ("30 Jun 2031"), not as typed (ISO).
    expect(layout).toContain('30 Jun 2031');
    expect(layout).not.toContain(ACTION.due);
    // The footer: "n / N" on every page (pdftotext -layout drops the spaces in the small print).
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`^\\s*${i + 1} ?/ ?${pages.length}\\s*$`, 'm')));

    // Nothing cut off: every word on every page lies inside the page's left and right margins.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf.path, '-'], { encoding: 'utf8' });
    const mm = 72 / 25.4;
    const outside: string[] = [];
    let words = 0;
    for (const [, width, body] of bbox.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)) {
      for (const [, xMin, xMax, word] of body!.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
        words++;
        if (Number(xMin) < MARGINS_MM.left * mm - 1 || Number(xMax) > Number(width) - MARGINS_MM.right * mm + 1) outside.push(word!);
      }
    }
    expect(words).toBeGreaterThan(500);
    expect(outside).toEqual([]);

    // Pages as PNG, for looking at (test-results/screenshots/aar-1.png, ...).
    for (const f of readdirSync(SHOTS).filter((f) => /^aar-\d+\.png$/.test(f))) rmSync(join(SHOTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf.path, join(SHOTS, 'aar')]);
    expect(readdirSync(SHOTS).filter((f) => /^aar-\d+\.png$/.test(f))).toHaveLength(pages.length);
    await page.close();
  });
});
