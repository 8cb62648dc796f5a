/**
 * The host's running exercises: at most one LiveSession per exercise, opened on first use.
 *
 * Opening loads the exercise from the store, replays its journal (the scenario pinned in the
 * header), reads the room kept beside it, and starts the clock loop. Every client of that
 * exercise — however many consoles, participants and projectors — talks to the same session,
 * so two tabs cannot disagree and a reload finds the clock where it is.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../shared/contract/api.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { parseJournal } from '../../shared/engine/journal.ts';
import { scenarioOf } from './journal-intake.ts';
import { writeFileAtomic } from '../storage/durable-fs.ts';
import type { ExerciseStore } from '../storage/exercise-store.ts';
import { asRoomData, newRoomData, Room } from '../room/room-state.ts';
import { LiveSession, type HostTimer, type RoomLinks } from './live-session.ts';

export const ROOM_FILE = 'live-room.json';

/** An unguessable key: 24 random bytes, base64url (32 characters). */
export function randomKey(): string {
  return randomBytes(24).toString('base64url');
}

export const nodeTimer: HostTimer = {
  now: () => performance.now(),
  every(ms, fn) {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export interface LiveSessionsOptions {
  timer?: HostTimer;
  /** The LAN listener's links for a room (null: this host cannot open rooms). */
  links?: (exerciseId: string) => RoomLinks | null;
  onError?: (message: string) => void;
}

export class LiveSessions {
  private readonly sessions = new Map<string, Promise<LiveSession>>();

  constructor(
    private readonly store: ExerciseStore,
    private readonly options: LiveSessionsOptions = {},
  ) {}

  /** The running session of an exercise, opening it if needed. Rejects with ApiError. */
  get(exerciseId: string): Promise<LiveSession> {
    let s = this.sessions.get(exerciseId);
    if (!s) {
      s = this.openSession(exerciseId);
      this.sessions.set(exerciseId, s);
      s.catch(() => this.sessions.delete(exerciseId));
    }
    return s;
  }

  /** True when a session for the exercise is open in this host (its journal has one writer: it). */
  isOpen(exerciseId: string): boolean {
    return this.sessions.has(exerciseId);
  }

  /** Every open session (already opened ones only). */
  async all(): Promise<LiveSession[]> {
    const settled = await Promise.allSettled([...this.sessions.values()]);
    return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  private async openSession(exerciseId: string): Promise<LiveSession> {
    const loaded = await this.store.load(exerciseId);
    if (loaded.meta.status !== 'running') {
      throw new ApiError('conflict', `This exercise is ${loaded.meta.status}; it can no longer be run. Its debrief has the results.`);
    }
    const scenario = scenarioOf(loaded);
    let run: ExerciseRun;
    try {
      run = ExerciseRun.replay(scenario, loaded.meta.seed, loaded.entries);
    } catch (e) {
      throw new ApiError('io', `the journal does not replay: ${(e as Error).message}`);
    }
    const roomPath = join(this.store.dirOf(exerciseId), ROOM_FILE);
    const stored = await readFile(roomPath, 'utf8')
      .then((t) => asRoomData(JSON.parse(t)))
      .catch(() => null);
    const room = new Room(stored ?? newRoomData(randomKey), randomKey);
    const store = this.store;
    const session: LiveSession = new LiveSession(
      {
        exerciseId,
        team: loaded.meta.team,
        mode: loaded.meta.mode,
        speed: loaded.meta.speed,
        participants: loaded.meta.participants,
        scenarioSource: parseJournal(loaded.journalText).header.scenarioSource,
        seed: loaded.meta.seed,
        damage: loaded.recoverable ? loaded.warnings.join(' ') : null,
      },
      scenario,
      run,
      loaded.entries,
      room,
      {
        append: (entries) => store.append(exerciseId, entries), // the session's engine took them already
        finish: async (outcome) => {
          await store.finish(exerciseId, 'finished', outcome);
          // Kept open after the finish: the room's hot wash and late ratings still go through
          // this session, the journal's one writer in this host (LiveSession.finished).
        },
        saveRoom: async (r) => {
          try {
            await writeFileAtomic(roomPath, `${JSON.stringify(r.data)}\n`);
          } catch (e) {
            this.options.onError?.(`could not save ${roomPath}: ${(e as Error).message}`);
          }
        },
      },
      this.options.timer ?? nodeTimer,
      this.options.links?.(exerciseId) ?? null,
    );
    await session.start();
    return session;
  }

  /** Stops every session's clock (the host is shutting down; journals are already durable). */
  async closeAll(): Promise<void> {
    for (const s of await this.all()) s.stop();
    this.sessions.clear();
  }
}
