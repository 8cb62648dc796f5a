import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fixture, scenarioEntry, seedExercise } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

const BROKEN = `id: broken
version: 1
title: Broken
summary: Missing most things.
clock: { start: "2026-03-09T09:00", horizon: soon }
`;

describe('scenario library', () => {
  it('shows each valid scenario with its summary, objectives, difficulty, duration and client', async () => {
    renderApp({ name: 'library' });
    const card = await screen.findByRole('article', { name: 'Drill incident' });
    const text = card.textContent ?? '';
    expect(text).toContain('A prompt change quietly breaks answers');
    expect(text).toContain('Contain it without a full outage');
    expect(text).toContain('Intermediate');
    expect(text).toContain('45m');
    expect(text).toContain('Acme Support');
    expect(text).toContain('Answer bot');
    expect(within(card).getByRole('link', { name: 'Set up exercise' }).getAttribute('href')).toBe('#/setup/builtin%3Adrill.yaml');
  });

  it("exports the facilitator guide and the participants' situation manual from a card", async () => {
    const { api, user } = renderApp({ name: 'library' });
    const card = await screen.findByRole('article', { name: 'Drill incident' });
    // Every button waits while one export runs (disabled): press the next once the last is done,
    // as a user can (clicking a disabled button does nothing, which raced on a loaded CI machine).
    const press = async (name: string) => {
      const button = within(card).getByRole('button', { name });
      await waitFor(() => expect(button).toHaveProperty('disabled', false));
      await user.click(button);
    };
    await press('Facilitator guide (PDF)');
    expect(api['guide:export']).toHaveBeenCalledWith({ file: 'builtin:drill.yaml', version: 'facilitator' });
    await press('Situation manual (PDF)');
    expect(api['guide:export']).toHaveBeenCalledWith({ file: 'builtin:drill.yaml', version: 'participant' });
    await press('MSEL (XLSX)');
    expect(api['msel:export']).toHaveBeenCalledWith({ file: 'builtin:drill.yaml', kind: 'xlsx' });
  });

  it('lists invalid files with located errors (file:line:col  path: message)', async () => {
    const { api } = createFakeApi([scenarioEntry('builtin:drill.yaml', fixture('drill.yaml')), scenarioEntry('scenarios/broken.yaml', BROKEN)]);
    renderApp({ name: 'library' }, api);
    const bad = await screen.findByRole('article', { name: 'Problems in scenarios/broken.yaml' });
    const lines = within(bad)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(lines.some((l) => /^scenarios\/broken\.yaml:5:\d+ {2}clock\.horizon: "soon" is not a duration/.test(l))).toBe(true);
    expect(lines.some((l) => /^scenarios\/broken\.yaml:\d+:\d+ {2}.*system/.test(l))).toBe(true);
    // The valid one is still offered.
    expect(screen.getByRole('article', { name: 'Drill incident' })).toBeTruthy();
  });

  it('opens a scenario file from disk through scenarios:import', async () => {
    const { api, user } = renderApp({ name: 'library' });
    await screen.findByRole('article', { name: 'Drill incident' });
    const file = new File([BROKEN], 'my-broken.yaml', { type: 'text/yaml' });
    await user.upload(screen.getByLabelText('Open scenario file'), file);
    expect(api['scenarios:import']).toHaveBeenCalledWith({ fileName: 'my-broken.yaml', text: BROKEN });
    expect(await screen.findByRole('article', { name: 'Problems in my-broken.yaml' })).toBeTruthy();
  });

  it('offers running exercises to resume, and not finished ones', async () => {
    const { api } = createFakeApi();
    const running = await seedExercise(api, { mode: 'solo' });
    const done = await seedExercise(api);
    await api['exercises:finish']({ exerciseId: done.id, status: 'finished' });
    renderApp({ name: 'library' }, api);
    const section = await screen.findByRole('region', { name: 'Running exercises' });
    const links = within(section).getAllByRole('link', { name: 'Resume' });
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe(`#/solo/${running.id}`);
  });

  it('shows an error with a retry when the library cannot load', async () => {
    const { api } = createFakeApi();
    api['scenarios:list'].mockRejectedValueOnce(new Error('server unreachable'));
    const { user } = renderApp({ name: 'library' }, api);
    expect((await screen.findByRole('alert')).textContent).toContain('server unreachable');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Drill incident' })).toBeTruthy();
  });
});
