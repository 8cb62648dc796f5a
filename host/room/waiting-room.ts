/**
 * Admission control: who gets into a room, and when.
 *
 * In 'auto' mode a joiner with the link comes straight in while their network address is within
 * its join rate (a burst of JOIN_BURST, then JOIN_PER_MINUTE); past it, or in 'manual' mode, they
 * wait in the waiting room until the facilitator admits them (one or all) or turns them away (one
 * or all). The waiting room holds at most MAX_WAITING sockets and refuses more, so a flood of fake
 * joiners costs the host a bounded amount, and one "turn away all" from the facilitator makes room
 * for a real latecomer, who is then admitted by name. The console is told the count waiting (and
 * the first few names) on every change.
 *
 * Kept per session (a WeakMap) and in memory only: joiners waiting when the host stops simply
 * open the link again.
 */
import { msg, type Msg } from '../../shared/i18n/words.ts';
import { LOBBY_LISTED, type LiveRole, type LobbyInfo, type ServerMessage } from '../../shared/contract/live.ts';
import type { LiveSession } from '../session/live-session.ts';
import { TokenBucket } from './client-limits.ts';

export const MAX_WAITING = 200;
/** Per network address: joiners let straight in at once, then per minute (auto mode). */
export const JOIN_BURST = 12;
export const JOIN_PER_MINUTE = 12;
/** Addresses whose join rate is remembered (the oldest forgotten first): bounded whatever arrives. */
const MAX_ADDRESSES = 4096;

export interface Waiter {
  id: string;
  name: string;
  role: LiveRole;
  since: string;
  /** Lets them in (joins the room and attaches their socket); rejects with a reason the joiner is told. */
  admit(): Promise<void>;
  /** Ends their socket, telling them why (a catalogue message: the joiner's page words it). */
  turnAway(reason: Msg): void;
}

export interface WaitingRoomOptions {
  now: () => number;
  joinBurst?: number;
  joinPerMinute?: number;
}

export class WaitingRoom {
  mode: 'auto' | 'manual' = 'auto';
  private readonly waiters = new Map<string, Waiter>();
  private readonly rates = new Map<string, TokenBucket>();
  private nextId = 1;

  constructor(
    private readonly session: LiveSession,
    private readonly options: WaitingRoomOptions,
  ) {}

  get count(): number {
    return this.waiters.size;
  }

  /** Whether a joiner from `address` must wait (manual mode, or over the address's join rate). */
  mustWait(address: string): boolean {
    if (this.mode === 'manual') return true;
    let bucket = this.rates.get(address);
    if (!bucket) {
      if (this.rates.size >= MAX_ADDRESSES) this.rates.delete(this.rates.keys().next().value!);
      const burst = this.options.joinBurst ?? JOIN_BURST;
      bucket = new TokenBucket(burst, (this.options.joinPerMinute ?? JOIN_PER_MINUTE) / 60, this.options.now);
      this.rates.set(address, bucket);
    }
    return !bucket.take();
  }

  /** Puts a joiner in the waiting room; null (and nothing kept) when it is full. */
  add(w: Omit<Waiter, 'id' | 'since'>): Waiter | null {
    if (this.waiters.size >= MAX_WAITING) return null;
    const waiter: Waiter = { ...w, id: `w${this.nextId++}`, since: new Date().toISOString() };
    this.waiters.set(waiter.id, waiter);
    this.tellConsoles();
    return waiter;
  }

  /** A waiting joiner left (closed their page). */
  left(id: string): void {
    if (this.waiters.delete(id)) this.tellConsoles();
  }

  /** Lets one waiting joiner in, or all of them (as many as the room takes); returns how many came in. */
  async admit(who: string): Promise<number> {
    const chosen = who === 'all' ? [...this.waiters.values()] : [this.waiter(who)];
    let admitted = 0;
    let firstError: unknown = null;
    for (const w of chosen) {
      this.waiters.delete(w.id);
      try {
        await w.admit();
        admitted++;
      } catch (e) {
        firstError ??= e;
        w.turnAway(msg('room.bye.notAdmitted', { reason: e instanceof Error ? e.message : String(e) }));
      }
    }
    this.tellConsoles();
    if (admitted === 0 && firstError) throw firstError;
    return admitted;
  }

  /** Sends one waiting joiner away, or all of them; returns how many. */
  turnAway(who: string, reason: Msg = msg('room.bye.turnedAway')): number {
    const chosen = who === 'all' ? [...this.waiters.values()] : [this.waiter(who)];
    for (const w of chosen) {
      this.waiters.delete(w.id);
      w.turnAway(reason);
    }
    this.tellConsoles();
    return chosen.length;
  }

  setMode(mode: 'auto' | 'manual'): void {
    this.mode = mode;
    this.tellConsoles();
  }

  info(): LobbyInfo {
    const waiting = [...this.waiters.values()].slice(0, LOBBY_LISTED).map(({ id, name, role, since }) => ({ id, name, role, since }));
    return { mode: this.mode, count: this.waiters.size, waiting };
  }

  message(): ServerMessage {
    return { type: 'lobby', lobby: this.info() };
  }

  /** Every facilitator console of the session hears about the change. */
  tellConsoles(): void {
    const m = this.message();
    for (const c of this.session.clients) if (c.viewer.kind === 'facilitator') c.send(m);
  }

  private waiter(id: string): Waiter {
    const w = this.waiters.get(id);
    if (!w) throw new Error(`no one with id "${id}" is waiting (they may have left or been let in)`);
    return w;
  }
}

const bySession = new WeakMap<LiveSession, WaitingRoom>();

/** The waiting room of one session, shared by both listeners' gateways. */
export function waitingRoomOf(session: LiveSession, options: WaitingRoomOptions): WaitingRoom {
  let w = bySession.get(session);
  if (!w) bySession.set(session, (w = new WaitingRoom(session, options)));
  return w;
}
