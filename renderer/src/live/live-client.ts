/**
 * The one client of a host's live session in the renderer: the connection (reconnected by itself,
 * resuming from the last journal seq it holds), the requests in flight with their answers, the
 * journal entries, the clock, the view, and what the host says about this client (welcome, held,
 * room, lobby, goodbye).
 *
 * Every screen of a live exercise is a thin consumer of it: the console (which also mirrors the
 * run from the journal), the solo screen, the participant's screen and the projector. They read
 * `snapshot` (a new frozen object on every change, never live state) through `subscribe`, and send
 * requests with `request`, each resolving with the host's answer to it, whatever order answers come
 * in. Frames are read in one place (read-server-message.ts); a frame the client cannot read is
 * reported in `snapshot.problem` and to `onProblem`, never thrown into the screen.
 */
import type {
  FacilitatorSetup,
  HelloAuth,
  JoinChoices,
  LiveClock,
  LiveRole,
  LobbyInfo,
  ParticipantView,
  ProjectorView,
  PublicEntry,
  RefusalCode,
  RoomInfo,
  ServerMessage,
  SoloView,
  You,
} from '../../../shared/contract/live.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { assertNever } from '../../../shared/engine/assert-never.ts';
import { currentWords, refusalWords } from '../i18n/words.tsx';
import { LiveConnection, type ConnectionStatus, type LiveConnector } from './live-connection.ts';
import { PendingRequests, type Answer, type LiveRequest } from './pending-requests.ts';
import { isReadableView, readServerMessage } from './read-server-message.ts';
import { ViewTracker } from './view-tracker.ts';

export type LiveView = ParticipantView | ProjectorView | SoloView;

/** Why the host stopped this client; the client does not reconnect after it. */
export type LiveEnd =
  /** The exercise is over and saved. */
  | { kind: 'finished' }
  /** The host ended this connection (removed from the room, room closed, …), worded. */
  | { kind: 'bye'; text: string }
  /** The host would not have this client (unknown token, finished or damaged exercise, …). */
  | { kind: 'refused'; code: RefusalCode; text: string };

export interface LiveSnapshot<V extends LiveView = LiveView> {
  readonly status: ConnectionStatus;
  /** Who the host says this client is (null before the first welcome). */
  readonly you: You | null;
  /** A participant about to join: what it joins and the roles to pick from (a new object on every welcome). */
  readonly join: JoinChoices | null;
  /** The host holds this joiner in the waiting room: why, worded (cleared by the welcome that lets them in). */
  readonly held: string | null;
  /** Facilitator: the starting point of the last welcome (a new object on each: the journal restarted from it). */
  readonly setup: FacilitatorSetup | null;
  /** Facilitator: the whole journal, the setup's entries and every one since, in seq order without gaps. */
  readonly journal: ReadonlyArray<JournalEntry>;
  /** The room's journal lines (public, attributed), by seq, the newest last. */
  readonly entries: ReadonlyArray<PublicEntry>;
  /** The last journal seq this client has had (sent as `since` on a reconnect). */
  readonly upTo: number;
  /** The host's clock (the facilitator's `clock` messages; everyone else's view carries it). */
  readonly clock: LiveClock | null;
  readonly view: V | null;
  /** Facilitator: the room (its links, people, what is shared: the host's, not a copy kept here). */
  readonly room: RoomInfo | null;
  /** Facilitator: who waits to be let in. */
  readonly lobby: LobbyInfo | null;
  /** The client has its starting point: a facilitator's journal, or anyone else's first view. */
  readonly ready: boolean;
  readonly ended: LiveEnd | null;
  /** The last frame the client could not read (what was wrong), and how many there were. */
  readonly problem: string | null;
  readonly problems: number;
}

export interface LiveClientOptions {
  connector: LiveConnector;
  exerciseId: string;
  /** Credentials, read on every (re)connect (a participant's token arrives after it joins). */
  auth: () => HelloAuth;
  /** Prefix of request ids (keeps the ids of a page's clients apart in logs). */
  idPrefix: string;
  /** How many room journal lines to keep (the room shows the latest); all when omitted. */
  keepEntries?: number;
  /** A refusal that answers no request of ours, after the client is ready (the screen may toast it). */
  onRefused?(text: string, code: RefusalCode): void;
  /** A frame the client could not read (default: console.warn). */
  onProblem?(problem: string): void;
  /** setTimeout in the page; tests may pass their own. */
  after?: (ms: number, fn: () => void) => void;
}

const EMPTY: LiveSnapshot<never> = Object.freeze({
  status: 'connecting',
  you: null,
  join: null,
  held: null,
  setup: null,
  journal: [],
  entries: [],
  upTo: 0,
  clock: null,
  view: null,
  room: null,
  lobby: null,
  ready: false,
  ended: null,
  problem: null,
  problems: 0,
});

export type LiveListener<V extends LiveView> = (next: LiveSnapshot<V>, prev: LiveSnapshot<V>) => void;

export class LiveClient<V extends LiveView = LiveView> {
  private state: LiveSnapshot<V> = EMPTY;
  private conn: LiveConnection | null = null;
  private readonly requests: PendingRequests;
  private readonly tracker = new ViewTracker<V>();
  private readonly listeners = new Set<LiveListener<V>>();
  private facilitator = false;

  constructor(private readonly options: LiveClientOptions) {
    this.requests = new PendingRequests(options.idPrefix);
  }

  get snapshot(): LiveSnapshot<V> {
    return this.state;
  }

  /** `listener` is called after every change with the new and the previous snapshot. */
  subscribe(listener: LiveListener<V>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects (once); the connection comes back by itself until `stop` or the host ends it. */
  start(): void {
    if (this.conn || this.state.ended) return;
    this.facilitator = this.options.auth().kind === 'facilitator';
    this.conn = new LiveConnection({
      connector: this.options.connector,
      exerciseId: this.options.exerciseId,
      auth: this.options.auth,
      since: () => this.state.upTo,
      onFrame: (text) => this.receive(text),
      onStatus: (status) => {
        // Requests in flight on a socket that closed get no answer from the host: say so now.
        if (status !== 'open') this.requests.dropAll();
        this.update({ status });
      },
      ...(this.options.after ? { after: this.options.after } : {}),
    });
  }

  /** Stops for good (leaving the screen): no reconnect, nothing more to listeners. */
  stop(): void {
    const c = this.conn;
    this.listeners.clear();
    this.conn = null;
    c?.stop();
    this.requests.dropAll();
  }

  /** Sends one request; resolves with the host's answer to it (never rejects: see PendingRequests). */
  request(request: LiveRequest): Promise<Answer> {
    return this.requests.send(this.conn, request);
  }

  /** A joining participant's name and role (answered by a new welcome, or held, or refused). */
  join(name: string, role: LiveRole): boolean {
    return this.conn?.send({ type: 'join', name, role }) ?? false;
  }

  // ---- reading the host ----------------------------------------------------------------------

  /** One frame: read it (or report it), then take it. */
  receive(text: string): void {
    const r = readServerMessage(text);
    if (!r.ok) return this.report(r.problem);
    this.take(r.message);
  }

  private report(problem: string): void {
    this.update({ problem, problems: this.state.problems + 1 });
    (this.options.onProblem ?? ((p) => console.warn(`Firebreak live: ${p}`)))(problem);
  }

  private take(m: ServerMessage): void {
    const s = this.state;
    switch (m.type) {
      case 'welcome': {
        const you = m.you;
        const admitted = you.kind === 'participant' && you.participantId !== null;
        const joining = you.kind === 'participant' && you.token === null && m.join ? m.join : null;
        if (m.setup) {
          const journal = [...m.setup.entries];
          this.update({ you, join: joining, held: admitted ? null : s.held, setup: m.setup, journal, upTo: journal.length, ready: true });
        } else this.update({ you, join: joining, held: admitted ? null : s.held });
        return;
      }
      case 'entries': {
        const patch: { upTo: number; journal?: JournalEntry[]; entries?: PublicEntry[] } = { upTo: Math.max(s.upTo, m.upTo) };
        if (m.full && m.full.length > 0) {
          // Only the next seq fits: a repeat (sent again after a reconnect) or a gap is not applied.
          const journal = [...s.journal];
          for (const e of m.full) if (e.seq === journal.length + 1) journal.push(e);
          patch.journal = journal;
        }
        if (m.public.length > 0) {
          const seqs = new Set(m.public.map((e) => e.seq));
          const entries = [...s.entries.filter((e) => !seqs.has(e.seq)), ...m.public];
          patch.entries = this.options.keepEntries === undefined ? entries : entries.slice(-this.options.keepEntries);
        }
        this.update(patch);
        return;
      }
      case 'clock':
        this.update({ clock: m.clock });
        return;
      case 'view':
      case 'viewPatch': {
        let view: V | null;
        let problem: string | null = null;
        try {
          view = this.tracker.receive(m, () => void this.conn?.send({ type: 'resync' }));
          if (view !== null && !isReadableView(view)) problem = 'a view patch that leaves no readable view';
        } catch (e) {
          view = null;
          problem = `a view patch that does not apply (${e instanceof Error ? e.message : String(e)})`;
        }
        if (problem !== null) {
          // Keep showing the last good view and ask the host for the whole view again.
          this.tracker.reset();
          this.conn?.send({ type: 'resync' });
          return this.report(problem);
        }
        if (view) this.update({ view, clock: view.clock, ready: true });
        return;
      }
      case 'room':
        this.update({ room: m.room });
        return;
      case 'lobby':
        this.update({ lobby: m.lobby });
        return;
      case 'held':
        this.update({ held: m.msg ? currentWords().format(m.msg) : m.reason });
        return;
      case 'ack':
        this.requests.answer(m);
        return;
      case 'refused': {
        if (this.requests.answer(m)) return;
        const text = refusalWords(m);
        // A client the host will not have: unknown credentials, or refused before it had anything to show.
        if (m.code === 'unauthenticated' || (!s.ready && !this.inRoom())) {
          this.conn?.stop();
          this.conn = null;
          this.update({ ended: { kind: 'refused', code: m.code, text } });
        } else if (s.ready) this.options.onRefused?.(text, m.code);
        return;
      }
      case 'bye':
        this.conn?.ending();
        this.update({ ended: m.reason === 'finished' ? { kind: 'finished' } : { kind: 'bye', text: m.msg ? currentWords().format(m.msg) : m.reason } });
        return;
      default:
        assertNever(m);
    }
  }

  /** A participant's or the projector's client (a refused join is sent again from the page; only unknown credentials end it). */
  private inRoom(): boolean {
    return !this.facilitator && this.options.auth().kind !== 'solo';
  }

  private update(patch: Partial<LiveSnapshot<V>>): void {
    const prev = this.state;
    const next = Object.freeze({ ...prev, ...patch }) as LiveSnapshot<V>;
    this.state = next;
    for (const l of [...this.listeners]) l(next, prev);
  }
}
