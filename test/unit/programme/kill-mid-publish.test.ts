/**
 * #22: killing the programme server (a real `firebreak server` child process, SIGKILL) during
 * publishes, on both databases, then starting it again on the same data folder.
 *
 * Each trial publishes a few bundles (each acknowledged), then kills the server at one of three
 * moments of the next publish: just after the request is sent, when its bundle file appears in
 * the server's folder (between the evidence write and the index transaction), or just after the
 * answer arrived (acknowledged). After the restart: every acknowledged exercise is there with all
 * of its corrective actions; no exercise is there with only some of its rows (one transaction per
 * bundle); the one in flight is either wholly there or absent, and sending it again (what the
 * desktop's queue does) publishes it exactly once. Bounded by a count of trials; no sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBundle, serializeBundle } from '../../../host/programme/evidence/bundle.ts';
import { generateInstallationKey } from '../../../host/programme/evidence/installation-key.ts';
import { openServerStore } from '../../../host/programme/server/server-data.ts';
import { tempDir } from '../host/host-helpers.ts';
import { DATABASE_KINDS, freshDatabase, startPostgres, type TestCluster } from './databases.ts';
import { finishedExercise } from './exercise-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Trials per database; the kill moment cycles through the three kinds. */
const TRIALS = Number(process.env.FB_PUBLISH_KILL_TRIALS ?? 3);
const ACTIONS_PER_EXERCISE = 2;
const KILL_POINTS = ['sent', 'bundle-on-disk', 'acknowledged'] as const;

const key = generateInstallationKey();
/** Enough distinct finished exercises for every trial (each publishes trial+1, then one in flight). */
const bundles = Array.from({ length: (TRIALS * (TRIALS + 3)) / 2 + 1 }, (_, i) => {
  const b = makeBundle(
    finishedExercise({
      exerciseId: `ex-kill-${i}`,
      team: `Team ${i % 4}`,
      actionItems: Array.from({ length: ACTIONS_PER_EXERCISE }, (_, j) => ({
        id: `a${j}`,
        text: `Action ${j} of exercise ${i}`,
        owner: 'Sam',
        due: '2026-04-01',
        status: 'open' as const,
      })),
    }),
    key,
  );
  return { exerciseId: b.exerciseId, digest: b.digest, text: serializeBundle(b) };
});

interface Server {
  url: string;
  proc: ChildProcess;
  exited: Promise<void>;
}

/** Starts `firebreak server` on the data folder and resolves with its address once it listens. */
function startServer(dataDir: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/firebreak.mjs'), 'server', '--port', '0', '--data', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) resolve({ url: m[1]!, proc, exited });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => reject(new Error(`firebreak server exited (${code}) before listening:\n${out}\n${err}`)));
  });
}

async function kill9(s: Server): Promise<void> {
  s.proc.kill('SIGKILL');
  await s.exited;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function publish(url: string, token: string, text: string): Promise<Response> {
  return fetch(`${url}/api/v1/bundles`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/vnd.firebreak.bundle' }, body: text });
}

/** Resolves when the bundle's file is in the server's folder, the request settled, or the server is gone. */
async function untilBundleFile(dataDir: string, digest: string, settled: () => boolean): Promise<void> {
  const name = `${digest.slice('sha256:'.length)}.fbbundle`;
  for (;;) {
    if (settled()) return;
    if ((await readdir(join(dataDir, 'bundles')).catch(() => [] as string[])).includes(name)) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe.each(DATABASE_KINDS)('kill -9 of the programme server during publishes (%s)', (kind) => {
  let cluster: TestCluster | null = null;
  let dir: { dir: string; cleanup: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let token = '';
  let server: Server | null = null;

  beforeAll(async () => {
    dir = await tempDir('firebreak-kill-publish-');
    env = { FIREBREAK_SERVER_DATA: '', DATABASE_URL: '' };
    if (kind === 'postgresql') {
      cluster = await startPostgres();
      env.DATABASE_URL = await freshDatabase(cluster, 'programme_kill');
    }
    const store = await openServerStore(join(dir.dir, 'server'), env.DATABASE_URL ? env : {});
    try {
      const unit = await store.addUnit('Payments');
      const fay = await store.addPerson('Fay Facilitator');
      await store.grant(fay, 'facilitator', unit);
      token = (await store.createToken(fay, 'desktop')).token;
    } finally {
      await store.close();
    }
  }, 300_000);

  afterAll(async () => {
    if (server) await kill9(server);
    await cluster?.stop();
    await dir?.cleanup();
  }, 120_000);

  it(`${TRIALS} kills at spread moments lose nothing acknowledged and leave no half-published exercise`, { timeout: 1_800_000 }, async () => {
    const dataDir = join(dir.dir, 'server');
    const childEnv = env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : { DATABASE_URL: '' };
    const acknowledged = new Set<string>();
    let next = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      server = await startServer(dataDir, childEnv);
      const k = await fetch(`${server.url}/api/v1/keys`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify({ publicKey: key.publicPem }),
      });
      expect(k.status).toBe(200);
      for (let i = 0; i <= trial; i++) {
        const b = bundles[next++]!;
        const r = await publish(server.url, token, b.text);
        expect(r.status).toBe(201);
        acknowledged.add(b.exerciseId);
      }
      // The publish the kill lands in.
      const inFlight = bundles[next++]!;
      const point = KILL_POINTS[trial % KILL_POINTS.length]!;
      let settled = false;
      const answer = publish(server.url, token, inFlight.text).then(
        (r) => ((settled = true), r.status),
        () => ((settled = true), null),
      );
      if (point === 'bundle-on-disk') await untilBundleFile(dataDir, inFlight.digest, () => settled);
      if (point === 'acknowledged') {
        const status = await answer;
        expect(status).toBe(201);
        acknowledged.add(inFlight.exerciseId);
      }
      await kill9(server);
      const status = await answer;
      if (status === 201) acknowledged.add(inFlight.exerciseId);

      // Started again on the same folder.
      server = await startServer(dataDir, childEnv);
      const listed = (await (await fetch(`${server.url}/api/v1/exercises`, { headers: auth(token) })).json()) as {
        exercises: { exerciseId: string; digest: string }[];
      };
      const actions = (await (await fetch(`${server.url}/api/v1/corrective-actions`, { headers: auth(token) })).json()) as {
        actions: { exerciseId: string }[];
      };
      const ids = listed.exercises.map((e) => e.exerciseId);
      // Nothing acknowledged is lost.
      for (const id of acknowledged) expect(ids, `${kind}, trial ${trial} (${point}): ${id} was acknowledged`).toContain(id);
      // Nothing is there twice, nothing is there that was never sent, and nothing is half there.
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(bundles.slice(0, next).map((b) => b.exerciseId)).toContain(id);
      for (const id of ids)
        expect(
          actions.actions.filter((a) => a.exerciseId === id),
          `${id}'s corrective actions`,
        ).toHaveLength(ACTIONS_PER_EXERCISE);
      expect(actions.actions).toHaveLength(ids.length * ACTIONS_PER_EXERCISE);
      // The one in flight is wholly there or absent; sending it again (the desktop's queue) publishes it once.
      const again = await publish(server.url, token, inFlight.text);
      expect([200, 201]).toContain(again.status);
      expect(((await again.json()) as { status: string }).status).toBe(ids.includes(inFlight.exerciseId) ? 'already-published' : 'published');
      acknowledged.add(inFlight.exerciseId);
      const after = (await (await fetch(`${server.url}/api/v1/exercises`, { headers: auth(token) })).json()) as { exercises: { exerciseId: string }[] };
      expect(after.exercises.map((e) => e.exerciseId).sort()).toEqual([...acknowledged].sort());
      await kill9(server);
      server = null;
    }
  });
});
