/**
 * The live contract: messages between a running exercise on the host and its clients.
 *
 * Clients (the facilitator console, participants on their own devices, the projector) send
 * intents; the host validates them with these schemas (every frame arrives as `unknown`), decides,
 * journals, and only then sends events. The host's messages are typed here too, so both ends are
 * checked against one file. What each kind of client may see is decided on the host
 * (host/session/projection.ts) from the role table below, which is data so a scenario can later
 * override it.
 */
import type { RoomResults } from '../views/room-results.ts';
import type { ViewPatch } from './view-patch.ts';
import type { Phase, Signal } from '../engine/run-state.ts';
import { z } from 'zod';
import { attributionSchema, teamInputSchema, type Attribution, type JournalEntry, type TeamInputType } from '../engine/inputs.ts';
import { ROLES, TEAM_ACTIONS, type Audience, type Channel, type Harm } from '../scenario/schema.ts';
import type { TeamState } from '../views/team-state.ts';
import type { Msg } from '../i18n/words.ts';

/** Where clients connect (same origin as the page: ws://<host>/live); in channels.ts, without zod. */
export { LIVE_PATH } from './channels.ts';
/** Frames larger than this are refused before they are parsed. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The built-in roles a participant can hold (a scenario may change them and add its own). */
export const LIVE_ROLES = ROLES;
export type BuiltinRole = (typeof LIVE_ROLES)[number];
/** A room role's id: a built-in one, or one the scenario defines (`roles:` in the YAML). */
export type LiveRole = string;

/** What a joining participant is shown before they pick a name and a role. */
export interface JoinChoices {
  title: string;
  team: string;
  roles: RoleChoice[];
}

/** A role as a participant picks it. */
export interface RoleChoice {
  id: LiveRole;
  label: string;
  /** A single-holder role someone already holds: who (joining with it is refused). */
  heldBy?: string;
}

export const LIVE_ROLE_LABELS: Record<BuiltinRole, string> = {
  incident_commander: 'Incident commander',
  technical_lead: 'Technical lead',
  communications_lead: 'Communications lead',
  scribe: 'Scribe',
  client_liaison: 'Client liaison / legal',
  data_lead: 'Data lead',
};

// ---- HSEEP evaluation (#19) ------------------------------------------------------------------

/**
 * The evaluator's room role: joins from their own device like a participant, sees what the whole
 * room sees, takes no team action, and rates the objectives (RATE). Not an incident role: it is
 * never journaled as an assignment and never scored.
 */
export const EVALUATOR_ROLE = 'evaluator';
export const EVALUATOR_RULE: RoleRule = { label: 'Evaluator', channels: 'all', dashboards: true, actions: [], audiences: [] };

/** One rating as the room's evaluators and the console read it (from the journal). */
export interface RatingView {
  seq: number;
  /** Sim time the rating was given. */
  t: number;
  by: string;
  objectiveId: string;
  rating: 'P' | 'S' | 'M' | 'U';
  observation: string;
  /** The timeline moment observed (sim ms). */
  at: number;
}

/** What the evaluator's screen shows: the objectives to rate and every rating given so far. */
export interface EvaluationView {
  objectives: Array<{ id: string; text: string; capability: string | null; capabilityLabel: string | null }>;
  ratings: RatingView[];
}

/** The team's inputs (what participants can ever send); facilitator inputs are never theirs. */
export const TEAM_INPUT_TYPES = TEAM_ACTIONS satisfies ReadonlyArray<TeamInputType>;
export type TeamActionType = (typeof TEAM_INPUT_TYPES)[number];

export interface RoleRule {
  label: string;
  /** Signal channels routed to this role's feed ('all' = every channel). */
  channels: ReadonlyArray<Channel> | 'all';
  /** Sees the public dashboards (metric charts). */
  dashboards: boolean;
  /** The team actions this role may take. */
  actions: ReadonlyArray<TeamActionType>;
  /** Audiences this role may write to when it may COMMUNICATE. */
  audiences: ReadonlyArray<Audience> | 'all';
}

/**
 * Default routing and permissions per role.
 *
 * The incident commander sees everything the team may see and makes the calls reserved for that
 * role (severity, roles, resolving); the communications lead works the inbox (clients, regulators,
 * press); the technical and data leads work dashboards and investigations. A scenario (later) or
 * the facilitator (by changing someone's role) overrides this.
 */
export const DEFAULT_ROLE_RULES: Record<BuiltinRole, RoleRule> = {
  incident_commander: { label: LIVE_ROLE_LABELS.incident_commander, channels: 'all', dashboards: true, actions: TEAM_INPUT_TYPES, audiences: 'all' },
  technical_lead: {
    label: LIVE_ROLE_LABELS.technical_lead,
    channels: ['monitoring_alert', 'dashboard', 'ticket', 'provider', 'internal'],
    dashboards: true,
    actions: ['ACKNOWLEDGE', 'INVESTIGATE', 'CONTAIN', 'LIFT', 'PRESERVE_EVIDENCE', 'DECLARE_ROOT_CAUSE'],
    audiences: ['internal'],
  },
  communications_lead: {
    label: LIVE_ROLE_LABELS.communications_lead,
    channels: ['client', 'social_press', 'regulator', 'internal'],
    dashboards: false,
    actions: ['ACKNOWLEDGE', 'COMMUNICATE', 'PLAN_NOTICE'],
    audiences: 'all',
  },
  scribe: { label: LIVE_ROLE_LABELS.scribe, channels: 'all', dashboards: false, actions: ['PRESERVE_EVIDENCE'], audiences: [] },
  client_liaison: {
    label: LIVE_ROLE_LABELS.client_liaison,
    channels: ['client', 'regulator', 'social_press'],
    dashboards: false,
    actions: ['COMMUNICATE'],
    audiences: ['client', 'regulator'],
  },
  data_lead: {
    label: LIVE_ROLE_LABELS.data_lead,
    channels: ['monitoring_alert', 'dashboard', 'ticket', 'internal'],
    dashboards: true,
    actions: ['INVESTIGATE', 'PRESERVE_EVIDENCE'],
    audiences: ['internal'],
  },
};

/**
 * Routing as data: the role table, plus per-inject overrides (an inject sent to named roles
 * whatever its channel). The scenario's optional routing fields map onto this; the host applies
 * it in one place (host/session/projection.ts).
 */
export interface RoutingRules {
  /** Every role of this exercise: the built-in ones (as the scenario changed them) and its own. */
  roles: Readonly<Record<LiveRole, RoleRule>>;
  /** Inject id → the roles whose feed receives it (instead of the channel rule). */
  injects: Readonly<Record<string, ReadonlyArray<LiveRole>>>;
}

export const DEFAULT_ROUTING: RoutingRules = { roles: DEFAULT_ROLE_RULES, injects: {} };

// ---- client → host ---------------------------------------------------------------------------

const requestId = z.string().min(1).max(64);
const secret = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'not a Firebreak key');
const exerciseId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'exercise ids are letters, digits, - and _');
export const personName = z.string().trim().min(1, 'enter your name').max(80);
const roleId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'not a role id');

export const helloAuthSchema = z.discriminatedUnion('kind', [
  /**
   * The console on this machine (accepted on the loopback listener only), with the host's launch
   * secret (another process or user on the machine does not have it).
   */
  z.object({ kind: z.literal('facilitator'), secret: secret.optional() }).strict(),
  z.object({ kind: z.literal('projector'), key: secret }).strict(),
  /** A new participant with the room's join key; a name and role follow in `join`. */
  z.object({ kind: z.literal('join'), key: secret }).strict(),
  /** A participant coming back with the token the host gave it. */
  z.object({ kind: z.literal('participant'), token: secret }).strict(),
  /** The lone trainee of a solo exercise, holding every role (loopback only, with the launch secret). */
  z.object({ kind: z.literal('solo'), secret: secret.optional() }).strict(),
]);
export type HelloAuth = z.infer<typeof helloAuthSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  /** First frame: who this is and the last journal seq it has seen (0 for none). */
  z.object({ type: z.literal('hello'), exerciseId, auth: helloAuthSchema, since: z.number().int().min(0) }).strict(),
  /** The role is one of the exercise's (the host checks; the welcome lists them). */
  z.object({ type: z.literal('join'), name: personName, role: roleId }).strict(),
  /**
   * A team or facilitator input. Participants may send only their role's team inputs. The
   * facilitator names the participant a team action is entered for (`for`, a participant's name):
   * without one it would be the facilitator's own, which is not the team's (definition `team_input`).
   */
  z.object({ type: z.literal('act'), id: requestId, input: teamInputSchema, for: personName.optional() }).strict(),
  /** Solo: reveal the next hint (the host picks it; its text arrives with the view). */
  z.object({ type: z.literal('hint'), id: requestId }).strict(),
  /** Send me my whole view again (a patch did not fit the version I hold). */
  z.object({ type: z.literal('resync') }).strict(),
  /** Facilitator and solo trainee: clock changes (journaled). */
  z
    .object({
      type: z.literal('clock'),
      id: requestId,
      action: z.enum(['pause', 'resume', 'jump', 'speed']),
      speed: z.number().positive().max(3600).optional(),
    })
    .strict(),
  /**
   * Facilitator: what the room's screen and the participants see beyond the run itself.
   * `results-harm` (#20): the projector's results show harm over time with the team's decisions
   * instead of the score card (on), or the score card again (off).
   */
  z
    .object({
      type: z.literal('share'),
      id: requestId,
      what: z.enum(['finding', 'spotlight', 'briefing', 'results', 'results-harm']),
      ref: z.string().min(1).max(200).nullable(),
      on: z.boolean(),
    })
    .strict(),
  /** Facilitator: open the room to the local network, or close it. */
  z.object({ type: z.literal('room'), id: requestId, action: z.enum(['open', 'close']) }).strict(),
  /** Facilitator: remove a participant, or change their role (the override). */
  z.object({ type: z.literal('participant'), id: requestId, participantId: z.string().min(1).max(64), role: roleId.nullable() }).strict(),
  /**
   * Facilitator: the waiting room. `admit` or `turn-away` one waiting joiner (by id) or `all` of
   * them; `mode` chooses whether joiners within the per-address rate come straight in ('auto') or
   * everyone waits to be admitted ('manual').
   */
  z
    .object({
      type: z.literal('admission'),
      id: requestId,
      action: z.enum(['admit', 'turn-away', 'mode']),
      who: z.string().min(1).max(64).optional(),
      mode: z.enum(['auto', 'manual']).optional(),
    })
    .strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Parses one frame's text; returns the message or a located, person-readable reason. */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the message is not JSON' };
  }
  const r = clientMessageSchema.safeParse(json);
  if (r.success) return { ok: true, message: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ') };
}

// ---- host → client ---------------------------------------------------------------------------

export type ViewerKind = 'facilitator' | 'participant' | 'projector' | 'solo';

export interface LiveClock {
  t: number;
  paused: boolean;
  speed: number;
  over: boolean;
  horizon: number;
}

/** A signal as the team and the room see it: positional id, no red-herring or authorship flags. */
export type PublicSignal = Pick<Signal, 'id' | 't' | 'channel' | 'source' | 'title' | 'body' | 'severity'>;

export interface PublicMetric {
  id: string;
  label: string;
  unit: string;
  /** [sim minute, value] pairs, downsampled. */
  points: Array<[number, number]>;
}

/** A journal entry as participants and the projector see it: what was done, by whom. */
export interface PublicEntry {
  seq: number;
  t: number;
  by: Attribution | null;
  text: string;
}

export interface PublicFinding {
  id: string;
  t: number;
  title: string;
  body: string;
}

export interface Briefing {
  title: string;
  summary: string;
  client: string;
  system: string;
  objectives: string[];
}

/** What every non-facilitator client shares: the public state of the run. */
export interface RoomState {
  exerciseId: string;
  scenarioTitle: string;
  team: string;
  clock: LiveClock & { wall: string; offset: string };
  phaseLabel: string;
  /**
   * #16/#20: the same as codes, so each page words them in its own language: the public phase
   * (a quiet failure reads as normal operations), the scenario clock's start (UTC epoch) for the
   * wall time, and each timeline row's message.
   */
  phase?: Phase;
  startEpoch?: number;
  signals: PublicSignal[];
  signalCount: number;
  metrics: PublicMetric[];
  /** Present only after the facilitator revealed harm to the room. */
  /** `currency`: the scenario's (ISO 4217), for harm counted in money. */
  harm: Array<{ id: string; label: string; unit: string; kind: Harm['kind']; value: number; currency: string }> | null;
  hints: string[];
  findings: PublicFinding[];
  timeline: Array<{ t: number; kind: string; text: string; msg?: Msg }>;
  spotlight: PublicSignal | null;
  briefing: Briefing | null;
  /** #20: the results view for the room, once the exercise is over and if the facilitator shares it. */
  results?: RoomResults | null;
  /**
   * #20, the projector only: which results slide the facilitator puts on the room's screen, the
   * score card ('summary') or harm over time with the team's decisions ('harm', only when the
   * results carry harm, i.e. once harm is revealed). Participants' devices show both, one under the other.
   */
  resultsSlide?: ResultsSlide;
}

export type ResultsSlide = 'summary' | 'harm';

export type ProjectorView = RoomState;

export interface ParticipantView extends RoomState {
  role: LiveRole | null;
  /**
   * What this role may do: the team actions it takes and whom it writes to. The choices
   * themselves, with their state and reasons, are in `response` (the panels offer only these).
   */
  actions: {
    allowed: TeamActionType[];
    audiences: Audience[];
  };
  people: Array<{ name: string; role: LiveRole | null }>;
  /** Every role of the exercise by id, as people read it. */
  roleLabels: Record<LiveRole, string>;
  /**
   * The team's own response, which the action panels render (shared/views/team-state.ts): no
   * fault, red herring, harm total or hidden metric; findings only once shared with this client.
   */
  response: TeamState;
  /** The evaluator's objectives and ratings (#19); null for every other role. */
  evaluation: EvaluationView | null;
  /** The hot wash (#19): open once the exercise has ended; who has sent theirs. */
  hotWash: { open: boolean; submittedBy: string[] };
}

/**
 * A solo trainee's view: a participant's view for one person holding every role (every channel,
 * every dashboard, every finding, every team action); the trainee also runs the clock.
 */
export interface SoloView extends ParticipantView {
  /** The journal is damaged on disk, so nothing can be saved until it is recovered (what and where), or null. */
  journalDamage: string | null;
}

export interface RoomParticipant {
  id: string;
  name: string;
  role: LiveRole | null;
  connected: boolean;
  joinedAt: string;
}

/** Facilitator only: the room's state (links carry the secrets, so only the facilitator gets them). */
export interface RoomInfo {
  open: boolean;
  joinUrl: string | null;
  projectorUrl: string | null;
  /** The join link as an SVG QR code (from the `qrcode` package). */
  joinQrSvg: string | null;
  participants: RoomParticipant[];
  /** The roles a participant can hold in this exercise (the built-in ones and the scenario's). */
  roles: RoleChoice[];
  sharedFindings: string[];
  spotlight: string | null;
  briefing: boolean;
  /** Show the results view to the room when the exercise ends (on unless the facilitator turns it off). */
  results: boolean;
  /** #20: the projector's results show harm over time rather than the score card (off by default). */
  resultsHarm?: boolean;
}

/** Facilitator only: who waits to be let into the room (the first few by name, and how many in all). */
export interface LobbyInfo {
  mode: 'auto' | 'manual';
  count: number;
  /** The longest-waiting first, at most LOBBY_LISTED of them. */
  waiting: Array<{ id: string; name: string; role: LiveRole; since: string }>;
}
export const LOBBY_LISTED = 20;

/** The facilitator's starting point: everything needed to mirror the run by replaying the journal. */
export interface FacilitatorSetup {
  scenarioSource: string;
  seed: number;
  entries: JournalEntry[];
}

export type You =
  | { kind: 'facilitator' }
  | { kind: 'projector' }
  | { kind: 'participant'; participantId: string | null; token: string | null; name: string | null; role: LiveRole | null }
  | { kind: 'solo'; name: string };

export type ServerMessage =
  /** `join`: for a participant about to join, what they are joining and the roles to pick from. */
  | { type: 'welcome'; exerciseId: string; you: You; setup: FacilitatorSetup | null; join?: JoinChoices }
  /** Journal entries after the client's `since`, in order; `upTo` is the last seq covered (filtered ones included). */
  | { type: 'entries'; upTo: number; full: JournalEntry[] | null; public: PublicEntry[] }
  | { type: 'clock'; clock: LiveClock }
  /** A whole view; `version` numbers it for the patches that follow (host/session/broadcast.ts). */
  | { type: 'view'; view: ParticipantView | ProjectorView | SoloView; version?: number }
  /** The view changed: apply `patch` to the view of version `base` (else send `resync`). */
  | { type: 'viewPatch'; base: number; version: number; patch: ViewPatch }
  | { type: 'room'; room: RoomInfo }
  /** Facilitator: the waiting room changed. */
  | { type: 'lobby'; lobby: LobbyInfo }
  /** A joiner: the facilitator has to let you in (a welcome follows when they do, a bye when they don't). */
  /** `reason` in English; `msg`, when given, the same as a catalogue message the page words in its language. */
  | { type: 'held'; reason: string; msg?: Msg }
  | { type: 'ack'; id: string; seq: number | null }
  /** `message` is the reason in English; `reason`, when given, is the same as a catalogue message the page words in its language. */
  | { type: 'refused'; id: string | null; code: RefusalCode; message: string; reason?: Msg }
  /** The host ended this connection (removed from the room, room closed, exercise finished). */
  | { type: 'bye'; reason: string; msg?: Msg };

export type RefusalCode = 'invalid' | 'forbidden' | 'rejected' | 'not-saved' | 'rate-limited' | 'unauthenticated';

export { attributionSchema, type Attribution };

/**
 * Every `stride`-th sample counted from the first, and the latest one: how metric series go on
 * the wire. The grid stays put as the series grows (a grid counted back from the latest sample
 * moved by one each minute, so every point of every chart changed and a running room's patches
 * carried whole series, #18); between ticks only the last point changes, now and then one more.
 */
export function downsample(values: ReadonlyArray<number>, max: number): Array<[number, number]> {
  const n = values.length;
  if (n === 0) return [];
  const stride = Math.max(1, Math.ceil(n / Math.max(1, max - 1)));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n - 1; i += stride) out.push([i, values[i]!]);
  out.push([n - 1, values[n - 1]!]);
  return out;
}
