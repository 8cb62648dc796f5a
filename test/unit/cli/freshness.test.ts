/**
 * bin/freshness.mjs decides whether `firebreak` and `npm run web` may use the compiled output: only
 * when no source that went into it changed (or vanished) since the build started.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildFresh } from '../../../bin/freshness.mjs';

let root: string;
const BUILT_AT = Date.parse('2026-03-09T12:00:00Z');

function source(path: string, mtime: number) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), 'x');
  utimesSync(join(root, path), mtime / 1000, mtime / 1000);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'firebreak-fresh-'));
  source('host/cli/main.ts', BUILT_AT - 60_000);
  source('shared/a.ts', BUILT_AT - 60_000);
  mkdirSync(join(root, 'dist-node'));
  writeFileSync(join(root, 'dist-node/inputs.json'), JSON.stringify({ builtAt: BUILT_AT, inputs: ['host/cli/main.ts', 'shared/a.ts'] }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('isBuildFresh', () => {
  it('is fresh when every input is older than the build', () => {
    expect(isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(true);
  });
  it('is stale when one input was edited after the build started', () => {
    source('shared/a.ts', BUILT_AT + 1);
    expect(isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(false);
  });
  it('is stale when an input was deleted or renamed', () => {
    rmSync(join(root, 'shared/a.ts'));
    expect(isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(false);
  });
  it('is stale without a manifest, or with a damaged one', () => {
    expect(isBuildFresh(root, 'dist-node/none.json', 'host/cli/main.ts')).toBe(false);
    writeFileSync(join(root, 'dist-node/inputs.json'), '{"inputs":');
    expect(isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(false);
  });
  it('trusts the output when the checkout has no sources at all', () => {
    rmSync(join(root, 'host'), { recursive: true });
    rmSync(join(root, 'shared'), { recursive: true });
    expect(isBuildFresh(root, 'dist-node/inputs.json', 'host/cli/main.ts')).toBe(true);
  });
});
