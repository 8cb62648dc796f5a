import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import { MINI_TEAM_STEPS } from '../fixtures/mini-team.ts';
import { discussionBaseYaml } from '../../shared/exercise/discussion-base.ts';
import { createFakeApi, miniSource, seedExercise, type FakeApi } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';
import { setLanguage } from '../../renderer/src/i18n/words.tsx';

const MIN = 60_000;

async function finishedExercise(api: FakeApi): Promise<string> {
  const meta = await seedExercise(api, { source: miniSource(), seed: 1 });
  const entries: JournalEntry[] = MINI_TEAM_STEPS.map(([t, input], i) => ({ seq: i + 1, t, input }));
  await api['exercises:append']({ exerciseId: meta.id, entries });
  await api['exercises:finish']({ exerciseId: meta.id, status: 'finished' });
  return meta.id;
}

async function openDebrief() {
  const { api } = createFakeApi();
  const id = await finishedExercise(api);
  const app = renderApp({ name: 'debrief', exerciseId: id }, api);
  await screen.findByRole('heading', { name: 'Score card' });
  return { ...app, id };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('debrief screen', () => {
  it('shows the score card, key times and the exact what-if sentences', async () => {
    await openDebrief();
    // 64: time to triage and MTTC run from the first real signal at 10:00 (definitions triage and
    // mttc); the harmful rollback-model costs 30 containment points (#17), so containment is 26, and the
    // cadence window, counted from detection, runs to 3h50m (communication 29): see key-times.test.ts.
    expect(screen.getByTestId('engine-overall').textContent).toBe('64/100');
    const containment = document.querySelector('tr[data-dimension="containment"]')!;
    expect(containment.textContent).toContain('26');
    expect(containment.textContent).toContain('Definitions: MTTC, Containment credit, Containment value, Best achievable, Costs.');
    expect(containment.textContent).toContain('missed');
    expect(screen.getByText('Time to detect (MTTD)').closest('tr')!.textContent).toContain('10m');
    expect(
      within(document.querySelector<HTMLElement>('.what-if-table')!).getByText(
        'Rolling back the prompt at 10:00, when the first signal arrived, instead of at 12:30, would have prevented 250 of the 267 bad answers (17 instead of 267) and prevented 2 of the 2 leaks (0 instead of 2); it would have raised the overall score from 64 to 76.',
      ),
    ).toBeTruthy();
    // The biggest lever is that same alternative: the one that prevents the most harm.
    expect(screen.getByTestId('biggest-lever').textContent).toMatch(/^Biggest lever: Rolling back the prompt at 10:00/);
    expect(document.querySelector('tr.is-lever')!.getAttribute('data-what-if')).toBe('first-signal');
    expect(screen.getByText(/^Notifying the client at 11:59, just before the 2h deadline \(12:00\)/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Areas for improvement' })).getByText('Containment.')).toBeTruthy();
  });

  it('links a score reason to its moment on the timeline', async () => {
    const { user } = await openDebrief();
    await user.click(screen.getByRole('button', { name: 'Show on timeline: detection and monitoring' }));
    const row = document.querySelector('.debrief-timeline-row.is-highlighted')!;
    expect(row.textContent).toContain('Incident declared');
    expect(row.getAttribute('aria-current')).toBe('true');
  });

  it('saves an edited action item (debounced) through exercises:saveDebrief', async () => {
    const { api, user, id } = await openDebrief();
    // The plan starts from Firebreak's suggestions.
    expect(screen.getByText(/Suggested from the missed targets/)).toBeTruthy();
    const owner = screen.getByRole('textbox', { name: 'Owner for action 1' });
    await user.type(owner, 'Dana');
    await waitFor(() => expect(api['exercises:saveDebrief']).toHaveBeenCalled(), { timeout: 30_000 });
    const last = api['exercises:saveDebrief'].mock.calls.at(-1)![0];
    expect(last.exerciseId).toBe(id);
    expect(last.debrief.actionItems[0]!.owner).toBe('Dana');
    expect(last.debrief.actionItems[0]!.due).toBe('2026-01-31'); // created 2026-01-01 + 30 days
    expect(await screen.findByText('Saved', {}, { timeout: 30_000 })).toBeTruthy();
    // Typed letter by letter, saved once after the pause.
    expect(api['exercises:saveDebrief']).toHaveBeenCalledTimes(1);
  });

  it('adds, removes and saves action items, observations and adjustments', async () => {
    const { api, user } = await openDebrief();
    const before = screen.getAllByRole('textbox', { name: /^Action \d+$/ }).length;
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await user.type(screen.getByRole('textbox', { name: `Action ${before + 1}` }), 'Rehearse');
    const first = (screen.getByRole('textbox', { name: 'Action 1' }) as HTMLInputElement).value;
    await user.click(screen.getByRole('button', { name: 'Remove action 1' }));
    // #20: a removed row can be put back, in its place; then removed again for the rest of the test.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect((screen.getByRole('textbox', { name: 'Action 1' }) as HTMLInputElement).value).toBe(first);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove action 1' }));
    await user.click(screen.getByRole('button', { name: 'Add observation' }));
    await user.type(screen.getByRole('textbox', { name: 'Time of observation 1' }), '3h30m');
    await user.type(screen.getByRole('textbox', { name: 'Observation 1' }), 'Containment: good call');
    await user.click(screen.getByRole('button', { name: 'Add adjustment' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Dimension for adjustment 1' }), 'communication');
    await user.clear(screen.getByRole('spinbutton', { name: 'Points for adjustment 1' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Points for adjustment 1' }), '20');
    await user.type(screen.getByRole('textbox', { name: 'Reason for adjustment 1' }), 'Phoned');
    await waitFor(
      () => {
        const d = api['exercises:saveDebrief'].mock.calls.at(-1)?.[0].debrief;
        expect(d?.adjustments).toEqual([{ dimension: 'communication', delta: 20, reason: 'Phoned' }]);
      },
      { timeout: 30_000 },
    );
    const d = api['exercises:saveDebrief'].mock.calls.at(-1)![0].debrief;
    expect(d.actionItems).toHaveLength(before);
    expect(d.actionItems.at(-1)!.text).toBe('Rehearse');
    expect(d.observations).toEqual([{ id: expect.any(String), t: 210 * MIN, text: 'Containment: good call' }]);
    // communication 29 + 20 = 49: the engine's overall (64.0, see key-times.test.ts) + 20 · 0.2 → 68
    expect(screen.getByTestId('adjusted-overall').textContent).toBe('68/100');
    // The observation sits in the timeline, marked for the facilitator.
    expect(document.querySelector('.debrief-timeline-row.kind-observation')!.textContent).toContain('good call');
  }, 120_000);

  it('#19: the capability element shows the documented default and can be changed; the Exercise Overview is entered and saved with the debrief', async () => {
    const { api, user } = await openDebrief();
    const before = screen.getAllByRole('textbox', { name: /^Action \d+$/ }).length;
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    const n = before + 1;
    await user.type(screen.getByRole('textbox', { name: `Action ${n}` }), 'Run a drill on the playbook');
    // Until chosen, the element follows the action's words (defaultElement): a drill is Training.
    const element = screen.getByRole('combobox', { name: `Capability element for action ${n}` }) as HTMLSelectElement;
    expect(element.value).toBe('training');
    await user.selectOptions(element, 'equipment');
    await user.type(screen.getByRole('textbox', { name: 'Sponsor' }), 'Chief Risk Officer');
    await user.type(screen.getByRole('textbox', { name: 'Evaluators' }), 'Eve,Bo');
    await waitFor(
      () => {
        const d = api['exercises:saveDebrief'].mock.calls.at(-1)?.[0].debrief;
        expect(d?.overview).toMatchObject({ sponsor: 'Chief Risk Officer', evaluators: ['Eve', 'Bo'] });
      },
      { timeout: 30_000 },
    );
    const d = api['exercises:saveDebrief'].mock.calls.at(-1)![0].debrief;
    expect(d.actionItems.at(-1)).toMatchObject({ text: 'Run a drill on the playbook', element: 'equipment' });
    // The debrief's HSEEP table reads the same overview; the rule is written under the plan.
    expect(screen.getByText(/until you choose one, it follows the action's words/)).toBeTruthy();
  }, 120_000);

  it('#19: a solo trainee gets the hot-wash form at the top of the debrief, journaled under their name', async () => {
    const { api } = createFakeApi();
    const meta = await seedExercise(api, { source: miniSource(), seed: 1, mode: 'solo', participants: [{ name: 'Kim', role: 'incident_commander' }] });
    const entries: JournalEntry[] = MINI_TEAM_STEPS.map(([t, input], i) => ({ seq: i + 1, t, input }));
    await api['exercises:append']({ exerciseId: meta.id, entries });
    await api['exercises:finish']({ exerciseId: meta.id, status: 'finished' });
    const { user } = renderApp({ name: 'debrief', exerciseId: meta.id }, api);
    await screen.findByRole('heading', { name: 'Score card' });
    const form = document.querySelector<HTMLElement>('[data-section="solo-hot-wash"]')!;
    // It comes before the score card, and it is the only hot-wash form on the page.
    expect(form.compareDocumentPosition(document.querySelector('[data-section="scores"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(document.querySelectorAll('.hot-wash-form')).toHaveLength(1);
    await user.type(within(form).getByRole('textbox', { name: 'What went well (strengths)' }), 'Declared early');
    await user.type(within(form).getByRole('textbox', { name: 'One change to the playbook' }), 'Page the data lead at once');
    await user.selectOptions(within(form).getByRole('combobox'), '4');
    await user.click(within(form).getByRole('button', { name: 'Send my hot wash' }));
    await within(form).findByText('Thank you: your hot wash is saved with the exercise.');
    expect(api['exercises:record']).toHaveBeenCalledWith({
      exerciseId: meta.id,
      input: expect.objectContaining({ type: 'HOT_WASH', wentWell: 'Declared early', playbookChange: 'Page the data lead at once', confidence: 4 }),
      by: { name: 'Kim', role: 'incident_commander' },
    });
  }, 120_000);

  it('#19: a discussion-based exercise shows no engine score: the ratings judge it', async () => {
    const { api } = createFakeApi();
    const source = discussionBaseYaml({ id: 'board-tabletop', title: 'Board tabletop', start: '2026-03-09T09:00', horizon: 90 * MIN });
    const meta = await seedExercise(api, { source, seed: 1 });
    await api['exercises:append']({ exerciseId: meta.id, entries: [{ seq: 1, t: 45 * MIN, input: { type: 'END', reason: 'Discussion over' } }] });
    await api['exercises:finish']({ exerciseId: meta.id, status: 'finished' });
    renderApp({ name: 'debrief', exerciseId: meta.id }, api);
    await screen.findByTestId('discussion-notice');
    expect(screen.getByTestId('discussion-notice').textContent).toContain("The evaluators' P / S / M / U ratings judge it");
    // No score card, no key times, no adjustments: nothing of the placeholder simulation.
    expect(screen.queryByTestId('engine-overall')).toBeNull();
    expect(document.querySelector('[data-section="scores"]')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add adjustment' })).toBeNull();
    expect(screen.getByTestId('hseep-ratings').textContent).toContain('not scored (discussion-based)');
    // No plan suggested from the placeholder simulation: the room writes its own.
    expect(document.querySelectorAll('.plan-table tbody tr')).toHaveLength(0);
  }, 120_000);

  it('exports after saving, asks before replacing a file, and downloads what the browser host returns', async () => {
    const { api, user, id } = await openDebrief();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    api['report:export']
      .mockResolvedValueOnce({ exists: '/reports/mini-aar.md' })
      .mockResolvedValueOnce({ fileName: 'mini-aar.md', savedTo: null, base64: btoa('# AAR'), mime: 'text/markdown' });

    await user.type(screen.getByRole('textbox', { name: 'Owner for action 1' }), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Markdown' }));
    await flush();
    await screen.findByText('Downloaded mini-aar.md', {}, { timeout: 30_000 });
    // The pending edit was saved before the export was asked for.
    expect(api['exercises:saveDebrief'].mock.invocationCallOrder[0]!).toBeLessThan(api['report:export'].mock.invocationCallOrder[0]!);
    expect(confirm).toHaveBeenCalledWith('/reports/mini-aar.md already exists. Replace it?');
    expect(api['report:export'].mock.calls.map((c) => c[0])).toEqual([
      { exerciseId: id, format: 'md', locale: 'en' },
      { exerciseId: id, format: 'md', overwrite: true, locale: 'en' },
    ]);
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
  });

  it('keeps the existing file when the user declines to replace it', async () => {
    const { api, user } = await openDebrief();
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    api['report:export'].mockResolvedValueOnce({ exists: '/reports/mini-aar.pdf' });
    await user.click(screen.getByRole('button', { name: 'PDF' }));
    expect(await screen.findByText('Export cancelled; the existing file was kept.', {}, { timeout: 30_000 })).toBeTruthy();
    expect(api['report:export']).toHaveBeenCalledTimes(1);
  });

  it('an exercise that is not there gets a plain page with a level-one heading and the ways back, not an error', async () => {
    const { api } = createFakeApi();
    renderApp({ name: 'debrief', exerciseId: 'nope' }, api);
    expect(await screen.findByRole('heading', { level: 1, name: 'This exercise is not here' })).toBeTruthy();
    expect(screen.getByText(/There is no exercise “nope” on this computer/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to the library' }).getAttribute('href')).toBe('#/library');
    expect(screen.getByRole('link', { name: 'Open History' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Open its debrief' })).toBeNull();
  });

  it('the console for an exercise that is not there says so, without a link to a debrief that cannot open', async () => {
    const { api } = createFakeApi();
    renderApp({ name: 'console', exerciseId: 'nope' }, api);
    expect(await screen.findByRole('heading', { level: 1, name: 'This exercise is not here' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Open its debrief' })).toBeNull();
  });

  it('says why an exercise cannot be debriefed under a level-one heading', async () => {
    const { api } = createFakeApi();
    api['exercises:load'].mockRejectedValueOnce(new Error('the journal header is not a Firebreak journal header'));
    renderApp({ name: 'debrief', exerciseId: 'broken' }, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the journal header is not a Firebreak journal header');
    expect(within(alert).getByRole('heading', { level: 1, name: 'This exercise cannot be debriefed' })).toBeTruthy();
  });

  it('in French: « Cet exercice n’est pas ici »', async () => {
    setLanguage('fr');
    try {
      const { api } = createFakeApi();
      renderApp({ name: 'debrief', exerciseId: 'nope' }, api);
      expect(await screen.findByRole('heading', { level: 1, name: 'Cet exercice n’est pas ici' })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Retour à la bibliothèque' })).toBeTruthy();
    } finally {
      setLanguage('en');
    }
  });
});

describe('overruling a notice content judgement (#17)', () => {
  it('journals the overrule with its reason, and the score card and notices follow it', async () => {
    const { api, user, id } = await openDebrief();
    const notices = screen.getByRole('heading', { name: 'Notices' }).closest('section')!;
    const before = within(notices).getByTestId('notice-content').textContent;
    const beforeScore = document.querySelector('tr[data-dimension="communication"]')!.textContent;
    await user.click(within(notices).getByRole('button', { name: 'Overrule the content judgement' }));
    const form = screen.getByRole('form', { name: 'Overrule the content of the notice to Client' });
    // A reason is required before anything is journaled.
    await user.click(within(form).getByRole('button', { name: 'Record the overrule' }));
    expect(api['exercises:record']).not.toHaveBeenCalled();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Content as a whole' }), '0');
    await user.type(within(form).getByRole('textbox', { name: 'Reason (required)' }), 'The client was told the wrong product');
    await user.click(within(form).getByRole('button', { name: 'Record the overrule' }));
    await waitFor(() => expect(api['exercises:record']).toHaveBeenCalled());
    expect(api['exercises:record'].mock.calls[0]![0]).toEqual({
      exerciseId: id,
      input: { type: 'OVERRULE_CONTENT', obligationId: 'client', share: 0, reason: 'The client was told the wrong product' },
      by: { name: 'Facilitator', role: 'facilitator' },
    });
    // The debrief is worked out again from the journal: the judgement and the reason text follow the overrule.
    const note = await screen.findByTestId('notice-overruled', {}, { timeout: 30_000 });
    expect(note.textContent).toBe(`Content overruled by Facilitator (was ${before!.replace('content ', '')}): The client was told the wrong product`);
    expect(screen.getByTestId('notice-content').textContent).toBe('content 0%');
    const comm = document.querySelector('tr[data-dimension="communication"]')!.textContent!;
    expect(comm).not.toBe(beforeScore);
    expect(comm).toContain('content overruled by Facilitator');
    expect(comm).toContain('Content overrule.');
  }, 60_000);
});
