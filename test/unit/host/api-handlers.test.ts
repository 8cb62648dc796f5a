import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract/api.ts';
import { createHandlers, dispatch, toErrorShape, type HandlerDeps, type SaveTarget } from '../../../host/api-handlers.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import type { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { fixedStore, miniSetup, tempDir } from './host-helpers.ts';
import { ROOT } from '../../helpers.ts';
import { toRow } from '../../../shared/history/metrics.ts';
import { decodeRows, type HistoryColumns } from '../../../shared/history/row-columns.ts';

/** A store and library that fail the test if a handler reaches them. */
const unreachable = new Proxy(
  {},
  {
    get(_t, prop) {
      throw new Error(`a rejected request reached the store/library (${String(prop)})`);
    },
  },
);

/** Handlers on a real store and the fixtures' library; nothing else is reached. */
function storeHandlers(store: ExerciseStore, root: string) {
  return createHandlers({
    store,
    library: new ScenarioLibrary({ builtinDir: join(ROOT, 'test/fixtures'), userDir: join(root, 'data', 'scenarios') }),
    renderReport: vi.fn(),
    printPdf: vi.fn(),
    chooseSaveTarget: vi.fn(),
    openProjector: vi.fn(),
  } as unknown as HandlerDeps);
}

function hostileHandlers() {
  return createHandlers({
    store: unreachable as ExerciseStore,
    library: unreachable as ScenarioLibrary,
    renderReport: () => {
      throw new Error('not reached');
    },
    printPdf: async () => {
      throw new Error('not reached');
    },
    chooseSaveTarget: async () => {
      throw new Error('not reached');
    },
    openProjector: async () => {
      throw new Error('not reached');
    },
  });
}

const goodEntry = { seq: 1, t: 0, input: { type: 'ACKNOWLEDGE' } };

describe('handlers reject hostile payloads before doing anything', () => {
  const handlers = hostileHandlers();
  const cases: [string, string, unknown, string][] = [
    ['null payload', 'exercises:list', null, '(payload)'],
    ['a string', 'exercises:load', '../../etc/passwd', '(payload)'],
    ['an array', 'scenarios:list', [], '(payload)'],
    ['a number', 'exercises:delete', 42, '(payload)'],
    ['path traversal in the id', 'exercises:load', { exerciseId: '../../etc' }, 'exerciseId'],
    ['an empty id', 'exercises:finish', { exerciseId: '', status: 'finished' }, 'exerciseId'],
    ['an unknown status', 'exercises:finish', { exerciseId: 'ex-1', status: 'deleted' }, 'status'],
    ['an extra field', 'exercises:load', { exerciseId: 'ex-1', admin: true }, 'admin'],
    ['a prototype-pollution key', 'exercises:load', JSON.parse('{"exerciseId":"ex-1","__proto__":{"polluted":true}}'), '__proto__'],
    ['no entries', 'exercises:append', { exerciseId: 'ex-1', entries: [] }, 'entries'],
    ['seq 0', 'exercises:append', { exerciseId: 'ex-1', entries: [{ ...goodEntry, seq: 0 }] }, 'entries.0.seq'],
    ['negative time', 'exercises:append', { exerciseId: 'ex-1', entries: [{ ...goodEntry, t: -1 }] }, 'entries.0.t'],
    ['fractional seq', 'exercises:append', { exerciseId: 'ex-1', entries: [{ ...goodEntry, seq: 1.5 }] }, 'entries.0.seq'],
    ['an unknown input type', 'exercises:append', { exerciseId: 'ex-1', entries: [{ ...goodEntry, input: { type: 'RM_RF' } }] }, 'entries.0.input'],
    [
      'a severity out of range',
      'exercises:append',
      { exerciseId: 'ex-1', entries: [{ ...goodEntry, input: { type: 'TRIAGE', severity: 9, incidentType: 'safety' } }] },
      'entries.0.input.severity',
    ],
    ['a negative seed', 'exercises:create', { ...miniSetup(), seed: -1 }, 'seed'],
    ['a NaN-like speed', 'exercises:create', { ...miniSetup(), speed: 'fast' }, 'speed'],
    ['a 3 MB scenario source', 'exercises:create', { ...miniSetup(), scenarioSource: 'x'.repeat(3 * 1024 * 1024) }, 'scenarioSource'],
    ['an unknown participant role', 'exercises:create', { ...miniSetup(), participants: [{ name: 'x', role: 'root' }] }, 'participants.0.role'],
    ['an unknown report format', 'report:export', { exerciseId: 'ex-1', format: 'exe' }, 'format'],
    ['overwrite as a string', 'report:export', { exerciseId: 'ex-1', format: 'pdf', overwrite: 'yes' }, 'overwrite'],
    ['an archive that is not text', 'exercises:importArchive', { text: { format: 'firebreak-archive/1' } }, 'text'],
    ['an id list with a bad id', 'exercises:exportArchive', { exerciseIds: ['ok', 'a/b'] }, 'exerciseIds.1'],
    [
      'a debrief with a huge delta',
      'exercises:saveDebrief',
      { exerciseId: 'ex-1', debrief: { actionItems: [], observations: [], adjustments: [{ dimension: 'x', delta: 1e9, reason: 'r' }] } },
      'debrief.adjustments.0.delta',
    ],
    ['a scenario file name of 10 kB', 'scenarios:import', { fileName: 'a'.repeat(10_000), text: '' }, 'fileName'],
  ];

  it.each(cases)('%s → invalid-request naming the field', async (_what, channel, payload, field) => {
    let caught: unknown;
    try {
      await dispatch(handlers, channel, payload);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('invalid-request');
    expect((caught as ApiError).message).toContain(field);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['fs:readFile', '__proto__', 'constructor', 'toString', ''])('unknown channel %j → invalid-request', async (channel) => {
    await expect(dispatch(handlers, channel, {})).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('unknown channel') });
  });

  it('turns unexpected errors into an internal error without a stack', () => {
    expect(toErrorShape(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toErrorShape(new ApiError('conflict', 'c'))).toEqual({ code: 'conflict', message: 'c' });
  });
});

describe('report:export', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let store: ExerciseStore;
  let exerciseId: string;
  let target: SaveTarget;
  let deps: HandlerDeps;

  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir());
    store = fixedStore(join(root, 'data'));
    exerciseId = (await store.create(miniSetup())).id;
    await mkdir(join(root, 'out'));
    target = { kind: 'file', path: join(root, 'out', 'report.md'), confirmedOverwrite: false };
    deps = {
      store,
      library: new ScenarioLibrary({ builtinDir: join(ROOT, 'test/fixtures'), userDir: join(root, 'data', 'scenarios') }),
      renderReport: vi.fn(async (format, exercise, scenario) => `${format} report for ${exercise.meta.id} (${scenario.title})`),
      printPdf: vi.fn(async (html: string) => new TextEncoder().encode(`%PDF-1.7 ${html}`)),
      chooseSaveTarget: vi.fn(async () => target),
      openProjector: vi.fn(async () => true),
    };
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await cleanup();
  });

  it('renders md through the report module and writes it where the host chose', async () => {
    const h = createHandlers(deps);
    const r = await h['report:export']({ exerciseId, format: 'md' });
    expect(r).toEqual({
      fileName: `mini-${exerciseId}-aar.md`,
      savedTo: target.kind === 'file' ? target.path : null,
      base64: null,
      mime: 'text/markdown; charset=utf-8',
    });
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toBe(`md report for ${exerciseId} (Mini incident)`);
  });

  it('prints the html rendering for pdf', async () => {
    target = { kind: 'file', path: join(root, 'out', 'report.pdf'), confirmedOverwrite: false };
    await createHandlers(deps)['report:export']({ exerciseId, format: 'pdf' });
    expect(deps.renderReport).toHaveBeenCalledWith(
      'html',
      expect.objectContaining({ meta: expect.objectContaining({ id: exerciseId }) }),
      expect.objectContaining({ id: 'mini' }),
      undefined, // the page's language when it sends one (English by default)
    );
    expect(await readFile(join(root, 'out', 'report.pdf'), 'utf8')).toMatch(/^%PDF-1.7 html report/);
  });

  it('never overwrites an existing file without overwrite: true, and does not render for it', async () => {
    await writeFile(join(root, 'out', 'report.md'), 'precious');
    const h = createHandlers(deps);
    await expect(h['report:export']({ exerciseId, format: 'md' })).resolves.toEqual({ exists: join(root, 'out', 'report.md') });
    expect(deps.renderReport).not.toHaveBeenCalled();
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toBe('precious');

    await h['report:export']({ exerciseId, format: 'md', overwrite: true });
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toContain('md report');
  });

  it('a failed write says why (the OS message) and leaves the old file as it was', async () => {
    await writeFile(join(root, 'out', 'report.md'), 'precious');
    const probe = await open(join(root, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { writeFile: () => Promise<void> };
    await probe.close();
    vi.spyOn(proto, 'writeFile').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const exportReport = createHandlers(deps)['report:export'];
    const err = await exportReport({ exerciseId, format: 'md', overwrite: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'io', message: expect.stringContaining('ENOSPC: no space left on device') });
    expect((err as ApiError).message).toContain(join(root, 'out', 'report.md'));
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toBe('precious');
    expect(await readdir(join(root, 'out'))).toEqual(['report.md']); // no temporary file left behind
  });

  it('a missing folder is an io error naming the path', async () => {
    target = { kind: 'file', path: join(root, 'nowhere', 'report.md'), confirmedOverwrite: false };
    await expect(createHandlers(deps)['report:export']({ exerciseId, format: 'md' })).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('ENOENT'),
    });
  });

  it('returns base64 bytes for a download host, and nothing for a cancelled dialog', async () => {
    target = { kind: 'download' };
    const r = await createHandlers(deps)['report:export']({ exerciseId, format: 'csv' });
    expect(r).toMatchObject({ savedTo: null, mime: 'text/csv; charset=utf-8' });
    expect(Buffer.from((r as { base64: string }).base64, 'base64').toString('utf8')).toBe(`csv report for ${exerciseId} (Mini incident)`);

    target = { kind: 'cancelled' };
    await expect(createHandlers(deps)['report:export']({ exerciseId, format: 'json' })).resolves.toMatchObject({ savedTo: null, base64: null });
  });

  it('a confirmed overwrite (native dialog) replaces the file without asking again', async () => {
    await writeFile(join(root, 'out', 'report.md'), 'old');
    target = { kind: 'file', path: join(root, 'out', 'report.md'), confirmedOverwrite: true };
    await createHandlers(deps)['report:export']({ exerciseId, format: 'md' });
    expect(await readFile(join(root, 'out', 'report.md'), 'utf8')).toContain('md report');
  });

  it('an unknown exercise is not-found', async () => {
    await expect(createHandlers(deps)['report:export']({ exerciseId: 'ex-nope', format: 'md' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('exercises:rows (#18)', () => {
  it("gives History one row per stored exercise, as the store's metas give them, with the store's problems", async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const store = fixedStore(join(root, 'data'));
      const a = await store.create(miniSetup());
      await store.create({ ...miniSetup(), team: 'Red, "night"' });
      await store.finish(a.id, 'abandoned');
      const h = storeHandlers(store, root);
      const listed = await store.list({});
      const r = await h['exercises:rows']({});
      expect(decodeRows(JSON.parse(JSON.stringify(r.rows)) as HistoryColumns)).toEqual(listed.exercises.map(toRow));
      expect(r.problems).toEqual(listed.problems);
      await expect(h['exercises:rows']({ all: true })).rejects.toMatchObject({ code: 'invalid-request' });
    } finally {
      await cleanup();
    }
  });
});

describe('exercises:list with a status (#18: the library asks only for the running exercises it offers to resume)', () => {
  it('lists only the exercises in that state, keeps every problem, and refuses a state that does not exist', async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const store = fixedStore(join(root, 'data'));
      const done = await store.create(miniSetup());
      const running = await store.create({ ...miniSetup(), team: 'Blue' });
      await store.finish(done.id, 'abandoned');
      const h = storeHandlers(store, root);
      const all = await h['exercises:list']({});
      expect(all.exercises.map((e) => e.id).sort()).toEqual([done.id, running.id].sort());
      const r = await h['exercises:list']({ status: 'running' });
      expect(r.exercises.map((e) => e.id)).toEqual([running.id]);
      expect(r.problems).toEqual(all.problems);
      expect((await h['exercises:list']({ status: 'abandoned' })).exercises.map((e) => e.id)).toEqual([done.id]);
      await expect(h['exercises:list']({ status: 'paused' })).rejects.toMatchObject({ code: 'invalid-request' });
    } finally {
      await cleanup();
    }
  });
});
