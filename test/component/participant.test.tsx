/** A participant's screen against a real in-process host session: join, role view, attributed action. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { ParticipantScreen } from '../../renderer/src/participant/participant-screen.tsx';
import { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';
import { createFakeApi, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

describe('participant screen', () => {
  it('joins with a name and role, sees its role’s view, and its action is attributed on the console', async () => {
    localStorage.clear();
    const { api } = createFakeApi();
    const meta = await seedExercise(api);
    const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
    await screen.findByTestId('sim-clock');
    const session = await app.live.sessions.get(meta.id)!;
    await app.session().setRoomOpen(true);

    const env: AppEnv = { api, wallClock: new FakeWallClock(), live: app.live.connector, openProjector: async () => {} };
    const phone = render(
      <AppEnvContext.Provider value={env}>
        <ParticipantScreen exerciseId={meta.id} joinKey={session.room.data.joinKey} />
      </AppEnvContext.Provider>,
    );
    const user = userEvent.setup();
    const p = within(phone.container);
    // The form appears once the host has said which roles this exercise has.
    await user.type(await p.findByLabelText('Your name'), 'Lee');
    await user.selectOptions(p.getByLabelText('Your role'), 'communications_lead');
    await user.click(p.getByRole('button', { name: 'Join' }));
    await flush();
    expect(p.getByRole('region', { name: 'Inbox' })).toBeTruthy();
    // The communications lead's panels: declare and write; no dashboards, investigations or containment.
    expect(p.queryByRole('region', { name: 'Dashboards' })).toBeNull();
    expect(p.queryByRole('tab', { name: 'Investigate' })).toBeNull();
    expect(p.queryByRole('region', { name: 'Containment' })).toBeNull();
    expect(p.getByRole('region', { name: 'Declare incident' })).toBeTruthy();
    expect(localStorage.getItem(`firebreak:participant:${meta.id}`)).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    // The clock runs on the host: 3 sim hours bring the client's email (and the alerts, not routed here).
    app.advanceWall(3 * 60_000);
    await flush();
    app.advanceWall(300);
    const inbox = p.getByRole('region', { name: 'Inbox' });
    expect(inbox.textContent).toContain('Complaint');
    expect(inbox.textContent).not.toContain('Disk 85% full');
    expect(phone.container.textContent).not.toMatch(/red herring/i);

    await user.click(p.getByRole('tab', { name: /^Communicate/ }));
    await user.selectOptions(p.getByLabelText('Audience'), 'client');
    await user.type(p.getByLabelText('Message'), 'Looking into it.');
    await user.click(p.getByRole('button', { name: 'Send to client' }));
    await flush();
    expect(p.getByRole('region', { name: 'Team timeline' }).textContent).toContain('Lee, Communications lead');
    expect(api['exercises:append']).toHaveBeenLastCalledWith({
      exerciseId: meta.id,
      entries: [
        expect.objectContaining({
          input: { type: 'COMMUNICATE', audience: 'client', message: 'Looking into it.' },
          by: { name: 'Lee', role: 'communications_lead' },
        }),
      ],
    });
    expect(screen.getAllByText(/— Lee \(communications lead\)/).length).toBeGreaterThan(0);
  });
});
