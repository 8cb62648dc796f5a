/**
 * Garbage metas and the leftovers of crashes: nothing intact is hidden, nothing is left to rot.
 */
import { mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract/api.ts';
import { finishExercise } from '../../../host/session/journal-intake.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { fixedStore, miniSetup, tempDir } from '../host/host-helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const DEAD = 424_242;
const deadAware = (r: string) => new ExerciseStore(r, { pidAlive: (pid) => pid !== DEAD && pid > 0 });

describe('garbage meta.json', () => {
  const garbage: [string, (id: string) => string][] = [
    ['an empty file', () => ''],
    ['null', () => 'null'],
    ['a list', () => '[]'],
    ['random bytes', () => '\u0000\u00ff\u0013garbage\u0007'],
    ['half a file', (id) => `{"id":"${id}","createdAt":"2026-01-0`],
    ['an infinite entry count', (id) => `{"id":"${id}","entryCount":1e999}`],
    ['another exercise', () => JSON.stringify({ id: 'ex-20990101-000000-zzzzzz' })],
  ];
  it.each(garbage)('%s: the exercise stays listed, rebuilt from the journal header (team included), with a warning', async (_, make) => {
    const store = fixedStore(root);
    const meta = await store.create(miniSetup({ team: 'Red team', participants: [{ name: 'Bo', role: 'scribe' }], mode: 'solo', speed: 10 }));
    await store.append(meta.id, [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }]);
    await writeFile(join(root, 'exercises', meta.id, 'meta.json'), make(meta.id));

    const loaded = await store.load(meta.id);
    expect(loaded.meta).toMatchObject({ team: 'Red team', mode: 'solo', speed: 10, entryCount: 1, seed: 7, scenarioTitle: 'Mini incident' });
    expect(loaded.warnings.some((w) => w.includes('rebuilt from the journal'))).toBe(true);

    const { exercises, problems } = await store.list();
    expect(exercises.map((e) => [e.id, e.team, e.participants, e.entryCount])).toEqual([[meta.id, 'Red team', [{ name: 'Bo', role: 'scribe' }], 1]]);
    expect(problems).toEqual([{ file: join(root, 'exercises', meta.id, 'meta.json'), message: expect.stringContaining('rebuilt from the journal') }]);
    // The damaged file is kept aside, and the next list is clean.
    const files = await readdir(join(root, 'exercises', meta.id));
    expect(files.some((f) => f.startsWith('meta.corrupt-'))).toBe(true);
    expect((await store.list()).problems).toEqual([]);
  });

  it('rebuilds a finished exercise as finished and scored', async () => {
    const store = fixedStore(root);
    const meta = await store.create(miniSetup());
    await store.append(meta.id, [
      { seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } },
      { seq: 2, t: 120_000, input: { type: 'RESOLVE' } },
    ]);
    const finished = await finishExercise(store, meta.id, 'finished');
    await writeFile(join(root, 'exercises', meta.id, 'meta.json'), '{');
    const [listed] = (await store.list()).exercises;
    expect(listed).toMatchObject({ status: 'finished', outcome: { overall: finished.outcome!.overall } });
  });
});

describe('leftovers after crashes and failed creates', () => {
  it('removes temporary files of dead writers and interrupted imports, names empty folders until removed, fixes stale counts', async () => {
    const first = fixedStore(root);
    const a = await first.create(miniSetup());
    await first.append(a.id, [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }]);
    await first.close();
    const dir = join(root, 'exercises', a.id);
    // A crash between the journal append and the meta update: the meta lags behind.
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ ...meta, entryCount: 0, lastT: 0 }));
    await writeFile(join(dir, `.meta.json.${DEAD}-0badf00d.tmp`), 'half');
    await writeFile(join(dir, `.journal.jsonl.${process.pid}-00c0ffee.tmp`), 'ours, in flight'); // our own: kept
    await mkdir(join(root, 'exercises', `.import-${DEAD}-${a.id}-aaaaaa`, 'x'), { recursive: true });
    await mkdir(join(root, 'exercises', 'ex-20260101-000000-emptyy'));

    const store = deadAware(root);
    const listed = await store.list();
    expect(listed.exercises.map((e) => [e.id, e.entryCount])).toEqual([[a.id, 1]]);
    expect(listed.problems).toEqual([
      {
        file: join(root, 'exercises', 'ex-20260101-000000-emptyy'),
        message: expect.stringContaining('empty exercise folder'),
        emptyExerciseId: 'ex-20260101-000000-emptyy',
      },
    ]);
    expect(existsSync(join(dir, `.meta.json.${DEAD}-0badf00d.tmp`))).toBe(false);
    expect(existsSync(join(dir, `.journal.jsonl.${process.pid}-00c0ffee.tmp`))).toBe(true);
    expect(existsSync(join(root, 'exercises', `.import-${DEAD}-${a.id}-aaaaaa`))).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')).entryCount).toBe(1);

    // Named by every list while it is there (the host's own start-up list must not use the warning
    // up before History asks); removed on request, and only while empty; then no longer named.
    expect((await store.list()).problems.map((p) => p.emptyExerciseId)).toEqual(['ex-20260101-000000-emptyy']);
    await mkdir(join(root, 'exercises', 'ex-20260101-000000-notmty'));
    await writeFile(join(root, 'exercises', 'ex-20260101-000000-notmty', 'something'), 'x');
    const r = await store.removeEmpty(['ex-20260101-000000-emptyy', 'ex-20260101-000000-notmty']);
    expect(r.removed).toEqual(['ex-20260101-000000-emptyy']);
    expect(r.kept).toEqual([{ file: join(root, 'exercises', 'ex-20260101-000000-notmty'), message: 'not removed: it is not empty' }]);
    expect((await store.list()).problems.filter((p) => p.emptyExerciseId)).toEqual([]);
  });

  it('locks left by killed hosts do not pile up: the first list removes those whose owner is gone, and no other', async () => {
    const first = fixedStore(root);
    const a = await first.create(miniSetup());
    await first.close();
    await mkdir(join(root, 'locks'), { recursive: true });
    const owner = (pid: number) => JSON.stringify({ pid, hostname: hostname(), app: 'browser host', since: new Date().toISOString(), token: `t${pid}` });
    for (let i = 0; i < 5; i++) {
      await mkdir(join(root, 'locks', `ex-20260101-00000${i}-killed.lock`));
      await writeFile(join(root, 'locks', `ex-20260101-00000${i}-killed.lock`, 'owner.json'), owner(DEAD));
    }
    await mkdir(join(root, 'locks', `${a.id}.lock`));
    await writeFile(join(root, 'locks', `${a.id}.lock`, 'owner.json'), owner(process.pid)); // a live owner: kept
    await deadAware(root).list();
    expect(await readdir(join(root, 'locks'))).toEqual([`${a.id}.lock`]);
  });

  it('a create that fails leaves no folder behind', async () => {
    const store = fixedStore(root);
    const probe = await open(join(root, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    let calls = 0;
    const real = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
      // The lock's owner file syncs first; every fsync after it (the journal's) fails.
      if (++calls >= 2) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      return real.apply(this);
    });
    const e = (await store.create(miniSetup()).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toContain('EIO');
    vi.restoreAllMocks();
    expect(await readdir(join(root, 'exercises'))).toEqual([]);
    const { exercises, problems } = await store.list();
    expect([exercises, problems]).toEqual([[], []]);
    expect((await stat(join(root, 'locks'))).isDirectory()).toBe(true);
    expect(await readdir(join(root, 'locks'))).toEqual([]);
  });
});

describe('appends outside the exercise time range', () => {
  it('refuses t past the horizon and t going back, naming the limit, and writes nothing', async () => {
    const store = fixedStore(root);
    const { id } = await store.create(miniSetup());
    await store.append(id, [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }]);
    const past = (await store.append(id, [{ seq: 2, t: 10 ** 12, input: { type: 'NOTE', text: 'late' } }]).catch((x: unknown) => x)) as ApiError;
    expect(past.code).toBe('invalid-request');
    expect(past.message).toMatch(/seq 2: t 1000000000000 ms is past the exercise's end \(\d+ ms\); nothing was written/);
    const back = (await store.append(id, [{ seq: 2, t: 1, input: { type: 'NOTE', text: 'early' } }]).catch((x: unknown) => x)) as ApiError;
    expect(back.message).toContain('time goes backwards');
    expect((await store.load(id)).entries).toHaveLength(1);
  });
});
