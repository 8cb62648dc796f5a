/**
 * PDF exports wait in line: eight at once print two at a time, and each can ask where it is.
 */
import { createHandlers } from '../../../host/api-handlers.ts';
import { PrintQueue } from '../../../host/pdf/print-queue.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import { fixedStore, miniSetup, tempDir } from './host-helpers.ts';
import { ROOT } from '../../helpers.ts';
import { join } from 'node:path';

function deferred(): { promise: Promise<Uint8Array>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<Uint8Array>((r) => (resolve = () => r(new Uint8Array([0x25, 0x50, 0x44, 0x46]))));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the PDF print queue', () => {
  it('prints eight exports asked for at once two at a time, and tells each one where it is', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = fixedStore(dir);
      const { id } = await store.create(miniSetup());
      const printing: ReturnType<typeof deferred>[] = [];
      let maxInFlight = 0;
      let inFlight = 0;
      const handlers = createHandlers({
        store,
        library: new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(dir, 'scenarios') }),
        renderReport: () => '<p>report</p>',
        printPdf: async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const d = deferred();
          printing.push(d);
          const bytes = await d.promise;
          inFlight--;
          return bytes;
        },
        chooseSaveTarget: async () => ({ kind: 'download' }),
        openProjector: async () => false,
      });
      const exports = Array.from({ length: 8 }, (_, i) => handlers['report:export']({ exerciseId: id, format: 'pdf', ticket: `t${i}` }));
      const statuses = () => Promise.all(Array.from({ length: 8 }, (_, i) => handlers['report:progress']({ ticket: `t${i}` })));
      // Each export loads the exercise and renders first; wait until all eight are in line.
      while ((await statuses()).filter((x) => x.state === 'waiting').length < 6) await tick();
      expect(printing).toHaveLength(2);
      const now = await statuses();
      expect(now.filter((x) => x.state === 'printing')).toHaveLength(2);
      expect(now.flatMap((x) => (x.state === 'waiting' ? [x.ahead] : [])).sort()).toEqual([0, 1, 2, 3, 4, 5]);

      // Each finished print lets exactly one more start.
      for (let done = 0; done < 8; done++) {
        printing[done]!.resolve();
        while (printing.length < Math.min(8, done + 3)) await tick();
      }
      const results = await Promise.all(exports);
      expect(results.every((r) => 'base64' in r && r.base64 === Buffer.from('%PDF').toString('base64'))).toBe(true);
      expect(maxInFlight).toBe(2);
      expect(await handlers['report:progress']({ ticket: 't7' })).toEqual({ state: 'unknown' });
    } finally {
      await cleanup();
    }
  });

  it('frees the printer when a print fails', async () => {
    const q = new PrintQueue(1);
    await expect(q.run(() => Promise.reject(new Error('Chromium crashed')))).rejects.toThrow('Chromium crashed');
    await expect(q.run(async () => 'next')).resolves.toBe('next');
    expect(q.load).toEqual({ printing: 0, waiting: 0 });
  });
});
