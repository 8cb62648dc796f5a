/**
 * The write lock's heartbeat: a lock whose owner stopped beating is taken over (a crashed host
 * whose PID another program now has, or a host on another machine sharing the folder), a live
 * owner keeps it, and a host that lost its lock while stalled refuses to write instead of
 * writing beside the new owner.
 */
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/contract/api.ts';
import { HEARTBEAT_MS, STALE_AFTER_MS } from '../../../host/storage/exercise-lock.ts';
import { ExerciseStore, JOURNAL_FILE } from '../../../host/storage/exercise-store.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
});
afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const note = (seq: number, text: string) => ({ seq, t: seq * 1000, input: { type: 'NOTE' as const, text } });

/** Leaves a lock as another host would: its owner file, with a heartbeat `ageMs` old. */
async function foreignLock(id: string, owner: { pid: number; hostname: string }, ageMs: number): Promise<void> {
  const dir = join(root, 'locks', `${id}.lock`);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'owner.json');
  await writeFile(file, JSON.stringify({ ...owner, app: 'browser host', since: '2026-11-30T09:00:00.000Z', token: 'feedfacecafebeef' }));
  const at = new Date(Date.now() - ageMs);
  await utimes(file, at, at);
}

async function newExercise(): Promise<string> {
  const store = new ExerciseStore(root);
  const { id } = await store.create(miniSetup());
  await store.close();
  return id;
}

describe('the write lock’s heartbeat', () => {
  it('takes over a lock whose PID runs but whose heartbeat stopped (a crashed owner’s PID, reused)', async () => {
    const id = await newExercise();
    // PID 1 always runs (as another user here: EPERM counts as running), like a reused PID would.
    await foreignLock(id, { pid: 1, hostname: hostname() }, STALE_AFTER_MS + 60_000);
    const store = new ExerciseStore(root);
    await expect(store.append(id, [note(1, 'after the takeover')])).resolves.toMatchObject({ entryCount: 1 });
    await store.close();
  });

  it('keeps a lock whose owner is alive and beating, naming it', async () => {
    const id = await newExercise();
    await foreignLock(id, { pid: 1, hostname: hostname() }, 1000);
    const store = new ExerciseStore(root);
    const refused = await store.append(id, [note(1, 'x')]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect((refused as ApiError).message).toMatch(/open for writing in another Firebreak \(browser host, process 1 on /);
    await store.close();
  });

  it('takes over a silent lock from another machine sharing the folder, but not a beating one', async () => {
    const silent = await newExercise();
    const beating = await newExercise();
    await foreignLock(silent, { pid: 4242, hostname: 'laptop-in-the-other-room' }, STALE_AFTER_MS + 1000);
    await foreignLock(beating, { pid: 4242, hostname: 'laptop-in-the-other-room' }, 5000);
    const store = new ExerciseStore(root);
    await expect(store.append(silent, [note(1, 'mine now')])).resolves.toMatchObject({ entryCount: 1 });
    await expect(store.append(beating, [note(1, 'x')])).rejects.toThrow(/process 4242 on laptop-in-the-other-room/);
    await store.close();
  });

  it('a host that lost its lock while stalled refuses to write, and the journal is left to the new owner', async () => {
    const id = await newExercise();
    const store = new ExerciseStore(root);
    await store.openForWriting(id);
    await store.append(id, [note(1, 'before the stall')]);
    // Another host found the heartbeat stale and took the lock over (its own token now).
    await writeFile(
      join(root, 'locks', `${id}.lock`, 'owner.json'),
      JSON.stringify({ pid: 4242, hostname: 'other', app: 'desktop app', since: '2026-12-01T10:00:00.000Z', token: '0123456789abcdef' }),
    );
    const journal = join(root, 'exercises', id, JOURNAL_FILE);
    const before = await readFile(journal, 'utf8');
    const refused = await store.append(id, [note(2, 'after the stall')]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect((refused as ApiError).message).toMatch(/was taken over by another Firebreak \(desktop app, process 4242 on other/);
    expect(await readFile(journal, 'utf8')).toBe(before);
    await store.close();
  });

  it('a holder refreshes its heartbeat while it holds the lock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const id = await newExercise();
    const store = new ExerciseStore(root);
    await store.openForWriting(id);
    const file = join(root, 'locks', `${id}.lock`, 'owner.json');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(file, old, old);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    let age = Infinity;
    for (let i = 0; i < 200 && age > 60_000; i++) {
      await new Promise((r) => setImmediate(r));
      age = Date.now() - (await stat(file)).mtimeMs;
    }
    expect(age).toBeLessThan(60_000);
    await store.close();
  });
});
