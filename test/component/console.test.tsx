import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/api.ts';
import { MINUTE } from '../../shared/scenario/duration.ts';
import { currentSession } from '../../renderer/src/session/current-session.ts';
import { useAppStore } from '../../renderer/src/store/app-store.ts';
import { createFakeApi, deferred, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

/** Opens a fresh facilitated drill exercise (running at 60×: 1 wall second = 1 sim minute). */
async function openConsole(options: Parameters<typeof seedExercise>[1] = {}) {
  const { api, backend } = createFakeApi();
  const meta = await seedExercise(api, options);
  const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
  await screen.findByTestId('sim-clock');
  await flush();
  return { ...app, meta, backend };
}

/** Advances wall time in 1-second steps (1 sim minute each at 60×), letting writes settle. */
async function runMinutes(app: { advanceWall(ms: number): void }, minutes: number) {
  for (let i = 0; i < minutes; i++) {
    app.advanceWall(1000);
    await flush();
  }
}

async function openTab(user: ReturnType<typeof renderApp>['user'], name: string | RegExp) {
  await user.click(screen.getByRole('tab', { name }));
}

describe('facilitator console: persist before taken', () => {
  it('triage is journaled first and shows as taken only once the write succeeds', async () => {
    const app = await openConsole();
    const { api, user } = app;
    const write = deferred<{ entryCount: number; lastT: number }>();
    api['exercises:append'].mockImplementationOnce(() => write.promise);
    expect((screen.getByRole('combobox', { name: 'Entering for' }) as HTMLSelectElement).value).toBe('Blue team');

    await user.click(screen.getByRole('radio', { name: /Sev 2/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Incident type' }), 'performance_degradation');
    await user.click(screen.getByRole('button', { name: 'Record triage' }));

    expect(api['exercises:append']).toHaveBeenLastCalledWith({
      exerciseId: app.meta.id,
      entries: [
        // Entered for the team (nobody was named at setup and nobody joined): the facilitator's own would not count (#16).
        {
          seq: 1,
          t: 0,
          input: { type: 'TRIAGE', severity: 2, incidentType: 'performance_degradation' },
          by: { name: 'Facilitator', role: 'facilitator', for: { name: 'Blue team', role: 'team' } },
        },
      ],
    });
    // In flight: the button says so, nothing is applied and the clock holds still.
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeTruthy();
    expect(app.session().run.context.triages.at(-1) ?? null).toBeNull();
    expect(screen.queryByTestId('current-triage')).toBeNull();
    app.advanceWall(5000);
    expect(app.session().run.now).toBe(0);

    await act(async () => write.resolve({ entryCount: 1, lastT: 0 }));
    expect((await screen.findByTestId('current-triage')).textContent).toContain('Severity 2, Performance degradation');
    expect(app.session().run.context.triages.at(-1)).toMatchObject({ severity: 2, t: 0 });
  });

  it('a failed write shows the error and does not apply the input', async () => {
    const { api, user, session } = await openConsole();
    api['exercises:append'].mockRejectedValueOnce(new ApiError('io', 'disk full'));
    await user.click(screen.getByRole('radio', { name: /Sev 1/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Incident type' }), 'safety');
    await user.click(screen.getByRole('button', { name: 'Record triage' }));
    await flush();
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts.some((t) => t?.includes('Not saved, so not taken: disk full'))).toBe(true);
    expect(session().run.context.triages.at(-1) ?? null).toBeNull();
    expect(session().run.entries).toHaveLength(0);
    expect(screen.queryByTestId('current-triage')).toBeNull();
    // It can be retried, and the retry succeeds with the same sequence number.
    await user.click(screen.getByRole('button', { name: 'Record triage' }));
    await flush();
    expect(screen.getByTestId('current-triage').textContent).toContain('Severity 1, Safety');
    expect(api['exercises:append'].mock.calls.at(-1)![0].entries[0]!.seq).toBe(1);
  });

  it('containment: unavailable options are disabled with their reason; applying persists first', async () => {
    const app = await openConsole();
    const { api, user } = app;
    const unavailable = screen.getByRole('listitem', { name: 'Route to human agents' });
    const applyUnavailable = within(unavailable).getByRole('button', { name: 'Apply' }) as HTMLButtonElement;
    expect(applyUnavailable.disabled).toBe(true);
    expect(unavailable.textContent).toContain('The support team is off shift until 08:00.');

    const kill = screen.getByRole('listitem', { name: 'Kill switch' });
    expect(kill.textContent).toContain('$1,000/h revenue');
    expect(kill.textContent).toContain('5,000 users without service');
    const write = deferred<{ entryCount: number; lastT: number }>();
    api['exercises:append'].mockImplementationOnce(() => write.promise);
    await user.click(within(kill).getByRole('button', { name: 'Apply' }));
    expect(within(kill).getByRole('button', { name: 'Saving…' })).toBeTruthy();
    expect(within(kill).queryByText('Applied')).toBeNull();
    expect(app.session().run.context.containments['kill-switch']!.episodes).toHaveLength(0);
    await act(async () => write.resolve({ entryCount: 1, lastT: 0 }));
    expect(await within(kill).findByText('In effect')).toBeTruthy();
    expect(app.session().run.context.containments['kill-switch']!.status).toBe('in_effect');
  });

  it('communications: a structured message is sent only after it is saved; a failed save keeps the draft', async () => {
    const app = await openConsole();
    const { api, user } = app;
    await openTab(user, /^Communicate/);
    expect(screen.getByRole('list', { name: 'Notification obligations' }).textContent).toContain('Client: within 2h of detection');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Audience' }), 'client');
    // The editor offers the elements a client notification needs.
    for (const name of ['What happened', 'Impact and who is affected', 'What has been done', 'What the recipient should do', 'Next update'])
      expect(screen.getByRole('textbox', { name })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'We are investigating wrong answers.');
    expect(screen.getByRole('status', { name: 'Notification check' }).textContent).toBe(
      'Not a notification yet: fill at least one element with two words or more.',
    );
    await user.type(screen.getByRole('textbox', { name: 'What happened' }), 'Answers are wrong since 10:00');
    await user.type(screen.getByRole('textbox', { name: 'Next update' }), 'Within the hour');
    expect(screen.getByRole('status', { name: 'Notification check' }).textContent).toBe('2 of 5 elements.');

    api['exercises:append'].mockRejectedValueOnce(new ApiError('io', 'server unreachable'));
    await user.click(screen.getByRole('button', { name: 'Send to client' }));
    await flush();
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('server unreachable'))).toBe(true);
    expect(app.session().run.context.communications).toHaveLength(0);
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('We are investigating wrong answers.');
    expect((screen.getByRole('textbox', { name: 'What happened' }) as HTMLInputElement).value).toBe('Answers are wrong since 10:00');

    await user.click(screen.getByRole('button', { name: 'Send to client' }));
    await flush();
    expect(api['exercises:append']).toHaveBeenLastCalledWith({
      exerciseId: app.meta.id,
      entries: [
        {
          seq: 1,
          t: 0,
          input: {
            type: 'COMMUNICATE',
            audience: 'client',
            message: 'We are investigating wrong answers.',
            elements: { what_happened: 'Answers are wrong since 10:00', next_update: 'Within the hour' },
          },
          by: { name: 'Facilitator', role: 'facilitator', for: { name: 'Blue team', role: 'team' } },
        },
      ],
    });
    expect(app.session().run.context.communications).toHaveLength(1);
    // Two of five elements: a notice went out, but only a complete one meets the obligation (as the engine and the card judge it).
    const obligations = screen.getByRole('list', { name: 'Notification obligations' }).textContent;
    expect(obligations).toMatch(
      /Sent T\+0m · 09:00, but incomplete: the clock starts when the incident is declared|Sent T\+0m · 09:00, but incomplete: a complete notice is due by/,
    );
    expect(obligations).not.toContain('✓ Sent');
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByRole('textbox', { name: 'What happened' }) as HTMLInputElement).value).toBe('');
  });

  it('communications: free text alone is not a notification; a regulator gets the breach-notification elements', async () => {
    const app = await openConsole();
    const { user } = app;
    await openTab(user, /^Communicate/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Audience' }), 'client');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Send to client' }));
    await flush();
    expect(app.session().run.context.communications).toHaveLength(1);
    expect(screen.getByRole('list', { name: 'Notification obligations' }).textContent).not.toContain('✓ Sent');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Audience' }), 'regulator');
    expect(screen.getByRole('group', { name: 'Personal-data breach notification' })).toBeTruthy();
    for (const name of ['Nature of the breach', 'Categories and approximate numbers', 'Likely consequences', 'Measures taken or proposed', 'Contact point'])
      expect(screen.getByRole('textbox', { name })).toBeTruthy();
  });
});

describe('facilitator console: the clock', () => {
  it('findings appear once the clock passes the investigation duration', { timeout: 120_000 }, async () => {
    const app = await openConsole();
    await openTab(app.user, 'Investigate');
    const item = () => screen.getByText('Diff prompts').closest('li')!;
    // Started once the fault is there (at T+1h): an earlier look would read normal.
    await runMinutes(app, 60);
    await app.user.click(within(item()).getByRole('button', { name: 'Start' }));
    await flush();
    expect(item().textContent).toContain('30m left');
    await runMinutes(app, 29);
    expect(item().textContent).toContain('1m left');
    expect(screen.queryByText(/Finding: Prompt changed/)).toBeNull();
    await runMinutes(app, 2);
    expect(item().textContent).toContain('Finding: Prompt changed');
    expect(item().textContent).toContain('A new prompt went live at 10:00.');
  });

  it('journals a CLOCK checkpoint every ~5 sim-minutes and on pause', async () => {
    const app = await openConsole();
    await runMinutes(app, 11);
    const clocks = app.backend.exercises.get(app.meta.id)!.entries.filter((e) => e.input.type === 'CLOCK');
    expect(clocks.map((e) => e.t)).toEqual([5 * MINUTE, 10 * MINUTE]);
    app.advanceWall(30_000 / 60); // half a sim minute
    await app.user.keyboard(' ');
    await flush();
    const last = app.backend.exercises.get(app.meta.id)!.entries.at(-1)!;
    expect(last.input.type).toBe('CLOCK');
    expect(last.t).toBe(app.session().run.now);
  });

  it('keyboard: space pauses and resumes, 1/2/3 set speed, n jumps to the next inject, ? lists shortcuts', async () => {
    const app = await openConsole({ speed: 1 });
    const { user } = app;
    expect(screen.getByText('Running 1×')).toBeTruthy();
    await user.keyboard(' ');
    expect(screen.getByText('Paused')).toBeTruthy();
    const before = app.session().run.now;
    app.advanceWall(60_000);
    expect(app.session().run.now).toBe(before);
    await user.keyboard(' ');
    expect(screen.getByText('Running 1×')).toBeTruthy();
    app.advanceWall(1000);
    expect(app.session().run.now).toBe(before + 1000);

    await user.keyboard('3');
    expect(screen.getByText('Running 60×')).toBeTruthy();
    await user.keyboard('2');
    expect(screen.getByText('Running 10×')).toBeTruthy();
    app.advanceWall(1000);
    expect(app.session().run.now).toBe(before + 1000 + 10_000);

    await user.keyboard('n');
    expect(app.session().run.now).toBe(20 * MINUTE);
    expect(screen.getByRole('list', { name: 'Signal feed' }).textContent).toContain('Disk 85% full');

    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent).toContain('Pause / resume the clock');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    // Typing in a field is not a shortcut.
    await user.click(screen.getByRole('tab', { name: /^Communicate/ }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'a b');
    expect(screen.getByText('Running 10×')).toBeTruthy();

    // Space on a focused button presses that button; the clock keeps running.
    screen.getByRole('tab', { name: 'Respond' }).focus();
    await user.keyboard(' ');
    expect(screen.getByText('Running 10×')).toBeTruthy();
    const declare = screen.getAllByRole('button', { name: 'Declare incident' }).at(-1)!;
    declare.focus();
    await user.keyboard(' ');
    await flush();
    expect(screen.getByText('Running 10×')).toBeTruthy();
    expect(app.backend.exercises.get(app.meta.id)!.entries.some((e) => e.input.type === 'ACKNOWLEDGE')).toBe(true);

    // A speed key while paused sets the speed and leaves the clock paused.
    (document.activeElement as HTMLElement).blur();
    await user.keyboard(' ');
    expect(screen.getByText('Paused')).toBeTruthy();
    const held = app.session().run.now;
    await user.keyboard('3');
    await flush();
    app.advanceWall(5000);
    expect(app.session().run.now).toBe(held);
    expect(screen.getByText('Paused')).toBeTruthy();
    expect(screen.getByRole('button', { name: '60×' }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard(' ');
    expect(screen.getByText('Running 60×')).toBeTruthy();
  });

  it('the action tabs follow the ARIA tabs pattern: one tab stop, arrows, Home and End', async () => {
    const app = await openConsole();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    tabs[0]!.focus();
    await app.user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Investigate' }));
    expect(screen.getByRole('tab', { name: 'Investigate' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1]);
    await app.user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Facilitate' }));
    await app.user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Respond' }));
    await app.user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tabpanel', { name: 'Facilitate' })).toBeTruthy();
    await app.user.keyboard('{Home}');
    expect(screen.getByRole('tabpanel', { name: 'Respond' })).toBeTruthy();
  });

  it('n does not run the exercise to its end when nothing else is scheduled', async () => {
    const app = await openConsole();
    // Beforehand, the console says what the jump stops for and how far it is.
    const next = screen.getByRole('button', { name: 'Next event ›' });
    expect(next.getAttribute('aria-describedby')).toBe('next-stop');
    expect(document.getElementById('next-stop')!.textContent).toMatch(/^(Signal|Finding|Deadline|Containment effect) in \d/);
    // n stops at every signal, finding, deadline and effect; press it until it says there is no more.
    for (let i = 0; i < 20 && screen.queryAllByText(/Nothing else is scheduled/).length === 0; i++) {
      await app.user.keyboard('n');
      await flush();
    }
    const t = app.session().run.now;
    expect(t).toBeGreaterThanOrEqual(180 * MINUTE);
    await app.user.keyboard('n');
    await flush();
    expect(app.session().run.now).toBe(t);
    expect(app.session().run.over).toBe(false);
    expect(screen.getAllByText(/Nothing else is scheduled/).length).toBeGreaterThan(0);
  });
});

describe('facilitator console: signal feed', () => {
  it('filters by channel and tracks unread signals', async () => {
    const app = await openConsole();
    await runMinutes(app, 1);
    app.advanceWall(200_000);
    await flush();
    const feed = () => screen.getByRole('list', { name: 'Signal feed' });
    const rows = () => within(feed()).getAllByRole('button');
    expect(rows().map((r) => r.querySelector('.signal-title')?.textContent)).toEqual(['Complaint', 'Error rate high', 'Disk 85% full']);
    expect(rows().every((r) => r.dataset.unread === 'true')).toBe(true);
    const filters = screen.getByRole('group', { name: 'Filter by channel' });
    expect(within(filters).getByRole('button', { name: /^All/ }).textContent).toContain('3');

    await app.user.click(within(filters).getByRole('button', { name: /^Client/ }));
    expect(rows().map((r) => r.querySelector('.signal-title')?.textContent)).toEqual(['Complaint']);

    await app.user.click(rows()[0]!);
    expect(screen.getByRole('article', { name: 'Selected signal' }).textContent).toContain('Answers are wrong.');
    expect(rows()[0]!.dataset.unread).toBe('false');
    expect(within(filters).getByRole('button', { name: /^All/ }).textContent).toContain('2');

    await app.user.click(within(filters).getByRole('button', { name: /^All/ }));
    expect(rows()).toHaveLength(3);
    await app.user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(rows().every((r) => r.dataset.unread === 'false')).toBe(true);
  });

  it('marks red herrings and hidden timeline entries for the facilitator only', async () => {
    const app = await openConsole();
    app.advanceWall(70_000);
    await flush();
    expect(screen.getByRole('list', { name: 'Signal feed' }).textContent).toContain('red herring');
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    const fault = within(timeline)
      .getByText(/Fault begins/)
      .closest('.timeline-entry')!;
    expect(fault.textContent).toContain('facilitator only');
    expect(screen.getByRole('region', { name: /Harm and costs/ }).textContent).toContain('Bad answers');
  });
});

describe('resume and the end of a run', () => {
  it('resumes a running exercise paused at its last entry and shows load warnings', async () => {
    const { api, backend } = createFakeApi();
    const meta = await seedExercise(api);
    await api['exercises:append']({
      exerciseId: meta.id,
      entries: [
        { seq: 1, t: 30 * MINUTE, input: { type: 'TRIAGE', severity: 3, incidentType: 'safety' } },
        { seq: 2, t: 95 * MINUTE, input: { type: 'CLOCK' } },
      ],
    });
    const x = backend.exercises.get(meta.id)!;
    x.tail = '{"seq":3,"t":';
    x.warnings = ['the last line (4) was cut off mid-write and was dropped; 2 entries before it were recovered'];
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    expect(screen.getByTestId('sim-clock').textContent).toBe('Mon 09 Mar 10:35');
    expect(screen.getByLabelText('Exercise clock').textContent).toContain('T+1h35m');
    expect(screen.getByText('Paused')).toBeTruthy();
    expect(screen.getByText(/The journal was recovered/).parentElement!.textContent).toContain('cut off mid-write');
    expect(screen.getByTestId('current-triage').textContent).toContain('Severity 3');
    app.advanceWall(60_000);
    expect(app.session().run.now).toBe(95 * MINUTE);
  });

  it('resolving ends the run, finishes it in storage and opens the debrief', async () => {
    const app = await openConsole();
    await app.user.click(screen.getByRole('button', { name: 'Resolve incident…' }));
    await app.user.click(screen.getByRole('button', { name: 'Confirm resolve' }));
    await flush();
    expect(app.api['exercises:finish']).toHaveBeenCalledWith({ exerciseId: app.meta.id, status: 'finished' });
    expect(useAppStore.getState().route).toEqual({ name: 'debrief', exerciseId: app.meta.id });
    // The console is gone and the session closed; the debrief screen owns the page now.
    expect(screen.queryByTestId('sim-clock')).toBeNull();
    expect(currentSession()).toBeNull();
  });

  it('reaching the horizon journals the closing moment, then finishes', async () => {
    const app = await openConsole();
    app.advanceWall(11 * 3600_000);
    await flush();
    const entries = app.backend.exercises.get(app.meta.id)!.entries;
    expect(entries.at(-1)).toMatchObject({ t: 10 * 60 * MINUTE, input: { type: 'CLOCK' } });
    expect(app.api['exercises:finish']).toHaveBeenCalledTimes(1);
  });
});
