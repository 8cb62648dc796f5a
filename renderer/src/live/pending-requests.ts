/**
 * Requests in flight on one connection, answered by id (in whatever order the host answers them).
 */
import type { ClientMessage, ServerMessage } from '../../../shared/contract/live.ts';
import { msg } from '../../../shared/i18n/words.ts';

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

  send(conn: { send(m: ClientMessage): boolean } | null, request: LiveRequest): Promise<Answer> {
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
