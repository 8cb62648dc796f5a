/**
 * The room's listener on the local network: up only while some room is open.
 *
 * Firebreak listens on 127.0.0.1 until the facilitator opens a room; then a second listener
 * starts on all interfaces (0.0.0.0) serving only the app's static files and the live endpoint
 * for participants and the projector. The facilitator's API (/api/…) and the facilitator's
 * socket are never served on it. Links carry the exercise's keys in the URL fragment, which
 * browsers do not send to servers or in Referer headers.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { RoomInfo } from '../../shared/contract/live.ts';
import type { LiveSessions } from '../session/sessions.ts';
import type { Room } from './room-state.ts';
import { createLiveGateway, type GatewayOptions, type GatewayStats, type LiveGateway } from './ws-gateway.ts';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../storage/durable-fs.ts';

async function readSavedPort(path: string): Promise<number | null> {
  try {
    const port = (JSON.parse(await readFile(path, 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

export interface LanListenerOptions {
  sessions: () => LiveSessions;
  /**
   * The listener's app: static files only, the same plugin as the loopback listener's, without
   * the API (host/web/http-app.ts); this listener adds its live endpoint.
   */
  createApp: (allowedHosts: () => ReadonlySet<string>) => FastifyInstance;
  /** Default 0.0.0.0; tests pass 127.0.0.1. */
  bindHost?: string;
  /** The address put in links (default: this machine's first non-internal IPv4 address). */
  advertiseHost?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** The loopback host's URL (for a projector on this machine while the room is closed). */
  loopbackUrl: () => string;
  /**
   * Where the listener's port is kept, so a restarted host listens where participants' pages
   * reconnect (when that port is taken, a free one is used and the links change).
   */
  portFile?: string;
  /** The live endpoint's limits (see GatewayOptions). */
  gateway?: Pick<GatewayOptions, 'maxBufferedBytes' | 'joinBurst' | 'joinPerMinute'>;
}

/** This machine's address on the local network, for links; 127.0.0.1 when it has none. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export class LanListener {
  private app: FastifyInstance | null = null;
  private gateway: LiveGateway | null = null;
  private port = 0;
  private readonly advertise: string;

  constructor(private readonly options: LanListenerOptions) {
    this.advertise = options.advertiseHost ?? lanAddress();
  }

  /** The LAN endpoint's sockets and queued bytes (zeros while it is down). */
  stats(): GatewayStats {
    return this.gateway?.stats() ?? { sockets: 0, bufferedBytes: 0, droppedSlow: 0 };
  }

  get listening(): boolean {
    return this.app !== null;
  }

  get baseUrl(): string | null {
    return this.app ? `http://${this.advertise}:${this.port}/` : null;
  }

  private allowedHosts(): ReadonlySet<string> {
    return new Set([`${this.advertise}:${this.port}`, `127.0.0.1:${this.port}`, `localhost:${this.port}`]);
  }

  async open(): Promise<void> {
    if (this.app) return;
    const listen = async (port: number) => {
      const app = this.options.createApp(() => this.allowedHosts());
      const gateway = createLiveGateway(this.options.sessions(), { kind: 'lan', ...this.options.gateway });
      await app.register(gateway.plugin);
      try {
        await app.listen({ port, host: this.options.bindHost ?? '0.0.0.0' });
      } catch (e) {
        await app.close();
        throw e;
      }
      return { app, gateway };
    };
    const saved = this.options.portFile ? await readSavedPort(this.options.portFile) : null;
    const wanted = this.options.port ?? saved ?? 0;
    let opened;
    try {
      opened = await listen(wanted);
    } catch (e) {
      if (wanted === 0) throw e;
      opened = await listen(0);
    }
    this.port = (opened.app.server.address() as AddressInfo).port;
    this.app = opened.app;
    this.gateway = opened.gateway;
    if (this.options.portFile) await writeFileAtomic(this.options.portFile, `${JSON.stringify({ port: this.port })}\n`).catch(() => undefined);
  }

  /** Stops listening when no room is open any more. */
  async closeIfUnused(): Promise<void> {
    const sessions = await this.options.sessions().all();
    if (sessions.some((s) => s.room.data.open)) return;
    await this.close();
  }

  async close(): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.app = null;
    this.gateway = null;
    // Ends its sockets and connections (host/web/http-app.ts).
    await app.close();
  }

  /** The join and projector links for an exercise's room, and the join link as a QR code. */
  async links(exerciseId: string, room: Room): Promise<Pick<RoomInfo, 'joinUrl' | 'projectorUrl' | 'joinQrSvg'>> {
    const id = encodeURIComponent(exerciseId);
    const lan = room.data.open ? this.baseUrl : null;
    const projectorBase = lan ?? this.options.loopbackUrl();
    const projectorUrl = `${projectorBase}#/projector/${id}/${room.data.projectorKey}`;
    if (!lan) return { joinUrl: null, projectorUrl, joinQrSvg: null };
    const joinUrl = `${lan}#/join/${id}/${room.data.joinKey}`;
    // qrcode is loaded when a room first opens, not at the host's start.
    const { default: QRCode } = await import('qrcode');
    const joinQrSvg = await QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return { joinUrl, projectorUrl, joinQrSvg };
  }
}
