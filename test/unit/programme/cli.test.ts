/**
 * `firebreak server token | reindex` and `firebreak publish` against a running programme server on
 * a real PostgreSQL (DATABASE_URL): a facilitator's token made from the command line publishes an
 * exercise folder once, a second publish stores nothing new, an unreachable server publishes
 * nothing, queues it and says so, and reindex rebuilds from the bundles.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CliIo } from '../../../host/cli/main.ts';
import { buildServer } from '../../../host/programme/server/app.ts';
import { serverCommand } from '../../../host/programme/server/server-command.ts';
import { openServerStore } from '../../../host/programme/server/server-data.ts';
import { publishCommand } from '../../../host/programme/publish/publish-command.ts';
import type { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import { freshDatabase, startPostgres, type TestCluster } from './databases.ts';
import { finishedExercise } from './exercise-fixtures.ts';

function io(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (s) => out_.push(s), err: (s) => err_.push(s), readFile: () => Buffer.alloc(0), writeFile: () => undefined };
}

describe('firebreak server and publish (PostgreSQL via DATABASE_URL)', () => {
  let cluster: TestCluster;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let store: ProgrammeStore;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    dir = await mkdtemp(join(tmpdir(), 'firebreak-cli-server-'));
    env = { DATABASE_URL: await freshDatabase(cluster, 'programme_cli'), FIREBREAK_SERVER_DATA: join(dir, 'server') };
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('makes a token, publishes an exercise folder once, refuses nothing silently, and reindexes', async () => {
    const t = io();
    expect(await serverCommand({ positionals: ['token', 'Fay', 'Facilitator'], values: { role: 'facilitator', unit: 'Payments' } }, t, env)).toBe(0);
    expect(t.out_.join('\n')).toMatch(/Fay Facilitator: facilitator of Payments; token 1/);
    const token = t.out_.join('\n').match(/fbp_[\w-]+/)![0];
    await expect(serverCommand({ positionals: ['token', 'Nobody'], values: { role: 'viewer' } }, io(), env)).rejects.toThrow(/viewer needs --unit/);

    store = await openServerStore(env.FIREBREAK_SERVER_DATA!, env);
    app = buildServer(store);
    url = await app.listen({ port: 0, host: '127.0.0.1' });

    const folder = join(dir, 'exercise');
    await mkdir(folder);
    const files = finishedExercise({ exerciseId: 'ex-cli-1', team: 'Blue' });
    await writeFile(join(folder, 'journal.jsonl'), files['journal.jsonl']!);
    await writeFile(join(folder, 'debrief.json'), files['debrief.json']!);
    await writeFile(join(folder, 'meta.json'), JSON.stringify({ outcome: JSON.parse(files['outcome.json']!) }));
    const desk = join(dir, 'desktop-data');

    const p1 = io();
    expect(await publishCommand({ positionals: [folder], values: { server: url, token, data: desk } }, p1, {})).toBe(0);
    expect(p1.out_.join()).toMatch(/ex-cli-1: published \(team Blue, unit Payments; score \d+ as re-scored by the server/);
    const p2 = io();
    expect(await publishCommand({ positionals: [folder], values: { server: url, token, data: desk } }, p2, {})).toBe(0);
    expect(p2.out_.join()).toMatch(/already published/);
    expect(await store.counts()).toMatchObject({ exercises: 1 });

    const bad = io();
    expect(await publishCommand({ positionals: [folder], values: { server: url, token: 'fbp_wrong', data: desk } }, bad, {})).toBe(1);
    expect(bad.err_.join()).toMatch(/401: unknown access token/);
    const down = io();
    expect(await publishCommand({ positionals: [folder], values: { server: 'http://127.0.0.1:1', token, data: desk } }, down, {})).toBe(1);
    expect(down.err_.join()).toMatch(/not reachable.*ex-cli-1 is queued \(not published yet, nothing is lost\)/);

    const r = io();
    expect(await serverCommand({ positionals: ['reindex'], values: {} }, r, env)).toBe(0);
    expect(r.out_.join()).toMatch(/reindexed 1 bundle/);
    expect(await store.counts()).toMatchObject({ exercises: 1 });
  }, 180_000);
});

describe('the embedded database is one process’s', () => {
  it('refuses to open a server data folder whose PGlite another live process holds, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-lock-'));
    try {
      // The parent process (the test runner) stands in for a running `firebreak server`.
      await writeFile(join(dir, 'server.lock'), String(process.ppid));
      await expect(openServerStore(dir, {})).rejects.toThrow(new RegExp(`in use by process ${process.ppid}.*stop it first`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
