/**
 * The author screen's inject table (#21): a cell's edit rewrites only its line of the YAML, the
 * row shows the validator's located problems, a trigger the table cannot read is refused where it
 * was typed, and *Save* sends the edited text with the text it started from (the host refuses a
 * conflict and validates again).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../shared/scenario/load.ts';
import { createFakeApi, scenarioEntry } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

const SOURCE = readFileSync(resolve(process.cwd(), 'scenarios/refund-fraud-cascade.yaml'), 'utf8');
const WAIT = { timeout: 10_000 };

describe('author screen: inject table', () => {
  it('edits a title in place, shows a row’s problems at their line, refuses a bad trigger, and saves over the user’s file', async () => {
    const { api } = createFakeApi([scenarioEntry('refund-fraud-cascade.yaml', SOURCE, false)]);
    const { user } = renderApp({ name: 'author', file: 'refund-fraud-cascade.yaml' }, api);
    const table = await screen.findByRole('table', { name: 'Injects' }, WAIT);
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);

    // A title: only its line of the file changes.
    const title = within(table).getByRole('textbox', { name: 'Title (change-v14)' });
    expect(title).toHaveProperty('value', 'CHG-7718: Triage prompt v14 released (closed: successful)');
    await user.clear(title);
    await user.type(title, 'CHG-7718: prompt v14');
    await user.tab();
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);
    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toHaveProperty('disabled', false), WAIT);

    // A trigger the table cannot read stays in the cell with the reason; the file is unchanged.
    const when = within(table).getByRole('textbox', { name: 'Time or trigger (credential-stuffing)' });
    await user.clear(when);
    await user.type(when, 'in a while');
    await user.tab();
    await within(table).findByText(/is not a trigger/, {}, WAIT);

    // A duration the schema refuses: written, and the validator's problem appears in the row.
    await user.clear(when);
    await user.type(when, '25x');
    await user.tab();
    const rowProblems = await within(table).findByRole('list', { name: 'Problems of credential-stuffing' }, WAIT);
    const broken = SOURCE.replace('trigger: { at: 20m }', 'trigger: { at: 25x }').replace(
      'title: "CHG-7718: Triage prompt v14 released (closed: successful)"',
      'title: "CHG-7718: prompt v14"',
    );
    const expected = loadScenario(broken, 'refund-fraud-cascade.yaml');
    expect(expected.ok).toBe(false);
    const first = !expected.ok ? expected.problems[0]! : null;
    expect(first!.path).toMatch(/^injects\.0\.trigger/);
    within(rowProblems).getByRole('button', { name: `line ${first!.line}, column ${first!.column}` });
    expect(save).toHaveProperty('disabled', true);

    await user.clear(when);
    await user.type(when, '25m');
    await user.tab();
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);
    await waitFor(() => expect(save).toHaveProperty('disabled', false), WAIT);
    await user.click(save);
    await screen.findByText(/Saved in place: refund-fraud-cascade.yaml/, {}, WAIT);

    const sent = (api['scenarios:save'] as unknown as { mock: { calls: [{ file: string; text: string; base: string }][] } }).mock.calls[0]![0];
    expect(sent.file).toBe('refund-fraud-cascade.yaml');
    expect(sent.base).toBe(SOURCE);
    const before = SOURCE.split('\n');
    const after = sent.text.split('\n');
    expect(after.length).toBe(before.length);
    expect(before.flatMap((l, i) => (l === after[i] ? [] : [[l, after[i]]]))).toEqual([
      ['    trigger: { at: 20m }', '    trigger: { at: 25m }'],
      ['    title: "CHG-7718: Triage prompt v14 released (closed: successful)"', '    title: "CHG-7718: prompt v14"'],
    ]);
  }, 60_000);

  it('adds, moves and deletes injects from the keyboard; a referenced inject is not deleted; a delete can be undone', async () => {
    const { api } = createFakeApi([scenarioEntry('refund-fraud-cascade.yaml', SOURCE, false)]);
    const { user } = renderApp({ name: 'author', file: 'refund-fraud-cascade.yaml' }, api);
    const table = await screen.findByRole('table', { name: 'Injects' }, WAIT);
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);
    const ids = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.querySelector('code')!.textContent);
    const original = ids();
    const last = original.at(-1)!;
    const fresh = `inject-${original.length + 1}`;

    // Add: a new last row, its title focused for typing, and the scenario still validates.
    const add = screen.getByRole('button', { name: 'Add inject' });
    add.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(ids()).toEqual([...original, fresh]), WAIT);
    const title = within(table).getByRole('textbox', { name: `Title (${fresh})` });
    await waitFor(() => expect(document.activeElement).toBe(title), WAIT);
    expect(title).toHaveProperty('value', 'New inject');
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);

    // The new inject fires after the last one: that one cannot be deleted now, and the table says why.
    await user.click(within(table).getByRole('button', { name: `Delete ${last}` }));
    await screen.findByText(`${last} cannot be deleted: ${fresh} refers to it. Change or delete that first.`, {}, WAIT);
    expect(ids()).toEqual([...original, fresh]);

    // Move up with the keyboard: the focus stays on the moved row's button.
    within(table)
      .getByRole('button', { name: `Move ${fresh} up` })
      .focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(ids()).toEqual([...original.slice(0, -1), fresh, last]), WAIT);
    await waitFor(() => expect(document.activeElement).toBe(within(table).getByRole('button', { name: `Move ${fresh} up` })), WAIT);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(ids()).toEqual([...original.slice(0, -2), fresh, ...original.slice(-2)]), WAIT);
    expect(within(table).getByRole('button', { name: `Move ${original[0]} up` })).toHaveProperty('disabled', true);

    // Insert below a row, then delete it, undo the delete, delete it again.
    await user.click(within(table).getByRole('button', { name: `Insert an inject below ${original[0]}` }));
    const second = `inject-${original.length + 2}`;
    await waitFor(() => expect(ids().slice(0, 2)).toEqual([original[0], second]), WAIT);
    await user.click(within(table).getByRole('button', { name: `Delete ${second}` }));
    await waitFor(() => expect(ids()).not.toContain(second), WAIT);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(ids().slice(0, 2)).toEqual([original[0], second]), WAIT);
    await user.click(within(table).getByRole('button', { name: `Delete ${second}` }));
    await user.click(within(table).getByRole('button', { name: `Delete ${fresh}` }));
    await waitFor(() => expect(ids()).toEqual(original), WAIT);
    await screen.findByText('No problems: the scenario validates.', {}, WAIT);
  }, 60_000);

  it('offers only a copy for a built-in scenario', async () => {
    const { api } = createFakeApi([scenarioEntry('builtin:refund-fraud-cascade.yaml', SOURCE, true)]);
    renderApp({ name: 'author', file: 'builtin:refund-fraud-cascade.yaml' }, api);
    await screen.findByRole('table', { name: 'Injects' }, WAIT);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    screen.getByRole('button', { name: 'Save a copy to the library' });
  }, 60_000);
});
