/**
 * Each built-in scenario played through the real UI in Chromium against the browser host:
 * library → setup → console (jump to the first real alert, declare, triage, contain, notify,
 * resolve) → debrief, whose score must equal the engine's score card for the stored journal.
 * Then the scenario's scripted teams (textbook, plausible-but-wrong, do-nothing) are stored through
 * the host's API and opened in the debrief: the ranking the browser shows is asserted (#21).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invokeOverHttp } from '../../host/web/http-protocol.ts';
import { parseActionsFile, playScript } from '../../shared/engine/actions-file.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { parseJournal } from '../../shared/engine/journal.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { scoreRun } from '../../shared/scoring/score-card.ts';
import { E2E_SECRET, newPage, ROOT, screenshot, useHostAndBrowser } from './harness.ts';
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
  { file: 'refund-fraud-cascade.yaml', alert: 'holds-alert', severity: 1, containment: 'review-before-hold' },
  { file: 'missing-contract-clause.yaml', alert: 'lawyer-email', severity: 2, containment: 'hide-long-summaries' },
  { file: 'recommender-3am.yaml', alert: 'ctr-alert', severity: 2, containment: 'bestseller-fallback' },
  { file: 'fraud-false-declines.yaml', alert: 'decline-alert', severity: 1, containment: 'challenge-not-decline' },
  { file: 'agent-deletes-production.yaml', alert: 'lookup-404-alert', severity: 1, containment: 'revoke-agent-access' },
];

/** Every built-in scenario must have a plan here: a new one is played end to end, or this fails. */
const BUILT_INS = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** A scripted team (scenarios/teams/) played by the engine into journal entries, as the room would record them. */
function teamEntries(s: Scenario, file: string, team: string, seed: number) {
  const name = team === 'do-nothing' ? 'do-nothing.yaml' : `${file.replace(/\.yaml$/, '')}.${team}.yaml`;
  const run = new ExerciseRun(s, seed);
  const warnings = playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios', 'teams', name), 'utf8'), name));
  expect(warnings).toEqual([]);
  return run.entries;
}

const TEAMS = ['textbook', 'plausible-wrong', 'do-nothing'] as const;

describe('playing the built-in scenarios through the UI', () => {
  const env = useHostAndBrowser();

  it('has a plan for every built-in scenario', () => {
    expect(PLANS.map((p) => p.file).sort()).toEqual(BUILT_INS);
  });

  it.each(PLANS)(
    '$file: declare, triage, contain, notify, resolve; the debrief shows the engine score',
    async (plan) => {
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

      // The scenario's three scripted teams, stored through the same host API the room uses and
      // scored by the browser's debrief: textbook first by a clear margin, doing nothing last.
      const overall: Record<string, number> = {};
      for (const team of TEAMS) {
        const seed = 1;
        const meta = await invokeOverHttp(
          fetch,
          env.host.url,
          'exercises:create',
          {
            scenarioId: s.id,
            scenarioSource: readFileSync(join(ROOT, 'scenarios', plan.file), 'utf8'),
            seed,
            team,
            participants: [],
            mode: 'facilitated',
            speed: 60,
          },
          E2E_SECRET,
        );
        const entries = teamEntries(s, plan.file, team, seed);
        if (entries.length) await invokeOverHttp(fetch, env.host.url, 'exercises:append', { exerciseId: meta.id, entries }, E2E_SECRET);
        await invokeOverHttp(fetch, env.host.url, 'exercises:finish', { exerciseId: meta.id, status: 'finished' }, E2E_SECRET);
        await page.goto(`${env.host.url}/#/debrief/${encodeURIComponent(meta.id)}`);
        await page.reload(); // a fresh load: a hash change alone could leave the last debrief's score on screen
        const score = page.getByTestId('engine-overall');
        await expect.poll(async () => ((await score.count()) ? (await score.textContent())!.trim() : ''), { timeout: 60_000 }).toMatch(/^\d+\/100$/);
        overall[team] = Number((await score.textContent())!.trim().split('/')[0]);
      }
      expect(overall.textbook).toBeGreaterThanOrEqual(90);
      expect(overall['plausible-wrong']).toBeLessThan(overall.textbook! - 30);
      expect(overall['do-nothing']).toBeLessThan(overall['plausible-wrong']!);
      await page.close();
      // The UI run plus three debriefs: about 30 s on an idle machine, 85 s seen under load 16.
    },
    600_000,
  );
});
