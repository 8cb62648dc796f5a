import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { loadScenario } from '../../shared/scenario/load.ts';
import { MINUTE } from '../../shared/scenario/duration.ts';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { memoryRoomTransport } from '../../renderer/src/projector/room-channel.ts';
import { ProjectorScreen } from '../../renderer/src/projector/projector-screen.tsx';
import { buildRoomView } from '../../renderer/src/projector/room-view.ts';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { createFakeApi, fixture, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

function drillRun(): ExerciseRun {
  const r = loadScenario(fixture('drill.yaml'));
  if (!r.ok) throw new Error('fixture does not load');
  return new ExerciseRun(r.scenario, 7);
}

const roomInput = { exerciseId: 'x', team: 'Blue', speed: 60, paused: false, sharedFindings: [] as string[] };

describe('room view (what the projector is sent)', () => {
  it('carries no red-herring marker, harm, hidden entry, private metric or unshared finding', () => {
    const run = drillRun();
    run.apply({ type: 'INVESTIGATE', investigationId: 'diff-prompts' }, 10 * MINUTE);
    run.apply({ type: 'NOTE', text: 'Team ignored the disk alert' }, 15 * MINUTE);
    run.apply({ type: 'ADHOC_INJECT', channel: 'internal', source: 'CTO', title: 'Any update?', body: 'Need status.' }, 16 * MINUTE);
    run.advanceTo(70 * MINUTE);
    const view = buildRoomView(run, roomInput);
    const json = JSON.stringify(view);
    expect(view.signals.map((s) => s.title)).toEqual(['Any update?', 'Disk 85% full', 'Error rate high']);
    expect(json).not.toMatch(/red.?herring/i);
    expect(json).not.toContain('adhoc');
    expect(view.harm).toBeNull();
    expect(json).not.toContain('Bad answers');
    expect(json).not.toContain('Fault begins');
    expect(json).not.toContain('Team ignored');
    expect(json).not.toContain('Facilitator inject');
    expect(json).not.toContain('Prompt changed');
    expect(view.metrics.map((m) => m.id)).toEqual(['errors']);
    expect(view.phaseLabel).toBe('Normal operations'); // an investigation alone is not detection (only declaring, triaging, containing or notifying is)

    // Before anyone responds, a quiet failure is not given away.
    const quiet = drillRun();
    quiet.advanceTo(70 * MINUTE);
    expect(quiet.phase).toBe('quietFailure');
    expect(buildRoomView(quiet, roomInput).phaseLabel).toBe('Normal operations');

    const shared = buildRoomView(run, { ...roomInput, sharedFindings: ['diff-prompts'] });
    expect(shared.findings.map((f) => f.title)).toEqual(['Prompt changed']);
    run.apply({ type: 'REVEAL_HARM' });
    expect(buildRoomView(run, roomInput).harm?.map((h) => h.label)).toEqual(['Bad answers']);
  });
});

describe('projector screen', () => {
  it('waits for the console, then shows what the console publishes — and nothing the room should not see', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');

    // A projector window for the same exercise, on the same room channel.
    const projectorEnv: AppEnv = { api, wallClock: new FakeWallClock(), room: app.room, openProjector: async () => {} };
    const projector = render(
      <AppEnvContext.Provider value={projectorEnv}>
        <ProjectorScreen exerciseId={meta.id} />
      </AppEnvContext.Provider>,
    );
    expect(projector.container.textContent).toContain('Waiting for the facilitator console');

    await app.user.click(screen.getByRole('tab', { name: 'Investigate' }));
    await app.user.click(screen.getByRole('button', { name: 'Start' }));
    await flush();
    app.advanceWall(70_000); // 70 sim minutes: red herring, fault, alert, finding
    await flush();
    app.advanceWall(300);
    const room = () => projector.container.textContent ?? '';
    expect(room()).toContain('Drill incident');
    expect(room()).toContain('Disk 85% full');
    expect(room()).toContain('Error rate high');
    expect(room()).not.toMatch(/red herring/i);
    expect(room()).not.toContain('Bad answers');
    expect(room()).not.toContain('Fault begins');
    expect(room()).not.toContain('Prompt changed');
    expect(room()).not.toContain('Token spend');

    // The facilitator shares the finding and reveals harm: now the room sees them.
    await app.user.click(screen.getByRole('checkbox', { name: 'Show on projector' }));
    expect(room()).toContain('Prompt changed');
    await app.user.click(screen.getByRole('tab', { name: 'Facilitate' }));
    await app.user.click(screen.getByRole('button', { name: 'Reveal harm to the room' }));
    await flush();
    expect(room()).toContain('Bad answers');
    expect(room()).not.toMatch(/red herring/i);
  });

  it('opens through the environment (Electron window or browser tab)', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    await app.user.click(screen.getByRole('button', { name: 'Projector' }));
    expect(app.openProjector).toHaveBeenCalledWith(meta.id);
  });

  it('ignores views of other exercises and malformed messages', () => {
    const room = memoryRoomTransport();
    const env: AppEnv = { api: createFakeApi().api, wallClock: new FakeWallClock(), room, openProjector: async () => {} };
    const { container } = render(
      <AppEnvContext.Provider value={env}>
        <ProjectorScreen exerciseId="mine" />
      </AppEnvContext.Provider>,
    );
    act(() => room.publish({ ...buildRoomView(drillRun(), { ...roomInput, exerciseId: 'other' }) }));
    expect(container.textContent).toContain('Waiting for the facilitator console');
    act(() => room.publish(buildRoomView(drillRun(), { ...roomInput, exerciseId: 'mine' })));
    expect(container.textContent).toContain('Drill incident');
  });
});
