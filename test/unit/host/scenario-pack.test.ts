/**
 * Scenario packs (#21): export and import round trip, an id conflict keeps both scenarios, and
 * hostile or damaged packs are refused before anything is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../host/cli/main.ts';
import { buildPack, importPack, MAX_PACK_BYTES, packText, readPack, type ScenarioPack } from '../../../host/scenario-pack.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { recordingIo } from '../../cli-io.ts';
import { ROOT } from '../../helpers.ts';
import { tempDir } from './host-helpers.ts';

const ID = 'refund-fraud-cascade';
const SOURCE = readFileSync(join(ROOT, 'scenarios', `${ID}.yaml`), 'utf8');
const TEAMS = readdirSync(join(ROOT, 'scenarios', 'teams'))
  .filter((n) => n.startsWith(`${ID}.`))
  .map((n) => ({ file: n, text: readFileSync(join(ROOT, 'scenarios', 'teams', n), 'utf8') }));

let dir: string;
let cleanup: () => Promise<void>;
let pack: ScenarioPack;
beforeAll(async () => {
  pack = await buildPack(SOURCE, `${ID}.yaml`, TEAMS);
}, 60_000);
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('firebreak-pack-'));
});
afterEach(() => cleanup());

const files = async (d: string) => (await readdir(d, { recursive: true })).map(String).sort();
/** A pack whose scenario text was changed, with its digest recomputed as an honest exporter would. */
const repack = async (text: string) => buildPack(text, `${ID}.yaml`, TEAMS);

describe('scenario packs', () => {
  it('round trip: the scenario byte for byte, its teams, the guide and the MSEL', async () => {
    expect(TEAMS.length).toBe(2);
    expect(pack.scenario).toMatchObject({ id: ID, file: `${ID}.yaml`, text: SOURCE });
    expect(pack.facilitatorGuide.html).toContain('Refund requested, account suspended');
    expect(pack.msel.csv.split('\n')[0]).toContain('Inject ID');
    expect(pack.msel.csv).toContain('credential-stuffing');

    const r = await importPack(packText(pack), dir);
    expect(r).toMatchObject({ id: ID, file: `${ID}.yaml`, status: 'new' });
    expect(await files(dir)).toEqual(['refund-fraud-cascade.yaml', 'teams', ...TEAMS.map((t) => `teams/${t.file}`).sort()]);
    expect(await readFile(join(dir, `${ID}.yaml`), 'utf8')).toBe(SOURCE);
    for (const t of TEAMS) expect(await readFile(join(dir, 'teams', t.file), 'utf8')).toBe(t.text);

    // The same pack again: recognised, nothing written twice.
    const again = await importPack(packText(pack), dir);
    expect(again).toMatchObject({ status: 'same', file: `${ID}.yaml`, teams: [] });
    expect(again.message).toMatch(/already in refund-fraud-cascade.yaml, unchanged/);
    expect((await files(dir)).length).toBe(4);
  }, 60_000);

  it('a different scenario with the same id is never overwritten: both are kept, the pack’s renamed, with a message', async () => {
    await importPack(packText(pack), dir);
    const changed = SOURCE.replace(/^version: (\d+)/m, (_, v: string) => `version: ${Number(v) + 1}`).replace('horizon: 10h # 18:00', 'horizon: 11h # 19:00');
    expect(changed).not.toBe(SOURCE);
    const newer = loadScenario(changed);
    expect(newer.ok).toBe(true);
    const version = newer.ok ? newer.scenario.version : 0;

    const r = await importPack(packText(await repack(changed)), dir);
    expect(r.status).toBe('kept-both');
    expect(r.id).toBe(`${ID}-v${version}`);
    expect(r.message).toContain(
      `A different scenario with the id ${ID} (v${version - 1}, ${ID}.yaml) is already there; the pack's v${version} is newer than it.`,
    );
    expect(r.message).toContain(`imported as ${ID}-v${version}`);
    // The original is untouched; the new file differs from the pack's only in its id line.
    expect(await readFile(join(dir, `${ID}.yaml`), 'utf8')).toBe(SOURCE);
    const kept = await readFile(join(dir, r.file), 'utf8');
    expect(kept).toBe(changed.replace(/^id: refund-fraud-cascade$/m, `id: ${ID}-v${version}`));
    const loaded = loadScenario(kept);
    expect(loaded.ok && loaded.scenario.id).toBe(`${ID}-v${version}`);
    expect(r.teams.sort()).toEqual(TEAMS.map((t) => join('teams', t.file.replace(`${ID}.`, `${ID}-v${version}.`))).sort());

    // Another change of that version: kept too, under the next free id.
    const r2 = await importPack(packText(await repack(changed.replace('horizon: 11h # 19:00', 'horizon: 12h # 20:00'))), dir);
    expect(r2).toMatchObject({ status: 'kept-both', id: `${ID}-v${version}-2` });
    // The same version number as the one there, different content: said so.
    const r3 = await importPack(packText(await repack(SOURCE.replace('horizon: 10h # 18:00', 'horizon: 12h # 20:00'))), dir);
    expect(r3).toMatchObject({ status: 'kept-both', id: `${ID}-v${version - 1}` });
    expect(r3.message).toContain('the same version number as, but different from,');
    expect(await readFile(join(dir, `${ID}.yaml`), 'utf8')).toBe(SOURCE);
  }, 60_000);

  it('refuses damaged and hostile packs before writing anything', async () => {
    const text = packText(pack);
    const bad = async (p: string | object, message: RegExp) => {
      await expect(importPack(typeof p === 'string' ? p : JSON.stringify(p), dir)).rejects.toThrow(message);
      expect(await files(dir)).toEqual([]);
    };
    await bad(text.slice(0, text.length / 2), /not JSON/);
    await bad(Buffer.from([0xff, 0xfe, 0x00]).toString('latin1'), /not JSON/);
    await bad(
      { ...pack, scenario: { ...pack.scenario, text: pack.scenario.text.replace('Severity 1', 'Severity 2') } },
      /damaged: its scenario does not match its SHA-256/,
    );
    await bad({ ...pack, format: 'zip' }, /format/);
    await bad({ ...pack, extra: 1 }, /Unrecognized key/i);
    await bad({ ...pack, scenario: { ...pack.scenario, file: '../../outside.yaml' } }, /scenario\.file/);
    await bad({ ...pack, teams: [{ file: '../../../etc/cron.d/x.yaml', text: '[]' }] }, /teams\.0\.file/);
    await bad({ ...pack, teams: [{ file: 'other-scenario.textbook.yaml', text: '[]' }] }, /not named after the scenario/);
    await bad({ ...pack, teams: Array.from({ length: 51 }, (_, i) => ({ file: `${ID}.t${i}.yaml`, text: '[]' })) }, /teams/);
    await bad({ ...pack, teams: [{ file: `${ID}.bad.yaml`, text: '- { at: 5m, do: CONTAIN, containmentId: no-such-thing }\n' }] }, /team .*no-such-thing/);
    // An invalid scenario with an honest digest: refused with the validator's located problems.
    const invalid = SOURCE.replace('horizon: 10h # 18:00', 'horizon: ten hours');
    const { createHash } = await import('node:crypto');
    await bad(
      { ...pack, scenario: { ...pack.scenario, text: invalid, sha256: createHash('sha256').update(invalid).digest('hex') } },
      /does not validate:\nrefund-fraud-cascade.yaml:\d+:\d+ {2}clock.horizon/,
    );
    // The label must match the scenario inside.
    await bad({ ...pack, scenario: { ...pack.scenario, version: 99 } }, /does not match its scenario/);
    // Oversized: refused from its size, before parsing.
    expect(() => readPack(' '.repeat(MAX_PACK_BYTES + 1))).toThrow(/limited to 16 MB/);
  }, 60_000);

  it('CLI: pack export then pack import, and a refused pack exits 1 with the reason', async () => {
    const out = join(dir, 'p.firebreak-pack.json');
    let io = recordingIo();
    expect(await main(['pack', 'export', join(ROOT, 'scenarios', `${ID}.yaml`), '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/with 2 team\(s\)/);
    expect(await main(['pack', 'export', join(ROOT, 'scenarios', `${ID}.yaml`), '--out', out], (io = recordingIo()))).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/already exists/);

    const into = join(dir, 'mine');
    expect(await main(['pack', 'import', out, '--into', into], (io = recordingIo()))).toBe(0);
    expect(io.stdout.join('\n')).toContain(`Imported ${ID}`);
    expect(await readFile(join(into, `${ID}.yaml`), 'utf8')).toBe(SOURCE);

    await mkdir(join(dir, 'x'));
    await writeFile(join(dir, 'x', 'broken.json'), '{"format":"firebreak-scenario-pack"');
    expect(await main(['pack', 'import', join(dir, 'x', 'broken.json'), '--into', into], (io = recordingIo()))).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/not a scenario pack/);
    expect(await main(['pack', 'import', out], (io = recordingIo()))).toBe(2);
  }, 120_000);
});

describe('scenario packs through the library (the app’s host API)', () => {
  it('exports a built-in with its teams and imports it into the user folder; a bad pack is an invalid-request error', async () => {
    const { ScenarioLibrary } = await import('../../../host/scenario-library.ts');
    const library = new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(dir, 'user') });
    const { fileName, text } = await library.exportPack(`builtin:${ID}.yaml`);
    expect(fileName).toBe(`${ID}-v1.firebreak-pack.json`);
    expect(readPack(text).pack.teams.map((t) => t.file)).toEqual(TEAMS.map((t) => t.file).sort());

    const first = await library.importPack(text);
    expect(first).toMatchObject({ status: 'new', entry: { ok: true, file: `${ID}.yaml`, builtIn: false } });
    expect((await library.list()).filter((e) => e.summary?.id === ID).map((e) => e.file)).toEqual([`builtin:${ID}.yaml`, `${ID}.yaml`]);
    expect(await library.importPack(text)).toMatchObject({ status: 'same' });
    await expect(library.importPack(text.slice(0, 100))).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/not a scenario pack/),
    });
    await expect(library.exportPack('nope.yaml')).rejects.toMatchObject({ code: 'not-found' });
  }, 60_000);
});
