import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, formatProblem, type LoadResult } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';

const miniText = readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8');

function problems(r: LoadResult): string[] {
  if (r.ok) throw new Error('expected problems, got a valid scenario');
  return r.problems.map(formatProblem);
}

describe('loadScenario', () => {
  it('accepts the fixture and converts durations to milliseconds', () => {
    const r = loadScenario(miniText, 'mini.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.faults[0]!.startsAt).toBe(3_600_000);
      expect(r.scenario.clock.horizon).toBe(10 * 3_600_000);
    }
  });

  it('locates a wrong type at the offending line and column', () => {
    const text = miniText.replace('version: 1', 'version: "one"');
    const line = text.split('\n').findIndex((l) => l.startsWith('version:')) + 1;
    expect(problems(loadScenario(text, 'bad.yaml'))).toEqual([expect.stringMatching(new RegExp(`^bad\\.yaml:${line}:10  version: `))]);
  });

  it('reports a missing required field at its parent', () => {
    const text = miniText.replace(/^title: .*\n/m, '');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toMatch(/x\.yaml:\d+:\d+ {2}title: /);
  });

  it('reports unknown references with the field path', () => {
    const text = miniText.replace('bestContainment: rollback-prompt', 'bestContainment: rollback-everything');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toContain('rubric.bestContainment: unknown containment "rollback-everything"');
  });

  it('reports an unknown action in an inject trigger', () => {
    const text = miniText.replace('action:rollback-model', 'action:reboot');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toContain('injects.2.trigger.after.event: unknown action "reboot"');
  });

  it('reports cycles between injects', () => {
    const text = miniText
      .replace('trigger: { at: 3h }', 'trigger: { after: { event: "inject:press" } }')
      .replace('trigger: { at: 6h }', 'trigger: { after: { event: "inject:email" } }');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toMatch(/cycle: email → press → email/);
  });

  it('reports impossible times', () => {
    const text = miniText.replace('trigger: { at: 3h }', 'trigger: { at: 30h }').replace('startsAt: 1h', 'startsAt: 11h');
    const out = problems(loadScenario(text, 'x.yaml')).join('\n');
    expect(out).toContain('fault.startsAt: fault starts at 11h, at or after the horizon (10h)');
    expect(out).toContain('injects.1.trigger.at: at 1d6h is past the horizon');
  });

  it('rejects a bad duration with the value it saw', () => {
    const text = miniText.replace('horizon: 10h', 'horizon: ten hours');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toContain('clock.horizon: "ten hours" is not a duration');
  });

  it('stops a YAML alias bomb quickly with a clear error', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const out = problems(loadScenario(bomb.join('\n'), 'bomb.yaml'));
    expect(out.join('\n')).toMatch(/bomb\.yaml:1:1 {2}YAML: .*alias/i);
  });

  it('refuses a 50 MB file before parsing it', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    expect(problems(loadScenario(big, 'big.yaml'))).toEqual(['big.yaml:1:1  file is 50.0 MB; scenarios are limited to 2 MB']);
  });

  it('points at the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('id: mini\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(problems(loadScenario(bytes, 'latin1.yaml'))).toEqual(['latin1.yaml:2:11  not UTF-8 text (invalid byte 0xe9)']);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems(loadScenario('id: [unclosed\ntitle: x\n', 's.yaml'))[0]).toMatch(/^s\.yaml:\d+:\d+ {2}YAML: /);
  });

  it('rejects a document that is not a mapping', () => {
    expect(problems(loadScenario('- just\n- a list\n', 'l.yaml'))).toEqual(['l.yaml:1:1  a scenario is a YAML mapping (id: ..., title: ..., ...)']);
  });

  it('rejects unknown fields (typos) instead of ignoring them', () => {
    const text = miniText.replace('difficulty: introductory', 'difficulty: introductory\ndificulty: hard');
    expect(problems(loadScenario(text, 'x.yaml')).join('\n')).toMatch(/Unrecognized key.*dificulty/);
  });
});
