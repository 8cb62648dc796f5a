/**
 * Kill -9 during an archive import, then import the same archive again (#23: once in 60 such
 * trials a re-import listed 61 exercises for a 60-exercise archive). Whatever moment the kill
 * lands at, the next host must end with exactly the archive's exercises: each once, each opening,
 * no problem listed, no staging folder left behind.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { spawnHost } from './fault-helpers.ts';

const EXERCISES = 60;
/** Bounded by count; kill points spread over the import (after 0 .. EXERCISES-1 folders exist). */
const TRIALS = Number(process.env.FB_IMPORT_KILL_TRIALS ?? 10);

/** Resolves once `exercises/` holds at least `n` entries (or the child is gone). */
async function untilFolders(dir: string, n: number, gone: () => boolean): Promise<void> {
  for (;;) {
    const count = (await readdir(dir).catch(() => [] as string[])).length;
    if (count >= n || gone()) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe('kill -9 during an archive import', () => {
  it(`re-importing after ${TRIALS} kills at spread points gives each exercise exactly once`, { timeout: 900_000 }, async () => {
    const { dir: tmp, cleanup } = await tempDir();
    try {
      const source = new ExerciseStore(join(tmp, 'source'));
      const ids: string[] = [];
      for (let i = 0; i < EXERCISES; i++) {
        const { id } = await source.create(miniSetup({ team: `Team ${i % 7}` }));
        await source.append(id, [{ seq: 1, t: 60_000, input: { type: 'NOTE', text: `note ${i}` } }]);
        ids.push(id);
      }
      const archivePath = join(tmp, 'all.firebreak.json');
      await writeFile(archivePath, (await source.exportArchive(ids)).text);
      await source.close();

      for (let trial = 0; trial < TRIALS; trial++) {
        const root = join(tmp, `target-${trial}`);
        const child = spawnHost(['import', root, archivePath]);
        await child.waitFor((l) => l === 'start' || l.startsWith('fatal'));
        const killAt = (trial * 37) % EXERCISES; // 0, 37, 14, 51, 28, 5, ...
        let gone = false;
        void child.exited.then(() => (gone = true));
        await untilFolders(join(root, 'exercises'), killAt, () => gone);
        await child.kill9();

        const store = new ExerciseStore(root);
        const again = await store.importArchive(await readFile(archivePath, 'utf8'));
        expect(again.problems).toEqual([]);
        expect(again.imported.length + again.skipped.length).toBe(EXERCISES);
        const listed = await store.list();
        expect(listed.problems).toEqual([]);
        expect(listed.exercises.map((e) => e.id).sort()).toEqual([...ids].sort());
        for (const id of ids) expect((await store.load(id)).entries).toHaveLength(1);
        const left = (await readdir(join(root, 'exercises'))).filter((n) => n.startsWith('.'));
        expect(left).toEqual([]);
        await store.close();
      }
    } finally {
      await cleanup();
    }
  });
});
