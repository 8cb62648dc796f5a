/**
 * A second Firebreak host in its own process, for the fault trials (spawned with node --import tsx).
 *
 *   append <root> <id> <count> <batch>   appends NOTE entries in batches; prints "ack <entryCount>"
 *                                         after each acknowledged batch (the parent kills it at will)
 *   race <root> <id,...>                  waits for "go" on stdin, then appends seq 1 to each exercise;
 *                                         prints "won <id>" or "lost <id> <message>" per exercise
 *   hold <root> <id>                      takes the exercise's lock, prints "holding", and waits
 *   import <root> <archive file>          prints "start", imports the archive, prints "done <json>"
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { ApiError } from '../../../shared/contract/api.ts';

const [cmd, root, arg1, arg2, arg3] = process.argv.slice(2);
const store = new ExerciseStore(root!, { app: `test host ${process.pid}` });
const out = (line: string): boolean => process.stdout.write(`${line}\n`);

/** Keeps the process (and so its locks) alive until the parent kills it. */
function stayAlive(): void {
  setInterval(() => undefined, 1 << 30);
}

async function main(): Promise<void> {
  switch (cmd) {
    case 'append': {
      const id = arg1!;
      const count = Number(arg2);
      const batch = Number(arg3);
      let seq = (await store.load(id)).entries.length;
      while (seq < count) {
        const entries = Array.from({ length: Math.min(batch, count - seq) }, (_, i) => ({
          seq: seq + i + 1,
          t: (seq + i + 1) * 1000,
          input: { type: 'NOTE' as const, text: `note ${seq + i + 1} `.repeat(1 + ((seq + i) % 7) * 20) },
        }));
        const r = await store.append(id, entries);
        seq = r.entryCount;
        out(`ack ${seq}`);
      }
      out('done');
      return;
    }
    case 'race': {
      const ids = arg1!.split(',');
      const rl = createInterface({ input: process.stdin });
      out('ready');
      await new Promise<void>((resolve) => rl.once('line', () => resolve()));
      rl.close();
      for (const id of ids) {
        try {
          await store.append(id, [{ seq: 1, t: 1000, input: { type: 'NOTE', text: `from ${process.pid}` } }]);
          out(`won ${id}`);
        } catch (e) {
          out(`lost ${id} ${e instanceof ApiError ? e.code : 'error'} ${(e as Error).message}`);
        }
      }
      out('done');
      stayAlive(); // a host keeps its locks while it runs
      return;
    }
    case 'hold': {
      await store.openForWriting(arg1!);
      out('holding');
      stayAlive();
      return;
    }
    case 'import': {
      const text = await readFile(arg1!, 'utf8');
      out('start');
      const r = await store.importArchive(text);
      out(`done ${JSON.stringify({ imported: r.imported.length, skipped: r.skipped.length, problems: r.problems })}`);
      return;
    }
    default:
      throw new Error(`unknown command ${cmd}`);
  }
}

main().catch((e: unknown) => {
  out(`fatal ${(e as Error).message}`);
  process.exit(1);
});
