import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScenarioLibrary, safeScenarioFileName } from '../../../host/scenario-library.ts';
import { mini, ROOT } from '../../helpers.ts';
import { tempDir } from './host-helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
let library: ScenarioLibrary;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  await mkdir(join(root, 'builtin'));
  library = new ScenarioLibrary({ builtinDir: join(root, 'builtin'), userDir: join(root, 'data', 'scenarios') });
});
afterEach(() => cleanup());

describe('scenario library', () => {
  it('lists built-ins with summaries, and reports invalid, non-UTF-8 and oversized files', async () => {
    const b = join(root, 'builtin');
    await writeFile(join(b, 'a-mini.yaml'), mini().source);
    await writeFile(join(b, 'b-broken.yaml'), 'id: broken\nversion: [\n');
    await writeFile(join(b, 'c-latin1.yml'), Buffer.concat([Buffer.from('title: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    await writeFile(join(b, 'd-huge.yaml'), Buffer.alloc(3 * 1024 * 1024, 0x20));
    await writeFile(join(b, 'notes.txt'), 'not a scenario');

    const list = await library.list();
    expect(list.map((e) => [e.file, e.builtIn, e.ok])).toEqual([
      ['builtin:a-mini.yaml', true, true],
      ['builtin:b-broken.yaml', true, false],
      ['builtin:c-latin1.yml', true, false],
      ['builtin:d-huge.yaml', true, false],
    ]);
    expect(list[0]!.summary).toMatchObject({
      id: 'mini',
      version: 1,
      title: 'Mini incident',
      client: 'Test client',
      system: 'Test model',
      difficulty: 'introductory',
    });
    expect(list[1]!.problems[0]!.message).toMatch(/^YAML/);
    expect(list[2]!.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('not UTF-8') });
    expect(list[3]!.problems[0]!.message).toContain('limited to 2 MB');
  });

  it('reads the repository scenarios folder', async () => {
    const repo = new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(root, 'none') });
    const list = await repo.list();
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((e) => e.builtIn && e.file.startsWith('builtin:'))).toBe(true);
  });

  it('copies an opened scenario into the user folder once, and lists it', async () => {
    const first = await library.import('C:\\Users\\ana\\My Scenario.yaml', mini().source);
    expect(first).toMatchObject({ ok: true, builtIn: false, file: 'My Scenario.yaml' });
    const again = await library.import('elsewhere/other-name.yaml', mini().source);
    expect(again.file).toBe('My Scenario.yaml'); // identical content: reused, not duplicated
    const changed = await library.import('My Scenario.yaml', mini().source.replace('Mini incident', 'Mini incident, v2'));
    expect(changed.file).toBe('My Scenario-2.yaml'); // never replaces the earlier copy
    expect((await readdir(join(root, 'data', 'scenarios'))).sort()).toEqual(['My Scenario-2.yaml', 'My Scenario.yaml']);
    expect((await library.list()).map((e) => e.file)).toEqual(['My Scenario-2.yaml', 'My Scenario.yaml']);
  });

  it('returns problems for an invalid opened scenario and keeps no copy', async () => {
    const r = await library.import('bad.yaml', 'id: Bad Id\n');
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    await expect(readdir(join(root, 'data', 'scenarios'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads an opened file as bytes, so a non-UTF-8 file is reported', async () => {
    const path = join(root, 'latin1.yaml');
    await writeFile(path, Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0x0a]));
    const r = await library.importFile(path);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('not UTF-8');
    expect(await readFile(path)).toHaveLength(6);
  });

  it.each([
    ['../../etc/passwd', 'passwd.yaml'],
    ['..', 'scenario.yaml'],
    ['a/b/c.YML', 'c.yaml'],
    ['weird<>:"|?*name.yaml', 'weird-name.yaml'],
    ['.hidden.yaml', 'hidden.yaml'],
  ])('makes a safe copy name from %j', (input, expected) => {
    expect(safeScenarioFileName(input)).toBe(expected);
  });
});

describe('scenario library: saving an edited scenario in place (#21)', () => {
  it('writes a valid edit over its own file, refuses an invalid one, a built-in, a stranger path and a file changed since', async () => {
    const source = mini().source;
    const entry = await library.import('mine.yaml', source);
    expect(entry.file).toBe('mine.yaml');
    const path = join(root, 'data', 'scenarios', 'mine.yaml');
    const edited = source.replace('title: Mini incident', 'title: Mini incident, edited');
    expect(edited).not.toBe(source);

    const invalid = await library.save('mine.yaml', source.replace(/^id: .*$/m, 'id: Not An Id'), source);
    expect(invalid.ok).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(source);

    const saved = await library.save('mine.yaml', edited, source);
    expect(saved).toMatchObject({ ok: true, file: 'mine.yaml' });
    expect(await readFile(path, 'utf8')).toBe(edited);

    // The editor still holds the old base: someone else's change is not overwritten.
    await expect(library.save('mine.yaml', source, source)).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(path, 'utf8')).toBe(edited);
    await expect(library.save('builtin:mini.yaml', edited, source)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(library.save('../mine.yaml', edited, edited)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(library.save('gone.yaml', edited, edited)).rejects.toMatchObject({ code: 'not-found' });
    expect((await readdir(join(root, 'data', 'scenarios'))).sort()).toEqual(['mine.yaml']);
  });
});
