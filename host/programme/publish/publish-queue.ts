/**
 * The desktop's publish queue: finished exercises waiting for the programme server, and the
 * settings that say which server and token.
 *
 *   <data>/publishing/              made 0700
 *   <data>/publishing/settings.json server address, personal access token, unit (0600)
 *   <data>/publishing/queue.json    every exercise asked to be published and where it stands
 *
 * An exercise is queued durably (written with the store's atomic write, fsynced) before the
 * request that asked for it is answered; it leaves the queue only as "published" or "refused"
 * (with the server's reason, or the journal's damage with its line). A server that is down,
 * or up with its database down (a 5xx), leaves the exercise queued with the reason, and the queue
 * tries again with backoff while the host runs, and once when it starts. The exercise folder is
 * never touched: the queue holds only its id (and, for `firebreak publish`, its path).
 *
 * Publishing twice never duplicates: the bundle's digest is its identity on the server, which
 * answers "already published" to the same bundle.
 */
import { chmod, mkdir, readFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { PublishItem, PublishSettingsView, PublishStatus } from '../../../shared/contract/api.ts';
import { errnoCode, writeFileAtomic } from '../../storage/durable-fs.ts';
import { installationKey, type InstallationKey } from '../evidence/installation-key.ts';
import {
  bundleOf,
  fetchCorrectiveActions,
  fetchExercises,
  lastAgreed,
  normaliseServer,
  sendBundle,
  type SendResult,
  type ServerTarget,
  type TeamAction,
} from './publish-client.ts';

export const PUBLISH_DIR = 'publishing';
const SETTINGS_FILE = 'settings.json';
const QUEUE_FILE = 'queue.json';
const QUEUE_FORMAT = 'firebreak-publish-queue/1';

/** First retry after 5 s, doubling, at most every 5 minutes. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

const settingsSchema = z
  .object({
    server: z.string().max(2000).nullable(),
    token: z.string().max(1000).nullable(),
    unit: z.number().int().positive().nullable(),
  })
  .strict();
type Settings = z.infer<typeof settingsSchema>;
const NO_SETTINGS: Settings = { server: null, token: null, unit: null };

const itemSchema = z
  .object({
    exerciseId: z.string().min(1).max(200),
    state: z.enum(['queued', 'published', 'refused']),
    queuedAt: z.string(),
    updatedAt: z.string(),
    attempts: z.number().int().min(0),
    nextAttemptAt: z.string().nullable(),
    message: z.string().nullable(),
    problems: z.array(z.string()),
    digest: z.string().nullable(),
    httpStatus: z.number().int().nullable().optional(),
    team: z.string().nullable().optional(),
    unit: z.string().nullable().optional(),
    overall: z.number().nullable().optional(),
    /** `firebreak publish`: the folder or journal it was given, and its own server, token and unit. */
    path: z.string().optional(),
    server: z.string().optional(),
    token: z.string().optional(),
    unitId: z.number().int().positive().nullable().optional(),
  })
  .strict();
type StoredItem = z.infer<typeof itemSchema>;
const queueSchema = z.object({ format: z.literal(QUEUE_FORMAT), items: z.array(itemSchema) }).strict();

export type Scheduler = (fn: () => void, ms: number) => () => void;

const realScheduler: Scheduler = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.(); // never keeps a host (or a test) alive on its own
  return () => clearTimeout(t);
};

export interface PublishQueueOptions {
  dataDir: string;
  /** Where an app exercise's folder is (the store's dirOf). */
  exercisePath?: (exerciseId: string) => string;
  now?: () => Date;
  schedule?: Scheduler;
  key?: () => Promise<InstallationKey>;
  send?: typeof sendBundle;
}

/** What one attempt at an item ended as. */
type Attempt = { item: StoredItem; result: SendResult | { kind: 'local-refusal'; reason: string } };

export class PublishQueue {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly schedule: Scheduler;
  private readonly send: typeof sendBundle;
  private readonly keyOf: () => Promise<InstallationKey>;
  private items: Map<string, StoredItem> | null = null;
  /** Problems reading the queue file (it was set aside, never overwritten). */
  private problem: string | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private draining: Promise<void> | null = null;
  private again = false;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: PublishQueueOptions) {
    this.dir = join(options.dataDir, PUBLISH_DIR);
    this.now = options.now ?? (() => new Date());
    this.schedule = options.schedule ?? realScheduler;
    this.send = options.send ?? sendBundle;
    this.keyOf = options.key ?? (() => installationKey(options.dataDir));
  }

  /** One change at a time to the queue and its file. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700).catch(() => undefined);
  }

  // ---- settings ----

  private async readSettings(): Promise<Settings> {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(join(this.dir, SETTINGS_FILE), 'utf8')));
      return parsed.success ? parsed.data : NO_SETTINGS;
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || e instanceof SyntaxError) return NO_SETTINGS;
      throw e;
    }
  }

  /** What the renderer may see: never the token itself, only its last four characters. */
  async settings(): Promise<PublishSettingsView> {
    const s = await this.readSettings();
    return { server: s.server, tokenHint: s.token ? `…${s.token.slice(-4)}` : null, unit: s.unit };
  }

  /**
   * Saves the server address, and the token when one is given (absent: the saved one stays; an
   * empty server forgets both). Items the server refused for the old address or token (401, 403,
   * 404) go back to the queue, to be tried with the new ones.
   */
  async saveSettings(next: { server: string; token?: string | undefined; unit?: number | null | undefined }): Promise<PublishSettingsView> {
    await this.serial(async () => {
      const old = await this.readSettings();
      const server = next.server.trim() ? normaliseServer(next.server) : null;
      const s: Settings = server
        ? { server, token: next.token !== undefined && next.token.trim() ? next.token.trim() : old.token, unit: next.unit === undefined ? old.unit : next.unit }
        : NO_SETTINGS;
      await this.ensureDir();
      const path = join(this.dir, SETTINGS_FILE);
      await writeFileAtomic(path, `${JSON.stringify(s, null, 2)}\n`);
      await chmod(path, 0o600);
      const items = await this.load();
      let changed = false;
      for (const it of items.values()) {
        if (it.state === 'refused' && !it.path && (it.httpStatus === 401 || it.httpStatus === 403 || it.httpStatus === 404)) {
          Object.assign(it, this.requeued(it));
          changed = true;
        }
      }
      if (changed) await this.persist();
    });
    this.kick();
    return this.settings();
  }

  // ---- the queue file ----

  private async load(): Promise<Map<string, StoredItem>> {
    if (this.items) return this.items;
    const path = join(this.dir, QUEUE_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
      return (this.items = new Map());
    }
    let parsed: z.infer<typeof queueSchema> | null = null;
    try {
      const r = queueSchema.safeParse(JSON.parse(text));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      // Kept aside for a person to read, never overwritten: the exercises themselves are untouched.
      const aside = `${path}.unreadable-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, aside).catch(() => undefined);
      this.problem = `the publish queue could not be read and was set aside as ${aside}; publish those exercises again`;
      return (this.items = new Map());
    }
    return (this.items = new Map(parsed.items.map((i) => [i.exerciseId, i])));
  }

  private async persist(): Promise<void> {
    await this.ensureDir();
    const path = join(this.dir, QUEUE_FILE);
    await writeFileAtomic(path, `${JSON.stringify({ format: QUEUE_FORMAT, items: [...(this.items ?? new Map()).values()] })}\n`);
    await chmod(path, 0o600).catch(() => undefined);
  }

  private requeued(prev: StoredItem | undefined, exerciseId = prev?.exerciseId ?? ''): StoredItem {
    const at = this.now().toISOString();
    return {
      ...(prev ?? {}),
      exerciseId,
      state: 'queued',
      queuedAt: at,
      updatedAt: at,
      attempts: 0,
      nextAttemptAt: at,
      message: null,
      problems: [],
      digest: prev?.digest ?? null,
      httpStatus: null,
    };
  }

  /**
   * Queues exercises (durably) and answers with their states; a send is tried at once in the
   * background. `cli` carries `firebreak publish`'s own path, server and token.
   */
  async enqueue(exerciseIds: ReadonlyArray<string>, cli?: { path: string; server: string; token: string; unit?: number | null }): Promise<PublishItem[]> {
    const out = await this.serial(async () => {
      const items = await this.load();
      for (const id of exerciseIds) {
        const it = this.requeued(items.get(id), id);
        if (cli) Object.assign(it, { path: resolve(cli.path), server: normaliseServer(cli.server), token: cli.token, unitId: cli.unit ?? null });
        items.set(id, it);
      }
      await this.persist();
      return exerciseIds.map((id) => view(items.get(id)!));
    });
    this.kick();
    return out;
  }

  async status(): Promise<PublishStatus> {
    const items = await this.serial(() => this.load());
    const s = await this.readSettings();
    return { configured: Boolean(s.server && s.token), items: [...items.values()].map(view), problem: this.problem };
  }

  // ---- sending ----

  /** Starts the queue: one pass now (what was queued before the host stopped is sent). */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Asks for a pass soon (now, unless one is running: then right after it). */
  private kick(): void {
    if (this.stopped) return;
    void this.drain().catch(() => undefined);
  }

  /**
   * One pass over the queue: every queued item whose time has come (all of them when `force`) is
   * sent; what stays queued is tried again at its backoff time. Resolves when the pass is done.
   */
  drain(force = false): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.pass(force);
        } while (this.again && !this.stopped);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  private async pass(force: boolean): Promise<void> {
    const settings = await this.readSettings();
    const now = this.now().getTime();
    const due = await this.serial(async () =>
      [...(await this.load()).values()]
        .filter((i) => i.state === 'queued' && (force || i.nextAttemptAt === null || Date.parse(i.nextAttemptAt) <= now))
        .map((i) => ({ ...i })),
    );
    const down = new Map<string, string>();
    for (const it of due) {
      if (this.stopped) return;
      const target: ServerTarget | null =
        (it.server ?? settings.server) && (it.token ?? settings.token)
          ? { server: (it.server ?? settings.server)!, token: (it.token ?? settings.token)!, unit: it.server ? (it.unitId ?? null) : settings.unit }
          : null;
      let attempt: Attempt;
      if (!target) {
        await this.record(
          { item: it, result: { kind: 'unreachable', reason: 'no programme server is set (Settings: server address and access token)' } },
          false,
        );
        continue;
      }
      const server = normaliseServer(target.server);
      if (down.has(server)) {
        attempt = { item: it, result: { kind: 'unreachable', reason: down.get(server)! } };
      } else {
        const path = it.path ?? this.options.exercisePath?.(it.exerciseId);
        const key = await this.keyOf();
        const b = path ? await bundleOf(path, key) : { ok: false as const, reason: 'the exercise folder is not known' };
        if (!b.ok) attempt = { item: it, result: { kind: 'local-refusal', reason: b.reason } };
        else {
          it.digest = b.digest;
          attempt = { item: it, result: await this.send(target, key, b.text) };
          if (attempt.result.kind === 'unreachable') down.set(server, attempt.result.reason);
        }
      }
      await this.record(attempt, true);
    }
    await this.scheduleNext();
  }

  /** Writes an attempt's outcome (unless the item was queued again meanwhile: then it stays queued). */
  private async record({ item, result }: Attempt, counts: boolean): Promise<void> {
    await this.serial(async () => {
      const items = await this.load();
      const cur = items.get(item.exerciseId);
      if (!cur || cur.state !== 'queued' || cur.queuedAt !== item.queuedAt) return; // asked again: the next pass sends the newest
      const at = this.now();
      cur.updatedAt = at.toISOString();
      cur.digest = item.digest;
      if (result.kind === 'published') {
        Object.assign(cur, { state: 'published', message: null, problems: [], nextAttemptAt: null, httpStatus: null });
        Object.assign(cur, { digest: result.digest || cur.digest, team: result.team, unit: result.unit, overall: result.overall });
      } else if (result.kind === 'refused') {
        Object.assign(cur, { state: 'refused', message: result.reason, problems: result.problems, nextAttemptAt: null, httpStatus: result.httpStatus });
      } else if (result.kind === 'local-refusal') {
        Object.assign(cur, { state: 'refused', message: result.reason, problems: [], nextAttemptAt: null, httpStatus: null });
      } else {
        cur.message = result.reason;
        if (counts) {
          cur.attempts += 1;
          cur.nextAttemptAt = new Date(at.getTime() + retryDelay(cur.attempts)).toISOString();
        } else cur.nextAttemptAt = null; // nothing to try until the settings are saved
      }
      await this.persist();
    });
  }

  private async scheduleNext(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const items = await this.serial(() => this.load());
    const next = [...items.values()].filter((i) => i.state === 'queued' && i.nextAttemptAt).map((i) => Date.parse(i.nextAttemptAt!));
    if (!next.length) return;
    const wait = Math.max(0, Math.min(...next) - this.now().getTime());
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.kick();
    }, wait);
  }

  // ---- the setup screen's reminder ----

  /** The corrective actions agreed at the team's last published exercise ("last time this team agreed to …"). */
  async teamActions(team: string): Promise<{ connected: boolean; actions: TeamAction[]; message: string | null }> {
    const s = await this.readSettings();
    if (!s.server || !s.token) return { connected: false, actions: [], message: null };
    const target = { server: s.server, token: s.token };
    const [ex, r] = await Promise.all([fetchExercises(target), fetchCorrectiveActions(target)]);
    if (!ex.ok) return { connected: false, actions: [], message: ex.reason };
    if (!r.ok) return { connected: false, actions: [], message: r.reason };
    return { connected: true, actions: lastAgreed(team, ex.exercises, r.actions), message: null };
  }
}

function view(i: StoredItem): PublishItem {
  return {
    exerciseId: i.exerciseId,
    state: i.state,
    updatedAt: i.updatedAt,
    attempts: i.attempts,
    nextAttemptAt: i.state === 'queued' ? i.nextAttemptAt : null,
    message: i.message,
    problems: i.problems,
    digest: i.digest,
    team: i.team ?? null,
    unit: i.unit ?? null,
    overall: i.overall ?? null,
  };
}
