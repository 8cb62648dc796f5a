/**
 * One writer per exercise, across processes: a lock folder with its owner's PID.
 *
 * The desktop app and the browser host can share one data folder. Before a host writes an
 * exercise it takes `<root>/locks/<id>.lock/`: it builds the folder with `owner.json` (pid, host
 * name, which app, since when) inside under a name of its own, then renames it into place, which
 * is atomic and refused when a lock is there, so of two hosts racing exactly one gets it, and a
 * lock never exists without its owner (a refusal can always name who holds the exercise).
 *
 * A crashed owner frees the lock. The owner refreshes `owner.json` (its mtime: a heartbeat) every
 * HEARTBEAT_MS while it holds the lock. The lock is stale when the owner is on this machine and
 * its PID no longer runs, or when the heartbeat is older than STALE_AFTER_MS: that covers an
 * owner on another machine (a shared network folder, where the PID cannot be checked) and a PID
 * that a crashed owner left behind and an unrelated process now has. A stale lock is first renamed
 * to a unique name (only one of several recoverers can rename it), checked to still be the dead
 * owner's, and then removed.
 *
 * An owner that stalled past STALE_AFTER_MS (a suspended laptop) may have lost its lock to
 * another host; before each write it checks that `owner.json` still carries its token
 * (`verify`), and refuses the write (LockLost) if not, so the two never both write.
 *
 * Within one process, every store on the same folder shares one registry, so two stores made by
 * one process (tests, a re-created store) do not lock each other out.
 */
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errnoCode, writeFileAtomic } from './durable-fs.ts';

export const LOCKS_DIR = 'locks';
const OWNER_FILE = 'owner.json';
/** A lock folder without an owner file this old was left by a crash between mkdir and write. */
const OWNERLESS_STALE_MS = 10_000;
/** How often a holder refreshes its heartbeat. */
export const HEARTBEAT_MS = 10_000;
/** A heartbeat this old means the owner is gone (or stalled): its lock may be taken over. */
export const STALE_AFTER_MS = 120_000;

export interface LockOwner {
  pid: number;
  hostname: string;
  /** "desktop app", "browser host", "command line", ... */
  app: string;
  since: string;
  /** Random per acquisition: tells one holder's lock from the next one's. */
  token: string;
}

/** This host held the lock, but another took it over (this one stalled past STALE_AFTER_MS). */
export class LockLost extends Error {
  constructor(
    readonly exerciseId: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      `exercise "${exerciseId}" was taken over by another Firebreak${owner ? ` (${owner.app}, process ${owner.pid} on ${owner.hostname}, since ${owner.since})` : ''} while this one was not responding; nothing more is written here. Open it there, or close it there and reopen it here`,
    );
  }
}

export class LockedByOther extends Error {
  constructor(
    readonly exerciseId: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      owner
        ? `exercise "${exerciseId}" is open for writing in another Firebreak (${owner.app}, process ${owner.pid} on ${owner.hostname}, since ${owner.since}); it can be read here but not changed until that one closes it`
        : `exercise "${exerciseId}" is being opened for writing by another Firebreak right now; try again in a moment`,
    );
  }
}

/** Whether a process with this PID runs on this machine (EPERM: it runs, as another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/** When the owner last refreshed its heartbeat (owner.json's mtime), or null when unreadable. */
async function heartbeatOf(lockPath: string): Promise<number | null> {
  try {
    return (await stat(join(lockPath, OWNER_FILE))).mtimeMs;
  } catch {
    return null;
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await readFile(join(lockPath, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.hostname !== 'string' || typeof o.token !== 'string') return null;
    return { pid: o.pid, hostname: o.hostname, app: typeof o.app === 'string' ? o.app : 'Firebreak', since: String(o.since ?? '?'), token: o.token };
  } catch {
    return null;
  }
}

/** Locks held by this process, by absolute lock path (shared by every store in the process). */
const heldHere = new Map<string, { owner: LockOwner; holders: number }>();

/**
 * One timer for the process refreshes the heartbeat of every lock it holds. unref'd: it never
 * keeps a process alive. A failed refresh is left to the next one (and to `verify` before writes).
 */
let heartbeat: ReturnType<typeof setInterval> | null = null;
function beatAll(): void {
  const now = new Date();
  for (const path of heldHere.keys()) void utimes(join(path, OWNER_FILE), now, now).catch(() => undefined);
}
function startHeartbeat(): void {
  if (heartbeat) return;
  heartbeat = setInterval(beatAll, HEARTBEAT_MS);
  heartbeat.unref?.();
}
function stopHeartbeatWhenIdle(): void {
  if (heartbeat && heldHere.size === 0) {
    clearInterval(heartbeat);
    heartbeat = null;
  }
}

// A host that exits normally gives its locks back, so a later process that happens to get the
// same PID (after a reboot) is never mistaken for their owner. A crash leaves them to the
// dead-PID check.
process.once('exit', () => {
  for (const path of heldHere.keys()) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // best effort: the PID check frees it later
    }
  }
});

/**
 * Renames a filled lock folder into place. False when a lock is there already. Linux lets a rename
 * replace an empty folder, which only an older version's interrupted mkdir leaves (ownerless); a
 * non-empty one is refused (ENOTEMPTY/EEXIST; Windows says EPERM/EACCES for an existing folder).
 */
async function placeLock(pending: string, path: string): Promise<boolean> {
  try {
    await rename(pending, path);
    return true;
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    if (
      (code === 'EPERM' || code === 'EACCES') &&
      (await stat(path).then(
        () => true,
        () => false,
      ))
    )
      return false;
    throw e;
  }
}

export interface ExerciseLocksOptions {
  app?: string;
  /** Injected for tests: whether a PID runs. */
  pidAlive?: (pid: number) => boolean;
  now?: () => Date;
  /** Injected for tests: how old a heartbeat may be before its lock is stale. */
  staleAfterMs?: number;
}

export class ExerciseLocks {
  readonly dir: string;
  private readonly app: string;
  private readonly alive: (pid: number) => boolean;
  private readonly now: () => Date;
  private readonly staleAfterMs: number;
  /** Ids this store instance holds (each counts once in `heldHere`). */
  private readonly mine = new Set<string>();

  constructor(rootDir: string, options: ExerciseLocksOptions = {}) {
    this.dir = resolve(rootDir, LOCKS_DIR);
    this.app = options.app ?? 'Firebreak';
    this.alive = options.pidAlive ?? pidAlive;
    this.now = options.now ?? (() => new Date());
    this.staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.lock`);
  }

  holds(id: string): boolean {
    return this.mine.has(id);
  }

  /** Who holds the exercise's lock, if anyone other than this process does. */
  async ownerOf(id: string): Promise<LockOwner | null> {
    const path = this.pathOf(id);
    if (heldHere.has(path)) return null;
    const owner = await readOwner(path);
    if (await this.isStale(path, owner)) return null;
    return owner;
  }

  /**
   * Before a write under a held lock: is it still ours? Throws LockLost (and forgets the lock)
   * when another host took it over while this one stalled.
   */
  async verify(id: string): Promise<void> {
    const path = this.pathOf(id);
    const here = heldHere.get(path);
    if (!here || !this.mine.has(id)) return;
    const owner = await readOwner(path);
    if (owner?.token === here.owner.token) return;
    heldHere.delete(path);
    this.mine.delete(id);
    stopHeartbeatWhenIdle();
    throw new LockLost(id, owner);
  }

  /** Takes the lock (or keeps it, when held already). Throws LockedByOther naming the owner. */
  async acquire(id: string): Promise<void> {
    if (this.mine.has(id)) return;
    const path = this.pathOf(id);
    const here = heldHere.get(path);
    if (here) {
      here.holders++;
      this.mine.add(id);
      return;
    }
    await mkdir(this.dir, { recursive: true });
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner: LockOwner = {
        pid: process.pid,
        hostname: hostname(),
        app: this.app,
        since: this.now().toISOString(),
        token: randomBytes(8).toString('hex'),
      };
      // The lock appears with its owner already inside: built under a name of its own, then
      // renamed into place in one step. (A lock made by mkdir and then filled could be left
      // ownerless by a kill between the two, and nobody could tell for seconds whether its owner
      // was still coming: a re-import right after a crash was refused.)
      const pending = `${path}.${process.pid}-${owner.token}.pending`;
      await mkdir(pending);
      let placed = false;
      try {
        await writeFileAtomic(join(pending, OWNER_FILE), JSON.stringify(owner));
        placed = await placeLock(pending, path);
      } finally {
        if (!placed) await rm(pending, { recursive: true, force: true }).catch(() => undefined);
      }
      if (!placed) {
        const current = await readOwner(path);
        if (await this.isStale(path, current)) {
          await this.takeOverStale(path, current);
          continue;
        }
        throw new LockedByOther(id, current);
      }
      heldHere.set(path, { owner, holders: 1 });
      this.mine.add(id);
      startHeartbeat();
      return;
    }
    throw new LockedByOther(id, await readOwner(path));
  }

  private async isStale(path: string, owner: LockOwner | null): Promise<boolean> {
    if (owner) {
      if (owner.hostname === hostname() && !this.alive(owner.pid)) return true;
      // A live PID may be another program's now, and another machine's PID cannot be checked:
      // the heartbeat says whether the owner is still there.
      const beat = await heartbeatOf(path);
      return beat !== null && this.now().getTime() - beat > this.staleAfterMs;
    }
    try {
      const s = await stat(path);
      return this.now().getTime() - s.mtimeMs > OWNERLESS_STALE_MS;
    } catch (e) {
      return errnoCode(e) === 'ENOENT';
    }
  }

  private async takeOverStale(path: string, seen: LockOwner | null): Promise<void> {
    const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return; // another recoverer got there first
      throw e;
    }
    const moved = await readOwner(aside);
    if ((moved?.token ?? null) !== (seen?.token ?? null)) {
      // Between our look and our rename a live owner took the lock: give it back.
      await rename(aside, path).catch(() => undefined);
      return;
    }
    await rm(aside, { recursive: true, force: true });
  }

  /** Gives the lock up (no-op when not held by this store). */
  async release(id: string): Promise<void> {
    if (!this.mine.delete(id)) return;
    const path = this.pathOf(id);
    const here = heldHere.get(path);
    if (!here) return;
    if (--here.holders > 0) return;
    heldHere.delete(path);
    stopHeartbeatWhenIdle();
    const owner = await readOwner(path);
    if (owner?.token === here.owner.token) await rm(path, { recursive: true, force: true });
  }

  async releaseAll(): Promise<void> {
    for (const id of [...this.mine]) await this.release(id);
  }

  /**
   * Leftover `.stale-*` folders from a recovery that was itself interrupted, and locks whose owner
   * is gone (a host killed while it held them): they would otherwise pile up, one per exercise a
   * dead host had open, until someone next opened that exercise. A lock held here, or by a live
   * owner, is never touched.
   */
  async cleanup(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let n = 0;
    for (const name of names) {
      if (/\.lock\.stale-[0-9a-f]+$/.test(name)) {
        await rm(join(this.dir, name), { recursive: true, force: true });
        n++;
        continue;
      }
      const pending = /\.lock\.(\d+)-[0-9a-f]+\.pending$/.exec(name);
      if (pending) {
        // A lock being built by a process that died before placing it.
        if (Number(pending[1]) !== process.pid && !this.alive(Number(pending[1]))) {
          await rm(join(this.dir, name), { recursive: true, force: true });
          n++;
        }
        continue;
      }
      if (!name.endsWith('.lock')) continue;
      const path = join(this.dir, name);
      if (heldHere.has(path)) continue;
      const owner = await readOwner(path);
      if (await this.isStale(path, owner)) {
        await this.takeOverStale(path, owner).catch(() => undefined);
        if (
          !(await stat(path).then(
            () => true,
            () => false,
          ))
        )
          n++;
      }
    }
    return n;
  }
}
