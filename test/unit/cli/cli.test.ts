/**
 * The CLI as a user runs it: exit codes, located errors, scripted runs, journals and replay.
 * Driven through main() with an in-memory file system, so no process or disk is involved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { ROOT } from '../../helpers.ts';

function io(files: Record<string, string | Buffer> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const cli: CliIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (p in files) return Buffer.from(files[p]!);
      if (p in written) return Buffer.from(written[p]!);
      return readFileSync(join(ROOT, p));
    },
    writeFile: (p, d) => {
      written[p] = typeof d === 'string' ? d : Buffer.from(d).toString();
    },
  };
  return { cli, out, err, written };
}

describe('firebreak validate', () => {
  it('exits 0 for the built-in scenarios', async () => {
    const t = io();
    expect(
      await main(['validate', 'scenarios/silent-bias-drift.yaml', 'scenarios/stale-pricing-data.yaml', 'scenarios/provider-update-leakage.yaml'], t.cli),
    ).toBe(0);
    expect(t.out).toHaveLength(3);
  });
  it('lists every problem as file:line:column  path: message and exits non-zero', async () => {
    const bad = readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8').replace('version: 1', 'version: 0').replace('severity: 2\n', 'severity: 9\n');
    const t = io({ 'bad.yaml': bad });
    expect(await main(['validate', 'bad.yaml'], t.cli)).toBe(1);
    expect(t.err).toEqual([expect.stringMatching(/^bad\.yaml:3:10 {2}version: /), expect.stringMatching(/^bad\.yaml:\d+:13 {2}rubric\.severity: /)]);
  });
  it('reports an unreadable file and carries on with the others', async () => {
    const t = io();
    expect(await main(['validate', 'missing.yaml', 'test/fixtures/mini.yaml'], t.cli)).toBe(1);
    expect(t.err).toEqual(['missing.yaml:1:1  cannot read (ENOENT)']);
    expect(t.out).toEqual(['test/fixtures/mini.yaml: ok (mini v1) (v1 format, migrated on load; `firebreak migrate` converts it)']);
  });
});

describe('firebreak run and replay', () => {
  it('runs a scripted team, writes its journal, and replay gives the same JSON score card', async () => {
    const t = io();
    const code = await main(
      [
        'run',
        'scenarios/silent-bias-drift.yaml',
        '--actions',
        'scenarios/teams/silent-bias-drift.textbook.yaml',
        '--seed',
        '4',
        '--json',
        '--journal',
        'j.jsonl',
      ],
      t.cli,
    );
    expect(code).toBe(0);
    const card = JSON.parse(t.out[0]!);
    expect(card.overall).toBeGreaterThan(90);
    expect(card.seed).toBe(4);
    const r = io();
    r.cli.readFile = (p) => Buffer.from(t.written[p]!);
    expect(await main(['replay', 'j.jsonl', '--json'], r.cli)).toBe(0);
    expect(JSON.parse(r.out[0]!)).toEqual(card);
  });
  it('prints a readable score card by default', async () => {
    const t = io();
    await main(['run', 'scenarios/stale-pricing-data.yaml', '--actions', 'scenarios/teams/do-nothing.yaml'], t.cli);
    expect(t.out[0]).toMatch(/Overall score {2}0\/100/);
    expect(t.out[0]).toMatch(/Tickets sold at the \$14 mistake fare\s+67,000/);
  });
  it('locates a bad action', async () => {
    const t = io({ 'a.yaml': '- { at: 1h, do: ACKNOWLEDGE }\n- { at: 2h, do: TRIAGE, severity: 7, incidentType: bias_fairness }\n' });
    expect(await main(['run', 'test/fixtures/mini.yaml', '--actions', 'a.yaml'], t.cli)).toBe(1);
    expect(t.err[0]).toMatch(/^a\.yaml:2:3 {2}actions\.1: severity: /);
  });
  it('warns about actions that could not be taken, and still scores the run', async () => {
    const t = io({ 'a.yaml': '- { at: 2h, do: CONTAIN, containmentId: rollback-model }\n- { at: 3h, do: CONTAIN, containmentId: rollback-model }\n' });
    expect(await main(['run', 'test/fixtures/mini.yaml', '--actions', 'a.yaml'], t.cli)).toBe(0);
    expect(t.err).toEqual(['warning: action 1 (CONTAIN, line 2) refused: already decided or in effect']);
  });
  it('recovers a journal with a torn last line, with a warning', async () => {
    const t = io();
    await main(['run', 'test/fixtures/mini.yaml', '--actions', 'scenarios/teams/do-nothing.yaml', '--journal', 'j.jsonl'], t.cli);
    const torn = `${t.written['j.jsonl']}{"seq":1,"t":60000,"inp`;
    const r = io({ 'j.jsonl': torn });
    expect(await main(['replay', 'j.jsonl'], r.cli)).toBe(0);
    expect(r.err[0]).toMatch(/^j\.jsonl: warning: the last line \(2\) was cut off/);
  });
  it('refuses a journal damaged in the middle, naming the line', async () => {
    const r = io({ 'j.jsonl': '{"format":"firebreak-journal/1"}\n' });
    expect(await main(['replay', 'j.jsonl'], r.cli)).toBe(1);
    expect(r.err[0]).toMatch(/^j\.jsonl: line 1: not a Firebreak journal header/);
  });
  it('explains usage errors with exit code 2', async () => {
    const t = io();
    expect(await main(['run', 'test/fixtures/mini.yaml'], t.cli)).toBe(2);
    expect(t.err[0]).toMatch(/run needs --actions/);
    expect(await main(['run', 'x.yaml', '--actions', 'a', '--seed', 'abc'], t.cli)).toBe(2);
    expect(await main(['fly'], t.cli)).toBe(2);
  });
});
