/**
 * A running exercise, owned by the host: the engine, the simulated clock on the host's timer,
 * the journal, and the clients watching it. LiveSession composes the parts (#18):
 *
 *   clock-loop.ts        the host's clock loop: sim time, checkpoints, clock intents, the end
 *   client-registry.ts   who is connected and which clients share one view
 *   room-admin.ts        roles, attribution, shares, opening and closing the room
 *   intents.ts           what a client may ask, and the answer (ack or refused)
 *   commit.ts            engine check → durable append → apply → tell, one job at a time
 *   session-broadcast.ts what each client is sent (views once per distinct view: broadcast.ts)
 *
 * The one path of every change: a client's intent → permission (viewer kind, role table) →
 * the engine's check → the entry is stamped with the next seq and the current sim time →
 * `append` (the store fsyncs; the meta follows off the acknowledgement's path) → only then the
 * run takes it and every client is told, in journal order. One engine per action: the store
 * neither replays nor scores (the close is scored here, from this run).
 *
 * No Node imports: timers, storage and randomness come in as dependencies, so component tests
 * can run a session inside jsdom and the host runs it under Node.
 */
import type { ClientMessage, HelloAuth, JoinChoices, LiveClock, LiveRole, RoleChoice, RoutingRules } from '../../shared/contract/live.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import { msg } from '../../shared/i18n/words.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { finishedOutcome } from '../../shared/scoring/finished-outcome.ts';
import type { ParticipantRecord, Room } from '../room/room-state.ts';
import { ClientRegistry } from './client-registry.ts';
import { ClockLoop } from './clock-loop.ts';
import { JournalCommit, type CommitItems } from './commit.ts';
import { handleIntent, type IntentContext } from './intents.ts';
import { routingFor } from './projection.ts';
import { isIncidentRole, RoomAdmin } from './room-admin.ts';
import { SessionBroadcast } from './session-broadcast.ts';
import {
  FACILITATOR,
  Refusal,
  refused,
  type HostTimer,
  type LiveClient,
  type RoomLinks,
  type SessionInfo,
  type SessionStorage,
  type Viewer,
} from './session-types.ts';

export { Refusal } from './session-types.ts';
export type { HostTimer, LiveClient, RoomLinks, SessionInfo, SessionStorage, Viewer } from './session-types.ts';
export { CHECKPOINT_EVERY, CHECKPOINT_EVERY_WALL_MS, TICK_MS, VIEW_EVERY_MS } from './clock-loop.ts';

export class LiveSession implements IntentContext {
  readonly entries: JournalEntry[];
  /** Who sees which signals and may take which actions (the scenario's routing maps onto this). */
  routing: RoutingRules;
  readonly registry: ClientRegistry;
  readonly admin: RoomAdmin;
  readonly broadcast: SessionBroadcast;
  readonly loop: ClockLoop;
  private readonly journal: JournalCommit;
  private finishing: Promise<void> | null = null;
  private stopped = false;
  /** Damage found when the journal was loaded; cleared once the store has recovered it. */
  damage: string | null;
  /** Marked finished in the store: only the hot wash and late ratings are still taken. */
  finished = false;

  constructor(
    readonly info: SessionInfo,
    readonly scenario: Scenario,
    readonly run: ExerciseRun,
    entries: ReadonlyArray<JournalEntry>,
    readonly room: Room,
    private readonly storage: SessionStorage,
    timer: HostTimer,
    links: RoomLinks | null = null,
  ) {
    this.routing = routingFor(run.scenario);
    this.damage = info.damage ?? null;
    this.entries = [...entries];
    this.registry = new ClientRegistry(() => this.soloName);
    this.admin = new RoomAdmin(room, info, run, () => this.routing, this.registry, storage, links);
    this.broadcast = new SessionBroadcast(this, this.registry, this.admin, timer);
    this.journal = new JournalCommit(run, scenario, this.entries, storage, (written, after) => this.committed(written, after));
    this.loop = new ClockLoop(
      run,
      entries,
      info.speed,
      timer,
      {
        writing: () => this.journal.writing,
        closed: () => this.stopped,
        moved: (views) => {
          this.broadcast.clock();
          if (views) this.broadcast.views();
        },
        checkpoint: () => void this.enqueue(() => this.commit([{ input: { type: 'CLOCK' }, by: null }])).catch(() => undefined),
        over: () => void this.finishOnce(),
        commit: (items, after, t) => this.journal.commit(items, after, t),
      },
      () => this.broadcast.lastViewAt,
    );
  }

  /** Every connected client (the room's gateway reads it too). */
  get clients(): Set<LiveClient> {
    return this.registry.clients;
  }

  get closed(): boolean {
    return this.stopped;
  }

  get clock(): LiveClock {
    return this.loop.clock;
  }

  /** The solo trainee's name in the journal: the first person named at setup, else the team. */
  get soloName(): string {
    return this.info.participants[0]?.name ?? this.info.team;
  }

  /** Starts the host's clock loop; a brand-new exercise first journals the roles chosen at setup. */
  async start(): Promise<void> {
    if (this.loop.running) return;
    if (this.entries.length === 0) {
      const roles = this.info.participants.flatMap((p) => (p.role ? [{ type: 'ASSIGN_ROLE' as const, role: p.role, person: p.name }] : []));
      // Solo: the trainee named the roles at setup; facilitated: the facilitator did, for each person named.
      const byOf = (input: (typeof roles)[number]): Attribution =>
        this.info.mode === 'solo' ? this.attributionOf({ kind: 'solo' }) : { ...FACILITATOR, for: { name: input.person, role: input.role } };
      if (roles.length > 0) await this.enqueue(() => this.commit(roles.map((input) => ({ input, by: byOf(input) }))));
    }
    this.loop.start();
    if (this.run.over) void this.finishOnce();
  }

  stop(): void {
    this.loop.stop();
    this.stopped = true;
  }

  /** One iteration of the host's clock loop (tests drive it by hand). */
  tick(): void {
    this.loop.tick();
  }

  /**
   * Whether a client with these credentials may watch this exercise at all, and why not.
   *
   * A solo exercise has one person in it: its trainee's screen, which holds every role. The
   * facilitator console (which receives the whole journal and scenario) and room clients are
   * refused, so what a solo trainee may not see never leaves the host. A facilitated exercise
   * has no solo screen.
   */
  admits(kind: HelloAuth['kind']): string | null {
    if (this.info.mode === 'solo')
      return kind === 'solo' ? null : 'This is a solo exercise: only its trainee’s screen can open it (from the library, “Running exercises”).';
    return kind === 'solo' ? 'This exercise is facilitated: open it on the facilitator console, or join it with the room’s link.' : null;
  }

  /** The store kept the entries before the damage (the session holds exactly those): writes work again. */
  journalRecovered(): void {
    this.damage = null;
    this.broadcast.views();
  }

  attributionOf(v: Viewer): Attribution {
    switch (v.kind) {
      case 'facilitator':
      case 'projector':
        return FACILITATOR;
      case 'participant':
        return { name: v.participant.name, role: v.participant.role ?? 'none' };
      case 'solo':
        return { name: this.soloName, role: 'solo' };
    }
  }

  // ---- clients ------------------------------------------------------------------------------

  /** Adds a client and sends it its starting point: everything after `since`, then the current view. */
  attach(client: LiveClient, since: number): void {
    this.registry.add(client);
    this.broadcast.welcome(client, since);
  }

  detach(client: LiveClient): void {
    if (!this.registry.remove(client)) return;
    if (client.viewer.kind === 'participant') void this.broadcast.room();
  }

  /** Sends every participant and projector its view (each distinct view once). */
  broadcastViews(): void {
    this.broadcast.views();
  }

  // ---- intents ------------------------------------------------------------------------------

  enqueue<T>(job: () => Promise<T>): Promise<T> {
    return this.journal.enqueue(job);
  }

  commit(items: CommitItems): Promise<number> {
    return this.journal.commit(items);
  }

  /** Handles one message from an authenticated client and answers it (ack or refused); never rejects. */
  handle(client: LiveClient, message: ClientMessage): Promise<void> {
    return handleIntent(this, client, message);
  }

  /**
   * A record the console's debrief sends through the host's API (the facilitator's rating, hot
   * wash or decision) while this session still owns the journal: the same checks, the same
   * durable append, and the room is told. `by` defaults to the facilitator.
   */
  record(input: TeamInput, by: Attribution = FACILITATOR): Promise<number> {
    return this.enqueue(async () => {
      if (this.stopped) throw refused('rejected', msg('refusal.host.session_closed'));
      return this.commit([{ input, by }]);
    });
  }

  // ---- the room (room-admin.ts) -------------------------------------------------------------

  roles(): RoleChoice[] {
    return this.admin.roles();
  }

  enterableFor(): string[] {
    return this.admin.enterableFor();
  }

  joinChoices(): JoinChoices {
    return this.admin.joinChoices(this.scenario.title);
  }

  /** After a restart: a room that was open listens again (its keys and participants are kept). */
  reopenRoom(): Promise<void> {
    return this.admin.reopen();
  }

  /**
   * A new participant (already holding the room's join key) takes a name and a role.
   *
   * Taking one of the incident roles the rubric scores is a journaled assignment (ASSIGN_ROLE, by
   * the participant), exactly like one made at setup: it counts for the documentation dimension.
   * The commander and the communications lead have one holder each: taking one someone else holds
   * is refused (`refusal.host.role_held`), never a silent second holder; the join list says who.
   */
  async join(name: string, role: LiveRole): Promise<ParticipantRecord> {
    return this.enqueue(async () => {
      if (!this.room.data.open) throw new Refusal('forbidden', 'the room is closed');
      this.admin.requireRole(role);
      this.admin.requireFree(role, name);
      const p = this.room.join(name, role);
      await this.admin.persist();
      if (isIncidentRole(role) && !this.run.over && this.run.context.roles[role]?.person !== name)
        await this.commit([{ input: { type: 'ASSIGN_ROLE', role, person: name }, by: { name, role } }]);
      return p;
    });
  }

  // ---- commit and finish --------------------------------------------------------------------

  /** After a durable write the run has taken: the clock carries on, and every client is told. */
  private committed(entries: JournalEntry[], after?: () => void): void {
    this.loop.committed(after);
    this.broadcast.entries(entries);
    this.broadcast.clock();
    this.broadcast.views();
    if (this.run.over) void this.finishOnce();
  }

  /** Journals the closing moment, marks the exercise finished (scored from this run), and says goodbye. */
  private finishOnce(): Promise<void> {
    this.finishing ??= (async () => {
      this.loop.stop();
      const lastT = this.entries.at(-1)?.t ?? 0;
      if (this.run.now > lastT) await this.enqueue(() => this.commit([{ input: { type: 'CLOCK' }, by: null }])).catch(() => undefined);
      this.broadcast.clock();
      this.broadcast.views();
      // Scored from this session's own run, which is over: nothing is replayed.
      await this.storage.finish(finishedOutcome(this.run));
      // The run is over and scored. The room stays for the hot wash and the evaluators' last
      // ratings (inputs the engine takes after the close); the console (and a solo trainee's
      // screen) moves on to the debrief.
      this.finished = true;
      for (const c of [...this.clients]) if (c.viewer.kind === 'facilitator' || c.viewer.kind === 'solo') c.send({ type: 'bye', reason: 'finished' });
      this.broadcast.views();
    })().catch((e: unknown) => {
      this.finishing = null;
      this.registry.toFacilitators({ type: 'refused', id: null, code: 'not-saved', message: `Could not mark the exercise finished: ${String(e)}` });
    });
    return this.finishing;
  }
}
