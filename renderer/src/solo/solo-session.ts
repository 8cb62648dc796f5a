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
import { currentWords } from '../i18n/words.tsx';
import type { PublicEntry, SoloView } from '../../../shared/contract/live.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import type { ConnectionStatus, LiveConnector } from '../live/live-connection.ts';
import { LiveClient, type LiveSnapshot } from '../live/live-client.ts';
import { PendingRequests, type Answer, type LiveRequest } from '../live/pending-requests.ts';
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
  /** The panels' team state, from the view's `response` (replaced by each new view). */
  team: TeamValue | null = null;
  private noConnection: string | null = null;
  private client: LiveClient<SoloView> | null = null;
  private listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly env: SoloEnv,
    readonly exerciseId: string,
  ) {
    this.openedAtWall = env.wallClock.now();
  }

  private get live(): LiveSnapshot<SoloView> | null {
    return this.client?.snapshot ?? null;
  }

  get view(): SoloView | null {
    return this.live?.view ?? null;
  }

  /** The team's journal lines as the host sent them (attributed), newest last. */
  get entries(): ReadonlyArray<PublicEntry> {
    return this.live?.entries ?? [];
  }

  get status(): ConnectionStatus {
    return this.live?.status ?? 'connecting';
  }

  /** Why the host will not run this exercise here, or ended it (shown instead of the screen). */
  get ended(): string | null {
    const e = this.live?.ended;
    return this.noConnection ?? (e && e.kind !== 'finished' ? e.text : null);
  }

  /** The exercise is over and saved: the screen opens the debrief. */
  get finished(): boolean {
    return this.live?.ended?.kind === 'finished';
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
    if (this.client || this.noConnection) return;
    if (!this.env.live) {
      this.noConnection = currentWords().t('ui.noLiveConnection');
      this.changed();
      return;
    }
    const client = new LiveClient<SoloView>({
      connector: this.env.live,
      exerciseId: this.exerciseId,
      auth: () => withSecret({ kind: 'solo' }),
      idPrefix: 's',
      onRefused: (text) => this.env.store.getState().pushToast('error', text),
    });
    client.subscribe((next, prev) => {
      const view = next.view;
      if (view && view !== prev.view) {
        if (this.team) this.team.set(view.response);
        else this.team = new TeamValue(view.response);
        const store = this.env.store.getState();
        if (store.session.paused !== view.clock.paused || store.session.speed !== view.clock.speed)
          store.patchSession({ paused: view.clock.paused, speed: view.clock.speed as Speed });
      }
      this.changed();
    });
    this.client = client;
    client.start();
  }

  dispose(): void {
    this.client?.stop();
    this.listeners.clear();
  }

  /** Sends one request and resolves with the host's answer (never rejects). */
  request(message: LiveRequest): Promise<Answer> {
    return this.client ? this.client.request(message) : new PendingRequests('s').send(null, message);
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
