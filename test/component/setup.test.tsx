import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../renderer/src/store/app-store.ts';
import { fixture } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

describe('exercise setup', () => {
  it('creates an exercise with the chosen team, roles, seed and speed, then opens it', async () => {
    const { api, user } = renderApp({ name: 'setup', file: 'builtin:drill.yaml' });
    await screen.findByRole('heading', { name: 'Set up: Drill incident' });

    await user.type(screen.getByRole('textbox', { name: 'Team name' }), 'Night shift');
    await user.type(screen.getByRole('textbox', { name: 'Participant 1 name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Participant 2 name' }), 'Grace');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Participant 2 role' }), 'technical_lead');
    // Participant 3 keeps the scribe role but has no name: setup refuses until it is fixed.
    expect((screen.getByRole('button', { name: 'Start exercise' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Remove participant 3' }));
    const seed = screen.getByRole('textbox', { name: /Seed/ });
    await user.clear(seed);
    await user.type(seed, '12345');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Clock speed' }), '10');
    await user.click(screen.getByRole('button', { name: 'Start exercise' }));

    expect(api['exercises:create']).toHaveBeenCalledTimes(1);
    expect(api['exercises:create']).toHaveBeenCalledWith({
      scenarioId: 'drill',
      scenarioSource: fixture('drill.yaml'),
      seed: 12345,
      team: 'Night shift',
      participants: [
        { name: 'Ada', role: 'incident_commander' },
        { name: 'Grace', role: 'technical_lead' },
      ],
      mode: 'facilitated',
      speed: 10,
    });
    expect(useAppStore.getState().route.name).toBe('console');
    // The console opens and the host journals the setup's role assignments at T+0.
    await screen.findByTestId('sim-clock');
    const appended = api['exercises:append'].mock.calls[0]![0];
    expect(appended.entries.map((e) => e.input)).toEqual([
      { type: 'ASSIGN_ROLE', role: 'incident_commander', person: 'Ada' },
      { type: 'ASSIGN_ROLE', role: 'technical_lead', person: 'Grace' },
    ]);
    expect(appended.entries.map((e) => [e.seq, e.t])).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });

  it('solo: asks only for the trainee’s name (every role is theirs) and opens the solo screen', async () => {
    const { api, user } = renderApp({ name: 'setup', file: 'builtin:drill.yaml' });
    await screen.findByRole('heading', { name: 'Set up: Drill incident' });
    await user.click(screen.getByRole('radio', { name: /Solo/ }));
    expect(screen.queryByRole('textbox', { name: 'Participant 1 name' })).toBeNull();
    // Solo, the trainee is the team: no team name to invent.
    expect(screen.queryByRole('textbox', { name: 'Team name' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Ada');
    // The third row's role without a name does not matter solo.
    await user.click(screen.getByRole('button', { name: 'Start exercise' }));
    expect(api['exercises:create']).toHaveBeenCalledWith(expect.objectContaining({ mode: 'solo', team: 'Ada', participants: [{ name: 'Ada' }] }));
    expect(useAppStore.getState().route.name).toBe('solo');
    await screen.findByTestId('sim-clock');
    // No roles to assign: nothing is journaled until the trainee acts or the clock checkpoints.
    expect(api['exercises:append']).not.toHaveBeenCalled();
  });

  it('rejects a seed that is not a whole number and needs a team name', async () => {
    const { user } = renderApp({ name: 'setup', file: 'builtin:drill.yaml' });
    await screen.findByRole('heading', { name: 'Set up: Drill incident' });
    const seed = screen.getByRole('textbox', { name: /Seed/ });
    await user.clear(seed);
    await user.type(seed, '1.5');
    const problems = screen.getByRole('list', { name: 'Before you start' }).textContent ?? '';
    expect(problems).toContain('Give the team a name.');
    expect(problems).toContain('The seed must be a whole number');
  });

  it('says so when the scenario is unknown', async () => {
    renderApp({ name: 'setup', file: 'nope.yaml' });
    expect((await screen.findByRole('alert')).textContent).toContain('No valid scenario named nope.yaml');
  });
});
