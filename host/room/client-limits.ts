/**
 * Limits per person, not per socket: one token bucket of messages and one of bytes for each
 * participant (by id), for the projector and for the facilitator, shared by all of that person's
 * sockets on either listener; and a cap on how many sockets each may hold at once. A new socket
 * over the cap replaces that person's oldest one (it is told why and does not reconnect by
 * itself: a reload or a second device takes over, and ten sockets act no faster than one).
 *
 * Kept per session (a WeakMap), so both listeners' gateways see the same counts and a finished
 * session's state goes with it.
 */
import { msg, type Msg } from '../../shared/i18n/words.ts';
import type { LiveSession, Viewer } from '../session/live-session.ts';

/** Per person: a burst of 40 messages, refilled at 20 per second (what one busy page sends). */
export const RATE_BURST = 40;
export const RATE_PER_SECOND = 20;
/** Per person: a burst of 256 KiB of frames, refilled at 64 KiB per second (a frame is at most 64 KiB). */
export const BYTES_BURST = 256 * 1024;
export const BYTES_PER_SECOND = 64 * 1024;
/** Sockets one person may hold at once; one more replaces the oldest. */
export const MAX_SOCKETS: Record<Viewer['kind'], number> = { participant: 2, projector: 4, facilitator: 8, solo: 4 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(amount = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/** One person's share: what all their sockets draw on. */
export interface Allowance {
  /** False when this message (of `bytes`) is over the person's rate. */
  take(bytes: number): boolean;
}

interface Person {
  messages: TokenBucket;
  bytes: TokenBucket;
  /** Oldest first: how to end each socket (told why). */
  sockets: Array<(reason: Msg) => void>;
}

/** The key a viewer's limits are kept under (a participant by id: their token is theirs alone). */
export function personOf(viewer: Viewer): string {
  return viewer.kind === 'participant' ? `participant:${viewer.participant.id}` : viewer.kind;
}

export function newAllowance(now: () => number): Allowance & { messages: TokenBucket; bytes: TokenBucket } {
  const messages = new TokenBucket(RATE_BURST, RATE_PER_SECOND, now);
  const bytes = new TokenBucket(BYTES_BURST, BYTES_PER_SECOND, now);
  return { messages, bytes, take: (n) => messages.take() && bytes.take(n) };
}

export class ClientLimits {
  private readonly people = new Map<string, Person>();

  constructor(private readonly now: () => number) {}

  /**
   * Registers a socket for a person and returns their allowance and a release for when the socket
   * closes. Over the cap, the person's oldest socket is ended first.
   */
  attach(viewer: Viewer, end: (reason: Msg) => void): { allowance: Allowance; release: () => void } {
    const key = personOf(viewer);
    let person = this.people.get(key);
    if (!person) {
      const a = newAllowance(this.now);
      person = { messages: a.messages, bytes: a.bytes, sockets: [] };
      this.people.set(key, person);
    }
    const p = person;
    while (p.sockets.length >= MAX_SOCKETS[viewer.kind]) {
      const oldest = p.sockets.shift()!;
      oldest(msg(viewer.kind === 'participant' ? 'room.bye.otherDevice' : 'room.bye.tooMany'));
    }
    p.sockets.push(end);
    return {
      allowance: { take: (n) => p.messages.take() && p.bytes.take(n) },
      release: () => {
        const i = p.sockets.indexOf(end);
        if (i >= 0) p.sockets.splice(i, 1);
        // The buckets stay (a person cannot refill them by reconnecting); they are small.
      },
    };
  }

  /** How many sockets a person holds now (tests and the console). */
  socketsOf(viewer: Viewer): number {
    return this.people.get(personOf(viewer))?.sockets.length ?? 0;
  }
}

const bySession = new WeakMap<LiveSession, ClientLimits>();

/** The limits of one session, shared by every listener's gateway. */
export function limitsOf(session: LiveSession, now: () => number): ClientLimits {
  let l = bySession.get(session);
  if (!l) bySession.set(session, (l = new ClientLimits(now)));
  return l;
}
