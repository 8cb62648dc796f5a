/**
 * A live room in Chromium: the host owns the exercise; the facilitator console, three
 * participants (separate browser contexts, different roles) and a projector are its clients.
 * Reloads of any client and a kill -9 of the host lose nothing; the pause-jump-reload sequence
 * comes back where it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseJournal } from '../../shared/engine/journal.ts';
import { newDataDir, newPage, screenshot, useBrowser, useHosts, type Host } from './harness.ts';
import { jumpToSignal, pause, scenario, startExercise, tab } from './ui-steps.ts';

const offset = (page: Page) => page.locator('.clock-offset').first().textContent();
const journalOf = (host: Host, id: string) => parseJournal(readFileSync(join(host.dataDir, 'exercises', id, 'journal.jsonl'), 'utf8'));

describe('live room', () => {
  const env = useBrowser();
  const hosts = useHosts();

  it('pause, next inject four times, reload: back at the same moment with the signals; a second tab stays consistent', async () => {
    const s = scenario('provider-update-leakage.yaml');
    const host = await hosts.start(newDataDir());
    const page = await newPage(env.browser);
    const id = await startExercise(page, host, s);
    await pause(page);
    for (let i = 0; i < 4; i++) {
      const before = await offset(page);
      await page.getByRole('button', { name: /Next event/ }).click();
      await expect.poll(() => offset(page)).not.toBe(before);
    }
    const at = await offset(page);
    const signals = await page.locator('.signal-row').count();
    await page.reload();
    await page.getByRole('button', { name: /Resume$/ }).waitFor();
    expect(await offset(page)).toBe(at);
    await expect.poll(() => page.locator('.signal-row').count()).toBe(signals);

    // A second tab on the same exercise: same moment; an action in either shows in both.
    const second = await page.context().newPage();
    await second.goto(`${host.url}/#/console/${id}`);
    await second.getByRole('button', { name: /Resume$/ }).waitFor();
    expect(await offset(second)).toBe(at);
    await tab(second, 'Respond');
    await second.getByRole('button', { name: 'Declare incident' }).last().click();
    await second.getByText('Incident declared').first().waitFor();
    await page.getByText('Incident declared').first().waitFor();
    await tab(page, 'Investigate');
    await page.getByRole('button', { name: 'Preserve' }).first().click();
    await page
      .getByText(/preserved/i)
      .first()
      .waitFor();
    expect(
      journalOf(host, id)
        .entries.map((e) => e.input.type)
        .filter((t) => t !== 'CLOCK' && t !== 'ASSIGN_ROLE'),
    ).toEqual(['ACKNOWLEDGE', 'PRESERVE_EVIDENCE']);
  });

  // The longest story in the suite (five browser contexts, a reload, a kill -9 and reconnects): about
  // 50 s on a quiet 2-core machine, and four to five times that at load 17 (measured with
  // DEBUG=pw:api: every step slower, none stuck). What looked like a hang in session 4 was this test
  // outliving the 120 s e2e default; a retry made it worse, since vitest cannot stop the timed-out
  // attempt, which keeps driving its pages beside the retry. So: one attempt, a budget for a slow machine.
  it('a facilitator, three participants and a projector play together; a reload and a kill -9 lose nothing', { timeout: 480_000 }, async () => {
    const s = scenario('provider-update-leakage.yaml');
    const inject = (id: string) => s.injects.find((i) => i.id === id)!;
    let host = await hosts.start(newDataDir());
    const facilitator = await newPage(env.browser);
    const id = await startExercise(facilitator, host, s);
    await pause(facilitator);
    await tab(facilitator, 'Facilitate');
    await facilitator.getByRole('button', { name: 'Open the room to participants' }).click();
    const joinUrl = (await facilitator.getByTestId('join-link').getAttribute('href'))!;
    expect(joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/join\//);
    expect(await facilitator.getByRole('img', { name: 'QR code of the join link' }).count()).toBe(1);
    const projectorUrl = (await facilitator.getByTestId('projector-link').getAttribute('href'))!;

    async function participant(name: string, role: string): Promise<Page> {
      const page = await newPage(env.browser, 900, 900);
      await page.goto(joinUrl);
      await page.getByLabel('Your name').fill(name);
      if (role === 'incident_commander') await screenshot(page, 'live-join-form');
      await page.getByLabel('Your role').selectOption(role);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('region', { name: 'Your actions' }).waitFor();
      return page;
    }
    const ic = await participant('Dana', 'incident_commander');
    const tech = await participant('Tom', 'technical_lead');
    const comms = await participant('Lee', 'communications_lead');
    const projector = await newPage(env.browser, 1280, 720);
    await projector.goto(projectorUrl);
    await projector.getByRole('region', { name: 'Briefing' }).waitFor();
    await screenshot(projector, 'live-projector-briefing-1280x720');
    await facilitator.getByRole('list', { name: 'Participants' }).getByText('Lee').waitFor();

    await jumpToSignal(facilitator, inject('dpo-request').title);
    const dlp = inject('dlp-alert').title;
    const dpo = inject('dpo-request').title;
    await comms.getByText(dpo).first().waitFor();
    await tech.getByText(dlp).first().waitFor();
    await ic.getByText(dpo).first().waitFor();
    await ic.getByText(dlp).first().waitFor();
    expect(await comms.getByText(dlp).count()).toBe(0); // the inbox: clients, regulators, press
    expect(await tech.getByText(dpo).count()).toBe(0); // alerts, tickets, dashboards
    expect(await tech.getByRole('region', { name: 'Dashboards' }).count()).toBe(1);
    expect(await comms.getByRole('region', { name: 'Dashboards' }).count()).toBe(0);

    // Each role acts for itself; every action is attributed.
    const investigation = s.investigations.find((i) => i.id === 'review-flagged-transcripts')!;
    await tab(tech, 'Investigate');
    await tech.locator('li', { hasText: investigation.label }).getByRole('button', { name: 'Start' }).click();
    await comms
      .getByText(/Started investigating/)
      .first()
      .waitFor();
    expect(await comms.getByText('Tom, Technical lead').count()).toBeGreaterThan(0);
    await tab(comms, 'Communicate');
    await comms.getByLabel('Audience').selectOption('client');
    await comms.getByLabel('Message').fill('We are assessing a possible data exposure; update within the hour.');
    await comms.getByRole('button', { name: 'Send to client' }).click();
    await ic
      .getByText(/Message to client/)
      .first()
      .waitFor();
    await ic.getByRole('button', { name: 'Declare incident' }).last().click();
    await facilitator.getByText('Incident declared').first().waitFor();
    await facilitator
      .getByText(/— Tom \(technical lead\)/)
      .first()
      .waitFor();
    // A participant cannot take another role's call: the comms lead has no containment buttons at all.
    expect(await comms.getByRole('region', { name: 'Containment' }).count()).toBe(0);

    // Nothing facilitator-only reaches the participants' or the projector's page.
    for (const page of [ic, tech, comms, projector]) {
      const text = (await page.textContent('body')) ?? '';
      expect(text).not.toMatch(/red herring|facilitator only/i);
      for (const f of s.faults) expect(text).not.toContain(f.description);
    }

    for (const [page, name] of [
      [ic, 'live-participant-commander'],
      [tech, 'live-participant-technical'],
      [comms, 'live-participant-communications'],
    ] as const) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, name);
    }
    // The same page on a phone, and on a laptop (the console's three columns).
    await comms.setViewportSize({ width: 390, height: 844 });
    await comms.evaluate(() => window.scrollTo(0, 0));
    await screenshot(comms, 'live-participant-phone-390x844');
    await tech.setViewportSize({ width: 1280, height: 720 });
    await screenshot(tech, 'live-participant-technical-1280x720');
    await comms.setViewportSize({ width: 900, height: 900 });
    await tech.setViewportSize({ width: 900, height: 900 });

    // A reload of a participant comes back as the same person, with what happened meanwhile.
    await tech.reload();
    await tech.getByRole('region', { name: 'Your actions' }).waitFor();
    await tech
      .getByText(/Message to client/)
      .first()
      .waitFor();

    // The facilitator shares a finding and reveals harm: on the projector, visible at 1280×720 and 1920×1080.
    await facilitator.getByRole('button', { name: /Next event/ }).click();
    await tab(facilitator, 'Investigate');
    await facilitator.getByRole('checkbox', { name: 'Show on projector' }).first().check();
    await tab(facilitator, 'Facilitate');
    await facilitator.getByRole('button', { name: 'Reveal harm to the room' }).click();
    const shared = projector.getByRole('region', { name: 'Shared with the room' });
    await shared.getByText(investigation.finding.title).waitFor();
    await shared.getByText('Harm so far').waitFor();
    const big = await newPage(env.browser, 1920, 1080);
    await big.goto(projectorUrl);
    await big.getByRole('region', { name: 'Shared with the room' }).getByText(investigation.finding.title).waitFor();
    for (const [page, h, name] of [
      [projector, 720, 'live-projector-shared-1280x720'],
      [big, 1080, 'live-projector-shared-1920x1080'],
    ] as const) {
      const box = (await page.getByRole('region', { name: 'Shared with the room' }).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(h);
      await screenshot(page, name);
    }
    // A reload of the projector: the shared items are still there (kept by the host).
    await projector.reload();
    await projector.getByRole('region', { name: 'Shared with the room' }).getByText(investigation.finding.title).waitFor();
    const acked = journalOf(host, id).entries.filter((e) => e.input.type !== 'CLOCK');

    // kill -9 the host; start it again on the same port: every client reconnects by itself.
    const port = host.port;
    await host.kill();
    host = await hosts.start(host.dataDir, port);
    await facilitator.getByRole('button', { name: /Resume$/ }).waitFor();
    await comms.getByLabel('Message').fill('Contained; details follow.');
    // Until the page has reconnected, Send says it is not connected and keeps the draft; then it goes through.
    await expect
      .poll(
        async () => {
          if ((await comms.getByText(/Message to client: Contained/).count()) > 0) return true;
          const send = comms.getByRole('button', { name: 'Send' });
          if (await send.isEnabled()) await send.click();
          return false;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(true);
    await tab(facilitator, 'Communicate');
    await facilitator
      .getByText(/Contained; details follow/)
      .first()
      .waitFor({ state: 'attached' });
    // The projector reconnected by itself too, and the room's shares survived the crash.
    await expect.poll(() => projector.getByText('Reconnecting…').count(), { timeout: 90_000 }).toBe(0);
    await projector.getByRole('region', { name: 'Shared with the room' }).getByText(investigation.finding.title).waitFor();
    await tech
      .getByText(/Message to client: Contained/)
      .first()
      .waitFor();
    const after = journalOf(host, id).entries.filter((e) => e.input.type !== 'CLOCK');
    expect(after.slice(0, acked.length)).toEqual(acked);
    expect(after.filter((e) => e.input.type === 'COMMUNICATE').map((e) => e.by)).toEqual([
      { name: 'Lee', role: 'communications_lead' },
      { name: 'Lee', role: 'communications_lead' },
    ]);
    expect(after.find((e) => e.input.type === 'INVESTIGATE')!.by).toEqual({ name: 'Tom', role: 'technical_lead' });
    expect(after.find((e) => e.input.type === 'ACKNOWLEDGE')!.by).toEqual({ name: 'Dana', role: 'incident_commander' });
  });

  it('the waiting room: a joiner waits until the facilitator lets them in by name', async () => {
    const s = scenario('provider-update-leakage.yaml');
    const host = await hosts.start(newDataDir());
    const facilitator = await newPage(env.browser);
    await startExercise(facilitator, host, s);
    await pause(facilitator);
    await tab(facilitator, 'Facilitate');
    await facilitator.getByRole('button', { name: 'Open the room to participants' }).click();
    const joinUrl = (await facilitator.getByTestId('join-link').getAttribute('href'))!;
    await facilitator.getByLabel(/I let each person in/).click(); // the box follows the host: poll for it below
    await expect.poll(() => facilitator.getByLabel(/I let each person in/).isChecked()).toBe(true);

    const sam = await newPage(env.browser, 900, 900);
    await sam.goto(joinUrl);
    await sam.getByLabel('Your name').fill('Sam');
    await sam.getByLabel('Your role').selectOption('scribe');
    await sam.getByRole('button', { name: 'Join' }).click();
    await sam.getByText('Waiting for the facilitator to let you in').waitFor();
    const waiting = facilitator.getByRole('region', { name: 'Waiting to join: 1' });
    await waiting.getByText('Sam').waitFor();
    await waiting.scrollIntoViewIfNeeded();
    await screenshot(facilitator, 'live-waiting-room-console');
    await screenshot(sam, 'live-waiting-room-joiner');
    await waiting.getByRole('button', { name: 'Let in' }).click();
    await sam.getByRole('region', { name: 'Your actions' }).waitFor();
    await facilitator.getByRole('list', { name: 'Participants' }).getByText('Sam').waitFor();
  });
});
