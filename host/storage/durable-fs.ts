/**
 * Small file-system primitives that persist before they acknowledge.
 *
 * Every write the store acknowledges has been fsynced: appends go through an open handle that is
 * synced before the promise resolves, and whole-file writes go to a temporary sibling that is
 * synced and then renamed over the target, so a crash leaves either the old file or the new one,
 * never half of each.
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Appends `text` to `path` (created if missing) and fsyncs before resolving. */
export async function appendDurable(path: string, text: string): Promise<void> {
  const fh = await open(path, 'a');
  try {
    await fh.appendFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Best-effort fsync of a directory, so a rename or a new file survives a power cut (POSIX only). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Some file systems refuse to fsync a directory; the data itself is already synced.
  } finally {
    await fh?.close();
  }
}

function tmpSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `path` atomically: temporary sibling, fsync, rename, fsync of the folder.
 *
 * If anything fails the target is untouched and the temporary file is removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tmpSibling(path);
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameWithRetry(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(dirname(path));
}

/**
 * Writes a new file without ever replacing an existing one (exclusive create), synced.
 *
 * Throws EEXIST when the file is there. A failed write removes only the file it created.
 */
export async function writeFileExclusive(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'wx');
  let ok = false;
  try {
    await fh.writeFile(data);
    await fh.sync();
    ok = true;
  } finally {
    await fh.close();
    if (!ok) await rm(path, { force: true }).catch(() => undefined);
  }
  await syncDir(dirname(path));
}

/**
 * rename(), retried briefly on Windows where antivirus or the indexer can hold a file for a moment.
 */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Runs async `fn` over `items` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: ReadonlyArray<T>, limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Serialises async work per key (one exercise's journal is written by one operation at a time). */
export class KeyedMutex {
  private tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** The few file operations an append needs: a seam so tests can fail a write part-way (ENOSPC). */
export interface AppendHandle {
  /** Writes all of `data` at the end of the file, or throws (possibly after writing part of it). */
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenForAppend = (path: string) => Promise<AppendHandle>;

export const openForAppend: OpenForAppend = async (path) => {
  const fh = await open(path, 'a');
  return {
    write: async (data) => {
      for (let off = 0; off < data.length;) off += (await fh.write(data, off, data.length - off)).bytesWritten;
    },
    sync: () => fh.sync(),
    truncate: (length) => fh.truncate(length),
    close: () => fh.close(),
  };
};

/** What an append that failed left on disk. */
export class AppendFailed extends Error {
  constructor(
    override readonly cause: unknown,
    /** True when the file is back at its acknowledged size; false when even that failed. */
    readonly rolledBack: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Appends `data` to a file that is `ackSize` bytes long, all or nothing, and fsyncs.
 *
 * On any failure (a full disk part-way through a batch) the file is truncated back to `ackSize`
 * and synced before the error is thrown, so a failed append leaves nothing of itself behind.
 * `AppendFailed.rolledBack` is false only when the truncation failed too.
 */
export async function appendAllOrNothing(openAppend: OpenForAppend, path: string, data: Uint8Array, ackSize: number): Promise<void> {
  const fh = await openAppend(path);
  try {
    try {
      await fh.write(data);
      await fh.sync();
    } catch (e) {
      let rolledBack = false;
      try {
        await fh.truncate(ackSize);
        await fh.sync();
        rolledBack = true;
      } catch {
        rolledBack = false;
      }
      throw new AppendFailed(e, rolledBack);
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Truncates a file to `length` and fsyncs it. */
export async function truncateDurable(path: string, length: number): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(length);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The PID a temporary sibling was written by (from its name), or null. */
export function tmpOwnerPid(name: string): number | null {
  const m = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
}
