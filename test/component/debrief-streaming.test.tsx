/**
 * The debrief's results arrive in steps (use-debrief.ts): the score as soon as the run is scored,
 * then the whole report model with the what-ifs. Driven one step at a time by a runner the test
 * controls, so what the page shows between the steps is checked, not raced.
 */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { debriefSteps, type DebriefMessage } from '../../renderer/src/debrief/debrief-steps.ts';
import { inPageRunner, useDebrief, type DebriefRunner } from '../../renderer/src/debrief/use-debrief.ts';
import { memoryLiveHost } from './live-memory.ts';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { MINI_TEAM_STEPS } from '../fixtures/mini-team.ts';
import { createFakeApi, miniSource, seedExercise, type FakeApi } from './fake-api.ts';
import { flush } from './render-app.tsx';

async function finishedExercise(api: FakeApi, entries: JournalEntry[] = MINI_TEAM_STEPS.map(([t, input], i) => ({ seq: i + 1, t, input }))): Promise<string> {
  const meta = await seedExercise(api, { source: miniSource(), seed: 1 });
  await api['exercises:append']({ exerciseId: meta.id, entries });
  await api['exercises:finish']({ exerciseId: meta.id, status: 'finished' });
  return meta.id;
}

/** A runner whose steps run only when the test says so. */
function steppedRunner() {
  let step: (() => boolean) | null = null;
  const cancel = vi.fn();
  const runner: DebriefRunner = (loaded, onMessage) => {
    const steps = debriefSteps(loaded);
    step = () => {
      const r = steps.next();
      if (!r.done) onMessage(r.value);
      return !r.done;
    };
    return cancel;
  };
  return { runner, cancel, step: () => act(() => void step!()) };
}

function Probe({ exerciseId, runner }: { exerciseId: string; runner: DebriefRunner }) {
  const s = useDebrief(exerciseId, runner);
  const text =
    s.status === 'error'
      ? `error: ${s.message}`
      : s.status === 'ready'
        ? `ready: ${s.data.model.card.overall}/100, ${s.data.model.whatIf.items.length} what-ifs, ${s.data.context.timeline.length} timeline entries`
        : s.progress.stage === 'scored'
          ? `scored: ${s.progress.title} ${s.progress.overall}/100`
          : 'loading';
  return <p data-testid="state">{text}</p>;
}

function renderProbe(api: FakeApi, exerciseId: string, runner: DebriefRunner) {
  const clock = new FakeWallClock();
  const env: AppEnv = { api, wallClock: clock, live: memoryLiveHost(api, clock).connector, openProjector: async () => {} };
  return render(
    <AppEnvContext.Provider value={env}>
      <Probe exerciseId={exerciseId} runner={runner} />
    </AppEnvContext.Provider>,
  );
}

describe('debrief results streaming in', () => {
  it('shows the score first, then the whole model with its what-ifs', async () => {
    const { api } = createFakeApi();
    const id = await finishedExercise(api);
    const r = steppedRunner();
    renderProbe(api, id, r.runner);
    await flush(); // exercises:load
    expect(screen.getByTestId('state').textContent).toBe('loading');
    r.step();
    expect(screen.getByTestId('state').textContent).toMatch(/^scored: .+ 64\/100$/);
    r.step();
    expect(screen.getByTestId('state').textContent).toMatch(/^ready: 64\/100, [1-9]\d* what-ifs, [1-9]\d* timeline entries$/);
  });

  it('stops the computation when the debrief is left before it finishes', async () => {
    const { api } = createFakeApi();
    const id = await finishedExercise(api);
    const r = steppedRunner();
    const view = renderProbe(api, id, r.runner);
    await flush();
    r.step();
    view.unmount();
    expect(r.cancel).toHaveBeenCalledTimes(1);
  });

  it('names the problem when the journal does not replay', async () => {
    const { api } = createFakeApi();
    const id = await finishedExercise(api, [{ seq: 1, t: 60_000, input: { type: 'CONTAIN', containmentId: 'no-such-containment' } }]);
    renderProbe(api, id, inPageRunner);
    expect((await screen.findByText(/^error: /)).textContent).toMatch(/the journal does not replay: journal entry 1 \(CONTAIN/);
  });

  it('gives the same messages in the page as the worker would post', async () => {
    const { api } = createFakeApi();
    const id = await finishedExercise(api);
    const loaded = await api['exercises:load']({ exerciseId: id });
    const messages: DebriefMessage['type'][] = [];
    await new Promise<void>((resolve) =>
      inPageRunner(loaded, (m) => {
        messages.push(m.type);
        if (m.type !== 'scored') resolve();
      }),
    );
    expect(messages).toEqual(['scored', 'ready']);
  });
});
