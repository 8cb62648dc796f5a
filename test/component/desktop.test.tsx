import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../electron/shared/desktop-bridge.ts';
import { errorMessage, getApi, isDesktop } from '../../renderer/src/api/get-api.ts';
import { parseLocation } from '../../renderer/src/routing/routes.ts';
import { useAppStore } from '../../renderer/src/store/app-store.ts';
import { createFakeApi, fixture, scenarioEntry, seedExercise } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

type Win = { firebreak?: unknown };

afterEach(() => {
  delete (window as unknown as Win).firebreak;
});

describe('inside Electron', () => {
  it('getApi() uses window.firebreak when the preload provides it', () => {
    expect(isDesktop()).toBe(false);
    const { api } = createFakeApi();
    (window as unknown as Win).firebreak = api;
    expect(getApi()).toBe(api);
    expect(isDesktop()).toBe(true);
  });

  it('shows the preload’s plain {code, message} rejections as their message', () => {
    expect(errorMessage({ code: 'io', message: 'disk full' })).toBe('disk full');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });

  it('routes the projector window loaded with ?view=projector&exerciseId=…', () => {
    expect(parseLocation('?view=projector&exerciseId=x7', '')).toEqual({ name: 'projector', exerciseId: 'x7' });
    expect(parseLocation('', '#/console/x7')).toEqual({ name: 'console', exerciseId: 'x7' });
  });

  it('handles application-menu commands', async () => {
    let send: (c: MenuCommand) => void = () => {};
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    (window as unknown as Win).firebreak = { ...api, onMenuCommand: vi.fn((cb: (c: MenuCommand) => void) => ((send = cb), () => {})) };
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');

    act(() => send({ type: 'toggle-projector' }));
    expect(app.openProjector).toHaveBeenCalledWith(meta.id);
    act(() => send({ type: 'show-shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    await app.user.keyboard('{Escape}');

    act(() =>
      send({
        type: 'scenario-opened',
        entry: scenarioEntry('/home/me/custom.yaml', fixture('drill.yaml').replace('title: Drill incident', 'title: My custom drill'), false),
      }),
    );
    expect(useAppStore.getState().route).toEqual({ name: 'library' });
    expect(await screen.findByRole('article', { name: 'My custom drill' })).toBeTruthy();
  });
});
