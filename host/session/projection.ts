/**
 * What each kind of client may see of a running exercise: the one place that reads run state to
 * decide it.
 *
 * The facilitator gets everything (the journal and the pinned scenario, to mirror the run); the
 * projector and participants get plain data built here from what the room may see. Red-herring
 * markers, harm until revealed, hidden metrics, notes, ad-hoc authorship, unshared findings and
 * the fault never enter these views, so they never reach the wire. Role routing comes from the
 * role table in shared/contract/live.ts (data, so a scenario can later override it).
 *
 * When the engine's context changes shape, this module is what adapts.
 */
import { roomHarm, roomResults, type RoomResults } from '../../shared/views/room-results.ts';
import { scoreFinishedRun } from '../../shared/scoring/score-card.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { JournalEntry, TeamInput } from '../../shared/engine/inputs.ts';
import type { Phase } from '../../shared/engine/run-state.ts';
import { isWordedRole, phaseLabel, roleLabel as catalogueRoleLabel } from '../../shared/i18n/labels.ts';
import { EN, msg, type Msg } from '../../shared/i18n/words.ts';
import { eventMessage, findingFor, publicInputMessage } from '../../shared/wording/timeline.ts';
import { startEpoch } from '../../shared/scenario/sim-time.ts';
import { formatOffset } from '../../shared/scenario/duration.ts';
import { AUDIENCES as ALL_AUDIENCES, type Channel, type Scenario } from '../../shared/scenario/schema.ts';
import { wallTime } from '../../shared/scenario/sim-time.ts';
import {
  DEFAULT_ROUTING,
  downsample,
  EVALUATOR_ROLE,
  EVALUATOR_RULE,
  TEAM_INPUT_TYPES,
  type Briefing,
  type LiveClock,
  type LiveRole,
  type ParticipantView,
  type ProjectorView,
  type PublicEntry,
  type PublicMetric,
  type PublicSignal,
  type RoleChoice,
  type RoleRule,
  type RoutingRules,
  type RoomState,
  type SoloView,
  type TeamActionType,
} from '../../shared/contract/live.ts';
import { teamState } from '../../shared/views/team-state.ts';
import { evaluationView } from '../../shared/views/evaluation.ts';

/** What the session adds to the run: what the facilitator chose to share, and the clock. */
export interface ShareState {
  sharedFindings: ReadonlyArray<string>;
  /** Index into the run's signals of the spotlighted one, or null. */
  spotlight: number | null;
  briefing: boolean;
  /** Show the results view to the room once the exercise is over (#20). */
  results?: boolean;
  /** The projector's results slide is harm over time (#20; shown only when the results carry harm). */
  resultsHarm?: boolean;
}

export interface ProjectionInput {
  exerciseId: string;
  team: string;
  clock: LiveClock;
  share: ShareState;
  /** Attributed journal (the host's own list: it carries `by`). */
  entries: ReadonlyArray<JournalEntry>;
  /** Default: DEFAULT_ROUTING (the role table by channel and input type). */
  routing?: RoutingRules;
}

/** Who sees a signal: the projector (no role) sees all; a per-inject route wins over the channel rule. */
interface Audience {
  role: LiveRole | null;
  rule: RoleRule | null;
  injects: RoutingRules['injects'];
}

/** How much of the feed and the timeline a view carries (the room's screens show the latest). */
interface Limits {
  signals: number;
  timeline: number;
}
const ROOM_LIMITS: Limits = { signals: 40, timeline: 30 };
/** A solo trainee reads back through the whole exercise on their own screen. */
const SOLO_LIMITS: Limits = { signals: 400, timeline: 400 };
const MAX_POINTS = 240;

/** The phase as the room reads it: a fault nobody has noticed yet is still "Normal operations". */
export function publicPhaseLabel(phase: Phase): string {
  return phaseLabel(phase === 'quietFailure' ? 'baseline' : phase);
}

/** Attributions the room's timeline leaves unnamed: the facilitator's, and a solo trainee's (every line is theirs). */
const UNNAMED_ROLES = new Set(['facilitator', 'solo']);

/** A role as people read it: the exercise's own label, a built-in one, or the facilitator. */
function roleLabel(role: string, routing: RoutingRules = DEFAULT_ROUTING): string {
  return routing.roles[role]?.label ?? catalogueRoleLabel(role);
}

/** A role in a room line: the catalogue's word for a built-in role the scenario did not relabel, else the label. */
function roleWord(s: Scenario, role: string, routing: RoutingRules | undefined): Msg | string {
  return isWordedRole(role) && !s.roles.some((r) => r.id === role && r.label) ? msg(`role.${role}`) : roleLabel(role, routing);
}

/** One line for an input as the team may read it, or null for inputs that stay on the console. */
export function publicEntryText(run: ExerciseRun, input: TeamInput): string | null {
  const m = publicEntryMessage(run, input);
  return m === null ? null : EN.format(m);
}

/** The same line as a message, worded by each page in its own language. */
function publicEntryMessage(run: ExerciseRun, input: TeamInput): Msg | null {
  // A role the scenario relabels reads as its label; built-in ones come from the catalogue.
  // (The catalogue words a built-in role in each page's language; only a scenario's own label stays as written.)
  return publicInputMessage(run.scenario, input, (role) => run.scenario.roles.find((r) => r.id === role)?.label?.toLowerCase() ?? null);
}

/** Journal entries as participants and the projector may see them (facilitator inputs dropped). */
export function publicEntries(run: ExerciseRun, entries: ReadonlyArray<JournalEntry>): PublicEntry[] {
  const out: PublicEntry[] = [];
  for (const e of entries) {
    const text = publicEntryText(run, e.input);
    if (text !== null) out.push({ seq: e.seq, t: e.t, by: e.by ?? null, text });
  }
  return out;
}

function publicSignal(run: ExerciseRun, index: number): PublicSignal {
  const sig = run.context.signals[index]!;
  // Ids are positional: a scenario id or "adhoc-<seq>" would tell the room who wrote the signal.
  return { id: `s${index}`, t: sig.t, channel: sig.channel, source: sig.source, title: sig.title, body: sig.body, severity: sig.severity };
}

/**
 * The scenario's routing: the role table with the scenario's changes to built-in roles and its
 * own roles (`roles:`), and the injects it sends to named roles (`injects[].roles`).
 */
export function routingFor(s: Scenario): RoutingRules {
  const roles: Record<LiveRole, RoleRule> = { ...DEFAULT_ROUTING.roles };
  for (const r of s.roles) {
    const base: RoleRule = roles[r.id] ?? { label: r.id, channels: [], dashboards: false, actions: [], audiences: [] };
    roles[r.id] = {
      label: r.label ?? base.label,
      channels: r.channels ?? base.channels,
      dashboards: r.dashboards ?? base.dashboards,
      actions: r.actions ?? base.actions,
      audiences: r.audiences ?? base.audiences,
    };
  }
  // Every live exercise can seat evaluators (#19), unless the scenario defined a role of that id.
  roles[EVALUATOR_ROLE] ??= EVALUATOR_RULE;
  const injects: Record<string, LiveRole[]> = {};
  for (const inj of s.injects) if (inj.roles.length > 0) injects[inj.id] = [...inj.roles];
  return { roles, injects };
}

/** The roles a participant can pick in this exercise, in the table's order. */
export function roleChoices(routing: RoutingRules): RoleChoice[] {
  return Object.entries(routing.roles).map(([id, rule]) => ({ id, label: rule.label }));
}

function channelAllowed(rule: RoleRule | null, channel: Channel): boolean {
  return rule === null || rule.channels === 'all' || rule.channels.includes(channel);
}

function signalAllowed(who: Audience, signal: { id: string; channel: Channel }): boolean {
  if (who.rule === null) return true;
  const routed = who.injects[signal.id];
  if (routed) return who.role !== null && routed.includes(who.role);
  return channelAllowed(who.rule, signal.channel);
}

/**
 * The room's timeline: hidden entries, notes, facilitator-only actions and unshared findings
 * removed; signal lines rebuilt from the signal (the engine's own line marks red herrings), and
 * only for signals routed to `who`; team actions attributed to who took them.
 */
function publicTimeline(run: ExerciseRun, input: ProjectionInput, who: Audience, limit: number): RoomState['timeline'] {
  const ctx = run.context;
  const bySeq = new Map(input.entries.map((e) => [e.seq, e]));
  const signalById = new Map(ctx.signals.map((sig) => [sig.id, sig]));
  const out: RoomState['timeline'] = [];
  for (let i = ctx.timeline.length - 1; i >= 0 && out.length < limit; i--) {
    const e = ctx.timeline[i]!;
    if (e.hidden || e.kind === 'note') continue;
    if (e.kind === 'finding' && !input.share.sharedFindings.includes(e.ref ?? '')) continue;
    let m: Msg = eventMessage(run.scenario, e.event);
    if (e.kind === 'action') {
      const entry = e.seq === undefined ? undefined : bySeq.get(e.seq);
      const line = entry ? publicEntryMessage(run, entry.input) : null;
      if (!entry || line === null) continue;
      // The facilitator's own actions need no name on the room's screen, nor a lone trainee's on theirs.
      m =
        entry.by && !UNNAMED_ROLES.has(entry.by.role)
          ? msg('public.byline', { line, name: entry.by.name, role: roleWord(run.scenario, entry.by.role, input.routing) })
          : line;
    }
    if (e.kind === 'signal') {
      const sig = signalById.get(e.ref ?? '');
      // A signal not routed to this role is not on its timeline either.
      if (!sig || !signalAllowed(who, sig)) continue;
      m = msg('public.signal', { source: sig.source, title: sig.title });
    }
    out.push({ t: e.t, kind: e.kind, text: EN.format(m), msg: m });
  }
  return out.reverse();
}

/** The briefing of a run's scenario, built once (the same object in every view: a patch skips it without looking). */
const briefings = new WeakMap<ExerciseRun, Briefing>();
function briefingOf(run: ExerciseRun): Briefing {
  let b = briefings.get(run);
  if (!b) {
    const s = run.scenario;
    b = { title: s.title, summary: s.summary, client: s.system.client, system: s.system.name, objectives: s.objectives.map((o) => o.text) };
    briefings.set(run, b);
  }
  return b;
}

/** The public state, with the signal feed and dashboards narrowed for `who` (rule null = the whole room). */
/**
 * The room's results view of a finished run, scored once per run and kept (views are rebuilt for
 * every client and every hot-wash entry; the score of a closed run no longer changes).
 */
const scoredRuns = new WeakMap<ExerciseRun, RoomResults>();
function resultsOf(run: ExerciseRun): RoomResults {
  let r = scoredRuns.get(run);
  if (!r) {
    r = { ...roomResults(run.scenario, scoreFinishedRun(run)), harm: roomHarm(run.scenario, run.seed, run.context) };
    scoredRuns.set(run, r);
  }
  // Harm over time only once the facilitator has revealed harm to the room (#20), and not after
  // they withdrew it.
  return run.context.harmRevealed ? r : { ...r, harm: null };
}

function roomState(run: ExerciseRun, input: ProjectionInput, who: Audience, limits: Limits = ROOM_LIMITS): RoomState {
  const s = run.scenario;
  const ctx = run.context;
  const rule = who.rule;
  const visible: number[] = [];
  ctx.signals.forEach((sig, i) => {
    if (signalAllowed(who, sig)) visible.push(i);
  });
  const signals = visible.slice(-limits.signals).map((i) => publicSignal(run, i));
  const metrics: PublicMetric[] = [];
  if (rule === null || rule.dashboards) {
    const series = run.metricsUpToNow();
    s.metrics.forEach((m, i) => {
      if (m.public) metrics.push({ id: m.id, label: m.label, unit: m.unit, points: downsample(series[i] ?? [], MAX_POINTS) });
    });
  }
  let harm: RoomState['harm'] = null;
  if (ctx.harmRevealed) {
    const totals = run.harmAt();
    harm = s.harm.map((h) => ({ id: h.id, label: h.label, unit: h.unit, kind: h.kind, value: totals[h.id] ?? 0, currency: s.currency }));
  }
  const hints = ctx.hintsRevealed.map((h) => s.hints.find((x) => x.id === h.id)?.text ?? '').filter(Boolean);
  const findings = ctx.findings
    .filter((f) => input.share.sharedFindings.includes(f.id))
    .map((f) => {
      const shown = findingFor(
        s.investigations.find((i) => i.id === f.id),
        f.shows,
      );
      return { id: f.id, t: f.t, title: shown.title, body: shown.body };
    });
  const spot = input.share.spotlight;
  const spotlight = spot !== null && spot < ctx.signals.length && signalAllowed(who, ctx.signals[spot]!) ? publicSignal(run, spot) : null;
  return {
    exerciseId: input.exerciseId,
    scenarioTitle: s.title,
    team: input.team,
    clock: { ...input.clock, wall: wallTime(s, input.clock.t), offset: formatOffset(input.clock.t) },
    phaseLabel: publicPhaseLabel(run.phase),
    phase: run.phase === 'quietFailure' ? 'baseline' : run.phase,
    startEpoch: startEpoch(s),
    signals,
    signalCount: visible.length,
    metrics,
    harm,
    hints,
    findings,
    timeline: publicTimeline(run, input, who, limits.timeline),
    spotlight,
    briefing: input.share.briefing ? briefingOf(run) : null,
    results: run.over && input.share.results !== false ? resultsOf(run) : null,
  };
}

/** The projector's view: the whole room's public state. */
export function projectorView(run: ExerciseRun, input: ProjectionInput): ProjectorView {
  const view = roomState(run, input, { role: null, rule: null, injects: {} });
  if (!view.results) return view;
  // The room's screen shows one results slide at a time (#20); harm over time only when the results
  // carry it (revealed, and not withdrawn since), else the score card.
  return { ...view, resultsSlide: input.share.resultsHarm === true && view.results.harm ? 'harm' : 'summary' };
}

/** May a participant holding `role` send `input`? Facilitator inputs never; team inputs by the table. */
export function roleMay(role: LiveRole | null, input: TeamInput, routing: RoutingRules = DEFAULT_ROUTING): string | null {
  // #19: the evaluator rates objectives; everyone in the room gives their hot wash.
  if (input.type === 'RATE') return role === EVALUATOR_ROLE ? null : 'only an evaluator rates objectives';
  if (input.type === 'HOT_WASH') return null;
  if (!(TEAM_INPUT_TYPES as ReadonlyArray<string>).includes(input.type)) return `${input.type} is for the facilitator`;
  if (role === null) return 'pick a role first';
  const rule = routing.roles[role];
  if (!rule) return `there is no role "${role}" in this exercise`;
  const who = roleLabel(role, routing).toLowerCase();
  if (!rule.actions.includes(input.type as TeamActionType)) return `the ${who} cannot do ${input.type}; ask the facilitator`;
  if (input.type === 'COMMUNICATE' && rule.audiences !== 'all' && !rule.audiences.includes(input.audience))
    return `the ${who} does not write to ${input.audience}`;
  return null;
}

/** What a holder of `rule` may do (the panels show the choices themselves from TeamState). */
function actionsFor(rule: RoleRule): ParticipantView['actions'] {
  const audiences = !rule.actions.includes('COMMUNICATE') ? [] : rule.audiences === 'all' ? [...ALL_AUDIENCES] : [...rule.audiences];
  return { allowed: [...rule.actions], audiences };
}

/** The roles' labels, built once per routing table (the same object in every view). */
const labelsOf = new WeakMap<RoutingRules, Record<string, string>>();
function roleLabelsOf(routing: RoutingRules): Record<string, string> {
  let labels = labelsOf.get(routing);
  if (!labels) labelsOf.set(routing, (labels = Object.fromEntries(Object.entries(routing.roles).map(([id, r]) => [id, r.label]))));
  return labels;
}

/**
 * What every participant's view holds alike, built once per broadcast (one ProjectionInput) for
 * the same people: the team state and the hot wash. Each role's view holds the same objects, so
 * the broadcast also diffs them once (broadcast.ts), not once per role.
 */
const roomParts = new WeakMap<
  ProjectionInput,
  { people: ParticipantView['people']; response: ParticipantView['response']; hotWash: ParticipantView['hotWash'] }
>();
function sharedParts(run: ExerciseRun, input: ProjectionInput, people: ParticipantView['people']) {
  const kept = roomParts.get(input);
  if (kept && kept.people === people) return kept;
  const shared = input.share.sharedFindings;
  const parts = {
    people,
    response: teamState(run, { findingVisible: (id) => shared.includes(id), facilitator: false, people: people.map((p) => p.name) }),
    hotWash: hotWashView(run, input.entries),
  };
  roomParts.set(input, parts);
  return parts;
}

/** A participant's view: the room's state routed to their role, and the choices their role has. */
export function participantView(run: ExerciseRun, input: ProjectionInput, role: LiveRole | null, people: ParticipantView['people']): ParticipantView {
  const routing = input.routing ?? DEFAULT_ROUTING;
  const rule: RoleRule = (role === null ? undefined : routing.roles[role]) ?? { label: 'No role', channels: [], dashboards: false, actions: [], audiences: [] };
  const { response, hotWash } = sharedParts(run, input, people);
  return {
    ...roomState(run, input, { role, rule, injects: routing.injects }),
    role,
    actions: actionsFor(rule),
    people,
    roleLabels: roleLabelsOf(routing),
    response,
    evaluation: role === EVALUATOR_ROLE ? evaluationView(run.scenario, input.entries) : null,
    hotWash,
  };
}

function hotWashView(run: ExerciseRun, entries: ReadonlyArray<JournalEntry>): ParticipantView['hotWash'] {
  const names = new Set(entries.flatMap((e) => (e.input.type === 'HOT_WASH' ? [e.by?.name ?? 'Facilitator'] : [])));
  return { open: run.over, submittedBy: [...names] };
}

/** What one person holding every role may see and do: every channel, every dashboard, every team action. */
export const EVERY_ROLE: RoleRule = { label: 'Every role', channels: 'all', dashboards: true, actions: TEAM_INPUT_TYPES, audiences: 'all' };

/**
 * A solo trainee's view: the same public state as the room's (no red-herring marker, harm,
 * hidden metric, note or fault), every inject whatever its route, every finding (the trainee ran
 * each investigation), and the team state the action panels render (shared/views/team-state.ts).
 */
export function soloView(run: ExerciseRun, input: ProjectionInput, name: string, journalDamage: string | null = null): SoloView {
  const everyFinding: ProjectionInput = { ...input, share: { ...input.share, sharedFindings: run.context.findings.map((f) => f.id) } };
  return {
    ...roomState(run, everyFinding, { role: null, rule: null, injects: {} }, SOLO_LIMITS),
    role: null,
    actions: actionsFor(EVERY_ROLE),
    people: [{ name, role: null }],
    roleLabels: {},
    journalDamage,
    response: teamState(run, { findingVisible: () => true, facilitator: false, people: [name] }),
    evaluation: null,
    hotWash: hotWashView(run, input.entries),
  };
}

/** May the solo trainee send `input`? Every team input; the facilitator's own inputs never. */
export function soloMay(input: TeamInput): string | null {
  return (TEAM_INPUT_TYPES as ReadonlyArray<string>).includes(input.type) ? null : `${input.type} is for a facilitator; a solo exercise has none`;
}
