/**
 * What a live session tells its clients, and to whom: the journal (whole to facilitators, the
 * public part to the room), the clock (facilitators: they mirror the run), each distinct view
 * once (participants by role, the projector, the solo player; as patches through ViewFanout,
 * broadcast.ts), the room (facilitators), and a new client's starting point.
 */
import type { LiveClock, LiveRole, RoutingRules, ServerMessage } from '../../shared/contract/live.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import type { Room } from '../room/room-state.ts';
import { ViewFanout } from './broadcast.ts';
import type { ClientRegistry } from './client-registry.ts';
import { participantView, projectorView, publicEntries, soloView, type ProjectionInput } from './projection.ts';
import type { RoomAdmin } from './room-admin.ts';
import type { HostTimer, LiveClient, SessionInfo, Viewer } from './session-types.ts';

type View = Extract<ServerMessage, { type: 'view' }>['view'];
type People = Array<{ name: string; role: LiveRole | null }>;

/** What the broadcast reads from its session (at the moment it sends: never a copy kept here). */
export interface BroadcastSource {
  readonly info: SessionInfo;
  readonly run: ExerciseRun;
  readonly entries: ReadonlyArray<JournalEntry>;
  readonly room: Room;
  readonly routing: RoutingRules;
  readonly clock: LiveClock;
  readonly soloName: string;
  /** Damage found when the journal was loaded (the solo player is told), null once recovered. */
  readonly damage: string | null;
  /** Marked finished: consoles and the solo screen move on to the debrief. */
  readonly finished: boolean;
}

export class SessionBroadcast {
  private readonly fanout: ViewFanout<LiveClient>;
  /** When views were last sent (the clock loop sends them at most every VIEW_EVERY_MS while it runs). */
  lastViewAt = -Infinity;

  constructor(
    private readonly source: BroadcastSource,
    private readonly clients: ClientRegistry,
    private readonly admin: RoomAdmin,
    private readonly timer: HostTimer,
  ) {
    this.fanout = new ViewFanout(() => timer.now());
  }

  /** A new client's starting point: who it is, everything after `since`, the clock and its view. */
  welcome(client: LiveClient, since: number): void {
    const s = this.source;
    const facilitator = client.viewer.kind === 'facilitator';
    client.send({
      type: 'welcome',
      exerciseId: s.info.exerciseId,
      you: this.clients.youOf(client.viewer),
      setup: facilitator ? { scenarioSource: s.info.scenarioSource, seed: s.info.seed, entries: [...s.entries] } : null,
    });
    if (!facilitator) {
      const missed = s.entries.filter((e) => e.seq > since);
      client.send({ type: 'entries', upTo: s.entries.length, full: null, public: publicEntries(s.run, missed) });
    }
    client.send({ type: 'clock', clock: s.clock });
    this.sendView(client);
    // A console opening a finished exercise goes to its debrief (the room stays for the hot wash).
    if ((facilitator || client.viewer.kind === 'solo') && s.finished) client.send({ type: 'bye', reason: 'finished' });
    if (facilitator) void this.sendRoom(client);
    else void this.room();
  }

  /** New journal entries: whole to facilitators, the public part to everyone else. */
  entries(entries: JournalEntry[]): void {
    const upTo = this.source.entries.length;
    const full: ServerMessage = { type: 'entries', upTo, full: entries, public: [] };
    const pub: ServerMessage = { type: 'entries', upTo, full: null, public: publicEntries(this.source.run, entries) };
    for (const c of this.clients.clients) c.send(c.viewer.kind === 'facilitator' ? full : pub);
  }

  clock(): void {
    this.clients.toFacilitators({ type: 'clock', clock: this.source.clock });
  }

  /**
   * Sends every participant and projector its view: each distinct view computed and serialised
   * once, as a patch against the version its clients hold (broadcast.ts).
   */
  views(): void {
    this.lastViewAt = this.timer.now();
    const input = this.projectionInput();
    const people = this.people();
    for (const [key, clients] of this.clients.byView()) this.fanout.publish(key, () => this.viewOf(clients[0]!.viewer, input, people), clients);
  }

  /** Sends one client its whole view (new client, or it asked to resync); the others of its view get the change. */
  sendView(client: LiveClient): void {
    if (client.viewer.kind === 'facilitator') return;
    const key = this.clients.viewKey(client.viewer);
    const same = [...this.clients.clients].filter((c) => c.viewer.kind !== 'facilitator' && this.clients.viewKey(c.viewer) === key);
    if (!same.includes(client)) same.push(client);
    const input = this.projectionInput();
    const people = this.people();
    this.fanout.publish(key, () => this.viewOf(client.viewer, input, people), same, new Set([client]));
  }

  /** The room, to every facilitator console. */
  async room(): Promise<void> {
    if (this.clients.facilitators().length === 0) return;
    this.clients.toFacilitators({ type: 'room', room: await this.admin.roomInfo() });
  }

  async sendRoom(client: LiveClient): Promise<void> {
    client.send({ type: 'room', room: await this.admin.roomInfo() });
  }

  private projectionInput(): ProjectionInput {
    const s = this.source;
    const d = s.room.data;
    return {
      exerciseId: s.info.exerciseId,
      team: s.info.team,
      clock: s.clock,
      share: {
        sharedFindings: d.sharedFindings,
        spotlight: d.spotlight,
        briefing: d.briefing && s.run.context.signals.length === 0,
        results: d.results,
        resultsHarm: d.resultsHarm,
      },
      entries: s.entries,
      routing: s.routing,
    };
  }

  /**
   * The room's people, the same array while nobody joined, left or changed role: every view holds
   * it, and an unchanged one is then skipped by the patch without being compared item by item.
   */
  private people(): People {
    const now = this.source.room.data.participants;
    const kept = this.peopleKept;
    if (kept.length === now.length && now.every((p, i) => p.name === kept[i]!.name && p.role === kept[i]!.role)) return kept;
    this.peopleKept = now.map((p) => ({ name: p.name, role: p.role }));
    return this.peopleKept;
  }
  private peopleKept: People = [];

  /** The view for one client (null for the facilitator, who mirrors the run itself). */
  private viewOf(v: Viewer, input: ProjectionInput, people: People): View | null {
    const run = this.source.run;
    switch (v.kind) {
      case 'facilitator':
        return null;
      case 'projector':
        return projectorView(run, input);
      case 'participant':
        return participantView(run, input, v.participant.role, people);
      case 'solo':
        return soloView(run, input, this.source.soloName, this.source.damage);
    }
  }
}
