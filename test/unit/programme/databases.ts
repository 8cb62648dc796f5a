/**
 * The two databases every programme store and API test runs on: PGlite (embedded, the default)
 * and a real PostgreSQL server on a throwaway cluster (Debian's postgresql, installed by .ci/run).
 *
 * The cluster is made in a temporary folder with initdb, started with pg_ctl on 127.0.0.1 and a
 * free port, and stopped and removed at the end. initdb refuses root: as root the cluster belongs
 * to the `postgres` user and its commands run through runuser. No PostgreSQL binaries is a FAILED
 * test, never a skip: the suite must not pass while testing only one of the two.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../../host/programme/store/database.ts';
import { freePort } from '../../free-port.ts';

export const DATABASE_KINDS = ['pglite', 'postgresql'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The newest installed PostgreSQL's bin folder, or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

export interface TestCluster {
  url: string;
  stop(): Promise<void>;
  /** #22: the database goes down (immediate shutdown, as a crash would) and comes back, same data. */
  halt(): void;
  resume(): void;
}

/** Starts a throwaway PostgreSQL cluster. Throws (failing the test) when PostgreSQL is not installed. */
export async function startPostgres(): Promise<TestCluster> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'a real PostgreSQL is needed by the programme store tests and is not installed (no /usr/lib/postgresql/*/bin/initdb): run `apt-get install -y postgresql` (.ci/run does)',
    );
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-pg-'));
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(root ? 'runuser' : join(bin, cmd), root ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe', timeout: 120_000 });
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-U', 'fb', '--auth=trust', '-E', 'UTF8', '--locale=C', '-D', data]);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '120',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  start();
  return {
    url: `postgres://fb@127.0.0.1:${port}/postgres`,
    halt: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    resume: start,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a fresh database on the cluster for one test file (so files never share state). */
export async function freshDatabase(cluster: TestCluster, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

/** A database target of the given kind, and how to clean it up. */
export async function testDatabase(kind: DatabaseKind, name: string): Promise<{ target: DatabaseTarget; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-pglite-'));
    return { target: { pgliteDir: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const cluster = await startPostgres();
  const url = await freshDatabase(cluster, name);
  return { target: { url }, cleanup: () => cluster.stop() };
}
