/**
 * The CLI's v2 commands: `validate --check` dry-runs a scenario and warns, `migrate` converts a v1
 * file to v2 keeping its comments, and v1 files still validate as they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const cli: CliIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => Buffer.from(files[p] ?? written[p] ?? readFileSync(join(ROOT, p), 'utf8')),
    writeFile: (p, d) => {
      written[p] = typeof d === 'string' ? d : Buffer.from(d).toString();
    },
  };
  return { cli, out, err, written };
}

const mini = readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8');

describe('firebreak validate --check', () => {
  it('warns about a stated figure the do-nothing run does not reach, and a deadline after the horizon', async () => {
    const t = io({ 'mini.yaml': mini });
    expect(await main(['validate', 'mini.yaml'], t.cli)).toBe(0);
    const bad = mini.replace(/statedFigures:[\s\S]*$/, 'statedFigures:\n  - { harm: bad-answers, at: 2h, value: 999999 }\n');
    const c = io({ 'bad.yaml': bad });
    expect(await main(['validate', '--check', 'bad.yaml'], c.cli)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/warning: statedFigures\.0: states 999999 bad-answers at 2h, but a do-nothing run gives \d+/);
    expect(text).toMatch(/--check ran do-nothing on 1 variant\(s\): \d+ warning\(s\)/);
  });

  it('dry-runs a built-in with its own teams and every variant', async () => {
    const t = io();
    expect(await main(['validate', '--check', 'scenarios/stale-pricing-data.yaml'], t.cli)).toBe(0);
    // No warnings: the affected_users deadline after the horizon is marked mayRemainOpen in the
    // built-in (judged by the open-obligation rule), and the calm VP email (revenue-team-contained)
    // now comes an hour after containment, so the textbook team hears it before resolving (#21).
    expect(t.out.at(-1)).toBe('scenarios/stale-pricing-data.yaml: --check ran do-nothing and plausible-wrong, textbook on 2 variant(s): 0 warning(s)');
    expect(t.out.join('\n')).not.toContain('the affected_users deadline (1d from detection) falls after the horizon');
    expect(t.out.join('\n')).not.toContain('never fired in any dry run');
  });

  it('reports a metric alert that fires at T+0', async () => {
    const bad = mini.replace(/trigger: \{ metric: (\S+), above: [\d.]+ \}/, 'trigger: { metric: $1, above: -1000 }');
    expect(bad).not.toBe(mini);
    const t = io({ 'bad.yaml': bad });
    await main(['validate', '--check', 'bad.yaml'], t.cli);
    expect(t.out.join('\n')).toMatch(/fires at T\+0, before any fault/);
  });
});

describe('firebreak migrate', () => {
  const v1 = readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8');

  it('writes a v2 file that loads to the same scenario, keeping comments', async () => {
    expect(v1).toMatch(/^fault:/m);
    const t = io({ 'old.yaml': v1 });
    expect(await main(['migrate', 'old.yaml', '--out', '-'], t.cli)).toBe(0);
    const migrated = t.out[0]!;
    expect(migrated).toMatch(/^faults:/m);
    expect(migrated).toContain('format: 2');
    const comments = (text: string) => text.split('\n').filter((l) => l.trim().startsWith('#'));
    expect(comments(migrated)).toEqual(comments(v1));
    const before = loadScenario(v1);
    const after = loadScenario(migrated);
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) {
      expect(before.migratedFrom).toBe(1);
      expect(after.migratedFrom).toBeUndefined();
      expect({ ...after.scenario }).toEqual({ ...before.scenario });
    }
  });

  it('says so when the file is already v2, and refuses a v1 file with problems', async () => {
    const t = io();
    expect(await main(['migrate', 'test/fixtures/v2-capabilities.yaml', '--out', '-'], t.cli)).toBe(0);
    expect(t.out[0]).toContain('already in the v2 format');
    const bad = io({ 'bad.yaml': v1.replace(/^version: 1$/m, 'version: 0') });
    expect(await main(['migrate', 'bad.yaml', '--out', '-'], bad.cli)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/fix them first/);
  });

  it('needs --out', async () => {
    const t = io();
    expect(await main(['migrate', 'x.yaml'], t.cli)).toBe(2);
    expect(t.err.join('\n')).toMatch(/migrate needs --out/);
  });
});

describe('variants chosen by the facilitator', () => {
  it('run --variant plays that variant, and the journal replays it', async () => {
    const t = io();
    const args = ['run', 'scenarios/stale-pricing-data.yaml', '--actions', 'scenarios/teams/do-nothing.yaml', '--json', '--journal', 'j.jsonl'];
    expect(await main([...args, '--variant', 'partner-cache'], t.cli)).toBe(0);
    const cached = JSON.parse(t.out[0]!) as { harm: { actual: Record<string, number> } };
    expect(cached.harm.actual['partner-tickets']).toBeCloseTo(2610, 6);
    expect(t.written['j.jsonl']).toContain('"variant":"partner-cache"');
    const r = io({ 'j.jsonl': t.written['j.jsonl']! });
    expect(await main(['replay', 'j.jsonl', '--json'], r.cli)).toBe(0);
    expect((JSON.parse(r.out[0]!) as typeof cached).harm.actual['partner-tickets']).toBeCloseTo(2610, 6);
    const clean = io();
    expect(await main([...args, '--variant', 'partners-clean'], clean.cli)).toBe(0);
    expect((JSON.parse(clean.out[0]!) as typeof cached).harm.actual['partner-tickets']).toBe(0);
  });

  it('refuses a variant the scenario does not have', async () => {
    const t = io();
    expect(await main(['run', 'scenarios/stale-pricing-data.yaml', '--actions', 'scenarios/teams/do-nothing.yaml', '--variant', 'nope'], t.cli)).toBe(2);
    expect(t.err.join('\n')).toMatch(/has no variant "nope" \(its variants: partner-cache, partners-clean\)/);
  });
});

describe('firebreak migrate keeps layout (#17)', () => {
  it('never rewraps a long line or a folded paragraph, and adds no key to every item', async () => {
    const long = 'A tiny scenario whose summary is one long folded paragraph that goes well past one hundred characters on one line.';
    const v1 = readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8').replace('summary: A tiny scenario for tests.', `summary: >-\n  ${long}`);
    const t = io({ 'old.yaml': v1 });
    expect(await main(['migrate', 'old.yaml', '--out', '-'], t.cli)).toBe(0);
    const migrated = t.out[0]!;
    expect(migrated).toContain(`summary: >-\n  ${long}\n`);
    // The kill switch line is the author's, unchanged: no liftable: false added (only the fix needs it).
    const kill = v1.split('\n').find((l) => l.includes('id: kill-switch'))!;
    expect(migrated.split('\n')).toContain(kill);
    expect(migrated.match(/liftable: false/g)).toHaveLength(1);
    const after = loadScenario(migrated);
    expect(after.ok).toBe(true);
    if (after.ok) expect(after.scenario.containments.find((c) => c.id === 'kill-switch')!.liftable).toBe(true);
  });
});
