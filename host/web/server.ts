/**
 * The browser host: the built renderer and the invoke API over HTTP on the loopback interface.
 *
 * Fastify 5 (host/web/http-app.ts). Every request must carry a loopback Host header for our port
 * (DNS-rebinding guard, an `onRequest` hook); API calls must also come from our own origin when a
 * browser says where they come from (Origin / Sec-Fetch-Site), must be JSON (so a cross-site form
 * cannot post), and are size-capped before they are parsed (api-routes.ts). Static files are
 * confined to the static folder and served with a strict CSP (static-files.ts). The wire format
 * is described in http-protocol.ts. The room's LAN listener is a second app built the same way
 * without the API plugin (host/room/lan-listener.ts).
 *
 * The API and the facilitator's live socket also need the host's launch secret (made at start,
 * handed to the page the launcher opens in the link's fragment, and to Electron's renderer by its
 * preload): another process or user on this machine can reach 127.0.0.1 but cannot act as the
 * facilitator or read the exercise without it. Static files (the page itself) need no secret.
 */
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApiError, parseRequest } from '../../shared/contract/api.ts';
import { createHandlers, type HandlerDeps, type Handlers } from '../api-handlers.ts';
import { renderReport } from '../../shared/debrief/render-report.ts';
import { ExerciseStore } from '../storage/exercise-store.ts';
import { ScenarioLibrary } from '../scenario-library.ts';
import { BUILTIN_SCENARIOS_DIR, WEB_STATIC_DIR } from '../paths.ts';
import { LiveSessions, ROOM_FILE } from '../session/sessions.ts';
import { asRoomData } from '../room/room-state.ts';
import type { HostTimer } from '../session/live-session.ts';
import { createLiveGateway } from '../room/ws-gateway.ts';
import { LanListener } from '../room/lan-listener.ts';
import { randomKey } from '../session/sessions.ts';
import { WarmPrinter } from '../pdf/print-html.ts';
import { createHttpApp } from './http-app.ts';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** exercises:importArchive carries whole archives (the contract allows 500 MB of text). */
export const DEFAULT_MAX_ARCHIVE_BODY_BYTES = 600 * 1024 * 1024;

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface to listen on. Requests are accepted only with a loopback Host header regardless. */
  host?: string;
  dataDir: string;
  /** The built renderer (default dist-web/ in the app root). */
  staticDir?: string;
  builtinScenariosDir?: string;
  maxBodyBytes?: number;
  maxArchiveBodyBytes?: number;
  /** Default: the report module (shared/debrief/render-report.ts). */
  renderReport?: HandlerDeps['renderReport'];
  /** Default: headless Chromium through playwright-core (host/pdf/print-html.ts). */
  printPdf?: HandlerDeps['printPdf'];
  /** Replaces the handlers entirely (tests). */
  handlers?: Handlers;
  now?: () => Date;
  /** The room's LAN listener: interface (default 0.0.0.0; tests pass 127.0.0.1) and the address put in links. */
  lan?: { bindHost?: string; advertiseHost?: string; port?: number };
  /** The live sessions' wall clock (tests pass a fake one to drive sim time). */
  timer?: HostTimer;
  /** The store (the desktop app passes the one its handlers use: one writer per journal). */
  store?: ExerciseStore;
  /**
   * The launch secret the API and the console's socket require (default: a new random one, or
   * FIREBREAK_LAUNCH_SECRET when set, for scripted runs). null turns the check off (tests of other things only).
   */
  launchSecret?: string | null;
  /** The live endpoint's limits (tests lower the send buffer, raise the join rate). */
  live?: { maxBufferedBytes?: number; joinBurst?: number; joinPerMinute?: number };
}

export interface WebHost {
  /** e.g. http://127.0.0.1:5178/ */
  url: string;
  /** The secret the API and the console need (null when the check is off). */
  launchSecret: string | null;
  /** The link to open the console with: `url` and the secret in the fragment (`#key=…`). */
  consoleUrl: string;
  port: number;
  server: Server;
  /** The running exercises this host owns (the live endpoint's sessions). */
  sessions: LiveSessions;
  lan: LanListener;
  /** The handlers as served (appends to a journal a live session owns are refused). */
  handlers: Handlers;
  /** Sockets on both listeners and the bytes queued to them (bounded: slow readers are dropped). */
  liveStats(): { sockets: number; bufferedBytes: number; droppedSlow: number };
  close(): Promise<void>;
}

const defaultPrintPdf: HandlerDeps['printPdf'] = async (html) => {
  const { printHtmlToPdf } = await import('../pdf/print-html.ts');
  return printHtmlToPdf(html);
};

/** The handlers the browser host uses: downloads instead of dialogs, the renderer opens the projector. */
export function createWebHandlers(
  options: Omit<WebHostOptions, 'port' | 'handlers'>,
  store = new ExerciseStore(options.dataDir, { app: 'browser host', ...(options.now ? { now: options.now } : {}) }),
): Handlers {
  const library = new ScenarioLibrary({ builtinDir: options.builtinScenariosDir ?? BUILTIN_SCENARIOS_DIR, userDir: join(options.dataDir, 'scenarios') });
  return createHandlers({
    store,
    library,
    renderReport: options.renderReport ?? renderReport,
    printPdf: options.printPdf ?? defaultPrintPdf,
    chooseSaveTarget: async () => ({ kind: 'download' }),
    // A page can open its own projector tab (window.open of /?view=projector&exerciseId=…).
    openProjector: async () => false,
  });
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host header values we answer to for `port` (a rebinding attacker's name is not among them). */
export function allowedHosts(port: number): Set<string> {
  const hosts = new Set<string>();
  for (const name of LOOPBACK_NAMES) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

/**
 * Starts the browser host and resolves once it is listening.
 *
 * `close()` stops it and drops open connections.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const envSecret = process.env.FIREBREAK_LAUNCH_SECRET;
  const launchSecret =
    options.launchSecret !== undefined ? options.launchSecret : envSecret && /^[A-Za-z0-9_-]{16,128}$/.test(envSecret) ? envSecret : randomKey();
  const store = options.store ?? new ExerciseStore(options.dataDir, options.now ? { now: options.now } : {});
  let boundPort = options.port;
  let url = '';
  const staticDir = options.staticDir ?? WEB_STATIC_DIR;
  // The rate limits run on the host's wall clock: tests move it by hand, so a slow machine sending a
  // burst never sees its buckets refill mid-burst.
  const timer = options.timer;
  const gatewayOptions = { ...(timer ? { now: () => timer.now() } : {}), ...options.live };
  const lan: LanListener = new LanListener({
    sessions: () => sessions,
    // The room's listener: static files and the live endpoint, never the API.
    createApp: (hosts) => createHttpApp({ hosts, staticDir, api: null }),
    // Tests (and anyone who wants the room on one interface) can narrow where it listens.
    bindHost: options.lan?.bindHost ?? process.env.FIREBREAK_LAN_BIND,
    advertiseHost: options.lan?.advertiseHost ?? process.env.FIREBREAK_LAN_ADVERTISE,
    port: options.lan?.port,
    portFile: join(options.dataDir, 'live-lan.json'),
    gateway: gatewayOptions,
    loopbackUrl: () => url,
  });
  const sessions = new LiveSessions(store, {
    ...(options.timer ? { timer: options.timer } : {}),
    links: (exerciseId) => ({ links: (room) => lan.links(exerciseId, room), open: () => lan.open(), close: () => lan.closeIfUnused() }),
    onError: (message) => process.stderr.write(`firebreak: ${message}\n`),
  });
  // One Chromium for every PDF this host prints, started on the first export (WarmPrinter).
  const printer = options.printPdf || options.handlers ? null : new WarmPrinter();
  const handlerOptions = printer ? { ...options, printPdf: (html: string) => printer.print(html) } : options;
  const handlers = guardLiveJournals(options.handlers ?? createWebHandlers(handlerOptions, store), sessions);
  const app = createHttpApp({
    hosts: () => allowedHosts(boundPort),
    staticDir,
    api: {
      handlers,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxArchiveBodyBytes: options.maxArchiveBodyBytes ?? DEFAULT_MAX_ARCHIVE_BODY_BYTES,
      launchSecret,
    },
  });
  const gateway = createLiveGateway(sessions, { kind: 'loopback', launchSecret, ...gatewayOptions });
  await app.register(gateway.plugin);
  try {
    await app.listen({ port: options.port, host });
  } catch (e) {
    await app.close();
    throw e;
  }
  const server = app.server;
  boundPort = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `http://${urlHost}:${boundPort}/`;
  // Rooms that were open when the host stopped open again, so participants reconnect by themselves.
  await reopenRooms(store, sessions).catch((e: unknown) => process.stderr.write(`firebreak: could not reopen rooms: ${(e as Error).message}\n`));
  return {
    url,
    launchSecret,
    consoleUrl: launchSecret ? `${url}#key=${launchSecret}` : url,
    port: boundPort,
    server,
    sessions,
    lan,
    handlers,
    liveStats: () => {
      const a = gateway.stats();
      const b = lan.stats();
      return { sockets: a.sockets + b.sockets, bufferedBytes: a.bufferedBytes + b.bufferedBytes, droppedSlow: a.droppedSlow + b.droppedSlow };
    },
    close: async () => {
      await sessions.closeAll();
      await lan.close();
      await printer?.close();
      // Ends the live sockets and every connection (host/web/http-app.ts).
      await app.close();
    },
  };
}

/**
 * While the host runs an exercise live, its journal has one writer: the session. A page that
 * still appends directly (an old tab) gets a clear conflict instead of a seq clash later.
 */
function guardLiveJournals(handlers: Handlers, sessions: LiveSessions): Handlers {
  return {
    ...handlers,
    'exercises:append': async (request) => {
      const id = (request as { exerciseId?: unknown } | null)?.exerciseId;
      if (typeof id === 'string' && sessions.isOpen(id))
        throw new ApiError('conflict', `exercise "${id}" is running on this host; its actions go through the live session (reload the page)`);
      return handlers['exercises:append'](request);
    },
    // #19: the debrief's ratings and hot wash go through the session while it owns the journal.
    'exercises:record': async (request) => {
      const id = (request as { exerciseId?: unknown } | null)?.exerciseId;
      if (typeof id !== 'string' || !sessions.isOpen(id)) return handlers['exercises:record'](request);
      const r = parseRequest('exercises:record', request);
      try {
        return { seq: await (await sessions.get(id)).record(r.input, r.by) };
      } catch (e) {
        throw new ApiError('invalid-request', e instanceof Error ? e.message : String(e));
      }
    },
    'exercises:salvage': async (request) => {
      const result = await handlers['exercises:salvage'](request);
      // The running session holds the entries before the damage already; tell it writes work again.
      const id = (request as { exerciseId?: unknown } | null)?.exerciseId;
      if (typeof id === 'string' && sessions.isOpen(id)) (await sessions.get(id)).journalRecovered();
      return result;
    },
  };
}

/** Opens the session of every running exercise whose room was open (which starts the LAN listener). */
async function reopenRooms(store: ExerciseStore, sessions: LiveSessions): Promise<void> {
  const { exercises } = await store.list();
  for (const meta of exercises) {
    if (meta.status !== 'running') continue;
    const text = await readFile(join(store.dirOf(meta.id), ROOM_FILE), 'utf8').catch(() => null);
    if (!text || !asRoomData(JSON.parse(text))?.open) continue;
    const session = await sessions.get(meta.id).catch(() => null);
    if (session) await session.reopenRoom();
  }
}
