/**
 * Spoiler-free player text (#21): for every built-in scenario, the library card, the solo setup
 * screen and the projector's briefing slide, as rendered, name neither the fault nor the fix: no
 * facilitator giveaway, no pair of words from the correct root cause, no five words from a fault's
 * description (shared/scenario/spoilers.ts). The facilitator console does carry the brief.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { ProjectorScreen } from '../../renderer/src/projector/projector-screen.tsx';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { loadScenario } from '../../shared/scenario/load.ts';
import { spoilersInText } from '../../shared/scenario/spoilers.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { ROOT } from '../helpers.ts';
import { createFakeApi, scenarioEntry, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

const BUILT_INS = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const source = readFileSync(join(ROOT, 'scenarios', file), 'utf8');
    const r = loadScenario(source, file);
    if (!r.ok) throw new Error(`${file} does not load`);
    return { file, source, scenario: r.scenario as Scenario };
  });

const spoilers = (s: Scenario, text: string) => spoilersInText(s, text).map((x) => `"${x.found}" (${x.from})`);

describe.each(BUILT_INS)('$file: player text gives nothing away', ({ file, source, scenario }) => {
  it('the scenario has giveaways to check against', () => {
    expect(scenario.facilitator.giveaways.length).toBeGreaterThan(0);
    expect(scenario.facilitator.brief).not.toBe('');
  });

  it('library card', async () => {
    const { api } = createFakeApi([scenarioEntry(`builtin:${file}`, source)]);
    renderApp({ name: 'library' }, api);
    const card = await screen.findByRole('article', { name: scenario.title });
    expect(card.textContent).toContain(scenario.summary.slice(0, 40));
    expect(spoilers(scenario, card.textContent ?? '')).toEqual([]);
  });

  it('setup screen (solo, as a trainee sees it)', async () => {
    const { api, user } = renderApp({ name: 'setup', file: `builtin:${file}` }, createFakeApi([scenarioEntry(`builtin:${file}`, source)]).api);
    await screen.findByRole('heading', { name: `Set up: ${scenario.title}` });
    await user.click(screen.getByRole('radio', { name: /Solo/ }));
    void api;
    expect(spoilers(scenario, document.body.textContent ?? '')).toEqual([]);
  });

  it('projector briefing slide, while the console carries the facilitator brief', async () => {
    const { api } = createFakeApi([scenarioEntry(`builtin:${file}`, source)]);
    const meta = await seedExercise(api, { source });
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    const session = await app.live.sessions.get(meta.id)!;
    const env: AppEnv = { api, wallClock: new FakeWallClock(), live: app.live.connector, openProjector: async () => {} };
    const projector = render(
      <AppEnvContext.Provider value={env}>
        <ProjectorScreen exerciseId={meta.id} projectorKey={session.room.data.projectorKey} />
      </AppEnvContext.Provider>,
    );
    await flush();
    const slide = projector.getByRole('region', { name: 'Briefing' }).textContent ?? '';
    expect(slide).toContain(scenario.title);
    expect(spoilers(scenario, slide)).toEqual([]);

    await app.user.click(screen.getByRole('tab', { name: 'Facilitate' }));
    const brief = await screen.findByRole('region', { name: 'Facilitator brief' });
    expect(brief.textContent).toContain(scenario.facilitator.brief.slice(0, 40));
  });
});
