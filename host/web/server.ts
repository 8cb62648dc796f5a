/**
 * The browser host: the built renderer and the invoke API over HTTP on the loopback interface.
 *
 * node:http only. Every request must carry a loopback Host header for our port (DNS-rebinding
 * guard); API calls must also come from our own origin when a browser says where they come from
 * (Origin / Sec-Fetch-Site), must be JSON (so a cross-site form cannot post), and are size-capped
 * before they are parsed. Static files are confined to the static folder and served with a strict
 * CSP. The wire format is described in http-protocol.ts.
 *
 * The API and the facilitator's live socket also need the host's launch secret (made at start,
 * handed to the page the launcher opens in the link's fragment, and to Electron's renderer by its
 * preload): another process or user on this machine can reach 127.0.0.1 but cannot act as the
 * facilitator or read the exercise without it. Static files (the page itself) need no secret.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApiError, parseRequest } from '../../shared/contract/api.ts';
import { createHandlers, dispatch, isInvokeChannel, toErrorShape, type HandlerDeps, type Handlers } from '../api-handlers.ts';
import { renderReport } from '../../shared/debrief/render-report.ts';
import { ExerciseStore } from '../storage/exercise-store.ts';
import { ScenarioLibrary } from '../scenario-library.ts';
import { BUILTIN_SCENARIOS_DIR, WEB_STATIC_DIR } from '../paths.ts';
import { APP_CSP } from '../csp.ts';
import { API_PREFIX, SECRET_HEADER, STATUS_BY_CODE, type ApiEnvelope } from './http-protocol.ts';
import { LiveSessions, ROOM_FILE } from '../session/sessions.ts';
import { asRoomData } from '../room/room-state.ts';
import type { HostTimer } from '../session/live-session.ts';
import { attachLiveGateway } from '../room/ws-gateway.ts';
import { LanListener } from '../room/lan-listener.ts';
import { randomKey } from '../session/sessions.ts';
import { sameSecret } from '../room/room-state.ts';
import { WarmPrinter } from '../pdf/print-html.ts';

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

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

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.map', '.txt']);
/** Gzipped static files, by path; an entry is used while the file's size and mtime are unchanged. */
const gzipCache = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();

function gzipped(file: string, info: { mtimeMs: number; size: number }): Promise<Buffer> {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.body;
  const body = readFile(file).then((raw) => promisify(gzip)(raw, { level: 9 }));
  body.catch(() => gzipCache.delete(file));
  gzipCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, body });
  return body;
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

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | number>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, envelope: ApiEnvelope<unknown>, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(envelope);
  send(res, status, body, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extra,
  });
}

function fail(res: ServerResponse, status: number, code: ApiError['code'], message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

/** Reads a body up to `limit` bytes; null when it is larger (the caller answers 413). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function createRequestListener(
  handlers: Handlers,
  options: {
    staticDir: string;
    maxBodyBytes: number;
    maxArchiveBodyBytes: number;
    port: () => number;
    /** Host header values answered to (default: loopback names for our port). */
    hosts?: () => ReadonlySet<string>;
    /** Serve /api/ (false on the room's LAN listener: static files only). */
    api?: boolean;
    /** The launch secret every API request must carry (null: not checked). */
    launchSecret?: string | null;
  },
): (req: IncomingMessage, res: ServerResponse) => void {
  const staticRoot = resolve(options.staticDir);

  async function serveApi(req: IncomingMessage, res: ServerResponse, channel: string, origin: string): Promise<void> {
    const site = req.headers['sec-fetch-site'];
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin)
      return fail(res, 403, 'invalid-request', `requests from ${String(reqOrigin).slice(0, 200)} are not accepted`);
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return fail(res, 403, 'invalid-request', 'cross-site requests are not accepted');
    const secret = options.launchSecret ?? null;
    const given = req.headers[SECRET_HEADER];
    if (secret !== null && !(typeof given === 'string' && sameSecret(given, secret))) {
      req.resume();
      return fail(res, 401, 'invalid-request', 'this request does not carry the launch secret: open Firebreak from the link it printed when it started');
    }
    if (req.method !== 'POST') return fail(res, 405, 'invalid-request', 'use POST', { allow: 'POST' });
    if (!isInvokeChannel(channel)) {
      req.resume();
      return fail(res, 404, 'not-found', `unknown channel "${channel.slice(0, 100)}"`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return fail(res, 415, 'invalid-request', 'send the request as application/json');
    }
    const limit = channel === 'exercises:importArchive' ? options.maxArchiveBodyBytes : options.maxBodyBytes;
    const tooLarge = () => {
      req.resume(); // drain what is still coming so the client reads our answer
      fail(res, 413, 'invalid-request', `the request is larger than ${limit} bytes`, { connection: 'close' });
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    const body = await readBody(req, limit);
    if (body === null) return tooLarge();

    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (e) {
      return fail(res, 400, 'invalid-request', `the body is not JSON: ${(e as Error).message}`);
    }
    try {
      const result = await dispatch(handlers, channel, payload);
      sendJson(res, 200, { ok: true, result });
    } catch (e) {
      const error = toErrorShape(e);
      sendJson(res, STATUS_BY_CODE[error.code], { ok: false, error });
    }
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    }
    const notFound = () => send(res, 404, 'Not found\n', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return notFound();
    }
    if (decoded.includes('\0')) return notFound();
    const rel = normalize(decoded).replace(/^[/\\]+/, '');
    let file = resolve(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return notFound();

    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info && extname(rel) === '') {
      // A client-side route (/history, /exercise/…): the app's page.
      file = join(staticRoot, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info || !info.isFile()) return notFound();

    const ext = extname(file).toLowerCase();
    const immutable = rel.startsWith(`assets${sep}`) || rel.startsWith('assets/');
    const headers = {
      ...SECURITY_HEADERS,
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    // Scripts, styles and pages go out gzipped (a third of their size; compressed once per file).
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = await gzipped(file, info);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, { ...headers, 'content-length': info.size });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  return (req, res) => {
    const port = options.port();
    const host = req.headers.host ?? '';
    if (!(options.hosts?.() ?? allowedHosts(port)).has(host.toLowerCase())) {
      req.resume();
      return fail(res, 403, 'invalid-request', 'this server answers only to 127.0.0.1, localhost and [::1]');
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', `http://${host}`).pathname;
    } catch {
      return fail(res, 400, 'invalid-request', 'bad request URL');
    }
    const origin = `http://${host}`;
    if (pathname.startsWith(API_PREFIX) && options.api === false) {
      req.resume();
      return fail(res, 404, 'not-found', 'not available on this address');
    }
    const work = pathname.startsWith(API_PREFIX) ? serveApi(req, res, pathname.slice(API_PREFIX.length), origin) : serveStatic(req, res, pathname);
    work.catch((e: unknown) => {
      if (!res.headersSent) fail(res, 500, 'internal', toErrorShape(e).message);
      else res.destroy();
    });
  };
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
  const lan: LanListener = new LanListener({
    sessions: () => sessions,
    staticListener: (hosts) => createRequestListener(handlers, { ...listenerOptions, hosts, api: false }),
    // Tests (and anyone who wants the room on one interface) can narrow where it listens.
    bindHost: options.lan?.bindHost ?? process.env.FIREBREAK_LAN_BIND,
    advertiseHost: options.lan?.advertiseHost ?? process.env.FIREBREAK_LAN_ADVERTISE,
    port: options.lan?.port,
    portFile: join(options.dataDir, 'live-lan.json'),
    gateway: options.live,
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
  const listenerOptions = {
    staticDir: options.staticDir ?? WEB_STATIC_DIR,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxArchiveBodyBytes: options.maxArchiveBodyBytes ?? DEFAULT_MAX_ARCHIVE_BODY_BYTES,
    port: () => boundPort,
    launchSecret,
  };
  const server = createServer(createRequestListener(handlers, listenerOptions));
  const closeGateway = attachLiveGateway(server, sessions, { kind: 'loopback', allowedHosts: () => allowedHosts(boundPort), launchSecret, ...options.live });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
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
      const a = closeGateway.stats();
      const b = lan.stats();
      return { sockets: a.sockets + b.sockets, bufferedBytes: a.bufferedBytes + b.bufferedBytes, droppedSlow: a.droppedSlow + b.droppedSlow };
    },
    close: async () => {
      await sessions.closeAll();
      await lan.close();
      await printer?.close();
      closeGateway();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
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
