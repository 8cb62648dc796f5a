/**
 * The solo screen's side of a solo exercise: a client of the host's live session, as the one
 * participant who holds every role.
 *
 * It holds no engine, no scenario and no journal: everything on screen is the view the host
 * projected for the trainee (host/session/projection.ts, `soloView`), including the team state
 * the action panels render. It sends intents (actions, clock changes, "next hint") and shows
 * the host's answers; the host checks, journals, and only then sends the new view. A reload
 * connects again and gets the view where the host has it (paused if the host restarted).
 */
import { currentWords, refusalWords } from '../i18n/words.tsx';
import type { PublicEntry, ServerMessage, SoloView } from '../../../shared/contract/live.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { LiveConnection, PendingRequests, type Answer, type ConnectionStatus, type LiveConnector, type LiveRequest } from '../session/live-connection.ts';
import { ViewTracker } from '../session/view-tracker.ts';
import { askClock, takeInputs, type ClockAction, type TakeResult } from '../session/take-inputs.ts';
import type { Speed } from '../session/clock-driver.ts';
import type { WallClock } from '../session/wall-clock.ts';
import { withSecret } from '../api/launch-secret.ts';
import type { AppStore } from '../store/app-store.ts';
import type { ClockControls } from '../console/clock-bar.tsx';
import { TeamValue, type TeamActs } from '../team/team-context.tsx';
import { TEAM_ACTIONS } from '../../../shared/scenario/schema.ts';

export interface SoloEnv {
  live: LiveConnector | null;
  store: AppStore;
  wallClock: WallClock;
}

export const HINT_KEY = 'HINT:next';

export class SoloSession implements ClockControls, TeamActs {
  readonly facilitator = false;
  /** One person holding every role: every action but assigning roles (there is no one to assign them to). */
  readonly allowed: TeamActs['allowed'] = TEAM_ACTIONS.filter((a) => a !== 'ASSIGN_ROLE');
  readonly audiences = 'all' as const;
  readonly openedAtWall: number;
  view: SoloView | null = null;
  /** The team's journal lines as the host sent them (attributed), newest last. */
  entries: PublicEntry[] = [];
  status: ConnectionStatus = 'connecting';
  /** Why the host will not run this exercise here, or ended it (shown instead of the screen). */
  ended: string | null = null;
  /** The exercise is over and saved: the screen opens the debrief. */
  finished = false;
  team: TeamValue | null = null;
  private conn: LiveConnection | null = null;
  private readonly tracker = new ViewTracker<SoloView>();
  private upTo = 0;
  private readonly requests = new PendingRequests('s');
  private listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly env: SoloEnv,
    readonly exerciseId: string,
  ) {
    this.openedAtWall = env.wallClock.now();
  }

  // ---- for React: one version counter, bumped on every change ----------------------------

  subscribe = (onChange: () => void): (() => void) => {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  // ---- the connection ----------------------------------------------------------------------

  start(): void {
    if (this.conn) return;
    if (!this.env.live) {
      this.ended = currentWords().t('ui.noLiveConnection');
      this.changed();
      return;
    }
    this.conn = new LiveConnection({
      connector: this.env.live,
      exerciseId: this.exerciseId,
      auth: () => withSecret({ kind: 'solo' }),
      since: () => this.upTo,
      onMessage: (m) => this.receive(m),
      onStatus: (s) => {
        this.status = s;
        if (s !== 'open') this.requests.dropAll();
        this.changed();
      },
    });
  }

  dispose(): void {
    this.conn?.stop();
    this.conn = null;
    this.listeners.clear();
  }

  private receive(m: ServerMessage): void {
    switch (m.type) {
      case 'view':
      case 'viewPatch': {
        const view = this.tracker.receive(m, () => void this.conn?.send({ type: 'resync' }));
        if (!view) return;
        this.view = view;
        if (this.team) this.team.set(view.response);
        else this.team = new TeamValue(view.response);
        const store = this.env.store.getState();
        if (store.session.paused !== view.clock.paused || store.session.speed !== view.clock.speed)
          store.patchSession({ paused: view.clock.paused, speed: view.clock.speed as Speed });
        this.changed();
        return;
      }
      case 'entries':
        this.upTo = Math.max(this.upTo, m.upTo);
        if (m.public.length > 0) this.entries = [...this.entries.filter((e) => !m.public.some((n) => n.seq === e.seq)), ...m.public];
        this.changed();
        return;
      case 'ack':
      case 'refused': {
        if (this.requests.answer(m)) return;
        if (m.type === 'refused' && this.view === null) {
          // The host would not open the exercise here (finished, facilitated, damaged journal, …).
          this.conn?.stop();
          this.ended = refusalWords(m);
          this.changed();
        } else if (m.type === 'refused') this.env.store.getState().pushToast('error', refusalWords(m));
        return;
      }
      case 'bye':
        if (m.reason === 'finished') this.finished = true;
        else this.ended = m.msg ? currentWords().format(m.msg) : m.reason;
        this.changed();
        return;
      case 'welcome':
      case 'clock':
      case 'room':
        return;
    }
  }

  /** Sends one request and resolves with the host's answer (never rejects). */
  request(message: LiveRequest): Promise<Answer> {
    return this.requests.send(this.conn, message);
  }

  // ---- what the trainee does -----------------------------------------------------------------

  take = (input: TeamInput, key: string): Promise<TakeResult> => takeInputs(this.env.store, (i) => this.request({ type: 'act', input: i }), [input], key);

  private clock(action: ClockAction, speed?: Speed): void {
    askClock(this.env.store, (a, sp) => this.request({ type: 'clock', action: a, ...(sp === undefined ? {} : { speed: sp }) }), action, speed);
  }

  togglePause(): void {
    this.clock(this.env.store.getState().session.paused ? 'resume' : 'pause');
  }

  setSpeed(speed: Speed): void {
    this.clock('speed', speed);
  }

  jumpToNextInject(): boolean {
    if (this.view?.clock.over || Object.keys(this.env.store.getState().session.pending).length > 0) return false;
    this.clock('jump');
    return true;
  }

  /** Asks the host for the next hint (journaled, so the debrief counts it). */
  askHint(): Promise<TakeResult> {
    const store = this.env.store;
    store.getState().setPending(HINT_KEY, true);
    return this.request({ type: 'hint' }).then((a) => {
      store.getState().setPending(HINT_KEY, false);
      store.getState().setInputError(HINT_KEY, a.type === 'refused' ? a.message : null);
      return a.type === 'ack' ? { ok: true } : { ok: false, error: a.message };
    });
  }
}
