/**
 * One writer per exercise, across processes: a lock folder with its owner's PID.
 *
 * The desktop app and the browser host can share one data folder. Before a host writes an
 * exercise it takes `<root>/locks/<id>.lock/` — mkdir is atomic on every platform and file system
 * we support, so of two hosts racing exactly one gets it. The owner writes `owner.json` (pid,
 * host name, which app, since when) inside, so a refusal can name who holds the exercise.
 *
 * A crashed owner frees the lock: when the owner is on this machine and its PID no longer runs,
 * the lock is stale and is taken over. A stale lock is first renamed to a unique name (only one
 * of several recoverers can rename it), checked to still be the dead owner's, and then removed.
 * An owner on another machine (a shared network folder) cannot be checked and is never taken
 * over automatically; the message says where it is.
 *
 * Within one process, every store on the same folder shares one registry, so two stores made by
 * one process (tests, a re-created store) do not lock each other out.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errnoCode, writeFileAtomic } from './durable-fs.ts';

export const LOCKS_DIR = 'locks';
const OWNER_FILE = 'owner.json';
/** A lock folder without an owner file this old was left by a crash between mkdir and write. */
const OWNERLESS_STALE_MS = 10_000;

export interface LockOwner {
  pid: number;
  hostname: string;
  /** "desktop app", "browser host", "command line", ... */
  app: string;
  since: string;
  /** Random per acquisition: tells one holder's lock from the next one's. */
  token: string;
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

export interface ExerciseLocksOptions {
  app?: string;
  /** Injected for tests: whether a PID runs. */
  pidAlive?: (pid: number) => boolean;
  now?: () => Date;
}

export class ExerciseLocks {
  readonly dir: string;
  private readonly app: string;
  private readonly alive: (pid: number) => boolean;
  private readonly now: () => Date;
  /** Ids this store instance holds (each counts once in `heldHere`). */
  private readonly mine = new Set<string>();

  constructor(rootDir: string, options: ExerciseLocksOptions = {}) {
    this.dir = resolve(rootDir, LOCKS_DIR);
    this.app = options.app ?? 'Firebreak';
    this.alive = options.pidAlive ?? pidAlive;
    this.now = options.now ?? (() => new Date());
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
    if (owner && owner.hostname === hostname() && !this.alive(owner.pid)) return null;
    return owner;
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
      try {
        await mkdir(path);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw e;
        const owner = await readOwner(path);
        if (await this.isStale(path, owner)) {
          await this.takeOverStale(path, owner);
          continue;
        }
        throw new LockedByOther(id, owner);
      }
      const owner: LockOwner = {
        pid: process.pid,
        hostname: hostname(),
        app: this.app,
        since: this.now().toISOString(),
        token: randomBytes(8).toString('hex'),
      };
      try {
        await writeFileAtomic(join(path, OWNER_FILE), JSON.stringify(owner));
      } catch (e) {
        await rm(path, { recursive: true, force: true }).catch(() => undefined);
        throw e;
      }
      heldHere.set(path, { owner, holders: 1 });
      this.mine.add(id);
      return;
    }
    throw new LockedByOther(id, await readOwner(path));
  }

  private async isStale(path: string, owner: LockOwner | null): Promise<boolean> {
    if (owner) return owner.hostname === hostname() && !this.alive(owner.pid);
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
    const owner = await readOwner(path);
    if (owner?.token === here.owner.token) await rm(path, { recursive: true, force: true });
  }

  async releaseAll(): Promise<void> {
    for (const id of [...this.mine]) await this.release(id);
  }

  /** Leftover `.stale-*` folders from a recovery that was itself interrupted. */
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
      }
    }
    return n;
  }
}
