/**
 * #22: "Publish to programme server" from the app's host, through the invoke handlers the
 * renderer calls, against a real programme server on a real PostgreSQL that goes down and comes
 * back. Exercises are made the way the app makes them (ExerciseStore: create, append, finish,
 * debrief), so the app's own score is the claim the server re-checks.
 *
 * What a facilitator would notice: the token is kept (0600) and never comes back to the page; a
 * server that is down, or up with its database down, gives "queued" with the reason and loses
 * nothing (the queue is on disk, and a new host sends it when it starts); publishing twice stores
 * one exercise; a damaged journal is refused with its line; a refused token is refused, and the
 * exercise goes back to the queue when a new token is saved.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createHandlers } from '../../../host/api-handlers.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import { PublishQueue, retryDelay } from '../../../host/programme/publish/publish-queue.ts';
import { publishCommand } from '../../../host/programme/publish/publish-command.ts';
import { buildServer } from '../../../host/programme/server/app.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import type { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import type { CliIo } from '../../../host/cli/main.ts';
import { fixedStore, tempDir } from '../host/host-helpers.ts';
import { appExercise } from './app-exercise.ts';
import { freshDatabase, startPostgres, type TestCluster } from './databases.ts';
import { lastAgreed } from '../../../host/programme/publish/publish-client.ts';
import { freePort } from '../../free-port.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function handlersFor(store: ExerciseStore, publisher: PublishQueue) {
  return createHandlers({
    store,
    library: new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(store.rootDir, 'scenarios') }),
    renderReport: () => '',
    printPdf: async () => new Uint8Array(),
    chooseSaveTarget: async () => ({ kind: 'download' }),
    openProjector: async () => false,
    publisher,
  });
}

function io(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (s) => out_.push(s), err: (s) => err_.push(s), readFile: () => Buffer.alloc(0), writeFile: () => undefined };
}

describe('publishing from the app, with the server or its database down (real PostgreSQL)', () => {
  let cluster: TestCluster;
  let serverDir: { dir: string; cleanup: () => Promise<void> };
  let desk: { dir: string; cleanup: () => Promise<void> };
  let programme: ProgrammeStore;
  let app: FastifyInstance | null = null;
  let port = 0;
  let token = '';
  let teamId = 0;
  const delays: number[] = [];

  const listen = async () => {
    app = buildServer(programme);
    const url = await app.listen({ port, host: '127.0.0.1' });
    port = Number(new URL(url).port);
    return url;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    serverDir = await tempDir('firebreak-publish-server-');
    desk = await tempDir('firebreak-publish-desk-');
    programme = new ProgrammeStore(await openDatabase({ url: await freshDatabase(cluster, 'programme_publish') }), serverDir.dir);
    const unit = await programme.addUnit('Payments');
    const fay = await programme.addPerson('Fay Facilitator');
    await programme.grant(fay, 'facilitator', unit);
    token = (await programme.createToken(fay, 'desktop')).token;
    teamId = await programme.addTeam(unit, 'Blue');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await programme?.close();
    await cluster?.stop();
    await serverDir?.cleanup();
    await desk?.cleanup();
  }, 120_000);

  it('queues durably while the server is down, publishes once when it is back, and never shows the token again', async () => {
    const store = fixedStore(desk.dir);
    const at = new Date('2026-03-02T10:00:00Z'); // the queue's clock stands still: its delays are exact
    const queue = new PublishQueue({
      dataDir: desk.dir,
      exercisePath: (id) => store.dirOf(id),
      now: () => at,
      schedule: (_fn, ms) => (delays.push(ms), () => undefined),
    });
    const h = handlersFor(store, queue);
    const id = await appExercise(store, 'Blue', [{ id: 'a1', text: 'Add a drift alert on approval rates', owner: 'Sam', due: '2026-04-01' }]);

    // Not set yet: asking to publish keeps the exercise queued and says what is missing.
    await h['programme:publish']({ exerciseIds: [id] });
    await queue.drain();
    let s = await h['programme:status']({});
    expect(s.configured).toBe(false);
    expect(s.items[0]).toMatchObject({ exerciseId: id, state: 'queued', message: expect.stringMatching(/no programme server is set/) });

    // Set once: the token is stored 0600 and only its last four characters come back.
    const url = `http://127.0.0.1:${await freePort()}`;
    const view = await h['programme:saveSettings']({ server: `${url}/`, token });
    expect(view).toEqual({ server: url, tokenHint: `…${token.slice(-4)}`, unit: null });
    expect(JSON.stringify(await h['programme:settings']({}))).not.toContain(token);
    const settingsFile = join(desk.dir, 'publishing', 'settings.json');
    expect((await stat(settingsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(desk.dir, 'publishing'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(settingsFile, 'utf8')).token).toBe(token);

    // Nobody listens there: queued with the reason, retried with a growing backoff.
    await queue.drain(true);
    await queue.drain(true);
    s = await h['programme:status']({});
    expect(s.items[0]).toMatchObject({ state: 'queued', attempts: 2, message: expect.stringMatching(/is not reachable/) });
    expect(delays.slice(-2)).toEqual([retryDelay(1), retryDelay(2)]);
    expect(retryDelay(2)).toBeGreaterThan(retryDelay(1));
    queue.stop();

    // The host stops; a new one (same data folder) finds the queue and sends it when it starts.
    port = Number(new URL(url).port);
    await listen();
    const restarted = new PublishQueue({ dataDir: desk.dir, exercisePath: (x) => store.dirOf(x), schedule: () => () => undefined });
    restarted.start();
    await restarted.drain();
    s = await restarted.status();
    expect(s.items[0]).toMatchObject({ exerciseId: id, state: 'published', team: 'Blue', unit: 'Payments', message: null });
    expect(await programme.counts()).toEqual({ exercises: 1, correctiveActions: 1 });

    // Publishing again (the button pressed twice, or from History) stores nothing new.
    const h2 = handlersFor(store, restarted);
    await h2['programme:publish']({ exerciseIds: [id] });
    await restarted.drain();
    expect((await restarted.status()).items[0]).toMatchObject({ state: 'published' });
    expect(await programme.counts()).toEqual({ exercises: 1, correctiveActions: 1 });

    // The setup screen's reminder: the team's corrective actions from the server.
    const hint = await h2['programme:teamActions']({ team: ' blue ' });
    expect(hint).toMatchObject({ connected: true, actions: [{ text: 'Add a drift alert on approval rates', status: 'open', owner: 'Sam', team: 'Blue' }] });
    expect((await h2['programme:teamActions']({ team: 'Green' })).actions).toEqual([]);
    restarted.stop();
  }, 240_000);

  it('the database being down gives a queued publish and a clear message, never a lost exercise', async () => {
    const store = fixedStore(desk.dir);
    const queue = new PublishQueue({ dataDir: desk.dir, exercisePath: (id) => store.dirOf(id), schedule: () => () => undefined });
    const h = handlersFor(store, queue);
    const id = await appExercise(store, 'Blue');
    cluster.halt();
    try {
      await h['programme:publish']({ exerciseIds: [id] });
      await queue.drain();
      const item = (await queue.status()).items.find((i) => i.exerciseId === id)!;
      expect(item.state).toBe('queued');
      expect(item.message).toMatch(/the server could not (register this installation|store the exercise) now \(500/);
      // The setup hint says nothing rather than something wrong.
      expect((await h['programme:teamActions']({ team: 'Blue' })).connected).toBe(false);
    } finally {
      cluster.resume();
    }
    await queue.drain(true);
    expect((await queue.status()).items.find((i) => i.exerciseId === id)).toMatchObject({ state: 'published' });
    expect((await programme.readiness({ personId: 0, name: 'lead', grants: [{ role: 'programme_lead', unitId: null }] }, teamId)).exercises).toBe(2);
    queue.stop();
  }, 240_000);

  it('refuses a damaged journal with its line, and a refused token until a new one is saved', async () => {
    const store = fixedStore(desk.dir);
    const queue = new PublishQueue({ dataDir: desk.dir, exercisePath: (id) => store.dirOf(id), schedule: () => () => undefined });
    const h = handlersFor(store, queue);
    const damaged = await appExercise(store, 'Blue');
    const journal = join(store.dirOf(damaged), 'journal.jsonl');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[3] = lines[3]!.replace('"t":', '"t": ');
    await writeFile(journal, lines.join('\n'));
    await h['programme:publish']({ exerciseIds: [damaged] }).catch(() => undefined); // the store may already refuse to load it
    await queue.enqueue([damaged]);
    await queue.drain();
    const refused = (await queue.status()).items.find((i) => i.exerciseId === damaged)!;
    expect(refused.state).toBe('refused');
    expect(refused.message).toMatch(/damaged at line 4/);

    // A wrong token: refused with the server's reason; saving a new token queues it again.
    const other = await appExercise(store, 'Blue');
    const url = `http://127.0.0.1:${port}`;
    await h['programme:saveSettings']({ server: url, token: 'fbp_wrong' });
    await h['programme:publish']({ exerciseIds: [other] });
    await queue.drain();
    expect((await queue.status()).items.find((i) => i.exerciseId === other)).toMatchObject({
      state: 'refused',
      message: expect.stringMatching(/unknown access token/),
    });
    await h['programme:saveSettings']({ server: url, token });
    await queue.drain();
    expect((await queue.status()).items.find((i) => i.exerciseId === other)).toMatchObject({ state: 'published' });
    // A running exercise is not published.
    const running = await store.create({
      scenarioId: 'silent-bias-drift',
      scenarioSource: readFileSync(join(ROOT, 'scenarios', 'silent-bias-drift.yaml'), 'utf8'),
      seed: 1,
      team: 'Blue',
      participants: [],
      mode: 'facilitated',
      speed: 60,
    });
    await expect(h['programme:publish']({ exerciseIds: [running.id] })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(h['programme:saveSettings']({ server: 'ftp://x' })).rejects.toMatchObject({ code: 'invalid-request' });
    queue.stop();
  }, 240_000);

  it('`firebreak publish` queues when the server is unreachable, and `--queued` sends it later', async () => {
    const store = fixedStore(desk.dir);
    const id = await appExercise(store, 'Blue');
    const cliData = join(desk.dir, 'cli');
    const down = io();
    const closedPort = await freePort();
    expect(await publishCommand({ positionals: [store.dirOf(id)], values: { server: `http://127.0.0.1:${closedPort}`, token, data: cliData } }, down, {})).toBe(
      1,
    );
    expect(down.err_.join()).toMatch(new RegExp(`not reachable.*${id} is queued \\(not published yet, nothing is lost\\)`));
    const queueFile = JSON.parse(await readFile(join(cliData, 'publishing', 'queue.json'), 'utf8')) as { items: { exerciseId: string; state: string }[] };
    expect(queueFile.items).toMatchObject([{ exerciseId: id, state: 'queued' }]);

    // The queued item names the server it was meant for: point it at the live one and send.
    const q = JSON.parse(await readFile(join(cliData, 'publishing', 'queue.json'), 'utf8')) as { items: { server: string }[] };
    q.items[0]!.server = `http://127.0.0.1:${port}`;
    await writeFile(join(cliData, 'publishing', 'queue.json'), JSON.stringify(q));
    const later = io();
    expect(await publishCommand({ positionals: [], values: { queued: true, data: cliData } }, later, {})).toBe(0);
    expect(later.out_.join()).toMatch(new RegExp(`${id}: published \\(team Blue, unit Payments`));
    const again = io();
    expect(await publishCommand({ positionals: [], values: { queued: true, data: cliData } }, again, {})).toBe(0);
    expect(again.out_.join()).toMatch(/nothing is queued/);
  }, 240_000);
});

describe("the setup screen's reminder (lastAgreed)", () => {
  const action = (id: number, exerciseId: string, team: string) => ({
    id,
    exerciseId,
    text: `action ${id}`,
    owner: null,
    due: '2026-12-01',
    status: 'open' as const,
    team,
  });
  const exercises = [
    { exerciseId: 'b1', team: 'Blue', startedAt: '2026-03-02T09:00:00.000Z' },
    { exerciseId: 'g1', team: 'Green', startedAt: '2026-09-01T09:00:00.000Z' },
    { exerciseId: 'b2', team: 'Blue', startedAt: '2026-05-10T09:00:00.000Z' },
  ];
  it('lists what the team agreed at its last published exercise only, not at its earlier ones', () => {
    const actions = [action(1, 'b1', 'Blue'), action(2, 'b2', 'Blue'), action(3, 'b2', 'Blue'), action(4, 'g1', 'Green')];
    expect(lastAgreed(' blue ', exercises, actions).map((a) => a.id)).toEqual([2, 3]);
    expect(lastAgreed('Green', exercises, actions).map((a) => a.id)).toEqual([4]);
    expect(lastAgreed('Red', exercises, actions)).toEqual([]);
  });
  it('lists nothing when the last exercise agreed to nothing, even if an earlier one did', () => {
    expect(lastAgreed('Blue', exercises, [action(1, 'b1', 'Blue')])).toEqual([]);
  });
});
