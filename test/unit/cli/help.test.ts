/**
 * `--help` on the CLI and on every subcommand: exit 0, the usage line, every option and examples,
 * without running the command (no file is read).
 */
import { main, type CliIo } from '../../../host/cli/main.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      throw new Error(`help must not read ${p}`);
    },
    writeFile: (p) => {
      throw new Error(`help must not write ${p}`);
    },
  };
  return { cli, out, err };
}

const OPTIONS: Record<string, string[]> = {
  validate: [],
  run: ['--actions FILE', '--seed N', '--json', '--journal FILE'],
  replay: ['--json'],
  report: ['--format FORMAT', '--out FILE', '--force'],
};

describe('firebreak --help', () => {
  it('lists every command with a summary and an example, exit 0', async () => {
    const t = io();
    expect(await main(['--help'], t.cli)).toBe(0);
    const text = t.out.join('\n');
    for (const name of Object.keys(OPTIONS)) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(text).toContain('firebreak run scenarios/silent-bias-drift.yaml --actions');
    expect(t.err).toEqual([]);
  });
  it('prints the same list with no command, but exits 2 (a usage error)', async () => {
    const t = io();
    expect(await main([], t.cli)).toBe(2);
    expect(t.out.join('\n')).toContain('Commands:');
  });

  for (const [name, options] of Object.entries(OPTIONS)) {
    it(`${name} --help shows its usage, options and examples without running it`, async () => {
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        [name, 'some-file.yaml', '--help'],
        ['help', name],
      ]) {
        const t = io();
        expect(await main(argv, t.cli)).toBe(0);
        const text = t.out.join('\n');
        expect(text).toMatch(new RegExp(`^usage: firebreak ${name} `));
        for (const o of [...options, '-h, --help']) expect(text).toContain(o);
        expect(text).toMatch(new RegExp(`Examples:\\n  firebreak ${name} `));
        expect(t.err).toEqual([]);
      }
    });
  }

  it('does not take a --help after -- as a request for help', async () => {
    const t = io();
    expect(await main(['validate', '--', '--help'], t.cli)).toBe(1);
    expect(t.err[0]).toMatch(/^--help:1:1 {2}cannot read/);
  });
  it('names the command and points at its help on a usage error', async () => {
    const t = io();
    expect(await main(['replay', 'j.jsonl', '--bogus'], t.cli)).toBe(2);
    expect(t.err[0]).toMatch(/^firebreak replay: Unknown option '--bogus'/);
    expect(t.err[0]).toContain('usage: firebreak replay <journal.jsonl> [options]');
    expect(t.err[0]).toContain('Run `firebreak replay --help`');
  });
  it('rejects help for a command that does not exist', async () => {
    const t = io();
    expect(await main(['help', 'fly'], t.cli)).toBe(2);
    expect(t.err[0]).toMatch(/unknown command "fly"/);
  });
});
