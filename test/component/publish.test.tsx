/**
 * #22: publishing to the programme server as the facilitator sees it. History: the settings (the
 * token is sent once and never shown again), "Publish N exercises" for the selected finished
 * runs, the row's state turning from Queued (with the reason it waits) to Published, a refusal
 * with its reason; the debrief's Publish button; the setup screen's "Last time this team agreed
 * to …: done?".
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PublishItem, PublishStatus } from '../../shared/contract/api.ts';
import { createFakeApi, miniSource, seedExercise } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

function item(exerciseId: string, patch: Partial<PublishItem>): PublishItem {
  return {
    exerciseId,
    state: 'queued',
    updatedAt: '2026-03-02T10:00:00.000Z',
    attempts: 0,
    nextAttemptAt: null,
    message: null,
    problems: [],
    digest: null,
    team: null,
    unit: null,
    overall: null,
    ...patch,
  };
}

async function finishedRuns(n: number) {
  const { api, backend } = createFakeApi();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const meta = await seedExercise(api);
    backend.exercises.get(meta.id)!.meta = { ...backend.exercises.get(meta.id)!.meta, status: 'finished', team: `Team ${i + 1}` };
    ids.push(meta.id);
  }
  return { api, backend, ids };
}

describe('Publish to programme server', () => {
  it('History: a status asked for on opening that answers after the one asked for after saving does not hide the Publish button', async () => {
    const { api } = await finishedRuns(1);
    let configured = false;
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let calls = 0;
    api['programme:status'].mockImplementation(async () => {
      const answer: PublishStatus = { configured, items: [], problem: null };
      if (++calls === 1) await firstHeld; // the opening request, slow on a loaded machine
      return answer;
    });
    api['programme:saveSettings'].mockImplementation(async ({ server }) => {
      configured = true;
      return { server, tokenHint: '…WXYZ', unit: null };
    });
    const { user } = renderApp({ name: 'history' }, api);
    const table = await screen.findByRole('table', { name: 'Exercises' });
    await user.click(screen.getByText('Programme server: not set'));
    await user.type(screen.getByLabelText('Server address'), 'http://127.0.0.1:8787');
    await user.type(screen.getByLabelText('Personal access token'), 'fbp_secretWXYZ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    await user.click(within(table).getByRole('checkbox', { name: /Team 1/ }));
    await screen.findByRole('button', { name: 'Publish 1 exercise' });
    releaseFirst(); // the stale "not configured" answer arrives last
    await firstHeld;
    await waitFor(() => expect(api['programme:status'].mock.results.length).toBeGreaterThanOrEqual(2));
    await Promise.all(api['programme:status'].mock.results.map((r) => r.value));
    expect(screen.getByRole('button', { name: 'Publish 1 exercise' })).toBeTruthy();
  });

  it('History: set once, publish the selected run, see it queued with the reason, then published', async () => {
    const { api, ids } = await finishedRuns(2);
    let status: PublishStatus = { configured: false, items: [], problem: null };
    api['programme:status'].mockImplementation(async () => status);
    api['programme:saveSettings'].mockImplementation(async ({ server }) => {
      status = { ...status, configured: true };
      return { server, tokenHint: '…WXYZ', unit: null };
    });
    const down = 'http://127.0.0.1:8787 is not reachable (connect ECONNREFUSED 127.0.0.1:8787)';
    api['programme:publish'].mockImplementation(async ({ exerciseIds }) => {
      status = { ...status, items: exerciseIds.map((id) => item(id, { state: 'queued', attempts: 1, message: down })) };
      return { items: status.items };
    });
    const { user } = renderApp({ name: 'history' }, api);
    const table = await screen.findByRole('table', { name: 'Exercises' });

    // Not set: no Publish button; the settings say so.
    expect(screen.queryByRole('button', { name: /^Publish/ })).toBeNull();
    await user.click(screen.getByText('Programme server: not set'));
    await user.type(screen.getByLabelText('Server address'), 'http://127.0.0.1:8787');
    await user.type(screen.getByLabelText('Personal access token'), 'fbp_secretWXYZ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api['programme:saveSettings']).toHaveBeenCalledWith({ server: 'http://127.0.0.1:8787', token: 'fbp_secretWXYZ', unit: null });
    await screen.findByText('Saved.');
    expect((screen.getByLabelText('Personal access token') as HTMLInputElement).value).toBe('');
    expect(screen.getByLabelText('Personal access token').getAttribute('placeholder')).toBe('Saved token …WXYZ; leave empty to keep it');

    // Select one finished run and publish it: the server is down, so it is queued with the reason.
    await user.click(within(table).getByRole('checkbox', { name: /Team 1/ }));
    await user.click(await screen.findByRole('button', { name: 'Publish 1 exercise' }));
    expect(api['programme:publish']).toHaveBeenCalledWith({ exerciseIds: [ids[0]] });
    const row = table.querySelector<HTMLElement>(`tr[data-id="${ids[0]}"]`)!;
    await waitFor(() => expect(within(row).getByText('Queued').getAttribute('data-publish-state')).toBe('queued'));
    expect(within(row).getByText('Queued').getAttribute('title')).toContain('is not reachable');
    expect(screen.getByTestId('publish-notices').textContent).toContain(`1 exercise is waiting for the programme server: ${down}`);

    // The server is back: "Try again now" asks the host to send, and the row says Published.
    status = {
      ...status,
      items: [
        item(ids[0]!, { state: 'published', team: 'Team 1', unit: 'Payments', overall: 81 }),
        item(ids[1]!, { state: 'refused', message: 'the bundle does not verify', problems: ['journal.jsonl: line 4: checksum mismatch'] }),
      ],
    };
    await user.click(screen.getByRole('button', { name: 'Try again now' }));
    expect(api['programme:status']).toHaveBeenCalledWith({ retry: true });
    await waitFor(() => expect(within(row).getByText('Published').getAttribute('data-publish-state')).toBe('published'));
    const refusal = screen.getByRole('alert');
    expect(refusal.textContent).toContain('Not published');
    expect(refusal.textContent).toContain('the bundle does not verify; journal.jsonl: line 4: checksum mismatch');
  }, 60_000);

  it('debrief: Publish sends the exercise and shows it queued, with a way to try again', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api, { source: miniSource(), seed: 1 });
    await api['exercises:finish']({ exerciseId: meta.id, status: 'finished' });
    const ids = [meta.id];
    api['programme:status'].mockResolvedValue({ configured: true, items: [], problem: null });
    api['programme:publish'].mockImplementation(async ({ exerciseIds }) => ({
      items: [item(exerciseIds[0]!, { message: 'the server could not store the exercise now (500: internal error: connect ECONNREFUSED)' })],
    }));
    const { user } = renderApp({ name: 'debrief', exerciseId: ids[0]! }, api);
    await screen.findByRole('heading', { name: 'Score card' }, { timeout: 10_000 });
    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    expect(api['programme:publish']).toHaveBeenCalledWith({ exerciseIds: [ids[0]] });
    const state = await screen.findByText(/Queued: the server could not store the exercise now/);
    expect(state.closest('[data-publish-state]')!.getAttribute('data-publish-state')).toBe('queued');
    expect(state.textContent).toContain('nothing is lost');
    screen.getByRole('button', { name: 'Try again now' });
    screen.getByRole('button', { name: 'Publish again' });
  }, 60_000);

  it('setup: "last time this team agreed to …: done?" when connected, nothing otherwise', async () => {
    const { api } = createFakeApi();
    api['programme:teamActions'].mockImplementation(async ({ team }) =>
      team === 'Night shift'
        ? {
            connected: true,
            message: null,
            actions: [
              { id: 2, exerciseId: 'x', text: 'Write the rollback runbook', owner: null, due: '2026-03-15', status: 'done', team: 'Night shift' },
              { id: 1, exerciseId: 'x', text: 'Add a drift alert on approval rates', owner: 'Sam', due: '2026-04-01', status: 'open', team: 'Night shift' },
            ],
          }
        : { connected: false, actions: [], message: null },
    );
    const { user } = renderApp({ name: 'setup', file: 'builtin:drill.yaml' }, api);
    await user.type(await screen.findByRole('textbox', { name: 'Team name' }), 'Night shift');
    const hint = await screen.findByTestId('team-actions-hint', {}, { timeout: 5_000 });
    expect(hint.textContent).toContain('Last time this team agreed to:');
    const items = within(hint).getAllByRole('listitem');
    expect(items[0]!.textContent).toBe('Add a drift alert on approval rates: done? (Sam, due 2026-04-01)open');
    expect(items[1]!.textContent).toBe('Write the rollback runbook (due 2026-03-15)done');
    expect(api['programme:teamActions']).toHaveBeenLastCalledWith({ team: 'Night shift' });
  }, 60_000);
});
