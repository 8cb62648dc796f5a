import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LiveConnector } from '../../renderer/src/live/live-connection.ts';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { ProjectorScreen } from '../../renderer/src/projector/projector-screen.tsx';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { createFakeApi, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

describe('projector screen (a client of the host session)', () => {
  it('shows what the host projects for the room — and nothing the room should not see', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    const session = await app.live.sessions.get(meta.id)!;

    const projectorEnv: AppEnv = { api, wallClock: new FakeWallClock(), live: app.live.connector, openProjector: async () => {} };
    const projector = render(
      <AppEnvContext.Provider value={projectorEnv}>
        <ProjectorScreen exerciseId={meta.id} projectorKey={session.room.data.projectorKey} />
      </AppEnvContext.Provider>,
    );
    await flush();
    const room = () => projector.container.textContent ?? '';
    // Before the first signal: the briefing slide.
    expect(projector.getByRole('region', { name: 'Briefing' }).textContent).toContain('Drill incident');

    await app.user.click(screen.getByRole('tab', { name: 'Investigate' }));
    app.advanceWall(60_000); // 60 sim minutes: the red herring, then the fault
    await flush();
    await app.user.click(screen.getByRole('button', { name: 'Start' }));
    await flush();
    app.advanceWall(35_000); // the alert, then the finding of the defect
    await flush();
    app.advanceWall(300);
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
    await flush();
    expect(projector.getByRole('region', { name: 'Shared with the room' }).textContent).toContain('Prompt changed');
    await app.user.click(screen.getByRole('tab', { name: 'Facilitate' }));
    // #20: harm over time is not offered for the projector's results before harm is revealed.
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Harm over time' }).disabled).toBe(true);
    await app.user.click(screen.getByRole('button', { name: 'Reveal harm to the room' }));
    await flush();
    expect(room()).toContain('Bad answers');
    expect(room()).not.toMatch(/red herring/i);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Harm over time' }).disabled).toBe(false);

    // A spotlight puts one signal in front of the room.
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Spotlight' }), 's1');
    await flush();
    expect(projector.getByRole('region', { name: 'Spotlight' }).textContent).toContain('Error rate high');

    // The facilitator puts harm over time on the projector for the end, then ends the exercise: the
    // room's screen shows the harm slide with the team's decisions, and still nothing facilitator-only.
    await app.user.click(screen.getByRole('radio', { name: 'Harm over time' }));
    await flush();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Harm over time' }).checked).toBe(true);
    await app.user.click(screen.getByRole('button', { name: 'End exercise early…' }));
    await app.user.click(screen.getByRole('button', { name: 'End now' }));
    await flush();
    const onScreen = within(projector.container);
    const slide = await onScreen.findByRole('region', { name: 'Harm over time' });
    expect(slide.textContent).toContain('Bad answers');
    expect(onScreen.getByRole('list', { name: "The team's decisions" }).textContent).toContain('Exercise ended by the facilitator');
    expect(onScreen.queryByRole('region', { name: 'Results' })).toBeNull();
    expect(room()).not.toMatch(/red herring|facilitator only/i);
    expect(room()).not.toContain('Fault begins');
  });

  it('opens through the environment (Electron window or browser tab)', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    await app.user.click(screen.getByRole('button', { name: 'Projector' }));
    expect(app.openProjector).toHaveBeenCalledWith(meta.id);
  });

  it('refuses a wrong projector key and says so', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    const env: AppEnv = { api, wallClock: new FakeWallClock(), live: app.live.connector, openProjector: async () => {} };
    const { container } = render(
      <AppEnvContext.Provider value={env}>
        <ProjectorScreen exerciseId={meta.id} projectorKey={'w'.repeat(32)} />
      </AppEnvContext.Provider>,
    );
    await flush();
    expect(container.textContent).toContain('not valid');
    expect(container.textContent).not.toContain('Drill incident');
  });

  it('a frame it cannot read (a hostile or broken host) is not thrown at the screen: the room stays up and keeps following', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    const session = await app.live.sessions.get(meta.id)!;
    // The projector's socket, with a way to slip frames in beside the host's.
    let inject: (text: string) => void = () => {};
    const connector: LiveConnector = (events) => {
      inject = (text) => events.message(text);
      return app.live.connector(events);
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const env: AppEnv = { api, wallClock: new FakeWallClock(), live: connector, openProjector: async () => {} };
    const projector = render(
      <AppEnvContext.Provider value={env}>
        <ProjectorScreen exerciseId={meta.id} projectorKey={session.room.data.projectorKey} />
      </AppEnvContext.Provider>,
    );
    await flush();
    expect(projector.getByRole('region', { name: 'Briefing' }).textContent).toContain('Drill incident');

    await act(async () => {
      inject('{"type":"view","view":null}');
      inject('{"type":"viewPatch","base":1,"patch":"rm -rf"}');
      inject('{"type":"entries","upTo":"all","public":7}');
      inject('{"type":"self-destruct"}');
      inject('<html>502 Bad Gateway</html>');
    });
    expect(warn).toHaveBeenCalledTimes(5);
    expect(projector.getByRole('region', { name: 'Briefing' }).textContent).toContain('Drill incident');

    // It keeps following the host: the first signals reach the room's screen.
    app.advanceWall(60_000);
    await flush();
    app.advanceWall(35_000);
    await flush();
    app.advanceWall(300);
    await flush();
    expect(projector.container.textContent).toContain('Disk 85% full');
    warn.mockRestore();
  });
});
