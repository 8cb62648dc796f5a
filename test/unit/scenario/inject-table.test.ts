/**
 * The table editor's in-place YAML edits (#21): one cell changed, every other byte of the file
 * (comments, layout, order) kept, and the result read back by the same loader as `validate`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addInject, deleteInject, editInject, injectRows, moveInject, parseTriggerText, type EditResult } from '../../../shared/scenario/inject-table.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';

const builtIn = (name: string) => readFileSync(join(ROOT, 'scenarios', name), 'utf8');
const ok = (r: EditResult): string => {
  if (!r.ok) throw new Error(r.message);
  return r.text;
};

/** The lines that differ between two texts of the same line count, as [line number, before, after]. */
function changedLines(a: string, b: string): [number, string, string][] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [[i + 1, l, y[i]!] as [number, string, string]]));
}

describe('inject table: in-place edits', () => {
  const source = builtIn('refund-fraud-cascade.yaml');

  it('changing one title changes only that line of a built-in copy', () => {
    const rows = injectRows(source)!;
    const row = rows[1]!;
    expect(row.title).toBe('CHG-7718: Triage prompt v14 released (closed: successful)');
    const after = ok(editInject(source, 1, 'title', 'CHG-7718: prompt v14 released'));
    const diff = changedLines(source, after);
    expect(diff).toEqual([
      [row.line + 4, '    title: "CHG-7718: Triage prompt v14 released (closed: successful)"', '    title: "CHG-7718: prompt v14 released"'],
    ]);
    const loaded = loadScenario(after);
    expect(loaded.ok && loaded.scenario.injects[1]!.title).toBe('CHG-7718: prompt v14 released');
  });

  // Three built-ins with different layouts (flow triggers, block scalars, modules listing injects);
  // every cell is read and written back: the file must come out byte for byte.
  it('every cell of a built-in can be written back unchanged, byte for byte', { timeout: 120_000 }, () => {
    for (const name of ['refund-fraud-cascade.yaml', 'stale-pricing-data.yaml', 'poisoned-shared-document.yaml']) {
      const text = builtIn(name);
      for (const row of injectRows(text)!) {
        if (!row.editable) continue;
        for (const field of ['when', 'channel', 'from', 'to', 'title', 'body', 'condition', 'module', 'questions'] as const) {
          const r = editInject(text, row.index, field, row[field]);
          expect(r.ok ? r.text === text : r.message, `${name} injects.${row.index}.${field}`).toBe(true);
        }
      }
    }
  });

  it('a multi-line body keeps its block style and indentation; other lines are untouched', () => {
    const after = ok(editInject(source, 0, 'body', 'First line.\nSecond line: with a colon.\n'));
    const loaded = loadScenario(after);
    expect(loaded.ok && loaded.scenario.injects[0]!.body).toBe('First line.\nSecond line: with a colon.\n');
    expect(after).toContain('    body: |\n      First line.\n      Second line: with a colon.\n  - id: change-v14');
    expect(after.replace(/ {4}body: \|\n {6}First line\.\n {6}Second line: with a colon\.\n/, '')).toBe(
      source.replace(/ {4}body: \|\n {6}02:10-03:40[^]*?no payment changes\.\n/, ''),
    );
  });

  it('adds questions as a block list under the inject, and removing them restores the file', () => {
    expect(injectRows(source)![1]!.questions).toBe('');
    const added = ok(editInject(source, 1, 'questions', 'What changed this morning?\nWho owns the release: support or risk?'));
    expect(added).toContain(
      '      Rollout: 100% at 08:50. Owner: support-automation.\n    questions:\n      - What changed this morning?\n      - "Who owns the release: support or risk?"\n  - id: holds-alert',
    );
    const loaded = loadScenario(added);
    expect(loaded.ok && loaded.scenario.injects[1]!.questions).toEqual(['What changed this morning?', 'Who owns the release: support or risk?']);
    expect(ok(editInject(added, 1, 'questions', ''))).toBe(source);
  });

  it('rewrites a trigger, a condition and the roles as flow text on their own line', () => {
    let t = ok(editInject(source, 0, 'when', 'after inject:change-v14 + 5m'));
    expect(changedLines(source, t)).toEqual([
      [injectRows(source)![0]!.line + 1, '    trigger: { at: 20m }', '    trigger: { after: { event: inject:change-v14, delay: 5m } }'],
    ]);
    t = ok(editInject(t, 0, 'when', 'fraud-holds above 60'));
    expect(injectRows(t)![0]!.when).toBe('fraud-holds above 60');
    t = ok(editInject(t, 0, 'condition', 'contained: false'));
    t = ok(editInject(t, 0, 'to', 'incident_commander, communications_lead'));
    const loaded = loadScenario(t);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenario.injects[0]).toMatchObject({
      trigger: { metric: 'fraud-holds', above: 60 },
      when: { contained: false },
      roles: ['incident_commander', 'communications_lead'],
    });
    expect(ok(editInject(ok(editInject(ok(editInject(t, 0, 'to', '')), 0, 'condition', '')), 0, 'when', '20m'))).toBe(source);
  });

  it('moves an inject between modules by editing only the modules’ inject lists', () => {
    const rows = injectRows(source)!;
    const target = rows.find((r) => r.module === '')!;
    const moved = ok(editInject(source, target.index, 'module', 'm2-source'));
    expect(injectRows(moved)![target.index]!.module).toBe('m2-source');
    const loaded = loadScenario(moved);
    expect(loaded.ok && loaded.scenario.modules.find((m) => m.id === 'm2-source')!.injects).toContain(target.id);
    expect(ok(editInject(moved, target.index, 'module', ''))).toBe(source);
    expect(editInject(source, 0, 'module', 'no-such-module')).toEqual({ ok: false, message: 'no module "no-such-module"' });
  });

  it('an edit that makes the scenario invalid is written, and the loader locates the problem', () => {
    const after = ok(editInject(source, 2, 'channel', 'carrier_pigeon'));
    const r = loadScenario(after, 'x.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ path: 'injects.2.channel', line: injectRows(source)![2]!.line + 3 });
  });

  it('refuses what it cannot write, leaving the text alone', () => {
    expect(parseTriggerText('soon please')).toMatchObject({ ok: false });
    expect(editInject(source, 0, 'when', 'soon please')).toMatchObject({ ok: false });
    expect(editInject(source, 0, 'condition', '{ contained: ')).toMatchObject({ ok: false });
    expect(editInject('injects:\n  - { id: a, title: x }\n', 0, 'title', 'y')).toMatchObject({
      ok: false,
      message: expect.stringContaining('edit it in the text'),
    });
    expect(editInject('injects: [\n', 0, 'title', 'y')).toMatchObject({ ok: false });
  });

  it('keeps quoting: a plain title stays plain, a quoted one quoted, a title needing quotes gets them', () => {
    const text = "injects:\n  - id: a # first\n    title: plain words\n  - id: b\n    title: 'single'\n";
    expect(ok(editInject(text, 0, 'title', 'other words'))).toBe("injects:\n  - id: a # first\n    title: other words\n  - id: b\n    title: 'single'\n");
    expect(ok(editInject(text, 1, 'title', "it's"))).toBe("injects:\n  - id: a # first\n    title: plain words\n  - id: b\n    title: 'it''s'\n");
    const colon = ok(editInject(text, 0, 'title', 'Alert: drift'));
    expect(injectRows(colon)![0]!.title).toBe('Alert: drift');
  });
});

/** The lines of `b` that are not in `a` and those of `a` not in `b`, by a line-level LCS diff. */
function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  let s = 0;
  while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
  return { removed: x.slice(p, x.length - s), added: y.slice(p, y.length - s) };
}

describe('inject table: adding, deleting and moving injects', () => {
  const source = builtIn('refund-fraud-cascade.yaml');
  const rows = injectRows(source)!;
  const lines = source.split('\n');
  /** The lines of row i, from its dash line to the line before the next row (or the list's end). */
  const rowLines = (i: number, rs = rows, ls = lines) => ls.slice(rs[i]!.line - 1, i + 1 < rs.length ? rs[i + 1]!.line - 1 : undefined);

  it('adds an inject below a row: only its new lines appear, in the neighbours’ layout, and it validates', () => {
    const r = addInject(source, 0, { title: 'Nouvel inject', body: 'Ce que voit l’équipe.' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ index: 1, id: `inject-${rows.length + 1}` });
    expect(lineDiff(source, r.text)).toEqual({
      removed: [],
      added: [
        `  - id: inject-${rows.length + 1}`,
        '    trigger: { at: 25m }',
        '    channel: internal',
        '    source: Security operations',
        '    title: Nouvel inject',
        '    body: Ce que voit l’équipe.',
      ],
    });
    const after = injectRows(r.text)!;
    expect(after.map((x) => x.id)).toEqual([rows[0]!.id, r.id, ...rows.slice(1).map((x) => x.id)]);
    const loaded = loadScenario(r.text);
    expect(loaded.ok ? loaded.scenario.injects[1]!.title : loaded.problems).toBe('Nouvel inject');
  });

  it('adds at the end after a row without a fixed time: five minutes after that inject fires', () => {
    const last = rows.at(-1)!;
    expect(last.when).not.toMatch(/^\d/);
    const text = ok(addInject(source, null));
    expect(lineDiff(source, text).added).toEqual([
      `  - id: inject-${rows.length + 1}`,
      `    trigger: { after: { event: inject:${last.id}, delay: 5m } }`,
      `    channel: ${last.channel}`,
      `    source: ${last.from}`,
      '    title: New inject',
      '    body: "What the team sees: edit this text."',
    ]);
    expect(loadScenario(text).ok).toBe(true);
    // A second one gets a different id.
    const again = addInject(text, null);
    expect(again.ok && again.id).toBe(`inject-${rows.length + 2}`);
  });

  it('keeps a blank line between items when the author separates them so', () => {
    const spaced = builtIn('silent-bias-drift.yaml');
    const r = addInject(spaced, 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { added, removed } = lineDiff(spaced, r.text);
    expect(removed).toEqual([]);
    expect(added.filter((l) => l.trim() === '')).toHaveLength(1);
    expect(loadScenario(r.text).ok).toBe(true);
  });

  it('deletes exactly an inject’s lines, and its id from a module’s list', () => {
    const text = ok(deleteInject(source, 1));
    expect(lineDiff(source, text)).toEqual({ removed: rowLines(1), added: [] });
    expect(injectRows(text)!.map((x) => x.id)).toEqual(rows.filter((_, i) => i !== 1).map((x) => x.id));
    expect(loadScenario(text).ok).toBe(true);

    const listed = ok(editInject(source, 1, 'module', 'm2-source'));
    const gone = ok(deleteInject(listed, 1));
    expect(gone).toBe(text);
    // The last row: its lines go (up to the next top-level key), the file's following lines stay.
    const tail = lines.slice(rows.at(-1)!.line - 1);
    const own = tail.slice(
      0,
      tail.findIndex((l, k) => k > 0 && /^\S/.test(l)),
    );
    expect(lineDiff(source, ok(deleteInject(source, rows.length - 1)))).toEqual({ removed: own, added: [] });
  });

  it('refuses to delete an inject another inject is triggered after, naming it, and leaves the text alone', () => {
    const text = builtIn('silent-bias-drift.yaml');
    const rs = injectRows(text)!;
    const target = rs.findIndex((x) => x.id === 'air-warning');
    const dependent = rs.find((x) => x.when.startsWith('after inject:air-warning'))!;
    const r = deleteInject(text, target);
    expect(r).toMatchObject({ ok: false, referencedBy: [dependent.id], message: expect.stringContaining(dependent.id) });
    // A condition naming it counts too; the last inject is never deleted.
    const cond = ok(editInject(source, 0, 'condition', 'injectFired: change-v14'));
    expect(deleteInject(cond, 1)).toMatchObject({ ok: false, referencedBy: [rows[0]!.id] });
    expect(deleteInject('injects:\n  - id: a\n', 0)).toMatchObject({ ok: false });
  });

  it('moves an inject up and down by swapping two items’ lines; moving back restores the file', () => {
    const up = ok(moveInject(source, 2, 'up'));
    const ids = rows.map((x) => x.id);
    expect(injectRows(up)!.map((x) => x.id)).toEqual([ids[0], ids[2], ids[1], ...ids.slice(3)]);
    const upLines = up.split('\n');
    expect(upLines.slice(0, rows[1]!.line - 1)).toEqual(lines.slice(0, rows[1]!.line - 1));
    expect(upLines.slice(rows[1]!.line - 1, rows[3]!.line - 1)).toEqual([...rowLines(2), ...rowLines(1)]);
    expect(upLines.slice(rows[3]!.line - 1)).toEqual(lines.slice(rows[3]!.line - 1));
    expect(ok(moveInject(up, 1, 'down'))).toBe(source);
    expect(loadScenario(up).ok).toBe(true);

    const spaced = builtIn('silent-bias-drift.yaml');
    expect(ok(moveInject(ok(moveInject(spaced, 0, 'down')), 1, 'up'))).toBe(spaced);
    expect(moveInject(source, 0, 'up')).toMatchObject({ ok: false });
    expect(moveInject(source, rows.length - 1, 'down')).toMatchObject({ ok: false });
    expect(moveInject('injects: [{ id: a }, { id: b }]\n', 0, 'down')).toMatchObject({ ok: false });
  });

  it('keeps the comment above an item with it when the item moves', () => {
    const text = 'injects:\n  # the first\n  - id: a\n    title: A\n  # the second\n  - id: b # inline\n    title: B\nafter: 1\n';
    expect(ok(moveInject(text, 1, 'up'))).toBe(
      'injects:\n  # the second\n  - id: b # inline\n    title: B\n  # the first\n  - id: a\n    title: A\nafter: 1\n',
    );
    expect(ok(deleteInject(text, 0))).toBe('injects:\n  # the second\n  - id: b # inline\n    title: B\nafter: 1\n');
  });
});
