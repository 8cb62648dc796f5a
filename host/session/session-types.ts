/**
 * What the parts of a live session share: who a client is, what the session needs from the host
 * (timer, storage, room links), and how it says no (Refusal, worded from the catalogue).
 *
 * No Node imports: timers, storage and randomness come in as dependencies, so component tests
 * can run a session inside jsdom and the host runs it under Node.
 */
import type { ExerciseOutcome, Participant } from '../../shared/contract/api.ts';
import type { RefusalCode, RoomInfo, ServerMessage } from '../../shared/contract/live.ts';
import type { Attribution, JournalEntry } from '../../shared/engine/inputs.ts';
import { EN, type Msg } from '../../shared/i18n/words.ts';
import type { ParticipantRecord, Room } from '../room/room-state.ts';

/** The host's wall clock: performance.now and setInterval in production, a fake in tests. */
export interface HostTimer {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

export interface SessionStorage {
  /** Resolves once the entries are durable (the store fsyncs before it resolves). */
  append(entries: ReadonlyArray<JournalEntry>): Promise<unknown>;
  /** Marks the exercise finished with the outcome the session scored from its own run (the store does not score). */
  finish(outcome: ExerciseOutcome | null): Promise<unknown>;
  /** Keeps the room (participants, shares) beside the journal; failures are reported, not fatal. */
  saveRoom(room: Room): Promise<void>;
}

export type Viewer =
  | { kind: 'facilitator' }
  | { kind: 'projector' }
  | { kind: 'participant'; participant: ParticipantRecord }
  /** The lone trainee of a solo exercise: every role, the clock and the hints are theirs. */
  | { kind: 'solo' };

/** One connected client, as the session sees it. */
export interface LiveClient {
  viewer: Viewer;
  send(message: ServerMessage): void;
  /** The host ends the connection (after a `bye`). */
  close(): void;
}

export interface SessionInfo {
  exerciseId: string;
  team: string;
  mode: 'facilitated' | 'solo';
  speed: number;
  participants: ReadonlyArray<Participant>;
  scenarioSource: string;
  seed: number;
  /** The journal was damaged when the host loaded it (what and where): read-only until recovered. */
  damage?: string | null;
}

export interface RoomLinks {
  /** Links for the room, or nulls while it is closed (the LAN listener is down). */
  links(room: Room): Promise<Pick<RoomInfo, 'joinUrl' | 'projectorUrl' | 'joinQrSvg'>>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export const FACILITATOR: Attribution = { name: 'Facilitator', role: 'facilitator' };

/** A refusal: its kind on the wire, the reason in English (logs, tests) and as a message the page words. */
export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly reason: Msg | null = null,
  ) {
    super(message);
  }
}

/** A refusal worded from the catalogue (the English text for logs, the message for the page). */
export function refused(code: RefusalCode, reason: Msg): Refusal {
  return new Refusal(code, EN.format(reason), reason);
}
