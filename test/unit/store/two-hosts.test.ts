/**
 * Two hosts on one data folder (the desktop app and the browser host): one writer per exercise.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract/api.ts';
import { parseJournal } from '../../../shared/engine/journal.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { spawnHost } from './fault-helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function createMany(n: number): Promise<string[]> {
  const store = new ExerciseStore(root);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await store.create(miniSetup())).id);
  await store.close();
  return ids;
}

describe('two hosts on one folder', () => {
  it('never acknowledges the same entry twice: in 40 races exactly one host writes each exercise', { timeout: 300_000 }, async () => {
    const ids = await createMany(40);
    const a = spawnHost(['race', root, ids.join(',')]);
    const b = spawnHost(['race', root, [...ids].reverse().join(',')]);
    await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);
    a.send('go');
    b.send('go');
    await Promise.all([a.waitFor((l) => l === 'done'), b.waitFor((l) => l === 'done')]);

    // Orders are reversed, so the hosts meet in the middle: both win some (real contention).
    expect(a.lines.filter((l) => l.startsWith('won')).length).toBeGreaterThan(0);
    expect(b.lines.filter((l) => l.startsWith('won')).length).toBeGreaterThan(0);
    const reader = new ExerciseStore(root);
    for (const id of ids) {
      const wonA = a.lines.includes(`won ${id}`);
      const wonB = b.lines.includes(`won ${id}`);
      expect(wonA !== wonB, `exactly one host won ${id}`).toBe(true);
      const loser = wonA ? b : a;
      const winner = wonA ? a : b;
      const lost = loser.lines.find((l) => l.startsWith(`lost ${id} `))!;
      // The refusal names the owner, or the journal moved on under it (seq 1 already written).
      expect(lost).toMatch(new RegExp(`conflict (.*process ${winner.pid} on ${hostname()}|.*being opened for writing|seq 1: entry 1 is already)`));
      const journal = parseJournal(await readFile(join(root, 'exercises', id, 'journal.jsonl'), 'utf8'));
      expect(journal.entries).toEqual([{ seq: 1, t: 1000, input: { type: 'NOTE', text: `from ${winner.pid}` } }]);
      // A third host can read it, but not write it while the winner runs.
      expect((await reader.load(id)).entries).toHaveLength(1);
    }
    const refused = await reader.append(ids[0]!, [{ seq: 2, t: 2000, input: { type: 'NOTE', text: 'third host' } }]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect((refused as ApiError).message).toMatch(/open for writing in another Firebreak \(test host \d+, process \d+/);

    await a.kill9();
    await b.kill9();
    // Both owners are gone: their locks are stale and another host takes over.
    await expect(reader.append(ids[0]!, [{ seq: 2, t: 2000, input: { type: 'NOTE', text: 'third host' } }])).resolves.toEqual({ entryCount: 2, lastT: 2000 });
    await reader.close();
  });

  it('frees the lock when its owner is killed', { timeout: 120_000 }, async () => {
    const [id] = await createMany(1);
    const owner = spawnHost(['hold', root, id!]);
    await owner.waitFor((l) => l === 'holding');
    const store = new ExerciseStore(root, { app: 'browser host' });
    const e = await store.append(id!, [{ seq: 1, t: 0, input: { type: 'ACKNOWLEDGE' } }]).catch((x: unknown) => x as ApiError);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toContain(`process ${owner.pid}`);
    expect((await readFile(join(root, 'exercises', id!, 'journal.jsonl'), 'utf8')).split('\n')).toHaveLength(2); // header only
    await owner.kill9();
    await expect(store.append(id!, [{ seq: 1, t: 0, input: { type: 'ACKNOWLEDGE' } }])).resolves.toEqual({ entryCount: 1, lastT: 0 });
    await store.close();
  });

  it('never takes over a lock whose owner is on another machine, and names it', async () => {
    const [id] = await createMany(1);
    const lock = join(root, 'locks', `${id}.lock`);
    await mkdir(lock, { recursive: true });
    await writeFile(
      join(lock, 'owner.json'),
      JSON.stringify({ pid: 1, hostname: 'other-laptop', app: 'desktop app', since: '2026-01-05T09:00:00Z', token: 'x' }),
    );
    const store = new ExerciseStore(root, { pidAlive: () => false });
    const e = (await store.append(id!, [{ seq: 1, t: 0, input: { type: 'ACKNOWLEDGE' } }]).catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('desktop app, process 1 on other-laptop, since 2026-01-05T09:00:00Z');
    // Reading still works ("opens it read-only").
    expect((await store.load(id!)).entries).toEqual([]);
  });
});
