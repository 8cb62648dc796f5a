import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fixture, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

/** The drill scenario with 5,000 extra injects spread over its 10 hours (one every 7 seconds). */
function busyScenario(): string {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const channel = ['ticket', 'internal', 'client', 'dashboard'][i % 4];
    lines.push(
      `  - { id: n${i}, trigger: { at: ${Math.floor((i * 7) / 60)}m${(i * 7) % 60}s }, channel: ${channel}, source: Source ${i % 17}, title: Signal ${i}, body: Body of signal ${i}. }`,
    );
  }
  return fixture('drill.yaml').replace('injects:\n', `injects:\n${lines.join('\n')}\n`);
}

describe('signal feed at scale', () => {
  it('keeps 5,000 signals virtualized while the clock ticks at 60×', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api, { source: busyScenario(), speed: 60 });
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    // 9h40m of sim time at 60×, ticking at 10 Hz of wall time would be 5,800 ticks; drive big steps
    // to get there, then ordinary ticks with the feed full.
    for (let i = 0; i < 58; i++) {
      app.advanceWall(10_000);
      await flush();
    }
    expect(app.session().run.context.signals.length).toBeGreaterThan(4900);
    const feed = screen.getByRole('list', { name: 'Signal feed' });
    const rendered = within(feed).getAllByRole('listitem').length;
    expect(rendered).toBeLessThan(60);

    // Ordinary ticks with the feed full keep the DOM at a window of rows. How long a tick takes is
    // measured in a real browser by `npm run bench` (bench/ui-latency.ts: p95 input-to-paint at 60×
    // with 5,000 signals), not here: jsdom's speed says nothing about the app's.
    for (let i = 0; i < 30; i++) {
      app.advanceWall(100);
      await flush();
    }
    expect(within(feed).getAllByRole('listitem').length).toBeLessThan(60);
  }, 240_000);
});
