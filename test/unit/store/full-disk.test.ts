/**
 * A full disk part-way through a batch: the append is all or nothing, and the answer says so.
 *
 * Runs on a real full file system (a small tmpfs) where the machine allows mounting one, and
 * always on an injected ENOSPC that lets an exact number of bytes through first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract/api.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { parseJournal } from '../../../shared/engine/journal.ts';
import { openForAppend, type OpenForAppend } from '../../../host/storage/durable-fs.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';

const batch = (from: number, n: number, size: number): JournalEntry[] =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, t: (from + i) * 1000, input: { type: 'NOTE', text: `${from + i}:`.padEnd(size, 'x') } }));

/** An append seam that writes `allow` bytes of the next write, then fails as a full disk does. */
function enospcAfter(allow: number): OpenForAppend {
  return async (path) => {
    const real = await openForAppend(path);
    return {
      ...real,
      write: async (data) => {
        await real.write(data.subarray(0, Math.min(allow, data.length)));
        const e = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
        e.code = 'ENOSPC';
        throw e;
      },
    };
  };
}

async function expectRolledBack(store: ExerciseStore, root: string, id: string, sizeBefore: number, entries: JournalEntry[]): Promise<void> {
  const e = (await store.append(id, entries).catch((x: unknown) => x)) as ApiError;
  expect(e).toBeInstanceOf(ApiError);
  expect(e.code).toBe('io');
  expect(e.message).toContain('no space left on device');
  expect(e.message).toContain(`Nothing of entries ${entries[0]!.seq}–${entries.at(-1)!.seq} was kept`);
  const path = join(root, 'exercises', id, 'journal.jsonl');
  expect((await stat(path)).size).toBe(sizeBefore);
  expect(parseJournal(await readFile(path, 'utf8')).entries).toHaveLength(entries[0]!.seq - 1);
}

describe('a full disk during an append', () => {
  it('keeps nothing of a batch that failed part-way, at every cut point, and the retry then succeeds', async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const setup = new ExerciseStore(root);
      const { id } = await setup.create(miniSetup());
      await setup.append(id, batch(1, 2, 50));
      await setup.close();
      const path = join(root, 'exercises', id, 'journal.jsonl');
      const sizeBefore = (await stat(path)).size;
      const five = batch(3, 5, 400);
      const total = five.reduce((n, e) => n + JSON.stringify(e).length + 20, 0);
      for (const allow of [0, 1, 17, 400, 450, 901, Math.floor(total / 2), total - 30]) {
        const full = new ExerciseStore(root, { openForAppend: enospcAfter(allow) });
        await expectRolledBack(full, root, id, sizeBefore, five);
        await full.close();
      }
      // Space again: the client's retry of the same batch is accepted (no "already in the journal").
      const ok = new ExerciseStore(root);
      await expect(ok.append(id, five)).resolves.toEqual({ entryCount: 7, lastT: 7000 });
      expect((await ok.load(id)).entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      await ok.close();
    } finally {
      await cleanup();
    }
  });

  it('says so when even the roll-back fails, and the next append cuts the refused bytes off (whole lines included)', async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const store0 = new ExerciseStore(root);
      const { id } = await store0.create(miniSetup());
      await store0.close();
      const path = join(root, 'exercises', id, 'journal.jsonl');
      const sizeBefore = (await stat(path)).size;
      let diskBroken = true;
      const broken: OpenForAppend = async (p) => {
        if (!diskBroken) return openForAppend(p);
        // 100 bytes of a batch whose first entry is 60: one whole refused line and a torn one.
        const real = await enospcAfter(100)(p);
        return { ...real, truncate: async () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })) };
      };
      const store = new ExerciseStore(root, { openForAppend: broken });
      const e = (await store.append(id, batch(1, 3, 10)).catch((x: unknown) => x)) as ApiError;
      expect(e.message).toContain('the partial write could not be cut off either');
      expect((await stat(path)).size).toBe(sizeBefore + 100);
      // The retry (disk fixed) goes through the same store: the refused bytes are cut off first.
      diskBroken = false;
      await expect(store.append(id, batch(1, 3, 10))).resolves.toEqual({ entryCount: 3, lastT: 3000 });
      const journal = parseJournal(await readFile(path, 'utf8'));
      expect(journal.entries).toEqual(batch(1, 3, 10));
      const aside = (await readdir(join(root, 'exercises', id))).find((f) => f.startsWith('journal.unacknowledged-'));
      expect(aside).toBeDefined();
      await store.close();
    } finally {
      await cleanup();
    }
  });

  it('on a real full file system (a 1 MiB tmpfs, or injected ENOSPC where mounting is not allowed)', async () => {
    const mountPoint = await mkdtemp(join(tmpdir(), 'firebreak-tmpfs-'));
    let mounted = false;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted = true;
    } catch {
      mounted = false;
    }
    try {
      // Real mode: the real append, noting how much of the batch the disk took before it filled.
      let partial = -1;
      const watching: OpenForAppend = async (p) => {
        const real = await openForAppend(p);
        return {
          ...real,
          write: async (data) => {
            const before = (await stat(p)).size;
            try {
              await real.write(data);
            } catch (e) {
              partial = (await stat(p)).size - before;
              throw e;
            }
          },
        };
      };
      const store = new ExerciseStore(mountPoint, { openForAppend: mounted ? watching : enospcAfter(3000) });
      const { id } = await store.create(miniSetup());
      await store.append(id, batch(1, 1, 10));
      const path = join(mountPoint, 'exercises', id, 'journal.jsonl');
      if (mounted) {
        // Fill the disk but for one 4 KiB page, so a 5 × 2 KiB batch fails part-way.
        const filler = await open(join(mountPoint, 'filler'), 'w');
        try {
          const chunk = Buffer.alloc(4096);
          for (;;) await filler.write(chunk);
        } catch {
          // full
        } finally {
          await filler.close();
        }
        const fill = (await stat(join(mountPoint, 'filler'))).size;
        await writeFile(join(mountPoint, 'filler'), Buffer.alloc(Math.max(0, fill - 4096)));
      }
      const sizeBefore = (await stat(path)).size;
      await expectRolledBack(store, mountPoint, id, sizeBefore, batch(2, 5, 2048));
      if (mounted) {
        expect(partial).toBeGreaterThan(0); // the disk really took part of the batch before it filled
        await rm(join(mountPoint, 'filler'));
      }
      await store.close();
      const retry = new ExerciseStore(mountPoint);
      await expect(retry.append(id, batch(2, 5, 2048))).resolves.toEqual({ entryCount: 6, lastT: 6000 });
      await retry.close();
    } finally {
      if (mounted) execFileSync('umount', [mountPoint]);
      await rm(mountPoint, { recursive: true, force: true });
    }
  });
});
