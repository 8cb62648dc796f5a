/**
 * Opening the programme database: PGlite (embedded PostgreSQL, in a folder) by default, a real
 * PostgreSQL server when a connection URL is given (DATABASE_URL). The same Drizzle store code and
 * the same migrations run on both.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mkdir } from 'node:fs/promises';
import { tables } from './schema.ts';
import { migrate } from './migrations.ts';

export type ProgrammeDb = PgDatabase<PgQueryResultHKT, typeof tables>;

export interface OpenedDatabase {
  db: ProgrammeDb;
  /** "PGlite in <folder>" or "PostgreSQL at <host>/<db>" (no password). */
  description: string;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { pgliteDir: string };

/** Opens the database and brings its schema up to date (refusing a newer one). */
export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  const opened = 'url' in target ? await openPostgres(target.url) : await openPglite(target.pgliteDir);
  try {
    await migrate(opened.db);
  } catch (e) {
    await opened.close().catch(() => undefined);
    throw e;
  }
  return opened;
}

async function openPostgres(url: string): Promise<OpenedDatabase> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A database that restarts drops the idle connections: without a listener their 'error' would
  // end the server process. The next query opens a new connection (or fails with a 500 the
  // desktop reads as "queued, try again later").
  pool.on('error', () => undefined);
  // A server that is down or refuses us is said at start, not at the first request.
  const client = await pool.connect().catch(async (e: Error) => {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot connect to the PostgreSQL server in DATABASE_URL (${redact(url)}): ${e.message}`);
  });
  client.release();
  const db = drizzle(pool, { schema: tables }) as unknown as ProgrammeDb;
  return { db, kind: 'postgresql', description: `PostgreSQL at ${redact(url)}`, close: () => pool.end() };
}

async function openPglite(dir: string): Promise<OpenedDatabase> {
  await mkdir(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema: tables }) as unknown as ProgrammeDb;
  return { db, kind: 'pglite', description: `PGlite (embedded PostgreSQL) in ${dir}`, close: () => client.close() };
}

/** A connection URL without its password. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}
