/**
 * One exercise, four screens (#16): a false alarm, an obligation still open at the end (a dated plan
 * for a notice due after the exercise) and three people who joined from their own devices with
 * their roles. The console, a participant's screen, the debrief and the PDF report must say the
 * same thing about the same facts: the false alarm, detection and MTTD, the open obligation (open,
 * never "missed"), and who played (the people who joined, not the names typed at setup).
 * Screenshots four-* and the report's pages four-aar-N.png are there to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseJournal } from '../../shared/engine/journal.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';
import { scoreRun } from '../../shared/scoring/score-card.ts';
import { newPage, screenshot, SHOTS, useHostAndBrowser } from './harness.ts';
import { jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

/** Whitespace (a cell's line wraps included) collapsed to single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const bodyText = async (page: Page) => flat((await page.locator('body').innerText()) ?? '');

// Setup (startExercise) typed Dana as incident commander, Tom as communications lead and Lee as
// scribe. Dana and Tom join with those roles; Sam, not named at setup, joins as technical lead.
const PEOPLE = [
  { name: 'Dana', role: 'incident_commander', label: 'Incident commander' },
  { name: 'Sam', role: 'technical_lead', label: 'Technical lead' },
  { name: 'Tom', role: 'communications_lead', label: 'Communications lead' },
] as const;

describe('four screens, one story', () => {
  const env = useHostAndBrowser();
  let downloads: string;
  beforeAll(() => {
    downloads = mkdtempSync(join(tmpdir(), 'firebreak-four-'));
  });
  afterAll(() => {
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('console, participant, debrief and report agree on the false alarm, MTTD, the open obligation and who played', { timeout: 600_000 }, async () => {
    const s = scenario('stale-pricing-data.yaml');
    const facilitator = await newPage(env.browser);
    const id = await startExercise(facilitator, env.host, s);
    await pause(facilitator);
    await tab(facilitator, 'Facilitate');
    await facilitator.getByRole('button', { name: 'Open the room to participants' }).click();
    const joinUrl = (await facilitator.getByTestId('join-link').getAttribute('href'))!;
    const projector = await newPage(env.browser, 1920, 1080);
    await projector.goto((await facilitator.getByTestId('projector-link').getAttribute('href'))!);

    const pages: Record<string, Page> = {};
    for (const p of PEOPLE) {
      const page = await newPage(env.browser, 1280, 720);
      await page.goto(joinUrl);
      await page.getByLabel('Your name').fill(p.name);
      await page.getByLabel('Your role').selectOption(p.role);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('region', { name: 'Your actions' }).waitFor();
      await facilitator.getByRole('list', { name: 'Participants' }).getByText(p.name).waitFor();
      pages[p.role] = page;
    }
    const ic = pages.incident_commander!;
    const comms = pages.communications_lead!;

    // A false alarm: the commander declares before any sign of the fault.
    await ic.getByRole('button', { name: 'Declare incident' }).last().click();
    await facilitator
      .getByText(/False alarm/)
      .first()
      .waitFor();

    // The first real signal; the commander triages it (detection), the comms lead plans the
    // affected users' notice (due 24 h after awareness, long after the end): open, not missed.
    await jumpToSignal(facilitator, s.injects.find((i) => i.id === 'bookings-surge')!.title);
    await ic.locator('input[name="severity"]').nth(0).check();
    await ic.getByLabel('Incident type').selectOption('data_integration');
    await ic.getByRole('button', { name: 'Record triage' }).click();
    await ic.getByRole('button', { name: 'Re-triage' }).waitFor();
    await tab(comms, 'Communicate');
    const users = comms.locator('[data-obligation="affected_users"]');
    await users.getByText('Plan this notice').click();
    await users.getByLabel('Who sends it').fill('Tom');
    await users.getByLabel('What they send').fill('Tell ticket holders whether their tickets stand');
    await users.getByRole('button', { name: 'Plan to send it by the deadline' }).click();
    await users.getByText(/Planned: Tom sends/).waitFor();
    await tab(facilitator, 'Communicate');
    await facilitator
      .locator('[data-obligation="affected_users"]')
      .getByText(/Planned: Tom sends/)
      .waitFor();

    // The console at this moment, and the comms lead's screen.
    await tab(facilitator, 'Respond');
    const consoleText = await bodyText(facilitator);
    await screenshot(facilitator, 'four-console');
    // On a laptop (1024×640) each signal's time and red-herring tag stay inside the feed's rows.
    await facilitator.setViewportSize({ width: 1024, height: 640 });
    await screenshot(facilitator, 'four-console-1024x640');
    const cut = await facilitator.evaluate(() =>
      [...document.querySelectorAll('.signal-row')].flatMap((row) => {
        const edge = row.getBoundingClientRect().right;
        return [...row.querySelectorAll('.sim-time, .tag-facilitator')].filter((el) => el.getBoundingClientRect().right > edge + 1).map((el) => el.textContent);
      }),
    );
    expect(cut).toEqual([]);
    await facilitator.setViewportSize({ width: 1280, height: 720 });
    await tab(facilitator, 'Communicate');
    await screenshot(facilitator, 'four-console-communicate');
    const consoleCommunicate = await bodyText(facilitator);
    await comms.evaluate(() => window.scrollTo(0, 0));
    await screenshot(comms, 'four-participant-communications');
    const commsText = await bodyText(comms);

    // The commander resolves; the facilitator opens the debrief.
    await tab(ic, 'Respond');
    await ic.getByRole('button', { name: 'Resolve incident…' }).click();
    await ic.getByRole('button', { name: 'Confirm resolve' }).click();
    await facilitator.goto(`${env.host.url}/#/debrief/${encodeURIComponent(id)}`);
    await facilitator.getByTestId('engine-overall').waitFor();
    // The room's results view, on the projector (1920×1080) and on a participant's device.
    const projected = projector.getByRole('region', { name: 'Results' });
    await projected.waitFor();
    await screenshot(projector, 'four-projector-results-1920x1080');
    const px = (selector: string) =>
      projected
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('.room-results-table td')).toBeGreaterThanOrEqual(28);
    expect(await px('.room-results-hot-wash')).toBeGreaterThanOrEqual(28);
    const box = (await projected.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const projectorText = flat(await projected.innerText());
    await ic.getByRole('region', { name: 'Results' }).waitFor();
    await ic.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ic, 'four-participant-ended');
    const participantResults = flat(await ic.getByRole('region', { name: 'Results' }).innerText());

    const journal = parseJournal(readFileSync(join(env.host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));
    const card = scoreRun(s, journal.header.seed, journal.entries);
    // The facts this exercise was built to have, as the one judgement recorded them.
    expect(card.falseAlarms).toHaveLength(1);
    expect(card.mttd).not.toBeNull();
    expect(card.verdicts.mttd).toEqual({ status: 'missed', code: 'target.false_alarm' });
    expect(card.notifications.find((n) => n.audience === 'affected_users')!.verdict).toEqual({ status: 'open', code: 'target.not_yet_due' });
    const mttd = formatDuration(card.mttd!);

    await expect.poll(async () => (await facilitator.getByTestId('engine-overall').textContent())?.trim()).toBe(`${card.overall}/100`);
    await facilitator.evaluate(() => window.scrollTo(0, 0));
    await screenshot(facilitator, 'four-debrief');
    const keyTimes = facilitator.getByRole('region', { name: 'Key times' });
    await keyTimes.scrollIntoViewIfNeeded();
    await screenshot(facilitator, 'four-debrief-key-times');
    const debriefText = await bodyText(facilitator);

    // The report.
    const [download] = await Promise.all([
      facilitator.waitForEvent('download', { timeout: 90_000 }),
      facilitator.getByRole('group', { name: 'Export the report' }).getByRole('button', { name: 'PDF', exact: true }).click(),
    ]);
    const pdf = join(downloads, download.suggestedFilename());
    await download.saveAs(pdf);
    const reportText = flat(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).replace(/- (?=\w)/g, '-');
    const reportLayout = flat(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
    for (const f of readdirSync(SHOTS).filter((f) => /^four-aar-\d+\.png$/.test(f))) rmSync(join(SHOTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SHOTS, 'four-aar')]);

    // 1. The false alarm: on the console's timeline, in the debrief and in the report.
    for (const [where, text] of [
      ['console', consoleText],
      ['debrief', debriefText],
      ['report', reportText],
    ] as const)
      expect(text, where).toMatch(/False alarm/);

    // 2. Detection and MTTD: the same figure and the same verdict (missed: a false alarm) in the
    // debrief and the report; neither calls the MTTD target met.
    for (const [where, text] of [
      ['debrief', debriefText],
      ['report', reportText],
    ] as const) {
      expect(text, where).toContain(mttd);
      expect(text, where).not.toMatch(/MTTD[^.]{0,40}\bmet\b/i);
    }
    for (const [where, text] of [
      ['projector', projectorText],
      ['participant results', participantResults],
    ] as const) {
      expect(text, where).toContain(`Time to detect (MTTD) ${mttd} 1h missed`);
      expect(text, where).toContain('One false alarm before the first real signal');
      expect(text, where).toContain(`${card.overall}/100`);
    }

    // 3. The open obligation: "planned" on the console and the participant's screen; "open" / "not
    // yet due" in the debrief and the report, never missed or overdue.
    expect(consoleCommunicate, 'console').toMatch(/Affected users[^]*Planned: Tom sends/);
    expect(commsText, 'participant').toMatch(/Affected users[^]*Planned: Tom sends/);
    for (const [where, text] of [
      ['debrief', debriefText],
      ['report', reportLayout],
      ['projector', projectorText],
      ['participant results', participantResults],
    ] as const)
      expect(text, where).toMatch(/Time to notify affected users not yet due 1d open/);
    for (const [where, text] of [
      ['debrief', debriefText],
      ['report', reportText],
    ] as const) {
      expect(text, where).toMatch(/Notify affected users: open \(not yet due when the exercise ended; planned\)/);
    }

    // 4. Who played: the three who joined, with their roles, on the console, the debrief and the
    // report; none of the names typed at setup who never joined.
    for (const p of PEOPLE) {
      expect(consoleText, 'console').toContain(p.name);
      expect(commsText, 'participant').toContain(`${p.name} ${p.label}`);
      expect(reportText, 'report').toMatch(new RegExp(`${p.name}[^.]{0,40}${p.label}|${p.label}[^.]{0,40}${p.name}`, 'i'));
    }
    const participantsSection = reportText.slice(reportText.indexOf('Participants and roles'), reportText.indexOf('Participants and roles') + 400);
    // Who joined, each with the role they took; Lee, named scribe at setup, is listed as set up, with no action.
    for (const p of PEOPLE) expect(participantsSection).toMatch(new RegExp(`${p.name} ${p.label} T\\+0m \\d`, 'i'));
    expect(participantsSection).toMatch(/Lee scribe T\+0m 0/);

    // Nothing facilitator-only on the room's screens.
    for (const text of [projectorText, participantResults, await bodyText(projector)]) {
      expect(text).not.toMatch(/red herring|facilitator only|Adjusted/i);
      for (const f of s.faults) expect(text).not.toContain(f.description);
    }

    await projector.context().close();
    for (const page of Object.values(pages)) await page.context().close();
    await facilitator.context().close();
  });
});
