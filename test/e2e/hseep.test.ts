/**
 * HSEEP end to end in Chromium (#19): the facilitator opens the room; an evaluator joins on a
 * second page and rates objectives P/S/M/U while the exercise runs (journaled and attributed); the
 * facilitator logs a decision and rates too; the facilitator ends the exercise, the participants
 * fill the hot wash on their own pages while the console moves to the debrief; the HSEEP AAR/IP
 * PDF is exported from the debrief and read back with pdftotext (sections in HSEEP's order, the
 * ratings table with both evaluators' ratings, the improvement plan's columns, the hot wash), and
 * its pages are rendered to PNG for a human to look at, as are the evaluator's and hot-wash screens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseJournal } from '../../shared/engine/journal.ts';
import { newPage, screenshot, SHOTS, useHostAndBrowser } from './harness.ts';
import { jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('HSEEP: evaluator ratings, hot wash and the AAR/IP', () => {
  const env = useHostAndBrowser();
  let downloads: string;
  beforeAll(() => {
    downloads = mkdtempSync(join(tmpdir(), 'firebreak-aar-ip-'));
  });
  afterAll(() => {
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('an evaluator rates from a second page, the room gives its hot wash, the AAR/IP carries both', { timeout: 480_000 }, async () => {
    const s = scenario('silent-bias-drift.yaml');
    const [o1, o2] = s.objectives;
    const facilitator = await newPage(env.browser);
    const id = await startExercise(facilitator, env.host, s);
    await pause(facilitator);
    await tab(facilitator, 'Facilitate');
    await facilitator.getByRole('button', { name: 'Open the room to participants' }).click();
    const joinUrl = (await facilitator.getByTestId('join-link').getAttribute('href'))!;

    async function joinRoom(name: string, role: string): Promise<Page> {
      const page = await newPage(env.browser, 1280, 900);
      await page.goto(joinUrl);
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Your role').selectOption(role);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('region', { name: 'Your actions' }).waitFor();
      return page;
    }
    const evaluator = await joinRoom('Eve', 'evaluator');
    const commander = await joinRoom('Dana', 'incident_commander');

    // The exercise runs on: a signal arrives, the commander declares.
    await jumpToSignal(facilitator, s.injects.find((i) => i.id === 'air-warning')!.title);
    await commander.getByRole('button', { name: 'Declare incident' }).last().click();
    await facilitator.getByText('Incident declared').first().waitFor();

    // The evaluator's page lists the objectives and rates two of them, tied to a moment.
    const rate = async (page: Page, objectiveId: string, label: RegExp, observation: string) => {
      const form = page.locator(`form[data-objective="${objectiveId}"]`);
      await form.getByRole('radio', { name: label }).check();
      await form.getByLabel('Observation').fill(observation);
      await form.getByRole('button', { name: 'Save rating' }).click();
      await form.getByRole('status').filter({ hasText: 'Rating saved' }).waitFor();
    };
    const panel = evaluator.getByRole('region', { name: 'Rate the objectives' });
    await panel.waitFor();
    expect(await panel.locator('form[data-objective]').count()).toBe(s.objectives.length);
    await evaluator.locator(`form[data-objective="${o1!.id}"]`).getByLabel('Moment observed').selectOption({ index: 1 });
    await rate(evaluator, o1!.id, /^S — /, 'Declared after the air warning, not before');
    await rate(evaluator, o2!.id, /^U — /, 'Nobody looked for the cause');
    await evaluator.getByText('Eve: S at').first().waitFor();
    // The evaluator takes no team action: no declare button on their page.
    expect(await evaluator.getByRole('button', { name: 'Declare incident' }).count()).toBe(0);
    await screenshot(evaluator, 'hseep-evaluator');

    // The facilitator rates the same objective differently and logs a decision from the Discussion panel.
    await tab(facilitator, 'Facilitate');
    await facilitator.locator(`form[data-objective="${o1!.id}"]`).getByRole('radio', { name: /^M — / }).check();
    await facilitator.locator(`form[data-objective="${o1!.id}"]`).getByRole('button', { name: 'Save rating' }).click();
    await evaluator.getByText('Facilitator: M at').first().waitFor();
    const discussion = facilitator.getByRole('region', { name: 'Discussion' });
    await discussion.getByLabel('Decision taken').fill('Route under-25 applications to manual review');
    await discussion.getByLabel('Owner').fill('Head of Lending');
    await discussion.getByLabel('Rationale').fill('Stops the harm while the cause is found');
    await discussion.getByRole('button', { name: 'Log decision' }).click();
    await commander
      .getByText(/Decided in discussion: Route under-25/)
      .first()
      .waitFor();

    // The facilitator ends the exercise: the console goes to the debrief; the room gets the hot wash.
    await facilitator.getByRole('button', { name: 'End exercise early…' }).click();
    await facilitator.getByRole('button', { name: 'End now' }).click();
    await facilitator.waitForURL(new RegExp(`#/debrief/${encodeURIComponent(id)}$`));
    const hotWash = async (page: Page, well: string, improve: string, change: string, confidence: string) => {
      const form = page.getByRole('region', { name: 'Hot wash' });
      await form.getByLabel('What went well (strengths)').fill(well);
      await form.getByLabel('What to improve (areas for improvement)').fill(improve);
      await form.getByLabel('One change to the playbook').fill(change);
      await form.getByLabel(/Confidence/).selectOption(confidence);
      await form.getByRole('button', { name: 'Send my hot wash' }).click();
      await form.getByText('Thank you: your hot wash is saved with the exercise.').waitFor();
    };
    await commander.getByRole('region', { name: 'Hot wash' }).waitFor();
    await commander.evaluate(() => window.scrollTo(0, 0));
    await screenshot(commander, 'hseep-hot-wash-form');
    await hotWash(commander, 'The chair was clear', 'We saw the fairness signal late', 'Page the on-call on an age-band fairness alert', '2');
    await hotWash(evaluator, 'Good use of the dashboards', 'Evidence before changes', 'Preserve the feature logs first', '3');
    await screenshot(commander, 'hseep-hot-wash-sent');

    // Journaled with who gave them, in the one journal.
    const journal = parseJournal(readFileSync(join(env.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));
    const of = (type: string) => journal.entries.filter((e) => e.input.type === type).map((e) => e.by?.name);
    expect(of('RATE')).toEqual(['Eve', 'Eve', 'Facilitator']);
    expect(of('DECISION')).toEqual(['Facilitator']);
    expect(of('HOT_WASH')).toEqual(['Dana', 'Eve']);

    // The debrief shows the ratings beside the engine; the AAR/IP is exported and read back.
    await facilitator.getByTestId('engine-overall').waitFor({ timeout: 120_000 });
    const ratings = facilitator.getByTestId('hseep-ratings');
    await ratings.getByText('Eve').first().waitFor();
    // The room's hot washes, sent after the debrief opened, arrive in it too.
    await facilitator
      .getByRole('region', { name: 'HSEEP evaluation' })
      .getByText('We saw the fairness signal late', { exact: false })
      .waitFor({ timeout: 60_000 });
    await ratings.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(facilitator, 'hseep-debrief');
    // The Exercise Overview is entered in the debrief (saved with it) and reaches the AAR/IP.
    const overview = facilitator.getByRole('region', { name: 'Exercise Overview' });
    await overview.getByRole('textbox', { name: 'Sponsor' }).fill('Chief Risk Officer');
    await overview.getByRole('textbox', { name: 'Location' }).fill('Room 4.12, Leeds');
    await overview.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(facilitator, 'hseep-debrief-overview');
    const [download] = await Promise.all([
      facilitator.waitForEvent('download', { timeout: 120_000 }),
      facilitator.getByRole('group', { name: 'Export the report' }).getByRole('button', { name: 'HSEEP AAR/IP (PDF)' }).click(),
    ]);
    const path = join(downloads, download.suggestedFilename());
    expect(download.suggestedFilename()).toMatch(/-aar-ip\.pdf$/);
    await download.saveAs(path);
    const text = flat(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }));
    const layout = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const sections = [
      'Exercise Overview',
      'Executive Summary',
      'Analysis of Capabilities',
      "The Team's Own Words and Decisions",
      'Appendix A: Improvement Plan',
      'Appendix B: Participants, Roles and Evaluators',
      'Appendix C: Hot Wash Summary',
    ];
    const at = sections.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The ratings table: its header, and objective 1 rated S by Eve and M by the facilitator (they disagree).
    expect(layout).toMatch(/Objective\s+Capability\s+P\s+S\s+M\s+U\s+Engine score/);
    expect(text).toContain('evaluators disagree');
    // Row by row (pdftotext -layout keeps a table row's cells on one line, names on the next).
    expect(layout).toMatch(new RegExp(`${o1!.id}.*\\bS\\s+M\\b.*\\n.*\\bEve\\s+Facilitator\\b`));
    expect(layout).toMatch(new RegExp(`${o2!.id}.*\\bU\\b.*\\n(?:.*\\n)?.*\\bEve\\b`));
    // The improvement plan matrix's columns (each header in Appendix A; pdftotext reads wrapped headers out of order).
    const appendixA = text.slice(text.indexOf('Appendix A: Improvement Plan'), text.indexOf('Appendix B'));
    expect(appendixA).toContain('Capability Issue / area for improvement Corrective action Capability');
    for (const word of ['element', 'Responsible', 'organisation', 'Owner', 'Start', 'Due', 'Status']) expect(appendixA).toContain(word);
    // Start and due dates as the report prints every date ("5 Dec 2026"), never ISO.
    expect(appendixA).toMatch(/\d{1,2} \p{L}{3,5}\.? \d{4}\s+\d{1,2} \p{L}{3,5}\.? \d{4}\s+open/u);
    expect(appendixA).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const said of [
      'Declared after the air warning, not before',
      'Route under-25 applications to manual review',
      'Page the on-call on an age-band fairness alert',
      'We saw the fairness signal late',
    ])
      expect(text).toContain(said);
    expect(text).toMatch(/Evaluators Eve/);
    expect(text).toContain('Sponsor Chief Risk Officer');
    expect(text).toContain('Location Room 4.12, Leeds');
    execFileSync('pdftoppm', ['-png', '-r', '50', path, join(SHOTS, 'hseep-aar-ip')]);
  });

  it('a solo trainee gets the hot wash at the end: the debrief opens with it, journaled under their name', { timeout: 300_000 }, async () => {
    const s = scenario('stale-pricing-data.yaml');
    const page = await newPage(env.browser);
    const id = await startExercise(page, env.host, s, 'solo');
    await pause(page);
    await jumpToSignal(page, s.injects.find((i) => i.id === 'bot-traffic')!.title);
    await tab(page, 'Respond');
    await page.getByRole('button', { name: 'Resolve incident…' }).click();
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await page.waitForURL(/#\/debrief\//);
    const form = page.locator('[data-section="solo-hot-wash"]');
    await form.getByRole('textbox', { name: 'What went well (strengths)' }).fill('Spotted the bot traffic quickly');
    await form.getByRole('textbox', { name: 'One change to the playbook' }).fill('Who may stop sales at night goes on the first page');
    await form.getByRole('combobox').selectOption('3');
    await screenshot(page, 'hseep-solo-hot-wash');
    await form.getByRole('button', { name: 'Send my hot wash' }).click();
    await form.getByText('Thank you: your hot wash is saved with the exercise.').waitFor({ timeout: 60_000 });
    const journal = parseJournal(readFileSync(join(env.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));
    const hot = journal.entries.filter((e) => e.input.type === 'HOT_WASH');
    expect(hot.map((e) => e.by?.name)).toEqual(['Dana']);
    expect(hot[0]!.input).toMatchObject({ wentWell: 'Spotted the bot traffic quickly', confidence: 3 });
    // The debrief's HSEEP section lists it (re-read from the journal), as Appendix C of the AAR/IP will.
    await page.getByRole('region', { name: 'HSEEP evaluation' }).getByText('Spotted the bot traffic quickly', { exact: false }).waitFor({ timeout: 60_000 });
    await page.context().close();
  });
});
