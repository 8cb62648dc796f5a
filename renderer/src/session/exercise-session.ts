/**
 * The console's side of a running exercise: a client of the host's live session.
 *
 * The host owns the engine, the clock and the journal. This object sends intents (actions,
 * pause, speed, jump, what to share) through the page's one LiveClient (live/live-client.ts) and
 * renders what comes back: the facilitator receives the journal, entry by entry, and the host's
 * clock, and keeps a mirror run by replaying exactly those entries at exactly those times (the engine is deterministic, so the mirror is the host's
 * state; it never moves past the host's clock and never decides anything). `check()` on the
 * mirror only greys out buttons; the host checks again. A reload, or a second console, simply
 * connects again and receives the same journal.
 */
import { currentWords } from '../i18n/words.tsx';
import type { ExerciseMeta, FirebreakApi } from '../../../shared/contract/api.ts';
import type { LiveClock, LobbyInfo, RoomInfo } from '../../../shared/contract/live.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { JournalEntry, TeamInput } from '../../../shared/engine/inputs.ts';
import { actionKey, teamState, type TeamState } from '../../../shared/views/team-state.ts';
import type { TeamActs, TeamSource } from '../team/team-context.tsx';
import { formatProblem, loadScenario } from '../../../shared/scenario/load.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { errorMessage } from '../api/get-api.ts';
import type { AppStore } from '../store/app-store.ts';
import type { Speed } from './clock-driver.ts';
import { askClock, takeInputs, type ClockAction, type TakeResult } from './take-inputs.ts';
import type { ConnectionStatus, LiveConnector } from '../live/live-connection.ts';
import { LiveClient, type LiveSnapshot } from '../live/live-client.ts';
import { PendingRequests, type Answer, type LiveRequest } from '../live/pending-requests.ts';
import type { WallClock } from './wall-clock.ts';
import { refusalWords } from '../i18n/words.tsx';
import { withSecret } from '../api/launch-secret.ts';

const CHART_EVERY_MS = 333;

export interface SessionEnv {
  api: FirebreakApi;
  wallClock: WallClock;
  live: LiveConnector | null;
  store: AppStore;
}

export type { TakeResult };

export class ExerciseSession {
  readonly openedAtWall: number;
  /** The mirror of the host's run (rebuilt from the journal on every welcome). */
  run: ExerciseRun;
  /** The journal as the host sent it, with attribution. */
  entries: JournalEntry[] = [];
  /** The room as the host has it (what is shared included: the host's, read here, never kept twice). */
  room: RoomInfo | null = null;
  /** Who waits to be let into the room (the host's waiting room). */
  lobby: LobbyInfo | null = null;
  connection: ConnectionStatus = 'connecting';
  private live: LiveClient | null = null;
  private lastChartBump = -Infinity;
  private disposed = false;
  private welcomed: () => void = () => {};
  private failed: (message: string) => void = () => {};
  /** Resolves once the host has sent the journal (the mirror is ready). */
  readonly ready: Promise<void>;

  constructor(
    private readonly env: SessionEnv,
    readonly meta: ExerciseMeta,
    readonly scenario: Scenario,
  ) {
    this.run = new ExerciseRun(scenario, meta.seed);
    this.openedAtWall = env.wallClock.now();
    this.ready = new Promise((resolve, reject) => {
      this.welcomed = resolve;
      this.failed = (message) => reject(new Error(message));
    });
  }

  get exerciseId(): string {
    return this.meta.id;
  }

  get mode(): 'facilitated' | 'solo' {
    return this.meta.mode;
  }

  /** Connects to the host's session for this exercise. */
  start(): void {
    if (this.live || this.disposed) return;
    if (!this.env.live) {
      this.env.store.getState().patchSession({ status: 'error', error: currentWords().t('ui.noLiveConnection') });
      return;
    }
    const live = new LiveClient({
      connector: this.env.live,
      exerciseId: this.exerciseId,
      auth: () => withSecret({ kind: 'facilitator' }),
      idPrefix: 'c',
      onRefused: (text) => this.env.store.getState().pushToast('error', text),
    });
    live.subscribe((next, prev) => this.follow(next, prev));
    this.live = live;
    live.start();
  }

  dispose(): void {
    this.disposed = true;
    this.live?.stop();
    this.live = null;
  }

  private bump(charts: boolean): void {
    const wall = this.env.wallClock.now();
    const chart = charts || wall - this.lastChartBump >= CHART_EVERY_MS;
    if (chart) this.lastChartBump = wall;
    this.env.store.getState().bumpVersion(chart);
  }

  /** Follows the LiveClient's snapshot: the mirror takes the journal and the clock, the panels the rest. */
  private follow(next: LiveSnapshot, prev: LiveSnapshot): void {
    let charts: boolean | null = null;
    if (next.status !== prev.status) {
      this.connection = next.status;
      charts = true;
    }
    if (next.setup && next.setup !== prev.setup) {
      // A (re)welcome: the mirror starts again from the journal the host sent.
      this.run = ExerciseRun.replay(this.scenario, next.setup.seed, next.setup.entries);
      this.entries = [...next.journal];
      this.welcomed();
      charts = true;
    } else if (next.journal !== prev.journal) {
      for (const e of next.journal.slice(this.entries.length)) {
        this.run.apply(e.input, e.t, e.by ? { by: e.by } : {});
        this.entries.push(e);
      }
      charts = true;
    }
    if (next.clock && next.clock !== prev.clock) {
      this.applyClock(next.clock);
      charts ??= false;
    }
    if (next.room !== prev.room || next.lobby !== prev.lobby) {
      this.room = next.room;
      this.lobby = next.lobby;
      charts ??= false;
    }
    if (next.ended && next.ended !== prev.ended) this.end(next);
    if (charts !== null) this.bump(charts);
  }

  private end(live: LiveSnapshot): void {
    const store = this.env.store.getState();
    const ended = live.ended!;
    switch (ended.kind) {
      case 'finished':
        store.patchSession({ finish: 'finished', paused: true });
        if (!this.disposed) store.navigate({ name: 'debrief', exerciseId: this.exerciseId });
        return;
      case 'bye':
        store.pushToast('info', ended.text);
        return;
      case 'refused':
        // The host would not open the exercise for us (finished, damaged journal, …).
        this.dispose();
        this.failed(ended.text);
        return;
    }
  }

  private applyClock(clock: LiveClock): void {
    if (clock.t > this.run.now) this.run.advanceTo(clock.t);
    const store = this.env.store.getState();
    const s = store.session;
    if (s.paused !== clock.paused || s.speed !== clock.speed) store.patchSession({ paused: clock.paused, speed: clock.speed });
    if (clock.over && s.finish === 'running') store.patchSession({ finish: 'finishing' });
  }

  /** Sends one request and resolves with the host's answer (never rejects). */
  request(message: LiveRequest): Promise<Answer> {
    return this.live ? this.live.request(message) : new PendingRequests('c').send(null, message);
  }

  // ---- clock controls (the host journals them) ---------------------------------------------

  private clockRequest(action: ClockAction, speed?: Speed): void {
    askClock(this.env.store, (a, sp) => this.request({ type: 'clock', action: a, ...(sp === undefined ? {} : { speed: sp }) }), action, speed);
  }

  pause(): void {
    this.clockRequest('pause');
  }

  resume(): void {
    this.clockRequest('resume');
  }

  togglePause(): void {
    if (this.env.store.getState().session.paused) this.resume();
    else this.pause();
  }

  /** Sets the speed; a paused clock stays paused. */
  setSpeed(speed: Speed): void {
    this.clockRequest('speed', speed);
  }

  /** Asks the host to jump to the next signal the room would see (it says so when there is none). */
  jumpToNextInject(): boolean {
    if (this.run.over || Object.keys(this.env.store.getState().session.pending).length > 0) return false;
    this.clockRequest('jump');
    return true;
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** Why an input cannot be taken now, as far as the mirror can tell (null when it can). */
  check(input: TeamInput): string | null {
    return this.run.check(input);
  }

  /** Who took the journal entry `seq` (null for entries without attribution). */
  attributionOf(seq: number): JournalEntry['by'] | null {
    return this.entries[seq - 1]?.by ?? null;
  }

  take(input: TeamInput, key: string = actionKey(input)): Promise<TakeResult> {
    return this.takeAll([input], key);
  }

  /**
   * Sends inputs to the host, one after another; resolves with the journaled entries.
   *
   * The control identified by `key` shows pending meanwhile and the host's reason if refused.
   */
  takeAll(inputs: ReadonlyArray<TeamInput>, key: string): Promise<TakeResult> {
    return takeInputs(this.env.store, (input) => this.request({ type: 'act', input, for: this.enteringForName() }), inputs, key);
  }

  /** The person the facilitator chose to enter team actions for (null: the first who can be). */
  enteringFor: string | null = null;

  /**
   * Whom the facilitator can enter team actions for, as the host accepts them (definition
   * `team_input`): the participants named at setup and those in the room; the team when nobody is.
   */
  enterableFor(): string[] {
    const names = [...new Set([...this.meta.participants.map((p) => p.name), ...(this.room?.participants ?? []).map((p) => p.name)])];
    return names.length > 0 ? names : [this.meta.team];
  }

  enteringForName(): string {
    const list = this.enterableFor();
    return this.enteringFor !== null && list.includes(this.enteringFor) ? this.enteringFor : list[0]!;
  }

  // ---- what the action panels read ---------------------------------------------------------

  private teamCache: { version: number; run: ExerciseRun; state: TeamState } | null = null;

  /** The team state of the mirror run, computed once per store version (the panels read it). */
  readonly team: TeamSource = {
    get: () => {
      const version = this.env.store.getState().session.version;
      const c = this.teamCache;
      if (c && c.version === version && c.run === this.run) return c.state;
      const state = teamState(this.run, {
        // The facilitator reads every finding, and deadlines counted from the fault.
        findingVisible: () => true,
        facilitator: true,
        people: this.meta.participants.map((p) => p.name),
      });
      this.teamCache = { version, run: this.run, state };
      return state;
    },
    subscribe: (onChange) => this.env.store.subscribe(onChange),
  };

  readonly acts: TeamActs = { facilitator: true, allowed: 'all', audiences: 'all', take: (input, key) => this.take(input, key) };

  /** Whether a finding is shared with the room, as the host has it. */
  findingShared(findingId: string): boolean {
    return this.room?.sharedFindings.includes(findingId) ?? false;
  }

  async share(what: Extract<LiveRequest, { type: 'share' }>['what'], ref: string | null, on: boolean): Promise<string | null> {
    const a = await this.request({ type: 'share', what, ref, on });
    if (a.type === 'refused') {
      this.env.store.getState().pushToast('error', refusalWords(a));
      return refusalWords(a);
    }
    return null;
  }

  async setRoomOpen(open: boolean): Promise<string | null> {
    const a = await this.request({ type: 'room', action: open ? 'open' : 'close' });
    return a.type === 'refused' ? refusalWords(a) : null;
  }

  /** The waiting room: admit or turn away one joiner (by id) or `all`, or choose the mode. */
  async admission(action: 'admit' | 'turn-away', who: string): Promise<string | null>;
  async admission(action: 'mode', mode: 'auto' | 'manual'): Promise<string | null>;
  async admission(action: 'admit' | 'turn-away' | 'mode', arg: string): Promise<string | null> {
    const a = await this.request(action === 'mode' ? { type: 'admission', action, mode: arg as 'auto' | 'manual' } : { type: 'admission', action, who: arg });
    return a.type === 'refused' ? refusalWords(a) : null;
  }

  async setParticipantRole(participantId: string, role: RoomInfo['participants'][number]['role']): Promise<string | null> {
    const a = await this.request({ type: 'participant', participantId, role });
    return a.type === 'refused' ? refusalWords(a) : null;
  }

  /** Retry path when the host could not mark the exercise finished. */
  async finish(): Promise<void> {
    const store = this.env.store;
    store.getState().patchSession({ finish: 'finishing', finishError: null });
    try {
      await this.env.api['exercises:finish']({ exerciseId: this.exerciseId, status: 'finished' });
    } catch (e) {
      store.getState().patchSession({ finish: 'failed', finishError: currentWords().t('ui.finishFailed', { error: errorMessage(e) }) });
      return;
    }
    store.getState().patchSession({ finish: 'finished' });
    if (!this.disposed) store.getState().navigate({ name: 'debrief', exerciseId: this.exerciseId });
  }
}

/** The scenario pinned in a journal's header text, or a readable error. */
export function scenarioFromSource(source: string, name: string): Scenario {
  const r = loadScenario(source, name);
  if (!r.ok) throw new Error(`the exercise's scenario no longer loads:\n${r.problems.map(formatProblem).join('\n')}`);
  return r.scenario;
}
