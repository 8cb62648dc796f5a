import { appendFile, mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type ExerciseMeta } from '../../../shared/contract/api.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { parseJournal, parseJournalLenient, serializeEntry, serializeJournal } from '../../../shared/engine/journal.ts';
import { appendChecked, finishExercise } from '../../../host/session/journal-intake.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { ExerciseStore, newExerciseId } from '../../../host/storage/exercise-store.ts';
import { fixedStore, miniSetup, tempDir } from './host-helpers.ts';
import { HOUR, MIN } from '../../helpers.ts';
import { discussionBaseYaml } from '../../../shared/exercise/discussion-base.ts';

/** An entry line as another process would append it: continuing the journal's hash chain. */
async function nextLine(journalPath: string, e: JournalEntry): Promise<string> {
  return serializeEntry(e, parseJournalLenient(await readFile(journalPath, 'utf8')).chainTip);
}

let root: string;
let cleanup: () => Promise<void>;
let store: ExerciseStore;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  store = fixedStore(root);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const ack = (seq: number, t: number): JournalEntry => ({ seq, t, input: { type: 'ACKNOWLEDGE' } });
const note = (seq: number, t: number, text = 'n'): JournalEntry => ({ seq, t, input: { type: 'NOTE', text } });

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the promise to reject with an ApiError');
}

describe('ids and create', () => {
  it('makes ids ex-<yyyymmdd-hhmmss>-<6 base36>', () => {
    expect(newExerciseId(new Date(Date.UTC(2026, 2, 9, 3, 4, 5)), 'k3x9qa')).toBe('ex-20260309-030405-k3x9qa');
  });

  it('creates meta and a journal whose header pins the scenario source', async () => {
    const meta = await store.create(miniSetup());
    expect(meta.id).toMatch(/^ex-20260105-090001-[0-9a-z]{6}$/);
    expect(meta).toMatchObject({
      status: 'running',
      scenarioId: 'mini',
      scenarioTitle: 'Mini incident',
      team: 'Blue team',
      entryCount: 0,
      lastT: 0,
      outcome: null,
    });
    const journal = parseJournal(await readFile(join(root, 'exercises', meta.id, 'journal.jsonl'), 'utf8'));
    expect(journal.header).toMatchObject({ exerciseId: meta.id, scenarioId: 'mini', seed: 7, scenarioSource: miniSetup().scenarioSource });
    expect(JSON.parse(await readFile(join(root, 'exercises', meta.id, 'meta.json'), 'utf8'))).toEqual(meta);
  });

  it('refuses a scenario source that does not load, naming the problem', async () => {
    const e = await apiError(store.create(miniSetup({ scenarioSource: 'id: mini\nversion: nope\n' })));
    expect(e.code).toBe('invalid-request');
    expect(e.message).toContain('scenarioSource');
    expect(existsSync(join(root, 'exercises'))).toBe(false);
  });

  it('rejects ids that are not ids (no paths)', async () => {
    expect((await apiError(store.load('../../etc'))).code).toBe('invalid-request');
  });
});

describe('append', () => {
  it('writes the entries and fsyncs them before it resolves', async () => {
    const { id } = await store.create(miniSetup());
    const journalPath = join(root, 'exercises', id, 'journal.jsonl');
    const probe = await open(join(root, 'probe'), 'w');
    type Method = (...a: unknown[]) => Promise<unknown>;
    const proto = Object.getPrototypeOf(probe) as Record<'write' | 'sync' | 'writeFile', Method>;
    await probe.close();
    const real = { write: proto.write, sync: proto.sync, writeFile: proto.writeFile };
    const events: string[] = [];
    let releaseSync!: () => void;
    const syncGate = new Promise<void>((r) => (releaseSync = r));
    let sawSync!: () => void;
    const syncStarted = new Promise<void>((r) => (sawSync = r));
    let syncs = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: { close: Method }, ...args: unknown[]) {
      events.push('write');
      const close = this.close; // `close` is an own property of each handle
      this.close = (...a: unknown[]) => {
        events.push('close');
        return close.apply(this, a);
      };
      return real.write.apply(this, args);
    });
    vi.spyOn(proto, 'writeFile').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      events.push('writeFile');
      return real.writeFile.apply(this, args);
    });
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
      const first = syncs++ === 0;
      events.push('sync');
      if (first) {
        sawSync();
        await syncGate; // hold the journal's fsync until the test has looked
      }
      const r = await real.sync.apply(this);
      if (first) events.push('sync done');
      return r;
    });

    let acknowledged = false;
    const done = store.append(id, [ack(1, MIN)]).then((r) => {
      acknowledged = true;
      return r;
    });
    await syncStarted;
    await new Promise((r) => setImmediate(r));
    // While the fsync runs: not acknowledged, the handle not closed, nothing else written.
    expect(events).toEqual(['write', 'sync']);
    expect(acknowledged).toBe(false);
    releaseSync();
    await expect(done).resolves.toEqual({ entryCount: 1, lastT: MIN });
    expect(events.slice(0, 4)).toEqual(['write', 'sync', 'sync done', 'close']);
    expect(parseJournal(await readFile(journalPath, 'utf8')).entries).toEqual([ack(1, MIN)]);
  });

  it('does not acknowledge when the fsync fails', async () => {
    const { id } = await store.create(miniSetup());
    const probe = await open(join(root, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    vi.spyOn(proto, 'sync').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    const e = await apiError(store.append(id, [ack(1, MIN)]));
    expect(e.code).toBe('io');
    expect(e.message).toContain('EIO');
  });

  it('updates entryCount and lastT in the meta', async () => {
    const { id } = await store.create(miniSetup());
    await store.append(id, [ack(1, MIN), note(2, 2 * MIN)]);
    await store.append(id, [note(3, 3 * MIN)]);
    const { exercises } = await store.list();
    expect(exercises[0]).toMatchObject({ id, entryCount: 3, lastT: 3 * MIN });
  });

  it.each([
    ['a duplicate', [ack(1, MIN)], 'entry 1 is already in the journal'],
    ['a gap', [note(3, 2 * MIN)], 'entries 2–2 are missing'],
    ['time going backwards', [note(2, 30_000)], 'time goes backwards'],
  ])('rejects %s with a conflict and writes nothing', async (_what, batch, message) => {
    const { id } = await store.create(miniSetup());
    await store.append(id, [ack(1, MIN)]);
    const journalPath = join(root, 'exercises', id, 'journal.jsonl');
    const before = await readFile(journalPath, 'utf8');
    const e = await apiError(store.append(id, batch));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(message);
    expect(await readFile(journalPath, 'utf8')).toBe(before);
  });

  it("rejects an input the engine refuses (the API's one check, appendChecked), and writes nothing", async () => {
    const { id } = await store.create(miniSetup());
    const journalPath = join(root, 'exercises', id, 'journal.jsonl');
    const before = await readFile(journalPath, 'utf8');
    const e = await apiError(appendChecked(store, id, [{ seq: 1, t: MIN, input: { type: 'CONTAIN', containmentId: 'no-such-thing' } }]));
    expect(e.code).toBe('invalid-request');
    expect(e.message).toContain('unknown containment "no-such-thing"');
    expect(await readFile(journalPath, 'utf8')).toBe(before);
    // and the exercise still takes the right input afterwards
    await expect(appendChecked(store, id, [{ seq: 1, t: MIN, input: { type: 'CONTAIN', containmentId: 'rollback-prompt' } }])).resolves.toEqual({
      entryCount: 1,
      lastT: MIN,
    });
  });

  it('#18: the store appends what its caller validated and never replays the journal to check it', async () => {
    const { id } = await store.create(miniSetup());
    await store.append(id, [ack(1, MIN)]);
    const replay = vi.spyOn(ExerciseRun, 'replay');
    const apply = vi.spyOn(ExerciseRun.prototype, 'apply');
    // Re-read from disk (another store on the same folder) and appended to: still no engine.
    const fresh = fixedStore(root);
    await expect(fresh.append(id, [note(2, 2 * MIN), note(3, 3 * MIN)])).resolves.toEqual({ entryCount: 3, lastT: 3 * MIN });
    await expect(store.append(id, [note(4, 4 * MIN)])).resolves.toEqual({ entryCount: 4, lastT: 4 * MIN });
    expect(replay).not.toHaveBeenCalled();
    expect(apply).not.toHaveBeenCalled();
    // What it does check is the file's own continuity.
    expect((await apiError(store.append(id, [note(4, 5 * MIN)]))).message).toContain('entry 4 is already in the journal');
  });

  it('checks continuity against the disk, not a stale memory (another process appended)', async () => {
    const { id } = await store.create(miniSetup());
    await store.append(id, [ack(1, MIN)]);
    const path = join(root, 'exercises', id, 'journal.jsonl');
    await appendFile(path, await nextLine(path, note(2, 2 * MIN, 'from the CLI')));
    expect((await apiError(store.append(id, [note(2, 3 * MIN)]))).code).toBe('conflict');
    await expect(store.append(id, [note(3, 3 * MIN)])).resolves.toEqual({ entryCount: 3, lastT: 3 * MIN });
  });

  it('serialises concurrent appends to one exercise', async () => {
    const { id } = await store.create(miniSetup());
    const results = await Promise.allSettled([store.append(id, [ack(1, MIN)]), store.append(id, [note(2, 2 * MIN)]), store.append(id, [note(3, 3 * MIN)])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(parseJournal(await readFile(join(root, 'exercises', id, 'journal.jsonl'), 'utf8')).entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe('torn journal tail', () => {
  it('loads the whole entries with a warning, then repairs the tail on the next append without losing the bytes', async () => {
    const { id } = await store.create(miniSetup());
    await store.append(id, [ack(1, MIN), note(2, 2 * MIN)]);
    const dir = join(root, 'exercises', id);
    const torn = '{"seq":3,"t":180000,"input":{"type":"NO';
    await appendFile(join(dir, 'journal.jsonl'), torn);

    const fresh = fixedStore(root); // as after a restart
    const loaded = await fresh.load(id);
    expect(loaded.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(loaded.warnings.join(' ')).toContain('cut off mid-write');
    expect(loaded.meta.entryCount).toBe(2);

    await expect(fresh.append(id, [note(3, 3 * MIN, 'after the crash')])).resolves.toEqual({ entryCount: 3, lastT: 3 * MIN });
    const after = await fresh.load(id);
    expect(after.warnings).toEqual([]);
    expect(after.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    const kept = (await readdir(dir)).filter((f) => f.startsWith('journal.torn-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(torn);
  });

  it('keeps a whole last line that only lacks its newline', async () => {
    const { id } = await store.create(miniSetup());
    const dir = join(root, 'exercises', id);
    await appendFile(join(dir, 'journal.jsonl'), (await nextLine(join(dir, 'journal.jsonl'), ack(1, MIN))).trimEnd());
    const fresh = fixedStore(root);
    await fresh.append(id, [note(2, 2 * MIN)]);
    expect((await fresh.load(id)).entries.map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('list', () => {
  it('rebuilds a corrupt meta.json from the journal header, keeps the damaged file aside, and still lists the exercise', async () => {
    const a = await store.create(miniSetup({ team: 'A' }));
    const b = await store.create(miniSetup({ team: 'B' }));
    const c = await store.create(miniSetup({ team: 'C' }));
    const badMeta = join(root, 'exercises', b.id, 'meta.json');
    const halfWritten = '{"id":"' + b.id + '","createdAt":"2026-01-0';
    await writeFile(badMeta, halfWritten);

    const { exercises, problems } = await store.list();
    expect(exercises.map((e) => e.team).sort()).toEqual(['A', 'B', 'C']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toContain(b.id);
    expect(problems[0]!.file).toContain('meta.json');
    expect(problems[0]!.message).toContain('not JSON');
    expect(problems[0]!.message).toContain('rebuilt from the journal');
    const aside = (await readdir(join(root, 'exercises', b.id))).find((f) => f.startsWith('meta.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(root, 'exercises', b.id, aside!), 'utf8')).toBe(halfWritten);
    expect(exercises.map((e) => e.id)).toEqual([c.id, b.id, a.id]); // newest first
    expect((await store.list()).problems).toEqual([]);
  });

  it('reports a meta.json that is JSON but not an exercise, naming the field', async () => {
    const a = await store.create(miniSetup());
    await writeFile(join(root, 'exercises', a.id, 'meta.json'), JSON.stringify({ id: a.id, team: 3 }));
    const { exercises, problems } = await store.list();
    expect(exercises.map((e) => [e.id, e.team])).toEqual([[a.id, 'Blue team']]);
    expect(problems[0]!.message).toContain('team');
  });

  it('rebuilds a missing meta.json from the journal header, says so, and writes it back', async () => {
    const a = await store.create(miniSetup());
    await store.append(a.id, [ack(1, MIN)]);
    await store.list(); // the meta follows the acknowledged append; a list waits for it
    const { rm } = await import('node:fs/promises');
    await rm(join(root, 'exercises', a.id, 'meta.json'));

    const first = await store.list();
    expect(first.exercises).toHaveLength(1);
    expect(first.exercises[0]).toMatchObject({
      id: a.id,
      scenarioId: 'mini',
      scenarioTitle: 'Mini incident',
      seed: 7,
      entryCount: 1,
      lastT: MIN,
      status: 'running',
    });
    expect(first.problems[0]!.message).toContain('rebuilt from the journal');
    expect(existsSync(join(root, 'exercises', a.id, 'meta.json'))).toBe(true);
    expect((await store.list()).problems).toEqual([]);
  });

  it('reports a folder with neither meta nor journal, and one with a foreign name', async () => {
    await mkdir(join(root, 'exercises', 'ex-empty'), { recursive: true });
    await mkdir(join(root, 'exercises', 'not an id!'), { recursive: true });
    const { problems } = await store.list();
    expect(problems.map((p) => p.file).sort()).toEqual([join(root, 'exercises', 'ex-empty'), join(root, 'exercises', 'not an id!')]);
  });

  it('lists an empty store without error', async () => {
    await expect(store.list()).resolves.toEqual({ exercises: [], problems: [] });
  });

  // How fast is `npm run bench` (bench/store.ts): a test never asserts a wall-clock duration.
  it('lists 500 exercises from their metas', { timeout: 60_000 }, async () => {
    const template = await store.create(miniSetup());
    const meta = JSON.parse(await readFile(join(root, 'exercises', template.id, 'meta.json'), 'utf8')) as ExerciseMeta;
    await Promise.all(
      Array.from({ length: 499 }, async (_, i) => {
        const id = `ex-20260105-1000${String(i).padStart(3, '0')}-bulk`;
        await mkdir(join(root, 'exercises', id));
        await writeFile(join(root, 'exercises', id, 'meta.json'), JSON.stringify({ ...meta, id }));
      }),
    );
    const { exercises, problems } = await store.list();
    expect(exercises).toHaveLength(500);
    expect(problems).toEqual([]);
  });
});

describe('delete and restore', () => {
  it('moves to the trash and back', async () => {
    const a = await store.create(miniSetup());
    const b = await store.create(miniSetup());
    await expect(store.delete(a.id)).resolves.toEqual({ deleted: a.id });
    expect((await store.list()).exercises.map((e) => e.id)).toEqual([b.id]);
    expect(existsSync(join(root, 'trash', a.id, 'journal.jsonl'))).toBe(true);
    const gone = await apiError(store.load(a.id));
    expect(gone.code).toBe('not-found');
    expect(gone.message).toContain('trash');

    const withDeleted = await store.list({ includeDeleted: true });
    expect(withDeleted.exercises.find((e) => e.id === a.id)).toMatchObject({ deleted: true });

    await expect(store.restore(a.id)).resolves.toEqual({ restored: a.id });
    expect((await store.list()).exercises.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect((await apiError(store.restore(a.id))).code).toBe('not-found');
    expect((await apiError(store.delete('ex-nope'))).code).toBe('not-found');
  });

  it('appends again after a restore', async () => {
    const a = await store.create(miniSetup());
    await store.append(a.id, [ack(1, MIN)]);
    await store.delete(a.id);
    expect((await apiError(store.append(a.id, [note(2, 2 * MIN)]))).code).toBe('not-found');
    await store.restore(a.id);
    await expect(store.append(a.id, [note(2, 2 * MIN)])).resolves.toEqual({ entryCount: 2, lastT: 2 * MIN });
  });
});

describe('finish and debrief', () => {
  it('scores a finished exercise into its meta; an abandoned one keeps no score', async () => {
    const a = await store.create(miniSetup());
    await store.append(a.id, [ack(1, HOUR + 5 * MIN), { seq: 2, t: HOUR + 6 * MIN, input: { type: 'CONTAIN', containmentId: 'rollback-prompt' } }]);
    const finished = await finishExercise(store, a.id, 'finished');
    expect(finished.status).toBe('finished');
    expect(finished.outcome).not.toBeNull();
    expect(finished.outcome!.overall).toBeGreaterThan(0);
    expect((await store.list()).exercises[0]!.outcome).toEqual(finished.outcome);

    const b = await store.create(miniSetup());
    await expect(finishExercise(store, b.id, 'abandoned')).resolves.toMatchObject({ status: 'abandoned', outcome: null });
  });

  it('#19: a finished discussion-based exercise keeps no engine score (its ratings judge it; History lists it unscored)', async () => {
    const source = discussionBaseYaml({ id: 'board-tabletop', title: 'Board tabletop', start: '2026-03-09T09:00', horizon: 90 * MIN });
    const d = await store.create(miniSetup({ scenarioId: 'board-tabletop', scenarioSource: source, participants: [] }));
    await store.append(d.id, [{ seq: 1, t: 45 * MIN, input: { type: 'END', reason: 'Discussion over' } }]);
    await expect(finishExercise(store, d.id, 'finished')).resolves.toMatchObject({ status: 'finished', outcome: null });
  });

  it('saves the debrief atomically and keeps a damaged old one aside', async () => {
    const a = await store.create(miniSetup());
    const debrief = {
      actionItems: [{ id: 'a1', text: 'Add an alert', owner: 'Ana', due: '2026-02-01', status: 'open' as const }],
      observations: [],
      adjustments: [],
    };
    await store.saveDebrief(a.id, debrief);
    expect((await store.load(a.id)).debrief).toEqual(debrief);

    const dir = join(root, 'exercises', a.id);
    await writeFile(join(dir, 'debrief.json'), '{"actionItems": [');
    const loaded = await store.load(a.id);
    expect(loaded.debrief).toEqual({ actionItems: [], observations: [], adjustments: [] });
    expect(loaded.warnings.join(' ')).toContain('debrief.json is not JSON');
    await store.saveDebrief(a.id, debrief);
    const aside = (await readdir(dir)).filter((f) => f.startsWith('debrief.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe('{"actionItems": [');
  });
});

describe('improvement-plan counts and meta.json fields', () => {
  const item = (id: string, status: 'open' | 'closed') => ({ id, text: `Do ${id}`, owner: 'Ana', due: '2026-02-01', status });

  it('saveDebrief keeps the plan counts in meta.json, and list() reads them back', async () => {
    const a = await store.create(miniSetup());
    expect((await store.list()).exercises[0]!.plan).toBeUndefined();
    await store.saveDebrief(a.id, { actionItems: [item('a1', 'open'), item('a2', 'closed'), item('a3', 'open')], observations: [], adjustments: [] });
    const onDisk = JSON.parse(await readFile(join(root, 'exercises', a.id, 'meta.json'), 'utf8')) as ExerciseMeta;
    expect(onDisk.plan).toEqual({ open: 2, closed: 1 });
    expect((await store.list()).exercises[0]!.plan).toEqual({ open: 2, closed: 1 });
    expect((await store.load(a.id)).meta.plan).toEqual({ open: 2, closed: 1 });

    await store.saveDebrief(a.id, { actionItems: [item('a1', 'closed')], observations: [], adjustments: [] });
    expect((await store.list()).exercises[0]!.plan).toEqual({ open: 0, closed: 1 });
    // written atomically: no temporary files left beside it
    expect((await readdir(join(root, 'exercises', a.id))).sort()).toEqual(['debrief.json', 'journal.header', 'journal.jsonl', 'meta.json']);
  });

  it("reads a finished exercise's full outcome (targets, notifyMet) and plan back unchanged", async () => {
    const a = await store.create(miniSetup());
    await store.append(a.id, [ack(1, HOUR + 5 * MIN), { seq: 2, t: HOUR + 6 * MIN, input: { type: 'CONTAIN', containmentId: 'rollback-prompt' } }]);
    const finished = await finishExercise(store, a.id, 'finished');
    expect(finished.outcome!.targets).toEqual({ mttd: expect.any(Number), mttc: expect.any(Number) });
    expect(finished.outcome).toHaveProperty('notifyMet');
    await store.saveDebrief(a.id, { actionItems: [item('a1', 'open')], observations: [], adjustments: [] });
    const listed = (await store.list()).exercises[0]!;
    expect(listed.outcome).toEqual(finished.outcome);
    expect(listed.plan).toEqual({ open: 1, closed: 0 });
    expect(listed.status).toBe('finished');
  });

  it('reads an outcome from an older version (no targets) as not scored, and a malformed plan as not counted, without hiding the exercise', async () => {
    const a = await store.create(miniSetup());
    await store.append(a.id, [ack(1, HOUR + 5 * MIN)]);
    const finished = await finishExercise(store, a.id, 'finished');
    const path = join(root, 'exercises', a.id, 'meta.json');
    const { targets: _t, notifyMet: _n, ...oldOutcome } = finished.outcome!;
    await writeFile(path, JSON.stringify({ ...finished, outcome: oldOutcome, plan: { open: -1, closed: 'x' } }));
    const { exercises, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(exercises[0]).toMatchObject({ id: a.id, status: 'finished', outcome: null });
    expect(exercises[0]!.plan).toBeUndefined();
  });

  it("an imported exercise's plan counts follow the debrief it brings", async () => {
    const a = await store.create(miniSetup());
    await store.saveDebrief(a.id, { actionItems: [item('a1', 'open'), item('a2', 'closed')], observations: [], adjustments: [] });
    const archive = JSON.parse((await store.exportArchive([a.id])).text) as { exercises: { meta: ExerciseMeta }[] };
    expect(archive.exercises[0]!.meta.plan).toEqual({ open: 1, closed: 1 });
    archive.exercises[0]!.meta.plan = { open: 9, closed: 9 }; // disagrees with the debrief
    const other = await tempDir();
    try {
      const target = fixedStore(other.dir);
      await expect(target.importArchive(JSON.stringify(archive))).resolves.toMatchObject({ imported: [a.id] });
      expect((await target.list()).exercises[0]!.plan).toEqual({ open: 1, closed: 1 });
    } finally {
      await other.cleanup();
    }
  });
});

describe('archives', () => {
  it('exports and imports exercises; a re-import adds no duplicates', async () => {
    const a = await store.create(miniSetup({ team: 'A' }));
    await store.append(a.id, [ack(1, MIN)]);
    const b = await store.create(miniSetup({ team: 'B' }));
    await store.saveDebrief(b.id, { actionItems: [], observations: [{ id: 'o1', t: null, text: 'Calm' }], adjustments: [] });
    const { text, fileName } = await store.exportArchive([a.id, b.id]);
    expect(fileName).toMatch(/\.firebreak\.json$/);
    expect(JSON.parse(text).format).toBe('firebreak-archive/1');

    const other = await tempDir();
    try {
      const target = fixedStore(other.dir);
      await expect(target.importArchive(text)).resolves.toEqual({ imported: [a.id, b.id], skipped: [], problems: [] });
      const loadedA = await target.load(a.id);
      expect(loadedA.journalText).toBe((await store.load(a.id)).journalText);
      expect(loadedA.meta).toMatchObject({ team: 'A', entryCount: 1 });
      expect((await target.load(b.id)).debrief.observations[0]!.text).toBe('Calm');

      await expect(target.importArchive(text)).resolves.toEqual({ imported: [], skipped: [a.id, b.id], problems: [] });
      expect((await readdir(join(other.dir, 'exercises'))).sort()).toEqual([a.id, b.id].sort());
      // the imported exercise continues where it was
      await expect(target.append(a.id, [note(2, 2 * MIN)])).resolves.toEqual({ entryCount: 2, lastT: 2 * MIN });
    } finally {
      await other.cleanup();
    }
  });

  it('re-importing into the original store skips; a different journal under the same id is reported and left alone', async () => {
    const a = await store.create(miniSetup());
    const { text } = await store.exportArchive([a.id]);
    await expect(store.importArchive(text)).resolves.toEqual({ imported: [], skipped: [a.id], problems: [] });
    await store.append(a.id, [ack(1, MIN)]);
    const journalBefore = (await store.load(a.id)).journalText;
    const r = await store.importArchive(text);
    expect(r.imported).toEqual([]);
    expect(r.problems[0]!.file).toContain(a.id);
    expect(r.problems[0]!.message).toContain('different journal');
    expect((await store.load(a.id)).journalText).toBe(journalBefore);
  });

  it('reports bad items one by one and imports the good ones', async () => {
    const good = await store.create(miniSetup());
    const item = JSON.parse((await store.exportArchive([good.id])).text).exercises[0];
    const parsed = parseJournal(item.journalText);
    const evilJournal = serializeJournal({ ...parsed, header: { ...parsed.header, exerciseId: '../../escape' } });
    const archive = {
      format: 'firebreak-archive/1',
      exercises: [{ ...item, journalText: 'not a journal' }, { ...item, journalText: evilJournal }, { meta: { id: 'x' } }, item],
    };
    const other = await tempDir();
    try {
      const r = await fixedStore(other.dir).importArchive(JSON.stringify(archive));
      expect(r.imported).toEqual([good.id]);
      expect(r.problems.map((p) => p.file)).toEqual([`archive item 1 (${good.id})`, `archive item 2 (${good.id})`, 'archive item 3 (x)']);
      expect(r.problems[0]!.message).toContain('journal');
      expect(r.problems[1]!.message).toContain('not a valid exercise id');
      expect(existsSync(join(other.dir, 'escape'))).toBe(false);
    } finally {
      await other.cleanup();
    }
  });

  it('refuses text that is not an archive', async () => {
    expect((await apiError(store.importArchive('{"format":"zip"}'))).message).toContain('format');
    expect((await apiError(store.importArchive('PK\u0003\u0004'))).code).toBe('invalid-request');
  });
});

describe("#19: the team's Exercise Overview is remembered for its next exercise", () => {
  const overview = { sponsor: 'Chief Risk Officer', location: 'Room 4.12, Leeds', participatingOrganizations: ['Risk', 'Lending'], evaluators: ['Eve'] };
  it("a new exercise of the same team starts with the overview its last debrief entered; another team's does not", async () => {
    const a = await store.create(miniSetup());
    await store.saveDebrief(a.id, { actionItems: [], observations: [], adjustments: [], overview });
    const b = await store.create(miniSetup());
    expect((await store.load(b.id)).debrief.overview).toEqual(overview);
    // It is stored with the new exercise (every reader, the CLI's report too, sees it).
    expect(JSON.parse(await readFile(join(root, 'exercises', b.id, 'debrief.json'), 'utf8')).overview).toEqual(overview);
    const red = await store.create(miniSetup({ team: 'Red team' }));
    expect((await store.load(red.id)).debrief.overview).toBeUndefined();
    // The latest exercise's overview wins; an exercise whose overview is all empty is passed over.
    await store.saveDebrief(b.id, { actionItems: [], observations: [], adjustments: [], overview: { ...overview, location: 'Online' } });
    const c = await store.create(miniSetup());
    await store.saveDebrief(c.id, { actionItems: [], observations: [], adjustments: [], overview: { sponsor: '  ', evaluators: [] } });
    const d = await store.create(miniSetup());
    expect((await store.load(d.id)).debrief.overview).toMatchObject({ location: 'Online', sponsor: 'Chief Risk Officer' });
    // Nothing else is carried: the plan, observations and adjustments start empty.
    expect((await store.load(d.id)).debrief).toMatchObject({ actionItems: [], observations: [], adjustments: [] });
  });
});
