/**
 * The store's answers through the real handlers: append refusals say what was kept, a damaged
 * exercise can be recovered, and empty folders removed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract/api.ts';
import { createHandlers, dispatch } from '../../../host/api-handlers.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import { fixedStore, miniSetup, tempDir } from './host-helpers.ts';
import { ROOT } from '../../helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
});
// The meta is written after an append is acknowledged (never on its path): close each store, which
// waits for those writes, before the folder goes (CI once removed it under a meta write: ENOTEMPTY).
const stores: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await cleanup();
});

function handlersOn(dir: string) {
  const store = fixedStore(dir);
  stores.push(store);
  const handlers = createHandlers({
    store,
    library: new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(dir, 'scenarios') }),
    renderReport: () => 'report',
    printPdf: async () => new Uint8Array(),
    chooseSaveTarget: async () => ({ kind: 'download' }),
    openProjector: async () => false,
  });
  return { store, handlers };
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.catch((x: unknown) => x);
  if (!(e instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

describe('store answers through the handlers', () => {
  it('a refused append says nothing was written, and a retry with the right seq goes through', async () => {
    const { handlers } = handlersOn(root);
    const { id } = await handlers['exercises:create'](miniSetup());
    const e = await refusal(dispatch(handlers, 'exercises:append', { exerciseId: id, entries: [{ seq: 2, t: 0, input: { type: 'ACKNOWLEDGE' } }] }));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('seq 2: entries 1–1 are missing (the journal on disk has 0 entries); nothing was written');
    await expect(dispatch(handlers, 'exercises:append', { exerciseId: id, entries: [{ seq: 1, t: 0, input: { type: 'ACKNOWLEDGE' } }] })).resolves.toEqual({
      entryCount: 1,
      lastT: 0,
    });
  });

  it('recovers a damaged exercise on request and keeps the damaged file', async () => {
    const { handlers } = handlersOn(root);
    const { id } = await handlers['exercises:create'](miniSetup());
    await handlers['exercises:append']({
      exerciseId: id,
      entries: [
        { seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } },
        { seq: 2, t: 120_000, input: { type: 'NOTE', text: 'kept?' } },
      ],
    });
    const path = join(root, 'exercises', id, 'journal.jsonl');
    await writeFile(path, (await readFile(path, 'utf8')).replace('kept?', 'kept!'));
    const before = await handlers['exercises:load']({ exerciseId: id });
    expect(before.entries).toHaveLength(1);
    expect(before.warnings[0]).toMatch(/^the journal is damaged at line 3, column 1 \(byte \d+\): checksum mismatch/);
    const r = await handlers['exercises:salvage']({ exerciseId: id });
    expect(r).toMatchObject({ exerciseId: id, entriesKept: 1, linesLost: 1, damage: { line: 3 } });
    expect(await readFile(r!.originalKeptAt, 'utf8')).toContain('kept!');
    expect(await handlers['exercises:salvage']({ exerciseId: id })).toBeNull();
  });

  it('removes empty folders only, and refuses a malformed request before touching anything', async () => {
    const { handlers } = handlersOn(root);
    await mkdir(join(root, 'exercises', 'ex-20260101-000000-emptyy'), { recursive: true });
    expect(await handlers['exercises:removeEmpty']({ exerciseIds: ['ex-20260101-000000-emptyy'] })).toEqual({
      removed: ['ex-20260101-000000-emptyy'],
      kept: [],
    });
    expect((await refusal(dispatch(handlers, 'exercises:removeEmpty', { exerciseIds: ['../..'] }))).message).toContain('exerciseIds.0');
    expect((await refusal(dispatch(handlers, 'exercises:salvage', { exerciseId: 'ex-1', extra: 1 }))).code).toBe('invalid-request');
    expect((await refusal(dispatch(handlers, 'report:progress', { ticket: '' }))).message).toContain('ticket');
  });
});
