/**
 * The solo screen is a client of the host's session holding every role: it shows what the host
 * projected for the trainee and nothing else, runs the clock, asks for hints, and its actions are
 * journaled in the trainee's name.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../renderer/src/store/app-store.ts';
import { createFakeApi, seedExercise, type FakeApi } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

async function openSolo() {
  const { api, backend } = createFakeApi();
  const meta = await seedExercise(api, { mode: 'solo', participants: [{ name: 'Ana' }] });
  const app = renderApp({ name: 'solo', exerciseId: meta.id }, api);
  await screen.findByTestId('sim-clock');
  await flush();
  return { ...app, meta, backend };
}

async function runMinutes(app: { advanceWall(ms: number): void }, minutes: number) {
  for (let i = 0; i < minutes; i++) {
    app.advanceWall(1000);
    await flush();
  }
}

function appended(api: FakeApi) {
  return api['exercises:append'].mock.calls.flatMap((c) => c[0].entries);
}

describe('solo screen', () => {
  it('shows only what the host projects: no facilitator tab, harm, hidden metric, red-herring mark or fault', async () => {
    const app = await openSolo();
    await runMinutes(app, 70);
    expect(screen.queryByRole('tab', { name: 'Facilitate' })).toBeNull();
    expect(screen.queryByRole('region', { name: /Harm and costs/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Projector' })).toBeNull();
    expect(screen.getByRole('list', { name: 'Signal feed' }).textContent).toContain('Disk 85% full');
    expect(screen.getByRole('list', { name: 'Signal feed' }).textContent).not.toContain('red herring');
    expect(screen.getByRole('list', { name: 'Timeline' }).textContent).not.toMatch(/red herring|Fault begins/);
    expect(screen.getByText('Normal operations')).toBeTruthy();
    expect(screen.queryByText('Token spend')).toBeNull();
    expect(screen.getByText('Error rate')).toBeTruthy();

    // Nothing facilitator-only was ever sent to this page: no journal, no scenario, no marks.
    const wire = app.live.frames.join('\n');
    expect(wire).not.toContain('scenarioSource');
    expect(wire).not.toMatch(/redHerring|red herring|Token spend|Bad answers|Look at what was deployed/);
    expect(wire).not.toContain('"setup":{');
  });

  it('takes team actions in the trainee’s name, with the same panels as the console', async () => {
    const app = await openSolo();
    const { api, user } = app;
    await user.click(screen.getByRole('radio', { name: /Sev 2/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Incident type' }), 'performance_degradation');
    await user.click(screen.getByRole('button', { name: 'Record triage' }));
    await flush();
    expect(screen.getByTestId('current-triage').textContent).toContain('Severity 2');
    expect(appended(api).at(-1)).toMatchObject({ input: { type: 'TRIAGE', severity: 2 }, by: { name: 'Ana', role: 'solo' } });

    // An unavailable containment is disabled with its reason, sent ahead by the host.
    const fallback = screen.getByRole('listitem', { name: 'Route to human agents' });
    expect(within(fallback).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
    expect(fallback.textContent).toContain('The support team is off shift until 08:00.');

    // An investigation runs on the host's clock; its finding is the trainee's without anyone sharing it.
    // (Started once the fault is there, at T+1h: an earlier look would read normal.)
    await user.click(screen.getByRole('tab', { name: 'Investigate' }));
    await runMinutes(app, 60);
    const item = () => screen.getByText('Diff prompts').closest('li')!;
    await user.click(within(item()).getByRole('button', { name: 'Start' }));
    await flush();
    await runMinutes(app, 2);
    expect(item().textContent).toMatch(/2[89]m left/);
    await runMinutes(app, 30);
    expect(item().textContent).toContain('Finding: Prompt changed');
    expect(item().textContent).toContain('A new prompt went live at 10:00.');
    expect(screen.queryByText('Show on projector')).toBeNull();
  });

  it('runs its own clock and asks for hints, which the host journals', async () => {
    const app = await openSolo();
    const { api, user } = app;
    await user.click(screen.getByRole('button', { name: '❚❚ Pause' }));
    await flush();
    expect(useAppStore.getState().session.paused).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next event ›' }));
    await flush();
    expect(screen.getByRole('list', { name: 'Signal feed' }).textContent).toContain('Disk 85% full');
    expect(
      appended(api)
        .filter((e) => e.input.type === 'CLOCK')
        .every((e) => e.by?.role === 'solo'),
    ).toBe(true);

    await user.click(screen.getByRole('tab', { name: 'Hints' }));
    expect(screen.getByText(/1 of 1 hints left/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Hint' }));
    await flush();
    expect(appended(api).at(-1)).toMatchObject({ input: { type: 'REVEAL_HINT', hintId: 'h1' }, by: { name: 'Ana', role: 'solo' } });
    expect(screen.getByText('Look at what was deployed recently.')).toBeTruthy();
    expect(screen.getByText('No more hints.')).toBeTruthy();
  });

  it('resolving ends the exercise and opens the debrief', async () => {
    const app = await openSolo();
    const { user } = app;
    await user.click(screen.getByRole('button', { name: 'Resolve incident…' }));
    await user.click(screen.getByRole('button', { name: 'Confirm resolve' }));
    await flush();
    await flush();
    expect(useAppStore.getState().route).toEqual({ name: 'debrief', exerciseId: app.meta.id });
  });

  it('a facilitated exercise opened on the solo screen says where it runs instead', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api, { mode: 'facilitated' });
    renderApp({ name: 'solo', exerciseId: meta.id }, api);
    expect((await screen.findByRole('alert')).textContent).toMatch(/facilitated: open it on the facilitator console/);
  });
});
