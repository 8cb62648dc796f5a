/**
 * The host's live session, in process, for component tests: a LiveConnector that plugs the page
 * straight into a real LiveSession (host/session) running on the test's FakeWallClock and
 * journaling through the fake API. Messages go through JSON like on the wire.
 */
import type { FirebreakApi } from '../../shared/contract/api.ts';
import { parseClientMessage, type ServerMessage } from '../../shared/contract/live.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { parseJournal } from '../../shared/engine/journal.ts';
import { loadScenario } from '../../shared/scenario/load.ts';
import { admit } from '../../host/room/admission.ts';
import { newRoomData, Room } from '../../host/room/room-state.ts';
import { LiveSession, type LiveClient } from '../../host/session/live-session.ts';
import type { LiveConnector } from '../../renderer/src/live/live-connection.ts';
import type { FakeWallClock } from '../../renderer/src/session/wall-clock.ts';

let keys = 0;
const key = () => `testkey${String(keys++).padStart(12, '0')}abcdefgh`;

export interface MemoryLiveHost {
  connector: LiveConnector;
  sessions: Map<string, Promise<LiveSession>>;
  /** Drops every open socket (as a network blip would); pages reconnect by themselves. */
  dropAll(): void;
  /** Every frame the host sent to a page, as text (what a test inspects for what must never be sent). */
  frames: string[];
}

export function memoryLiveHost(api: FirebreakApi, clock: FakeWallClock): MemoryLiveHost {
  const sessions = new Map<string, Promise<LiveSession>>();
  const sockets = new Set<() => void>();
  const frames: string[] = [];
  const deliver = (events: { message(text: string): void }, m: ServerMessage) => {
    const text = JSON.stringify(m);
    frames.push(text);
    events.message(text);
  };

  async function open(exerciseId: string): Promise<LiveSession> {
    const loaded = await api['exercises:load']({ exerciseId });
    const header = parseJournal(loaded.journalText).header;
    const r = loadScenario(header.scenarioSource, header.scenarioId);
    if (!r.ok) throw new Error('scenario does not load');
    const run = ExerciseRun.replay(r.scenario, loaded.meta.seed, loaded.entries);
    const session = new LiveSession(
      {
        exerciseId,
        team: loaded.meta.team,
        mode: loaded.meta.mode,
        speed: loaded.meta.speed,
        participants: loaded.meta.participants,
        scenarioSource: header.scenarioSource,
        seed: loaded.meta.seed,
      },
      r.scenario,
      run,
      loaded.entries,
      new Room(newRoomData(key), key),
      {
        append: (entries) => api['exercises:append']({ exerciseId, entries: [...entries] }),
        finish: () => api['exercises:finish']({ exerciseId, status: 'finished' }),
        saveRoom: async () => undefined,
      },
      clock,
    );
    await session.start();
    return session;
  }

  const connector: LiveConnector = (events) => {
    let client: LiveClient | null = null;
    let session: LiveSession | null = null;
    let closed = false;
    let joining = false;
    const close = () => {
      if (closed) return;
      closed = true;
      sockets.delete(close);
      if (session && client) session.detach(client);
      queueMicrotask(() => events.closed());
    };
    sockets.add(close);
    queueMicrotask(() => events.open());
    return {
      send(text) {
        if (closed) return;
        const parsed = parseClientMessage(text);
        if (!parsed.ok) throw new Error(`the page sent a bad message: ${parsed.error}`);
        const m = parsed.message;
        if (m.type === 'hello') {
          let s = sessions.get(m.exerciseId);
          if (!s) {
            s = open(m.exerciseId);
            sessions.set(m.exerciseId, s);
          }
          void s.then(
            (opened) => {
              if (closed) return;
              session = opened;
              const sendOut = (msg: ServerMessage) => !closed && deliver(events, msg);
              // The gateway's own admission rules, as on the loopback listener.
              const admission = admit(opened, m.auth, 'loopback');
              switch (admission.kind) {
                case 'refused':
                  return sendOut({ type: 'refused', id: null, code: admission.code, message: admission.message });
                case 'join':
                  joining = true;
                  return sendOut({
                    type: 'welcome',
                    exerciseId: m.exerciseId,
                    you: { kind: 'participant', participantId: null, token: null, name: null, role: null },
                    setup: null,
                    join: opened.joinChoices(),
                  });
                case 'viewer':
                  client = { viewer: admission.viewer, send: sendOut, close };
                  return opened.attach(client, m.since);
              }
            },
            (e: unknown) => events.message(JSON.stringify({ type: 'refused', id: null, code: 'invalid', message: String(e) })),
          );
          return;
        }
        if (m.type === 'join' && joining && session) {
          joining = false;
          const s = session;
          void s.join(m.name, m.role).then((p) => {
            client = { viewer: { kind: 'participant', participant: p }, send: (msg: ServerMessage) => !closed && deliver(events, msg), close };
            s.attach(client, 0);
          });
          return;
        }
        if (session && client) void session.handle(client, m);
      },
      close,
    };
  };
  return {
    connector,
    sessions,
    frames,
    dropAll() {
      for (const c of [...sockets]) c();
    },
  };
}
