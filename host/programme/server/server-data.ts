/**
 * Where the programme server keeps things, and the lock that keeps one process on an embedded
 * database (PGlite is one process's database: two on one folder would damage it).
 *
 *   <server data>/pglite/         the embedded database (unless DATABASE_URL is set)
 *   <server data>/bundles/        every published bundle and its receipt: the source of truth
 *   <server data>/server.lock     the process using the embedded database
 */
import { readFile, rm, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../paths.ts';
import { errnoCode, writeFileExclusive } from '../../storage/durable-fs.ts';
import { pidAlive } from '../../storage/exercise-lock.ts';
import { openDatabase, type OpenedDatabase } from '../store/database.ts';
import { ProgrammeStore } from '../store/programme-store.ts';

export function serverDataDir(env: NodeJS.ProcessEnv = process.env, flag?: string): string {
  if (flag) return resolve(flag);
  if (env.FIREBREAK_SERVER_DATA) return resolve(env.FIREBREAK_SERVER_DATA);
  return join(defaultDataDir(env), 'programme-server');
}

async function takeLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'server.lock');
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFileExclusive(path, String(process.pid));
      return () => rm(path, { force: true });
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new Error(
          `the embedded database in ${dir} is in use by process ${pid} (a running \`firebreak server\`?): stop it first, or use the server's API`,
        );
      }
      await rm(path, { force: true }); // its owner is gone
    }
  }
  throw new Error(`${path}: cannot take the lock`);
}

/** Opens the store: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder (locked). */
export async function openServerStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ProgrammeStore> {
  if (env.DATABASE_URL) return new ProgrammeStore(await openDatabase({ url: env.DATABASE_URL }), dataDir);
  const unlock = await takeLock(dataDir);
  let opened: OpenedDatabase;
  try {
    opened = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
  } catch (e) {
    await unlock();
    throw e;
  }
  return new ProgrammeStore({ ...opened, close: async () => (await opened.close(), await unlock()) }, dataDir);
}
