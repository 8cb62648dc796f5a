/** A live-endpoint client for host tests: a `ws` socket that records every message it receives. */
import WebSocket from 'ws';
import type { HelloAuth, ServerMessage } from '../../../shared/contract/live.ts';
import { applyViewPatch } from '../../../shared/contract/view-patch.ts';

export class TestClient {
  readonly received: ServerMessage[] = [];
  readonly raw: string[] = [];
  private waiters: Array<() => void> = [];
  private nextId = 1;
  closed: { code: number; reason: string } | null = null;
  /** The view as last whole or patched, and how many patches made it. */
  private view: { view: Extract<ServerMessage, { type: 'view' }>['view']; version: number | null } | null = null;
  patches = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      const m = JSON.parse(text) as ServerMessage;
      // A patch is recorded as the whole view it makes, as a real client shows it; one that does not
      // fit the view held is recorded as it came (so a test waiting for a view sees the gap).
      if (m.type === 'view') this.view = { view: m.view, version: m.version ?? null };
      if (m.type === 'viewPatch' && this.view && this.view.version === m.base) {
        this.view = { view: applyViewPatch(this.view.view, m.patch), version: m.version };
        this.patches++;
        this.received.push({ type: 'view', view: this.view.view, version: m.version });
      } else this.received.push(m);
      this.notify();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Opens a socket to `baseUrl` (http://127.0.0.1:port/) with a matching Origin. */
  static async open(baseUrl: string, options: { origin?: string } = {}): Promise<TestClient> {
    const u = new URL(baseUrl);
    const ws = new WebSocket(`ws://${u.host}/live`, { origin: options.origin ?? `http://${u.host}` });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestClient(ws);
  }

  static async connect(baseUrl: string, exerciseId: string, auth: HelloAuth, since = 0): Promise<TestClient> {
    const c = await TestClient.open(baseUrl);
    c.sendRaw(JSON.stringify({ type: 'hello', exerciseId, auth, since }));
    await c.waitFor((m) => m.type === 'welcome' || m.type === 'refused');
    return c;
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  send(message: Record<string, unknown>): string {
    const id = `r${this.nextId++}`;
    this.ws.send(JSON.stringify({ ...message, id }));
    return id;
  }

  /** Resolves with the first message (from `from` on) that matches. */
  async waitFor<T extends ServerMessage>(match: (m: ServerMessage) => m is T, from?: number): Promise<T>;
  async waitFor(match: (m: ServerMessage) => boolean, from?: number): Promise<ServerMessage>;
  async waitFor(match: (m: ServerMessage) => boolean, from = 0): Promise<ServerMessage> {
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before a matching message; got ${this.raw.slice(-3).join(' | ')}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Sends a request and resolves with its ack or refusal. */
  async request(message: Record<string, unknown>): Promise<Extract<ServerMessage, { type: 'ack' } | { type: 'refused' }>> {
    const id = this.send(message);
    return (await this.waitFor((m) => (m.type === 'ack' || m.type === 'refused') && m.id === id)) as Extract<
      ServerMessage,
      { type: 'ack' } | { type: 'refused' }
    >;
  }

  last<K extends ServerMessage['type']>(type: K): Extract<ServerMessage, { type: K }> | undefined {
    return [...this.received].reverse().find((m) => m.type === type) as Extract<ServerMessage, { type: K }> | undefined;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
