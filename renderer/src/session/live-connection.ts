/**
 * The page's connection to the host's live session: one WebSocket, reconnected by itself.
 *
 * On every (re)connect it sends `hello` with the last journal seq it has seen, so the host sends
 * only what was missed, in order. Frames are parsed as the contract's ServerMessage (the host is
 * the authority; a frame that is not JSON is dropped). The socket itself comes from a connector,
 * so component tests plug the page straight into an in-process session.
 */
import type { ClientMessage, HelloAuth, ServerMessage } from '../../../shared/contract/live.ts';
import { LIVE_PATH } from '../../../shared/contract/live.ts';
import { msg } from '../../../shared/i18n/words.ts';

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
  onMessage(message: ServerMessage): void;
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
        let m: ServerMessage;
        try {
          m = JSON.parse(text) as ServerMessage;
        } catch {
          return;
        }
        if (m.type === 'bye') this.stopped = true;
        this.options.onMessage(m);
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

  /** Stops for good (no reconnect), e.g. when leaving the screen or after `bye`. */
  stop(): void {
    this.stopped = true;
    const s = this.socket;
    this.socket = null;
    this.open = false;
    s?.close();
  }
}

/** The host's answer to one request. */
export type Answer = Extract<ServerMessage, { type: 'ack' } | { type: 'refused' }>;
/** A client message that expects an answer, before its id is given. */
export type LiveRequest = ClientMessage extends infer M ? (M extends { id: string } ? Omit<M, 'id'> : never) : never;

/**
 * Requests in flight on one connection, answered by id. Every request resolves, never rejects:
 * with the host's ack or refusal, or with a "not saved" refusal when the socket was not open or
 * dropped before the answer came (the caller shows it; nothing waits forever).
 */
export class PendingRequests {
  private readonly waiting = new Map<string, (a: Answer) => void>();
  private next = 1;

  /** `prefix` keeps ids of different clients of one page apart in logs. */
  constructor(private readonly prefix: string) {}

  send(conn: LiveConnection | null, request: LiveRequest): Promise<Answer> {
    const id = `${this.prefix}${this.next++}`;
    return new Promise((resolve) => {
      if (!conn?.send({ ...request, id } as ClientMessage)) {
        resolve({
          type: 'refused',
          id,
          code: 'not-saved',
          message: 'Not connected to the Firebreak host; reconnecting. Try again in a moment.',
          reason: msg('ui.notConnected'),
        });
        return;
      }
      this.waiting.set(id, resolve);
    });
  }

  /** Settles the request this answer is for; false when it answers none of ours (a message for the page). */
  answer(m: Answer): boolean {
    const resolve = m.id === null ? undefined : this.waiting.get(m.id);
    if (!resolve || m.id === null) return false;
    this.waiting.delete(m.id);
    resolve(m);
    return true;
  }

  /** The socket dropped: requests in flight get no answer from the host, so say so. */
  dropAll(): void {
    for (const [id, resolve] of this.waiting)
      resolve({ type: 'refused', id, code: 'not-saved', message: 'The connection to the host dropped; try again.', reason: msg('ui.connectionDropped') });
    this.waiting.clear();
  }
}
