/**
 * Actions files are read like scenario files: size cap, strict UTF-8, alias cap, and every
 * error (unknown ids included) located as file:line:col before anything runs.
 */
import { ActionsFileError, MAX_ACTIONS, parseActionsFile } from '../../../shared/engine/actions-file.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { mini } from '../../helpers.ts';

const scenario = mini().scenario;

function error(input: string | Uint8Array): string {
  try {
    parseActionsFile(input, 'team.yaml', scenario);
  } catch (e) {
    if (e instanceof ActionsFileError) return e.message;
    throw e;
  }
  throw new Error('expected an ActionsFileError');
}

describe('actions file input', () => {
  it('takes valid UTF-8 bytes, accents and emoji included', () => {
    const actions = parseActionsFile(Buffer.from('- { at: 1h, do: NOTE, text: "café 🔥" }\n'), 'team.yaml', scenario);
    expect(actions[0]!.input).toEqual({ type: 'NOTE', text: 'café 🔥' });
    expect(actions[0]).toMatchObject({ line: 1, column: 3 });
  });

  it('refuses Latin-1 bytes at their line and column instead of replacing them', () => {
    const bytes = Buffer.concat([Buffer.from('- { at: 1h, do: ACKNOWLEDGE }\n- { at: 2h, do: NOTE, text: "caf'), Buffer.from([0xe9]), Buffer.from('" }\n')]);
    expect(error(bytes)).toBe('team.yaml:2:33  not UTF-8 text (invalid byte 0xe9)');
  });

  it('locates encoded surrogate bytes, in actions files and scenario files alike', () => {
    const surrogate = Buffer.from([0xed, 0xa0, 0x80]);
    const actions = Buffer.concat([Buffer.from('- { at: 1h, do: NOTE, text: "ab'), surrogate, Buffer.from('" }\n')]);
    expect(error(actions)).toBe('team.yaml:1:32  not UTF-8 text (an encoded surrogate, byte 0xed)');
    const source = Buffer.from(mini().source);
    const nl = source.indexOf(0x0a, source.indexOf(0x0a) + 1); // end of line 2
    const scenarioBytes = Buffer.concat([source.subarray(0, nl), Buffer.from('  # x'), surrogate, source.subarray(nl)]);
    const r = loadScenario(scenarioBytes, 'mini.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 2, message: 'not UTF-8 text (an encoded surrogate, byte 0xed)' });
    if (!r.ok) expect(r.problems[0]!.column).toBeGreaterThan(1);
  });

  it('refuses overlong encodings and bytes past U+10FFFF', () => {
    expect(error(Buffer.from([0x2d, 0x20, 0xc0, 0xaf]))).toBe('team.yaml:1:3  not UTF-8 text (invalid byte 0xc0)');
    expect(error(Buffer.from([0x2d, 0x20, 0xe0, 0x80, 0xaf]))).toBe('team.yaml:1:3  not UTF-8 text (invalid byte 0xe0)');
    expect(error(Buffer.from([0x2d, 0x20, 0xf4, 0x90, 0x80, 0x80]))).toBe('team.yaml:1:3  not UTF-8 text (invalid byte 0xf4)');
  });

  it('caps the size like a scenario file', () => {
    expect(error(Buffer.alloc(3 * 1024 * 1024, 0x20))).toBe('team.yaml:1:1  file is 3.0 MB; actions files are limited to 2 MB');
  });

  it('caps the number of actions, pointing at the first one too many', () => {
    const text = '- { at: 1h, do: ACKNOWLEDGE }\n'.repeat(MAX_ACTIONS + 5);
    expect(error(text)).toBe(`team.yaml:${MAX_ACTIONS + 1}:1  actions.${MAX_ACTIONS}: more than ${MAX_ACTIONS} actions; no exercise takes that many`);
  });

  it('locates an alias bomb at the alias over the cap', () => {
    const text = ['- &n { at: 1h, do: NOTE, text: x }', ...Array.from({ length: 60 }, () => '- *n'), ''].join('\n');
    expect(error(text)).toBe('team.yaml:52:3  YAML: more than 50 aliases (an alias bomb?); write the actions out');
  });

  it.each([
    ['after: signal:nope', '- { after: signal:nope, do: ACKNOWLEDGE }', '1:12', 'after: no inject "nope" (the scenario has alert, email, nohelp, press)'],
    ['after: finding:nope', '- { after: finding:nope, do: ACKNOWLEDGE }', '1:12', 'after: no investigation "nope" (the scenario has diff-prompts)'],
    ['INVESTIGATE', '- { at: 1h, do: INVESTIGATE, investigationId: nope }', '1:47', 'investigationId: no investigation "nope"'],
    ['CONTAIN', '- { at: 1h, do: CONTAIN, containmentId: nope }', '1:41', 'containmentId: no containment "nope"'],
    ['PRESERVE_EVIDENCE', '- { at: 1h, do: PRESERVE_EVIDENCE, evidenceId: nope }', '1:48', 'evidenceId: no evidence "nope" (the scenario has logs)'],
    ['DECLARE_ROOT_CAUSE', '- { at: 1h, do: DECLARE_ROOT_CAUSE, rootCauseId: nope }', '1:50', 'rootCauseId: no root cause "nope"'],
    ['REVEAL_HINT', '- { at: 1h, do: REVEAL_HINT, hintId: nope }', '1:38', 'hintId: no hint "nope" (the scenario has h1)'],
    ['ASSIGN_ROLE', '- { at: 1h, do: ASSIGN_ROLE, role: nope, person: Ana }', '1:3', 'role: Invalid option'],
  ])('refuses an unknown id (%s) at its line and column, before anything runs', (_, text, where, message) => {
    const e = error(`- { at: 10m, do: ACKNOWLEDGE }\n${text}\n`);
    const [line, col] = where.split(':').map(Number);
    expect(e).toContain(`team.yaml:${line! + 1}:${col}  actions.1`);
    expect(e).toContain(message);
  });

  it('locates a bad duration at its value', () => {
    expect(error('- { at: soon, do: ACKNOWLEDGE }\n')).toBe('team.yaml:1:9  actions.0.at: "soon" is not a duration');
  });
});
