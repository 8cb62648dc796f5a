/**
 * One exercise's room: its secrets, its participants and what the facilitator shares.
 *
 * Plain data plus the rules that change it, so it can be kept beside the journal (live-room.json)
 * and a restarted host gives every participant its place back. Secrets come from an injected
 * random source (node:crypto on the host); a participant's token is theirs alone, and removing
 * them revokes it.
 */
import type { LiveRole, RoomParticipant } from '../../shared/contract/live.ts';

export interface ParticipantRecord {
  id: string;
  token: string;
  name: string;
  role: LiveRole | null;
  joinedAt: string;
}

export interface RoomData {
  format: 'firebreak-room/1';
  /** The key in the join link (anyone with the link may join). */
  joinKey: string;
  /** The key in the projector link (read-only room view). */
  projectorKey: string;
  /** Whether the facilitator opened the room to the local network. */
  open: boolean;
  participants: ParticipantRecord[];
  sharedFindings: string[];
  /** Index of the spotlighted signal, or null. */
  spotlight: number | null;
  briefing: boolean;
  /** #20: the results view on the room's screens at the end (on by default). */
  results: boolean;
  /** #20: the projector's results slide is harm over time, not the score card (off by default). */
  resultsHarm: boolean;
}

/** A room of 300 (issue #18: the fan-out sends each distinct view once, as patches while the clock runs). */
export const MAX_PARTICIPANTS = 300;

export function newRoomData(randomKey: () => string): RoomData {
  return {
    format: 'firebreak-room/1',
    joinKey: randomKey(),
    projectorKey: randomKey(),
    open: false,
    participants: [],
    sharedFindings: [],
    spotlight: null,
    briefing: true,
    results: true,
    resultsHarm: false,
  };
}

/** Accepts stored room data only if it has the expected shape (a damaged file starts a fresh room). */
export function asRoomData(json: unknown): RoomData | null {
  if (!json || typeof json !== 'object') return null;
  const d = json as Partial<RoomData>;
  if (d.format !== 'firebreak-room/1' || typeof d.joinKey !== 'string' || typeof d.projectorKey !== 'string' || !Array.isArray(d.participants)) return null;
  return {
    format: 'firebreak-room/1',
    joinKey: d.joinKey,
    projectorKey: d.projectorKey,
    open: d.open === true,
    participants: d.participants.filter((p): p is ParticipantRecord => !!p && typeof p.id === 'string' && typeof p.token === 'string'),
    sharedFindings: Array.isArray(d.sharedFindings) ? d.sharedFindings.filter((x): x is string => typeof x === 'string') : [],
    spotlight: typeof d.spotlight === 'number' ? d.spotlight : null,
    briefing: d.briefing !== false,
    results: d.results !== false,
    resultsHarm: d.resultsHarm === true,
  };
}

/** Compares secrets in time independent of where they first differ. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export class Room {
  constructor(
    readonly data: RoomData,
    private readonly randomKey: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  byToken(token: string): ParticipantRecord | null {
    return this.data.participants.find((p) => sameSecret(p.token, token)) ?? null;
  }

  byId(id: string): ParticipantRecord | null {
    return this.data.participants.find((p) => p.id === id) ?? null;
  }

  /** Adds a participant; throws with a readable reason when the room is full. */
  join(name: string, role: LiveRole): ParticipantRecord {
    if (this.data.participants.length >= MAX_PARTICIPANTS) throw new Error(`the room is full (${MAX_PARTICIPANTS} participants)`);
    const p: ParticipantRecord = { id: `p${this.randomKey().slice(0, 10)}`, token: this.randomKey(), name, role, joinedAt: this.now().toISOString() };
    this.data.participants.push(p);
    return p;
  }

  remove(id: string): ParticipantRecord | null {
    const p = this.byId(id);
    if (p) this.data.participants = this.data.participants.filter((x) => x.id !== id);
    return p;
  }

  /** Closing the room revokes every participant's token, the join link and the projector link (new ones are made). */
  close(): void {
    this.data.open = false;
    this.data.participants = [];
    this.data.joinKey = this.randomKey();
    this.data.projectorKey = this.randomKey();
  }

  listed(connected: (id: string) => boolean): RoomParticipant[] {
    return this.data.participants.map((p) => ({ id: p.id, name: p.name, role: p.role, connected: connected(p.id), joinedAt: p.joinedAt }));
  }
}
