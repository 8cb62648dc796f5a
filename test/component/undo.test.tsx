/** #20 Undo on the console: a note or a harm reveal can be taken back for a short while, journaled. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, seedExercise } from './fake-api.ts';
import { flush, renderApp } from './render-app.tsx';

async function openFacilitate() {
  const { api } = createFakeApi();
  const meta = await seedExercise(api);
  const app = renderApp({ name: 'console', exerciseId: meta.id }, api);
  await screen.findByTestId('sim-clock');
  await flush();
  await app.user.click(screen.getByRole('tab', { name: 'Facilitate' }));
  return app;
}

describe('console: undo a facilitator entry', () => {
  it('offers Undo after a note; Undo withdraws it, journaled as its own entry', async () => {
    const app = await openFacilitate();
    await app.user.type(screen.getByRole('textbox', { name: 'Note' }), 'Room argues about the kill switch');
    await app.user.click(screen.getByRole('button', { name: 'Add note' }));
    await flush();
    const offer = await screen.findByText('Note added.');
    expect(offer.closest('[role="status"]')).toBeTruthy();
    const undo = within(offer.closest('[role="status"]') as HTMLElement).getByRole('button', { name: 'Undo' });
    // Keyboard reachable: focus it and press Enter.
    undo.focus();
    await app.user.keyboard('{Enter}');
    await flush();
    expect(screen.queryByText('Note added.')).toBeNull();
    const entries = app.session().run.entries;
    expect(entries.at(-1)!.input).toEqual({ type: 'WITHDRAW', target: entries.at(-2)!.seq });
    expect(app.session().run.context.inputs.some((e) => e.input.type === 'NOTE')).toBe(false);
    expect(document.body.textContent).toContain('Withdrew the note “Room argues about the kill switch”');
    expect(document.body.textContent).not.toContain('Note: Room argues about the kill switch');
  }, 60_000);

  it('after Undo of a harm reveal, harm is hidden again and can be revealed anew', async () => {
    const app = await openFacilitate();
    await app.user.click(screen.getByRole('button', { name: 'Reveal harm to the room' }));
    await flush();
    expect(app.session().run.context.harmRevealed).toBe(true);
    await app.user.click(screen.getByRole('button', { name: 'Undo' }));
    await flush();
    expect(app.session().run.context.harmRevealed).toBe(false);
    expect(screen.getByRole('button', { name: 'Reveal harm to the room' })).toBeTruthy();
  }, 60_000);
});
