/**
 * Smoke test of a packaged desktop app (run by .github/workflows/release.yml on each OS, after
 * electron-builder): launches the app with Playwright's Electron support and plays a built-in
 * scenario through the UI, library → setup → console → resolve → debrief, as a person would.
 *
 *   npx tsx test/smoke/packaged-app.ts <folder electron-builder --dir wrote, e.g. release/smoke>
 *
 * Playwright attaches through Node's inspector, so the app under test must be packaged with the
 * nodeCliInspect fuse left on (the workflow packages a --dir build for this with that one fuse
 * changed; the installers it ships keep every fuse in electron-builder.yml, checked by
 * `electron-fuses read`). Not part of `npm test`: it needs a packaged app, which needs the
 * Electron binary and electron-builder's tools from the internet.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type Page } from 'playwright-core';
import { loadScenario } from '../../shared/scenario/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = 'silent-bias-drift.yaml';
const ALERT = 'air-warning';
const CONTAINMENT = 'manual-review-segment';

/** The app's executable inside electron-builder's unpacked output for this OS. */
export function findExecutable(outDir: string, platform: NodeJS.Platform = process.platform): string {
  const dirs = readdirSync(outDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const d of dirs) {
    const base = join(outDir, d.name);
    const candidates =
      platform === 'win32'
        ? [join(base, 'Firebreak.exe')]
        : platform === 'darwin'
          ? [join(base, 'Firebreak.app', 'Contents', 'MacOS', 'Firebreak')]
          : [join(base, 'firebreak'), join(base, 'Firebreak')];
    const found = candidates.find((c) => existsSync(c));
    if (found) return found;
  }
  throw new Error(`no packaged Firebreak executable under ${outDir} (folders: ${dirs.map((d) => d.name).join(', ') || 'none'})`);
}

/** Plays the scenario from the library to the debrief; returns the engine score shown there. */
export async function play(page: Page): Promise<string> {
  const r = loadScenario(readFileSync(join(ROOT, 'scenarios', FILE)), FILE);
  if (!r.ok) throw new Error(`${FILE} does not validate`);
  const s = r.scenario;
  await page.getByRole('article', { name: s.title }).getByRole('link', { name: 'Set up exercise' }).click();
  await page.getByLabel('Team name').fill('Smoke test');
  for (const [i, name] of ['Dana', 'Tom', 'Lee'].entries()) await page.getByLabel(`Participant ${i + 1} name`).fill(name);
  await page.getByRole('button', { name: /start/i }).click();
  await page.waitForURL(/#\/console\//);
  await page.keyboard.press('Space'); // pause: the clock moves only when we jump
  const alert = s.injects.find((i) => i.id === ALERT)!.title;
  for (let i = 0; i < 40 && (await page.getByText(alert, { exact: false }).count()) === 0; i++) await page.getByRole('button', { name: /Next event/ }).click();
  await page.getByRole('tab', { name: 'Respond' }).click();
  await page.getByRole('button', { name: 'Declare incident' }).last().click();
  await page.getByText('Incident declared').first().waitFor();
  await page
    .locator('input[name="severity"]')
    .nth(s.rubric.severity - 1)
    .check();
  await page.getByLabel('Incident type').selectOption(s.rubric.incidentType);
  await page.getByRole('button', { name: 'Record triage' }).click();
  await page.getByRole('button', { name: 'Re-triage' }).waitFor();
  const option = s.containments.find((c) => c.id === CONTAINMENT)!;
  await page.getByRole('listitem', { name: option.label }).getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('listitem', { name: option.label }).getByText('Applied').waitFor();
  await page.getByRole('button', { name: 'Resolve incident…' }).click();
  await page.getByRole('button', { name: 'Confirm resolve' }).click();
  await page.waitForURL(/#\/debrief\//);
  const score = page.getByTestId('engine-overall');
  await score.waitFor({ timeout: 60_000 });
  return (await score.textContent())?.trim() ?? '';
}

async function main(outDir: string): Promise<void> {
  const executablePath = findExecutable(resolve(outDir));
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-smoke-'));
  console.log(`smoke: launching ${executablePath}`);
  const app = await _electron.launch({
    executablePath,
    // Linux CI runners refuse the setuid sandbox of an unpacked build.
    args: process.platform === 'linux' ? ['--no-sandbox'] : [],
    env: { ...process.env, FIREBREAK_DATA: dataDir },
    timeout: 120_000,
  });
  try {
    const page = await app.firstWindow();
    page.setDefaultTimeout(30_000);
    const score = await play(page);
    if (!/^\d+\/100$/.test(score)) throw new Error(`the debrief shows no score ("${score}")`);
    await page.screenshot({ path: join(outDir, 'smoke-debrief.png') });
    console.log(`smoke: played ${FILE} to its debrief, engine score ${score}`);
  } finally {
    await app.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: npx tsx test/smoke/packaged-app.ts <electron-builder --dir output folder>');
    process.exit(2);
  }
  main(outDir).catch((e: unknown) => {
    console.error(`smoke: FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}
