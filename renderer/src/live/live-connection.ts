/**
 * The page's connection to the host's live session: one WebSocket, reconnected by itself.
 *
 * On every (re)connect it sends `hello` with the last journal seq it has seen, so the host sends
 * only what was missed, in order. Frames are handed on as text: LiveClient (live-client.ts) reads
 * them. The socket itself comes from a connector, so component tests plug the page straight into
 * an in-process session.
 */
import type { ClientMessage, HelloAuth } from '../../../shared/contract/live.ts';
import { LIVE_PATH } from '../../../shared/contract/channels.ts';

export interface LiveSocket {
  send(text: string): void;
  close(): void;
}

export interface LiveSocketEvents {
  open(): void;
  message(text: string): void;
  closed(): void;
}

export type LiveConnector = (events: LiveSocketEvents) => LiveSocket;

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A WebSocket to the page's own host (ws://<host>/live). */
export function browserConnector(base: string = location.host): LiveConnector {
  return (events) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${base}${LIVE_PATH}`);
    ws.onopen = () => events.open();
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') events.message(ev.data);
    };
    ws.onclose = () => events.closed();
    return { send: (t) => ws.send(t), close: () => ws.close() };
  };
}

export interface LiveConnectionOptions {
  connector: LiveConnector;
  exerciseId: string;
  auth: () => HelloAuth;
  since: () => number;
  /** One frame's text, as the host sent it (not yet read). */
  onFrame(text: string): void;
  onStatus?(status: ConnectionStatus): void;
  /** setTimeout in the page; tests may pass their own. */
  after?: (ms: number, fn: () => void) => void;
}

const BACKOFF_MS = [200, 500, 1000, 2000, 4000];

export class LiveConnection {
  private socket: LiveSocket | null = null;
  private open = false;
  private stopped = false;
  private attempts = 0;
  status: ConnectionStatus = 'connecting';

  constructor(private readonly options: LiveConnectionOptions) {
    this.connect();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.options.onStatus?.(status);
  }

  private connect(): void {
    if (this.stopped) return;
    let socket: LiveSocket | null = null;
    socket = this.options.connector({
      open: () => {
        if (this.socket !== socket) return;
        this.open = true;
        this.attempts = 0;
        this.setStatus('open');
        const hello: ClientMessage = { type: 'hello', exerciseId: this.options.exerciseId, auth: this.options.auth(), since: this.options.since() };
        socket!.send(JSON.stringify(hello));
      },
      message: (text) => {
        if (this.socket !== socket) return;
        this.options.onFrame(text);
      },
      closed: () => {
        if (this.socket !== socket) return;
        this.open = false;
        this.socket = null;
        if (this.stopped) return this.setStatus('closed');
        this.setStatus('reconnecting');
        const wait = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)]!;
        (this.options.after ?? ((ms, fn) => void setTimeout(fn, ms)))(wait, () => this.connect());
      },
    });
    this.socket = socket;
  }

  get connected(): boolean {
    return this.open;
  }

  /** Sends a message; false when not connected (the caller says so instead of queueing). */
  send(message: ClientMessage): boolean {
    if (!this.open || !this.socket) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** The host said goodbye: when it closes the socket, do not reconnect. */
  ending(): void {
    this.stopped = true;
  }

  /** Stops for good (no reconnect), e.g. when leaving the screen. */
  stop(): void {
    this.stopped = true;
    const s = this.socket;
    this.socket = null;
    this.open = false;
    s?.close();
  }
}
