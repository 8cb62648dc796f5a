/**
 * The CLI as shipped: scripts/build.mjs compiles it to dist-node/, and bin/firebreak.mjs runs that
 * build (no TypeScript at run time) when it is up to date. Same answers as the sources give, with
 * `report` rendered on its worker thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildFresh } from '../../../bin/freshness.mjs';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { ROOT } from '../../helpers.ts';

const SCENARIO = 'scenarios/silent-bias-drift.yaml';
const TEAM = 'scenarios/teams/silent-bias-drift.textbook.yaml';
let dir: string;

function firebreak(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'firebreak.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

function inProcess(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  const io: CliIo = {
    out: (s) => out.push(s),
    err: () => {},
    readFile: (p) => readFileSync(p),
    writeFile: () => {},
  };
  return { io, out };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'node', '--if-stale'], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'firebreak-compiled-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts node processes; allow for a loaded 2-core machine.
describe('the compiled CLI', { timeout: 60_000 }, () => {
  it('is what bin/firebreak.mjs runs once built', () => {
    expect(isBuildFresh(ROOT, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist-node', 'inputs.json'), 'utf8')) as { inputs: string[] };
    expect(manifest.inputs).toContain('host/cli/main.ts');
    expect(manifest.inputs).toContain('host/cli/report-worker.ts');
  });
  it('prints the same score card as the sources', async () => {
    const r = firebreak('run', SCENARIO, '--actions', TEAM, '--seed', '7', '--journal', join(dir, 'run.jsonl'));
    expect(r.status).toBe(0);
    const t = inProcess();
    expect(await main(['run', SCENARIO, '--actions', TEAM, '--seed', '7'], t.io)).toBe(0);
    expect(r.stdout.trimEnd()).toBe(t.out.join('\n'));
  });
  it('writes the same Markdown report from its worker thread as the sources do in-thread', async () => {
    firebreak('run', SCENARIO, '--actions', TEAM, '--journal', join(dir, 'j.jsonl'));
    const r = firebreak('report', join(dir, 'j.jsonl'), '--format', 'md', '--out', join(dir, 'compiled.md'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const written: Record<string, string> = {};
    const t = inProcess();
    t.io.writeFile = (p, d) => (written[p] = String(d));
    expect(await main(['report', join(dir, 'j.jsonl'), '--format', 'md', '--out', join(dir, 'sources.md')], t.io)).toBe(0);
    expect(readFileSync(join(dir, 'compiled.md'), 'utf8')).toBe(written[join(dir, 'sources.md')]);
  });
  it('answers --help on a subcommand with exit 0', () => {
    const r = firebreak('report', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: firebreak report');
  });
});
