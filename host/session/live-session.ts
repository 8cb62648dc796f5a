/**
 * A running exercise, owned by the host: the engine, the simulated clock on the host's timer,
 * the journal, and the clients watching it.
 *
 * The one path of every change: a client's intent → permission (viewer kind, role table) →
 * the engine's check → the entry is stamped with the next seq and the current sim time →
 * `append` (the store fsyncs) → only then the run takes it and every client is told, in journal
 * order. A failed write changes nothing. Clock changes (pause, resume, speed, jump) are journaled
 * as CLOCK entries, so a reload, a second console or a restarted host come back at the same sim
 * time and speed. Intents are handled one at a time (a promise chain), which is what gives every
 * client the same order.
 *
 * No Node imports: timers, storage and randomness come in as dependencies, so component tests
 * can run a session inside jsdom and the host runs it under Node.
 */
import {
  TEAM_INPUT_TYPES,
  type ClientMessage,
  type HelloAuth,
  type LiveClock,
  type LiveRole,
  type RefusalCode,
  type JoinChoices,
  type RoleChoice,
  type RoomInfo,
  type RoutingRules,
  type ServerMessage,
  type You,
} from '../../shared/contract/live.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { isSingleHolderRole } from '../../shared/engine/participation.ts';
import type { Attribution, JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import { MINUTE } from '../../shared/scenario/duration.ts';
import { ROLES, type Role, type Scenario } from '../../shared/scenario/schema.ts';
import { EN, msg, type Msg } from '../../shared/i18n/words.ts';
import { refusalMessage } from '../../shared/wording/refusals.ts';
import type { ExerciseOutcome, Participant } from '../../shared/contract/api.ts';
import { finishedOutcome } from '../../shared/scoring/finished-outcome.ts';
import type { ParticipantRecord, Room } from '../room/room-state.ts';
import { ViewFanout } from './broadcast.ts';
import { ClockDriver } from './clock-driver.ts';
import { participantView, projectorView, publicEntries, roleChoices, roleMay, routingFor, soloMay, soloView, type ProjectionInput } from './projection.ts';

/** One of the incident roles the engine records and the rubric can require. */
const isIncidentRole = (role: string): role is Role => (ROLES as ReadonlyArray<string>).includes(role);

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

export const TICK_MS = 100;
/** Views to participants and the projector at most this often while the clock runs. */
export const VIEW_EVERY_MS = 250;
/**
 * While the clock runs, a CLOCK checkpoint is journaled every 5 sim-minutes or every 10 wall
 * seconds, whichever comes first: a host killed mid-run comes back (paused) at most that far
 * behind where it was, even at 1× (where 5 sim-minutes would be 5 minutes of the room's time).
 */
export const CHECKPOINT_EVERY = 5 * MINUTE;
export const CHECKPOINT_EVERY_WALL_MS = 10_000;

const FACILITATOR: Attribution = { name: 'Facilitator', role: 'facilitator' };

/** What the room may still send once the exercise is finished: the hot wash and evaluators' ratings. */
const AFTER_FINISH: ReadonlySet<TeamInput['type']> = new Set(['HOT_WASH', 'RATE']);

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
function refused(code: RefusalCode, reason: Msg): Refusal {
  return new Refusal(code, EN.format(reason), reason);
}

export class LiveSession {
  readonly entries: JournalEntry[];
  /** Who sees which signals and may take which actions (the scenario's routing maps onto this). */
  routing: RoutingRules;
  readonly clients = new Set<LiveClient>();
  private readonly driver: ClockDriver;
  private writing = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private stopTimer: (() => void) | null = null;
  private lastView = -Infinity;
  private lastCheckpoint: number;
  private lastCheckpointWall: number;
  private finishing: Promise<void> | null = null;
  private readonly fanout: ViewFanout<LiveClient>;
  private closed = false;
  /** Marked finished in the store: only the hot wash and late ratings are still taken (AFTER_CLOSE_ACTS). */
  finished = false;

  constructor(
    readonly info: SessionInfo,
    readonly scenario: Scenario,
    readonly run: ExerciseRun,
    entries: ReadonlyArray<JournalEntry>,
    readonly room: Room,
    private readonly storage: SessionStorage,
    private readonly timer: HostTimer,
    private readonly links: RoomLinks | null = null,
  ) {
    this.routing = routingFor(run.scenario);
    this.damage = info.damage ?? null;
    this.entries = [...entries];
    const lastT = entries.at(-1)?.t ?? 0;
    if (run.now < lastT) run.advanceTo(lastT);
    // The last journaled speed wins; a resumed exercise always comes back paused.
    const lastSpeed = [...entries].reverse().find((e) => e.input.type === 'CLOCK' && e.input.speed !== undefined);
    const speed = lastSpeed?.input.type === 'CLOCK' && lastSpeed.input.speed !== undefined ? lastSpeed.input.speed : info.speed;
    this.driver = new ClockDriver(() => timer.now(), run.now, speed, entries.length > 0 || run.over);
    this.lastCheckpoint = run.now;
    this.lastCheckpointWall = timer.now();
    this.fanout = new ViewFanout(() => timer.now());
  }

  /** Starts the host's clock loop; a brand-new exercise first journals the roles chosen at setup. */
  async start(): Promise<void> {
    if (this.stopTimer) return;
    if (this.entries.length === 0) {
      const roles = this.info.participants.flatMap((p) => (p.role ? [{ type: 'ASSIGN_ROLE' as const, role: p.role, person: p.name }] : []));
      // Solo: the trainee named the roles at setup; facilitated: the facilitator did, for each person named.
      const byOf = (input: (typeof roles)[number]): Attribution =>
        this.info.mode === 'solo' ? this.attributionOf({ kind: 'solo' }) : { ...FACILITATOR, for: { name: input.person, role: input.role } };
      if (roles.length > 0) await this.enqueue(() => this.commit(roles.map((input) => ({ input, by: byOf(input) }))));
    }
    this.stopTimer = this.timer.every(TICK_MS, () => this.tick());
    if (this.run.over) void this.finishOnce();
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.closed = true;
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

  /** Damage found when the journal was loaded; cleared once the store has recovered it. */
  private damage: string | null = null;

  /** The store kept the entries before the damage (the session holds exactly those): writes work again. */
  journalRecovered(): void {
    this.damage = null;
    this.broadcastViews();
  }

  /** The solo trainee's name in the journal: the first person named at setup, else the team. */
  get soloName(): string {
    return this.info.participants[0]?.name ?? this.info.team;
  }

  private attributionOf(v: Viewer): Attribution {
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

  get clock(): LiveClock {
    return { t: this.run.now, paused: this.driver.paused || this.run.over, speed: this.driver.speed, over: this.run.over, horizon: this.run.horizon };
  }

  /** One iteration of the host's loop: move sim time, tell the clients, checkpoint, finish. */
  tick(): void {
    if (this.closed) return;
    if (this.writing === 0 && !this.run.over) {
      const target = Math.min(this.driver.target(), this.run.horizon);
      if (target > this.run.now) {
        const before = this.run.context.signals.length;
        this.run.advanceTo(target);
        this.broadcastClock();
        const wall = this.timer.now();
        if (this.run.context.signals.length !== before || wall - this.lastView >= VIEW_EVERY_MS || this.run.over) this.broadcastViews();
      }
    }
    if (this.run.over) {
      void this.finishOnce();
      return;
    }
    const due = this.run.now - this.lastCheckpoint >= CHECKPOINT_EVERY || this.timer.now() - this.lastCheckpointWall >= CHECKPOINT_EVERY_WALL_MS;
    if (!this.driver.paused && this.writing === 0 && this.run.now > this.lastCheckpoint && due) {
      this.lastCheckpoint = this.run.now;
      this.lastCheckpointWall = this.timer.now();
      void this.enqueue(() => this.commit([{ input: { type: 'CLOCK' }, by: null }])).catch(() => undefined);
    }
  }

  // ---- clients ------------------------------------------------------------------------------

  /** What a client may know about itself. */
  youOf(viewer: Viewer): You {
    switch (viewer.kind) {
      case 'facilitator':
      case 'projector':
        return { kind: viewer.kind };
      case 'solo':
        return { kind: 'solo', name: this.soloName };
      case 'participant': {
        const p = viewer.participant;
        return { kind: 'participant', participantId: p.id, token: p.token, name: p.name, role: p.role };
      }
    }
  }

  /** Adds a client and sends it its starting point: everything after `since`, then the current view. */
  attach(client: LiveClient, since: number): void {
    this.clients.add(client);
    const facilitator = client.viewer.kind === 'facilitator';
    client.send({
      type: 'welcome',
      exerciseId: this.info.exerciseId,
      you: this.youOf(client.viewer),
      setup: facilitator ? { scenarioSource: this.info.scenarioSource, seed: this.info.seed, entries: [...this.entries] } : null,
    });
    if (!facilitator) {
      const missed = this.entries.filter((e) => e.seq > since);
      client.send({ type: 'entries', upTo: this.entries.length, full: null, public: publicEntries(this.run, missed) });
    }
    client.send({ type: 'clock', clock: this.clock });
    this.sendView(client);
    // A console opening a finished exercise goes to its debrief (the room stays for the hot wash).
    if ((facilitator || client.viewer.kind === 'solo') && this.finished) client.send({ type: 'bye', reason: 'finished' });
    if (facilitator) void this.sendRoom(client);
    else void this.broadcastRoom();
  }

  detach(client: LiveClient): void {
    if (!this.clients.delete(client)) return;
    if (client.viewer.kind === 'participant') void this.broadcastRoom();
  }

  private connected(participantId: string): boolean {
    for (const c of this.clients) if (c.viewer.kind === 'participant' && c.viewer.participant.id === participantId) return true;
    return false;
  }

  private projectionInput(): ProjectionInput {
    const d = this.room.data;
    return {
      exerciseId: this.info.exerciseId,
      team: this.info.team,
      clock: this.clock,
      share: { sharedFindings: d.sharedFindings, spotlight: d.spotlight, briefing: d.briefing && this.run.context.signals.length === 0, results: d.results },
      entries: this.entries,
      routing: this.routing,
    };
  }

  private people(): Array<{ name: string; role: LiveRole | null }> {
    return this.room.data.participants.map((p) => ({ name: p.name, role: p.role }));
  }

  /** The view for one client (null for the facilitator, who mirrors the run itself). */
  private viewFor(v: Viewer, input: ProjectionInput, people: ReturnType<LiveSession['people']>): ServerMessage | null {
    switch (v.kind) {
      case 'facilitator':
        return null;
      case 'projector':
        return { type: 'view', view: projectorView(this.run, input) };
      case 'participant':
        return { type: 'view', view: participantView(this.run, input, v.participant.role, people) };
      case 'solo':
        return { type: 'view', view: soloView(this.run, input, this.soloName, this.damage) };
    }
  }

  /** The clients that share one view: participants by role, the projector, the solo player. */
  private viewKey(v: Viewer): string {
    return v.kind === 'participant' ? `role:${v.participant.role ?? '(none)'}` : v.kind;
  }

  /** Sends one client its whole view (new client, or it asked to resync); the others of its view get the change. */
  private sendView(client: LiveClient, input: ProjectionInput = this.projectionInput()): void {
    if (client.viewer.kind === 'facilitator') return;
    const key = this.viewKey(client.viewer);
    const same = [...this.clients].filter((c) => c.viewer.kind !== 'facilitator' && this.viewKey(c.viewer) === key);
    if (!same.includes(client)) same.push(client);
    const people = this.people();
    this.fanout.publish(key, () => this.viewOnly(client.viewer, input, people), same, new Set([client]));
  }

  private viewOnly(v: Viewer, input: ProjectionInput, people: ReturnType<LiveSession['people']>) {
    const m = this.viewFor(v, input, people);
    return m && m.type === 'view' ? m.view : null;
  }

  private broadcastClock(): void {
    const message: ServerMessage = { type: 'clock', clock: this.clock };
    for (const c of this.clients) if (c.viewer.kind === 'facilitator') c.send(message);
  }

  /**
   * Sends every participant and projector its view: each distinct view computed and serialised
   * once, as a patch against the version its clients hold (broadcast.ts).
   */
  broadcastViews(): void {
    this.lastView = this.timer.now();
    const input = this.projectionInput();
    const people = this.people();
    const groups = new Map<string, LiveClient[]>();
    for (const c of this.clients) {
      if (c.viewer.kind === 'facilitator') continue;
      const key = this.viewKey(c.viewer);
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    for (const [key, clients] of groups) this.fanout.publish(key, () => this.viewOnly(clients[0]!.viewer, input, people), clients);
  }

  private async roomInfo(): Promise<RoomInfo> {
    const d = this.room.data;
    const links = this.links ? await this.links.links(this.room) : { joinUrl: null, projectorUrl: null, joinQrSvg: null };
    return {
      open: d.open,
      ...links,
      participants: this.room.listed((id) => this.connected(id)),
      roles: this.roles(),
      sharedFindings: [...d.sharedFindings],
      spotlight: d.spotlight === null ? null : `s${d.spotlight}`,
      briefing: d.briefing,
      results: d.results,
    };
  }

  private async sendRoom(client: LiveClient): Promise<void> {
    client.send({ type: 'room', room: await this.roomInfo() });
  }

  private async broadcastRoom(): Promise<void> {
    const facilitators = [...this.clients].filter((c) => c.viewer.kind === 'facilitator');
    if (facilitators.length === 0) return;
    const message: ServerMessage = { type: 'room', room: await this.roomInfo() };
    for (const c of facilitators) c.send(message);
  }

  // ---- intents ------------------------------------------------------------------------------

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Handles one message from an authenticated client and answers it (ack or refused).
   *
   * Resolves once the answer is sent; never rejects.
   */
  async handle(client: LiveClient, message: ClientMessage): Promise<void> {
    const id = 'id' in message ? message.id : null;
    try {
      const seq = await this.enqueue(() => this.decide(client, message));
      if (id !== null) client.send({ type: 'ack', id, seq });
    } catch (e) {
      const refusal = e instanceof Refusal ? e : new Refusal('rejected', e instanceof Error ? e.message : String(e));
      client.send({ type: 'refused', id, code: refusal.code, message: refusal.message, ...(refusal.reason ? { reason: refusal.reason } : {}) });
    }
  }

  private requireFacilitator(client: LiveClient): void {
    if (client.viewer.kind !== 'facilitator') throw new Refusal('forbidden', 'only the facilitator can do that');
  }

  /** Applies one intent; returns the seq of the last entry it journaled (null when none). */
  private async decide(client: LiveClient, message: ClientMessage): Promise<number | null> {
    if (this.closed) throw refused('rejected', msg('refusal.host.session_closed'));
    const v = client.viewer;
    switch (message.type) {
      case 'hello':
      case 'join':
        throw new Refusal('invalid', `"${message.type}" is only accepted as the first message`);
      case 'resync':
        this.sendView(client);
        return null;
      case 'admission':
        // The room's gateway answers these (host/room/waiting-room.ts); one that reaches here came some other way.
        throw new Refusal('invalid', 'the waiting room is run by the host’s room endpoint');
      case 'act': {
        if (v.kind === 'projector') throw new Refusal('forbidden', 'the projector only watches');
        if (this.finished && !AFTER_FINISH.has(message.input.type)) throw refused('rejected', msg('refusal.closed'));
        const why = v.kind === 'participant' ? roleMay(v.participant.role, message.input, this.routing) : v.kind === 'solo' ? soloMay(message.input) : null;
        if (why) throw new Refusal('forbidden', why);
        const by = v.kind === 'facilitator' ? this.facilitatorFor(message.input, message.for) : this.attributionOf(v);
        return this.commit([{ input: message.input, by }]);
      }
      case 'clock':
        if (this.finished) throw refused('rejected', msg('refusal.closed'));
        if (v.kind !== 'facilitator' && v.kind !== 'solo') throw new Refusal('forbidden', 'only the facilitator runs the clock');
        return this.changeClock(message.action, message.speed, this.attributionOf(v));
      case 'hint': {
        if (v.kind !== 'solo') throw new Refusal('forbidden', 'hints on request are for solo exercises; the facilitator gives hints in a room');
        const next = this.scenario.hints.find((h) => !this.run.context.hintsRevealed.some((r) => r.id === h.id));
        if (!next) throw refused('rejected', msg('refusal.host.no_more_hints'));
        return this.commit([{ input: { type: 'REVEAL_HINT', hintId: next.id }, by: this.attributionOf(v) }]);
      }
      case 'share':
        this.requireFacilitator(client);
        this.share(message.what, message.ref, message.on);
        await this.persistRoom();
        this.broadcastViews();
        await this.broadcastRoom();
        return null;
      case 'room':
        this.requireFacilitator(client);
        await this.setRoomOpen(message.action === 'open');
        return null;
      case 'participant': {
        this.requireFacilitator(client);
        const p = this.room.byId(message.participantId);
        if (!p) throw new Refusal('invalid', `no participant "${message.participantId}"`);
        if (message.role === null) {
          this.room.remove(p.id);
          for (const c of [...this.clients]) {
            if (c.viewer.kind === 'participant' && c.viewer.participant.id === p.id) {
              c.send({ type: 'bye', reason: EN.t('room.bye.removed'), msg: msg('room.bye.removed') });
              this.clients.delete(c);
              c.close();
            }
          }
        } else {
          this.requireRole(message.role);
          this.requireFree(message.role, p.name);
          p.role = message.role;
        }
        await this.persistRoom();
        this.broadcastViews();
        await this.broadcastRoom();
        return null;
      }
    }
  }

  /**
   * A record the console's debrief sends through the host's API (the facilitator's rating, hot
   * wash or decision) while this session still owns the journal: the same checks, the same
   * durable append, and the room is told. `by` defaults to the facilitator.
   */
  record(input: TeamInput, by: Attribution = FACILITATOR): Promise<number> {
    return this.enqueue(async () => {
      if (this.closed) throw refused('rejected', msg('refusal.host.session_closed'));
      return this.commit([{ input, by }]);
    });
  }

  /**
   * The roles a participant can hold in this exercise (the built-in ones as the scenario set them,
   * and its own), each single-holder role marked with who holds it.
   */
  roles(): RoleChoice[] {
    return roleChoices(this.routing).map((r) => {
      const holder = this.holderOf(r.id);
      return holder === null ? r : { ...r, heldBy: holder };
    });
  }

  /**
   * Who holds a single-holder role now (SINGLE_HOLDER_ROLES: the commander, the communications
   * lead): a participant in the room with it, else the person the run records (setup, an earlier
   * joiner or an assignment). Other roles may be shared.
   */
  private holderOf(role: LiveRole): string | null {
    if (!isSingleHolderRole(role)) return null;
    const inRoom = this.room.data.participants.find((p) => p.role === role);
    if (inRoom) return inRoom.name;
    const recorded = isIncidentRole(role) ? this.run.context.roles[role]?.person : undefined;
    if (recorded === undefined) return null;
    // Someone set up for the role who joined the room under another one has given it up: on the
    // day people take other seats than planned (setup's Tom, comms lead, joins as technical lead).
    const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    return this.room.data.participants.some((p) => same(p.name, recorded) && p.role !== role) ? null : recorded;
  }

  /** Refuses a second holder of a single-holder role (the person who holds it may take it again). */
  private requireFree(role: LiveRole, name: string): void {
    const holder = this.holderOf(role);
    if (holder !== null && holder.trim().toLowerCase() !== name.trim().toLowerCase())
      throw refused('forbidden', msg('refusal.host.role_held', { role: this.routing.roles[role]?.label ?? role, holder }));
  }

  /**
   * The people of this exercise a facilitator can enter a team action for: the participants named
   * at setup and those in the room; the team itself when nobody is named (the room decides as one).
   */
  enterableFor(): string[] {
    const names = [...this.info.participants.map((p) => p.name), ...this.room.data.participants.map((p) => p.name)];
    const unique = [...new Set(names)];
    return unique.length > 0 ? unique : [this.info.team];
  }

  /**
   * The facilitator's attribution for an input (definition `team_input`): a team action is entered
   * for a named person of the exercise (their role from the room or setup), a role assignment for
   * the person it names; the facilitator's own inputs (injects, notes, hints, the end) are theirs.
   */
  private facilitatorFor(input: TeamInput, forName: string | undefined): Attribution {
    if (!(TEAM_INPUT_TYPES as ReadonlyArray<string>).includes(input.type)) return FACILITATOR;
    if (input.type === 'ASSIGN_ROLE') return { ...FACILITATOR, for: { name: input.person, role: input.role } };
    if (forName === undefined) throw refused('invalid', msg('refusal.host.enter_for_whom'));
    const name = this.enterableFor().find((n) => n.trim().toLowerCase() === forName.trim().toLowerCase());
    if (name === undefined) throw refused('invalid', msg('refusal.host.not_a_participant', { name: forName }));
    const role = this.room.data.participants.find((p) => p.name === name)?.role ?? this.info.participants.find((p) => p.name === name)?.role ?? 'team';
    return { ...FACILITATOR, for: { name, role } };
  }

  /** What a participant about to join is shown: the exercise (as the room's screen names it) and its roles. */
  joinChoices(): JoinChoices {
    return { title: this.scenario.title, team: this.info.team, roles: this.roles() };
  }

  private requireRole(role: LiveRole): void {
    if (!this.routing.roles[role])
      throw new Refusal('invalid', `there is no role "${role}" in this exercise (roles: ${Object.keys(this.routing.roles).join(', ')})`);
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
      this.requireRole(role);
      this.requireFree(role, name);
      const p = this.room.join(name, role);
      await this.persistRoom();
      if (isIncidentRole(role) && !this.run.over && this.run.context.roles[role]?.person !== name)
        await this.commit([{ input: { type: 'ASSIGN_ROLE', role, person: name }, by: { name, role } }]);
      return p;
    });
  }

  private share(what: 'finding' | 'spotlight' | 'briefing' | 'results', ref: string | null, on: boolean): void {
    const d = this.room.data;
    switch (what) {
      case 'finding': {
        if (ref === null || !this.run.context.findings.some((f) => f.id === ref)) throw new Refusal('invalid', `no finding "${ref}" yet`);
        d.sharedFindings = d.sharedFindings.filter((x) => x !== ref);
        if (on) d.sharedFindings.push(ref);
        return;
      }
      case 'spotlight': {
        if (!on) {
          d.spotlight = null;
          return;
        }
        const index = ref === null ? NaN : Number(ref.replace(/^s/, ''));
        if (!Number.isInteger(index) || index < 0 || index >= this.run.context.signals.length) throw new Refusal('invalid', `no signal "${ref}"`);
        d.spotlight = index;
        return;
      }
      case 'briefing':
        d.briefing = on;
        return;
      case 'results':
        d.results = on;
        return;
    }
  }

  private async setRoomOpen(open: boolean): Promise<void> {
    if (open) {
      if (this.links) await this.links.open();
      this.room.data.open = true;
    } else {
      this.room.close();
      for (const c of [...this.clients]) {
        if (c.viewer.kind === 'participant') {
          c.send({ type: 'bye', reason: EN.t('room.bye.closed'), msg: msg('room.bye.closed') });
          this.clients.delete(c);
          c.close();
        }
      }
      if (this.links) await this.links.close();
    }
    await this.persistRoom();
    await this.broadcastRoom();
  }

  /** After a restart: a room that was open listens again (its keys and participants are kept). */
  async reopenRoom(): Promise<void> {
    if (this.room.data.open && this.links) await this.links.open();
  }

  private async persistRoom(): Promise<void> {
    await this.storage.saveRoom(this.room);
  }

  private async changeClock(action: 'pause' | 'resume' | 'jump' | 'speed', speed: number | undefined, by: Attribution): Promise<number | null> {
    if (this.run.over) throw refused('rejected', msg('refusal.closed'));
    this.tick();
    switch (action) {
      case 'pause':
        if (this.driver.paused) return null;
        return this.commit([{ input: { type: 'CLOCK', paused: true }, by }], () => this.driver.pause(this.run.now));
      case 'resume':
        if (!this.driver.paused) return null;
        return this.commit([{ input: { type: 'CLOCK', paused: false }, by }], () => this.driver.resume(this.run.now));
      case 'speed': {
        if (speed === undefined) throw new Refusal('invalid', 'speed: a positive number is required');
        // A speed is only a speed: a paused clock stays paused (resuming is its own act), so a
        // facilitator choosing the pace before the room is ready does not start the exercise.
        return this.commit([{ input: { type: 'CLOCK', speed, paused: this.driver.paused }, by }], () => this.driver.setSpeed(speed, this.run.now));
      }
      case 'jump': {
        // The next signal, finding, deadline or effect, from the engine's own queue (no replay).
        const stop = this.run.nextStop();
        if (stop === null || stop.kind === 'end') throw refused('rejected', msg('refusal.host.nothing_scheduled'));
        return this.commit([{ input: { type: 'CLOCK', paused: this.driver.paused }, by }], undefined, stop.t);
      }
    }
  }

  /**
   * Journals inputs (durably) and only then applies them and tells every client.
   *
   * `t` defaults to now; a jump passes the moment it lands on. `after` changes session state
   * (pause, speed) once the write has succeeded.
   */
  private async commit(items: ReadonlyArray<{ input: TeamInput; by: Attribution | null }>, after?: () => void, t: number = this.run.now): Promise<number> {
    for (const { input } of items) {
      const why = this.run.refusal(input);
      if (why) throw refused('rejected', refusalMessage(this.scenario, why));
    }
    const at = Math.round(t);
    const entries: JournalEntry[] = items.map(({ input, by }, i) => ({ seq: this.entries.length + 1 + i, t: at, input, ...(by ? { by } : {}) }));
    this.writing++;
    try {
      await this.storage.append(entries);
    } catch (e) {
      throw new Refusal('not-saved', `Not saved, so not taken: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.writing--;
    }
    for (const e of entries) {
      this.run.apply(e.input, e.t, e.by ? { by: e.by } : {});
      this.entries.push(e);
    }
    // Sim time held still during the write; it carries on from the entry's moment.
    this.driver.reanchor(this.run.now);
    after?.();
    this.lastCheckpoint = this.run.now;
    this.lastCheckpointWall = this.timer.now();
    this.broadcastEntries(entries);
    this.broadcastClock();
    this.broadcastViews();
    if (this.run.over) void this.finishOnce();
    return entries.at(-1)!.seq;
  }

  private broadcastEntries(entries: JournalEntry[]): void {
    const upTo = this.entries.length;
    const full: ServerMessage = { type: 'entries', upTo, full: entries, public: [] };
    const pub: ServerMessage = { type: 'entries', upTo, full: null, public: publicEntries(this.run, entries) };
    for (const c of this.clients) c.send(c.viewer.kind === 'facilitator' ? full : pub);
  }

  /** Journals the closing moment, marks the exercise finished, and says goodbye. */
  private finishOnce(): Promise<void> {
    this.finishing ??= (async () => {
      this.stopTimer?.();
      this.stopTimer = null;
      const lastT = this.entries.at(-1)?.t ?? 0;
      if (this.run.now > lastT) await this.enqueue(() => this.commit([{ input: { type: 'CLOCK' }, by: null }])).catch(() => undefined);
      this.broadcastClock();
      this.broadcastViews();
      // Scored from this session's own run, which is over: nothing is replayed.
      await this.storage.finish(finishedOutcome(this.run));
      // The run is over and scored. The room stays for the hot wash and the evaluators' last
      // ratings (inputs the engine takes after the close); the console (and a solo trainee's
      // screen) moves on to the debrief.
      this.finished = true;
      for (const c of [...this.clients]) if (c.viewer.kind === 'facilitator' || c.viewer.kind === 'solo') c.send({ type: 'bye', reason: 'finished' });
      this.broadcastViews();
    })().catch((e: unknown) => {
      this.finishing = null;
      for (const c of this.clients)
        if (c.viewer.kind === 'facilitator')
          c.send({ type: 'refused', id: null, code: 'not-saved', message: `Could not mark the exercise finished: ${String(e)}` });
    });
    return this.finishing;
  }
}
