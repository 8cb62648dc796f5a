/**
 * Kill -9 during appends: a host in a child process appends batches and is killed right after
 * its k-th acknowledgement, i.e. somewhere inside the next append (write, fsync or meta update).
 * Every acknowledged entry must survive, the journal must reopen, and the next append must fit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJournalLenient } from '../../../shared/engine/journal.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { spawnHost } from './fault-helpers.ts';

/** Bounded by count; the timeout is for a machine several times slower than a developer's. */
const TRIALS = 12;

describe('kill -9 during appends', () => {
  it(`loses no acknowledged entry over ${TRIALS} kills at varied points`, { timeout: 600_000 }, async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const setup = new ExerciseStore(root);
      const ids: string[] = [];
      for (let i = 0; i < TRIALS; i++) ids.push((await setup.create(miniSetup())).id);
      await setup.close(); // the child hosts take the locks over

      // Two children at a time (two cores): trial i kills after ack number 1 + (i % 6), batches of 1–3.
      for (let i = 0; i < TRIALS; i += 2) {
        await Promise.all(
          [i, i + 1].map(async (trial) => {
            const id = ids[trial]!;
            const killAfter = 1 + (trial % 6);
            const child = spawnHost(['append', root, id, '40', String(1 + (trial % 3))]);
            let acked = 0;
            const line = await child.waitFor((l) => {
              const m = /^ack (\d+)$/.exec(l);
              if (m) acked++;
              return acked >= killAfter || l === 'done' || l.startsWith('fatal');
            });
            await child.kill9();
            expect(line).toMatch(/^ack \d+$/);
            const acknowledged = Math.max(...child.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))));

            // Another host (this process) opens it: the dead child's lock is taken over.
            const store = new ExerciseStore(root);
            const loaded = await store.load(id);
            expect(loaded.entries.length).toBeGreaterThanOrEqual(acknowledged);
            expect(loaded.entries.map((e) => e.seq)).toEqual(loaded.entries.map((_, k) => k + 1));
            const parsed = parseJournalLenient(await readFile(join(root, 'exercises', id, 'journal.jsonl'), 'utf8'));
            expect(parsed.damage).toBeNull();
            const next = loaded.entries.length + 1;
            await expect(store.append(id, [{ seq: next, t: next * 1000, input: { type: 'NOTE', text: 'after the crash' } }])).resolves.toEqual({
              entryCount: next,
              lastT: next * 1000,
            });
            expect((await store.load(id)).meta.entryCount).toBe(next);
            await store.close();
          }),
        );
      }
    } finally {
      await cleanup();
    }
  });
});
