import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExerciseMeta, ExerciseOutcome } from '../../shared/contract/api.ts';
import { downloadBase64 } from '../../renderer/src/debrief/download.ts';
import { useAppStore } from '../../renderer/src/store/app-store.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';
import { createFakeApi, scenarioEntry, seedExercise, type FakeApi, type FakeBackend } from './fake-api.ts';
import { renderApp } from './render-app.tsx';
import { parseDateInput } from '../../renderer/src/ui/date-field.tsx';
import { wordsFor } from '../../shared/i18n/words.ts';

vi.mock('../../renderer/src/debrief/download.ts', () => ({ downloadBase64: vi.fn() }));
beforeEach(() => vi.mocked(downloadBase64).mockClear());

const MIN = 60_000;

function outcome(o: { overall: number; mttd: number | null; mttc: number | null; notify: number | null; severity?: number; harm?: number }): ExerciseOutcome {
  return {
    overall: o.overall,
    mttd: o.mttd === null ? null : o.mttd * MIN,
    mttc: o.mttc === null ? null : o.mttc * MIN,
    timeToNotify: o.notify === null ? null : o.notify * MIN,
    severityCorrect: true,
    severity: o.severity ?? 2,
    dimensions: {},
    targetsMet: {},
    harm: { 'bad-answers': o.harm ?? 100 },
    targets: { mttd: 30 * MIN, mttc: 90 * MIN },
    notifyMet: o.notify === null ? null : o.notify <= 60,
  };
}

type Run = Partial<ExerciseMeta> & { key: string };

const RUNS: Run[] = [
  {
    key: 'r1',
    team: 'Blue team',
    createdAt: '2025-11-10T10:00:00.000Z',
    status: 'finished',
    outcome: outcome({ overall: 55, mttd: 40, mttc: 120, notify: 90, harm: 400 }),
  },
  {
    key: 'r2',
    team: 'Blue team',
    createdAt: '2026-01-15T10:00:00.000Z',
    status: 'finished',
    outcome: outcome({ overall: 72, mttd: 25, mttc: 80, notify: 60, harm: 220 }),
    plan: { open: 2, closed: 1 },
  },
  {
    key: 'r3',
    team: 'Blue team',
    createdAt: '2026-04-10T10:00:00.000Z',
    status: 'finished',
    outcome: outcome({ overall: 88, mttd: 15, mttc: 60, notify: 45, harm: 90 }),
  },
  {
    key: 'r4',
    team: 'Red team',
    createdAt: '2026-02-20T10:00:00.000Z',
    status: 'finished',
    scenarioId: 'silent-bias-drift',
    scenarioTitle: 'Silent bias drift',
    outcome: outcome({ overall: 40, mttd: 50, mttc: null, notify: null, severity: 1 }),
    plan: { open: 1, closed: 3 },
  },
  { key: 'r5', team: 'Red team', createdAt: '2026-03-01T10:00:00.000Z', status: 'running', mode: 'solo', outcome: null },
  { key: 'r6', team: 'Blue team', createdAt: '2026-05-02T10:00:00.000Z', status: 'abandoned', outcome: null },
];

/** A fake store holding the runs above (drill journals), with a trash that delete/restore really use. */
async function historyApi(): Promise<{ api: FakeApi; backend: FakeBackend; ids: Record<string, string> }> {
  const { api, backend } = createFakeApi();
  const ids: Record<string, string> = {};
  for (const { key, ...patch } of RUNS) {
    const meta = await seedExercise(api, { mode: patch.mode ?? 'facilitated' });
    const x = backend.exercises.get(meta.id)!;
    x.meta = { ...meta, updatedAt: patch.createdAt!, lastT: 3 * 60 * MIN, ...patch };
    ids[key] = meta.id;
  }
  // Decisions for the two runs the comparison test loads.
  backend.exercises.get(ids.r2!)!.entries = [
    { seq: 1, t: 85 * MIN, input: { type: 'ACKNOWLEDGE' } },
    { seq: 2, t: 90 * MIN, input: { type: 'CLOCK' } },
    { seq: 3, t: 140 * MIN, input: { type: 'CONTAIN', containmentId: 'rollback-prompt' } },
  ];
  backend.exercises.get(ids.r3!)!.entries = [
    { seq: 1, t: 75 * MIN, input: { type: 'ACKNOWLEDGE' } },
    { seq: 2, t: 80 * MIN, input: { type: 'CONTAIN', containmentId: 'kill-switch' } },
  ];
  const trash = new Map<string, FakeBackend['exercises'] extends Map<string, infer V> ? V : never>();
  api['exercises:delete'].mockImplementation(async ({ exerciseId }) => {
    trash.set(exerciseId, backend.exercises.get(exerciseId)!);
    backend.exercises.delete(exerciseId);
    return { deleted: exerciseId };
  });
  api['exercises:restore'].mockImplementation(async ({ exerciseId }) => {
    backend.exercises.set(exerciseId, trash.get(exerciseId)!);
    trash.delete(exerciseId);
    return { restored: exerciseId };
  });
  return { api, backend, ids };
}

function table() {
  return screen.getByRole('table', { name: 'Exercises' });
}

/** The exercise ids of the table's rows, top to bottom. */
function rowIds(): string[] {
  return within(table())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('data-id') ?? '');
}

function row(id: string): HTMLElement {
  return table().querySelector<HTMLElement>(`tr[data-id="${id}"]`)!;
}

async function openHistory() {
  const { api, backend, ids } = await historyApi();
  const app = renderApp({ name: 'history' }, api);
  await screen.findByRole('table', { name: 'Exercises' });
  return { ...app, backend, ids };
}

function decodedDownload(call = 0): { text: string; fileName: string; mime: string } {
  const [base64, fileName, mime] = vi.mocked(downloadBase64).mock.calls[call]!;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return { text: new TextDecoder().decode(bytes), fileName, mime };
}

describe('history table', () => {
  it('shows a never-contained run as "not contained" and counts it at its censored MTTC; time to notify per audience', async () => {
    const { api, backend, ids } = await historyApi();
    const x = backend.exercises.get(ids.r4!)!;
    x.meta = { ...x.meta, outcome: { ...x.meta.outcome!, mttcCensored: 180 * MIN, timeToNotifyByAudience: { client: 45 * MIN, regulator: null } } };
    renderApp({ name: 'history' }, api);
    await screen.findByRole('table', { name: 'Exercises' });
    const cells = within(row(ids.r4!)).getAllByRole('cell');
    expect(cells[8]!.textContent).toBe('not contained');
    expect(cells[8]!.querySelector('.timing')!.getAttribute('title')).toMatch(/censored at the horizon/);
    const sev1 = within(screen.getByTestId('aggregates')).getByText('Sev 1', { exact: false }).closest('tr')!;
    // Mean and median time to contain include the censored run (3h), not just the contained ones.
    expect(within(sev1).getAllByRole('cell')[4]!.textContent).toBe('3h');
    const byAudience = screen.getByRole('table', { name: 'Time to notify by audience' });
    expect(byAudience.querySelector('tr[data-audience="client"]')!.textContent).toContain('1 of 1');
    expect(byAudience.querySelector('tr[data-audience="regulator"]')!.textContent).toContain('0 of 1');
  });

  it('lists every exercise with its figures, newest first', async () => {
    const { ids } = await openHistory();
    expect(rowIds()).toEqual(['r6', 'r3', 'r5', 'r4', 'r2', 'r1'].map((k) => ids[k]));
    const r2 = row(ids.r2!);
    const cells = within(r2)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['', '15 Jan 2026', 'Blue team', 'Drill incident', 'Facilitated', 'Finished', '3h', '25m', '1h20m', '1h', '72', 'DebriefDelete']);
    // A missed target is marked.
    expect(within(row(ids.r1!)).getByText('40m').className).toContain('is-missed');
    expect(within(row(ids.r4!)).getByText('never').className).toContain('is-missed');
  });

  it('filters by team and search, narrowing the table', async () => {
    const { user, ids } = await openHistory();
    await user.selectOptions(screen.getByLabelText('Filter by team'), 'Red team');
    expect(rowIds().sort()).toEqual([ids.r4, ids.r5].sort());
    expect(screen.getByTestId('row-count').textContent).toContain('2 of 6 exercises shown');

    await user.type(screen.getByLabelText('Search exercises'), 'bias');
    expect(rowIds()).toEqual([ids.r4]);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowIds()).toHaveLength(6);
    await user.type(screen.getByLabelText('Search exercises'), '2026-q1');
    expect(rowIds().sort()).toEqual([ids.r2, ids.r4, ids.r5].sort());
  });

  it('filters by a date range and by scenario', async () => {
    const { user, ids } = await openHistory();
    await user.type(screen.getByLabelText('From date'), '2026-01-01');
    await user.type(screen.getByLabelText('To date'), '2026-03-31');
    expect(rowIds().sort()).toEqual([ids.r2, ids.r4, ids.r5].sort());
    await user.selectOptions(screen.getByLabelText('Filter by scenario'), 'Drill incident');
    expect(rowIds().sort()).toEqual([ids.r2, ids.r5].sort());
  });

  it('the date filters read and write dates in the app’s language, not the browser’s mm/dd/yyyy (#20)', async () => {
    const { user, ids } = await openHistory();
    const from = screen.getByLabelText('From date') as HTMLInputElement;
    expect(from.type).toBe('text');
    expect(from.placeholder).toBe('e.g. 5 Dec 2026');
    // Day first, as the table's dates read: 1/1/2026 is 1 January.
    await user.type(from, '1/1/2026');
    await user.type(screen.getByLabelText('To date'), '31 Mar 2026');
    expect(rowIds().sort()).toEqual([ids.r2, ids.r4, ids.r5].sort());
    await user.tab();
    expect(from.value).toBe('1 Jan 2026');
    // Not a date: marked, and the filter keeps its last good value.
    await user.tripleClick(from);
    await user.keyboard('13/13/2026');
    expect(from.value).toBe('13/13/2026');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(useAppStore.getState().history.filter.from).toBe('2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(from.value).toBe('');
    expect(rowIds()).toHaveLength(6);
  });

  it('in French the date filters show and take French dates', () => {
    expect(parseDateInput('5 déc. 2026', 'fr')).toBe('2026-12-05');
    expect(parseDateInput('1er janvier 2026', 'fr')).toBe('2026-01-01');
    expect(parseDateInput('05/12/2026', 'fr')).toBe('2026-12-05');
    expect(parseDateInput('2026-12-05', 'fr')).toBe('2026-12-05');
    expect(parseDateInput('31/02/2026', 'fr')).toBeNull();
    expect(parseDateInput('', 'fr')).toBe('');
    expect(wordsFor('fr').date(Date.UTC(2026, 11, 5))).toBe('5 déc. 2026');
  });

  it('filters by framework tag, from the scenario library (#21)', async () => {
    const { api, backend, ids } = await historyApi();
    // The library lists the built-in the Red team's run r4 played; its tags come from its YAML.
    backend.scenarios.push(scenarioEntry('builtin:silent-bias-drift.yaml', readFileSync(join(ROOT, 'scenarios', 'silent-bias-drift.yaml'), 'utf8')));
    const { user } = renderApp({ name: 'history' }, api);
    await screen.findByRole('table', { name: 'Exercises' });
    const select = await screen.findByLabelText('Filter by framework tag');
    expect(within(select).getByRole('option', { name: 'NIST AI 600-1 harmful_bias' })).toBeTruthy();
    await user.selectOptions(select, 'NIST AI 600-1 harmful_bias');
    expect(rowIds()).toEqual([ids.r4]);
    expect(screen.getByTestId('row-count').textContent).toContain('1 of 6 exercises shown');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowIds()).toHaveLength(6);
  });

  it('sorts by MTTD when its header is clicked (empty values last), and flips on a second click', async () => {
    const { user, ids } = await openHistory();
    const header = screen.getByRole('button', { name: /^MTTD/ });
    await user.click(header);
    expect(rowIds().slice(0, 4)).toEqual(['r3', 'r2', 'r1', 'r4'].map((k) => ids[k]));
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    await user.click(header);
    expect(rowIds().slice(0, 4)).toEqual(['r4', 'r1', 'r2', 'r3'].map((k) => ids[k]));
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(rowIds().slice(4).sort()).toEqual([ids.r5, ids.r6].sort());
  });

  it('lists corrupt exercise files by name, and still shows the other exercises', async () => {
    const { api, ids } = await historyApi();
    const list = api['exercises:list'].getMockImplementation()!;
    api['exercises:list'].mockImplementation(async (r) => ({
      ...(await list(r)),
      problems: [
        { file: '/data/exercises/ex-20260101-090000-broken/meta.json', message: 'not JSON: Unexpected end of JSON input; skipped (nothing was changed)' },
        { file: '/data/exercises/not an id!', message: 'not an exercise folder (unexpected name); left as is' },
      ],
    }));
    renderApp({ name: 'history' }, api);
    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toContain('2 saved exercise files need attention');
    const items = within(warning)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toContain('/data/exercises/ex-20260101-090000-broken/meta.json');
    expect(items[0]).toContain('not JSON');
    expect(items[1]).toContain('/data/exercises/not an id!');
    expect(rowIds()).toHaveLength(6);
    expect(row(ids.r2!)).toBeTruthy();
  });

  it('offers to remove empty folders left by failed creations, and removes them only when asked', async () => {
    const { api } = await historyApi();
    const list = api['exercises:list'].getMockImplementation()!;
    let empty = true;
    api['exercises:list'].mockImplementation(async (r) => ({
      ...(await list(r)),
      problems: empty
        ? [
            {
              file: '/data/exercises/ex-20260101-090000-emptyy',
              message: 'an empty exercise folder; it can be removed',
              emptyExerciseId: 'ex-20260101-090000-emptyy',
            },
          ]
        : [],
    }));
    api['exercises:removeEmpty'].mockImplementation(async ({ exerciseIds }) => {
      empty = false;
      return { removed: [...exerciseIds], kept: [] };
    });
    const { user } = renderApp({ name: 'history' }, api);
    const warning = await screen.findByRole('alert');
    expect(api['exercises:removeEmpty']).not.toHaveBeenCalled();
    await user.click(within(warning).getByRole('button', { name: 'Remove 1 empty folder' }));
    expect(api['exercises:removeEmpty']).toHaveBeenCalledWith({ exerciseIds: ['ex-20260101-090000-emptyy'] });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('opens a finished exercise’s debrief, and resumes a running one on its screen', async () => {
    const { user, ids } = await openHistory();
    expect(within(row(ids.r5!)).getByRole('link', { name: 'Resume' }).getAttribute('href')).toBe(`#/solo/${ids.r5}`);
    expect(within(row(ids.r5!)).queryByRole('link', { name: 'Debrief' })).toBeNull();
    expect(within(row(ids.r6!)).queryByRole('link')).toBeNull();
    await user.click(within(row(ids.r2!)).getByRole('link', { name: 'Debrief' }));
    expect(window.location.hash).toBe(`#/debrief/${ids.r2}`);
    expect(useAppStore.getState().route).toEqual({ name: 'debrief', exerciseId: ids.r2 });
  });
});

describe('delete and undo', () => {
  it('asks for confirmation, deletes, and Undo restores', async () => {
    const { api, user, ids } = await openHistory();
    const label = 'Delete Drill incident — Blue team, 15 Jan 2026';
    await user.click(within(row(ids.r2!)).getByRole('button', { name: label }));
    let dialog = screen.getByRole('alertdialog', { name: 'Delete this exercise?' });
    expect(dialog.textContent).toContain('Drill incident — Blue team, 15 Jan 2026');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api['exercises:delete']).not.toHaveBeenCalled();

    await user.click(within(row(ids.r2!)).getByRole('button', { name: label }));
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(api['exercises:delete']).toHaveBeenCalledWith({ exerciseId: ids.r2 });
    await waitFor(() => expect(rowIds()).not.toContain(ids.r2));
    expect(screen.getByText('Recently deleted')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore Drill incident — Blue team, 15 Jan 2026' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api['exercises:restore']).toHaveBeenCalledWith({ exerciseId: ids.r2 });
    await waitFor(() => expect(rowIds()).toContain(ids.r2));
    expect(screen.queryByText('Recently deleted')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('keeps recently deleted exercises restorable after leaving the screen', async () => {
    const { api, user, ids } = await openHistory();
    await user.click(within(row(ids.r1!)).getByRole('button', { name: /^Delete/ }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(rowIds()).not.toContain(ids.r1));

    act(() => useAppStore.getState().navigate({ name: 'library' }));
    await screen.findByRole('heading', { name: 'Firebreak' });
    act(() => useAppStore.getState().navigate({ name: 'history' }));
    await screen.findByRole('table', { name: 'Exercises' });
    await user.click(screen.getByRole('button', { name: 'Restore Drill incident — Blue team, 10 Nov 2025' }));
    expect(api['exercises:restore']).toHaveBeenCalledWith({ exerciseId: ids.r1 });
    await waitFor(() => expect(rowIds()).toContain(ids.r1));
  });
});

describe('exports and imports', () => {
  it('exports the filtered table as metrics CSV', async () => {
    const { user, ids } = await openHistory();
    await user.selectOptions(screen.getByLabelText('Filter by team'), 'Red team');
    await user.click(screen.getByRole('button', { name: 'Export metrics CSV' }));
    expect(downloadBase64).toHaveBeenCalledTimes(1);
    const { text, fileName, mime } = decodedDownload();
    expect(fileName).toMatch(/^firebreak-metrics-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(mime).toBe('text/csv');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('mttd_min');
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').at(-1))
        .sort(),
    ).toEqual([ids.r4, ids.r5].sort());
    expect(lines.find((l) => l.endsWith(ids.r4!))).toContain('Silent bias drift');
    expect(lines.find((l) => l.endsWith(ids.r4!))).toContain(',50,');
  });

  it('exports the selected exercises as an archive and downloads it', async () => {
    const { api, user, ids } = await openHistory();
    const exportButton = screen.getByRole('button', { name: 'Export archive' });
    expect((exportButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(row(ids.r1!)).getByRole('checkbox'));
    await user.click(within(row(ids.r3!)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Export archive (2)' }));
    expect(api['exercises:exportArchive']).toHaveBeenCalledWith({ exerciseIds: [ids.r3, ids.r1] });
    await waitFor(() => expect(downloadBase64).toHaveBeenCalled());
    expect(decodedDownload()).toEqual({ text: '{}', fileName: 'archive.json', mime: 'application/json' });
  });

  it('imports an archive and reports imported, skipped and problems', async () => {
    const { api, user } = await openHistory();
    api['exercises:importArchive'].mockResolvedValueOnce({
      imported: ['ex-a', 'ex-b'],
      skipped: ['ex-c'],
      problems: [{ file: 'archive item 4 (ex-d)', message: 'journal: not a journal' }],
    });
    const listCalls = api['exercises:list'].mock.calls.length;
    await user.upload(
      screen.getByLabelText('Import archive file'),
      new File(['{"format":"firebreak-archive/1"}'], 'team.firebreak.json', { type: 'application/json' }),
    );
    expect(api['exercises:importArchive']).toHaveBeenCalledWith({ text: '{"format":"firebreak-archive/1"}' });
    const result = await screen.findByTestId('import-result');
    expect(result.textContent).toContain('Imported 2 exercises from team.firebreak.json');
    expect(result.textContent).toContain('1 was already here and skipped as duplicates');
    expect(result.textContent).toContain('archive item 4 (ex-d) — journal: not a journal');
    await waitFor(() => expect(api['exercises:list'].mock.calls.length).toBeGreaterThan(listCalls));
  });
});

describe('trends, summary and comparison', () => {
  function chart(id: string) {
    return screen.getByTestId(`trend-chart-${id}`);
  }

  it('charts the team with most runs by default, one point per run, and follows the team picked', async () => {
    const { user } = await openHistory();
    expect((screen.getByLabelText('Trend team') as HTMLSelectElement).value).toBe('Blue team');
    await waitFor(() => expect(chart('mttd').querySelectorAll('.recharts-line-dot, .recharts-dot').length).toBe(3));
    expect(chart('mttd').getAttribute('data-points')).toBe('3');
    expect(chart('overall').querySelector('svg')).toBeTruthy();
    expect(chart('mttd').querySelector('.recharts-reference-line')).toBeNull();

    await user.selectOptions(screen.getByLabelText('Trend team'), 'Red team');
    await waitFor(() => expect(chart('mttd').querySelectorAll('.recharts-line-dot, .recharts-dot').length).toBe(1));
    // Red team was never contained or notified: nothing to plot.
    expect(chart('mttc').textContent).toContain('No figures to plot');
  });

  it('charts the last 100 runs of a team with more, and says so (#18)', async () => {
    const { api, backend, ids } = await historyApi();
    const template = backend.exercises.get(ids.r1!)!;
    for (let i = 0; i < 150; i++) {
      const id = `many-${String(i).padStart(3, '0')}`;
      const createdAt = new Date(Date.UTC(2027, 0, 1) + i * 3_600_000).toISOString();
      backend.exercises.set(id, { ...template, meta: { ...template.meta, id, team: 'Busy team', createdAt, updatedAt: createdAt } });
    }
    renderApp({ name: 'history' }, api);
    await screen.findByRole('table', { name: 'Exercises' });
    expect((screen.getByLabelText('Trend team') as HTMLSelectElement).value).toBe('Busy team');
    await waitFor(() => expect(chart('overall').getAttribute('data-points')).toBe('100'));
    expect(screen.getByText(/The chart shows the last 100 runs; By quarter counts them all/)).toBeTruthy();
  });

  it('shows quarterly means and the scenario target as a reference line', async () => {
    const { user } = await openHistory();
    await user.selectOptions(screen.getByLabelText('Trend scenario'), 'Drill incident');
    await waitFor(() => expect(chart('mttd').querySelector('.recharts-reference-line')).toBeTruthy());
    expect(chart('mttd').textContent).toContain('target 30m');
    expect(chart('mttc').textContent).toContain('target 1h30m');
    expect(chart('overall').querySelector('.recharts-reference-line')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'By quarter' }));
    // Blue team's drill runs fall in 2025-Q4, 2026-Q1 and 2026-Q2.
    expect(chart('mttd').getAttribute('data-points')).toBe('3');
    expect(chart('mttd').textContent).toContain('2026-Q1');
  });

  it('summarises the exercises shown as programmes report them', async () => {
    const { user } = await openHistory();
    const summary = screen.getByTestId('aggregates');
    expect(within(summary).getByTestId('share-mttd').textContent).toBe('2 of 4 (50%)');
    expect(within(summary).getByTestId('share-mttc').textContent).toBe('2 of 4 (50%)');
    expect(within(summary).getByTestId('share-notify').textContent).toBe('2 of 3 (67%)');
    expect(within(summary).getByTestId('plan-counts').textContent).toBe('3 open · 4 closed');
    const sev2 = within(summary).getByRole('row', { name: /Sev 2/ });
    // Blue team's three runs: detect 40, 25, 15 → mean 26.7 → 27m, median 25m.
    expect(
      within(sev2)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 4),
    ).toEqual(['3', '27m', '25m', '3']);
    await user.selectOptions(screen.getByLabelText('Filter by team'), 'Red team');
    expect(within(summary).getByTestId('plan-counts').textContent).toBe('1 open · 3 closed');
    expect(within(summary).getByTestId('share-mttd').textContent).toBe('0 of 1 (0%)');
  });

  it('compares two runs of the same scenario: key times, harm and the decisions from both journals', async () => {
    const { api, user, ids } = await openHistory();
    const compare = screen.getByRole('button', { name: 'Compare' }) as HTMLButtonElement;
    await user.click(within(row(ids.r2!)).getByRole('checkbox'));
    await user.click(within(row(ids.r4!)).getByRole('checkbox'));
    expect(compare.disabled).toBe(true); // different scenarios
    await user.click(within(row(ids.r4!)).getByRole('checkbox'));
    await user.click(within(row(ids.r3!)).getByRole('checkbox'));
    expect(compare.disabled).toBe(false);
    await user.click(compare);

    const panel = screen.getByTestId('compare-panel');
    expect(api['exercises:load']).toHaveBeenCalledWith({ exerciseId: ids.r2 });
    expect(api['exercises:load']).toHaveBeenCalledWith({ exerciseId: ids.r3 });
    await waitFor(() => {
      const mttd = within(panel).getByRole('row', { name: /Time to detect/ });
      expect(mttd.textContent).toContain('15m');
      expect(mttd.textContent).toContain('25m');
    });
    const decisionsR2 = await within(panel).findByTestId(`decisions-${ids.r2}`);
    expect(
      within(decisionsR2)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['T+1h25m Incident declared', 'T+2h20m Decided: Roll back the prompt']);
    // The two journals load independently: wait for the second's decisions and harm too (a loaded
    // CI machine once asserted before the second journal arrived).
    const decisionsR3 = await within(panel).findByTestId(`decisions-${ids.r3}`);
    await waitFor(() => expect(decisionsR3.textContent).toContain('T+1h20m Decided: Kill switch'));
    const harm = await within(panel).findByTestId('harm-bad-answers');
    await waitFor(() => expect(harm.textContent).toContain('90 answers'));
    expect(harm.textContent).toContain('Bad answers');
    expect(harm.textContent).toContain('220 answers');

    await user.click(within(panel).getByRole('button', { name: 'Close comparison' }));
    expect(screen.queryByTestId('compare-panel')).toBeNull();
  });
});

describe('History with thousands of exercises', () => {
  it('puts only the rows in view in the page, yet counts, selects and scrolls to all of them', async () => {
    const { api, backend } = createFakeApi();
    const seed = await seedExercise(api, { mode: 'facilitated' });
    const template = backend.exercises.get(seed.id)!;
    backend.exercises.clear();
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const id = `bulk-${String(i).padStart(5, '0')}`;
      const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
      backend.exercises.set(id, {
        ...template,
        meta: { ...template.meta, id, team: `Team ${i}`, createdAt, updatedAt: createdAt, status: 'abandoned', outcome: null },
      });
    }
    const { user } = renderApp({ name: 'history' }, api);
    await screen.findByRole('table', { name: 'Exercises' });
    expect(screen.getByTestId('row-count').textContent).toMatch(/3,?000 exercises/);
    const rendered = table().querySelectorAll('tbody tr[data-id]');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(200);
    expect(table().getAttribute('aria-rowcount')).toBe(String(N + 1));

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown exercises' }));
    expect(screen.getByTestId('row-count').textContent).toMatch(/3,?000 selected/);

    // Scrolled to the end, the last rows are the ones in the page (newest first: the oldest last).
    const scroller = table().closest<HTMLElement>('[data-virtual-scroll]')!;
    act(() => {
      scroller.scrollTop = N * 38;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(row('bulk-00000')).toBeTruthy());
    expect(row('bulk-02999')).toBeNull();
  }, 120_000);
});
