/**
 * The one place scoring reads a run: plain, forward-compatible facts about what happened.
 *
 * Scorers, the debrief and history read RunFacts (and the scenario), never the engine's context,
 * so an engine that keeps its state differently (several faults, containments lifted and
 * re-applied, obligations as states) only has to re-implement this module. Everything here is a
 * projection to the horizon: harm and costs are what the containments in place would lead to if
 * nobody did anything more, as the score card has always judged.
 *
 * The re-simulations scoring needs (do nothing, best achievable, and the run without the
 * containments decided before the first real signal) live here too, because they replay journals;
 * the baselines are computed once per (scenario, seed) and shared by the card and every what-if.
 */
import type { Audience, IncidentType, Role, Scenario } from '../scenario/schema.ts';
import { HOUR } from '../scenario/duration.ts';
import type { JournalEntry, MessageElement, TeamInput } from '../engine/inputs.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import { costsAt, factorSteps, faultContainedIn, fixTimes, naturalEnds, type FactorStep } from '../engine/model.ts';
import type { FactWorld, RunContext } from '../engine/run-state.ts';
import {
  chargedSpans,
  costShare,
  DETECTING_RESPONSES,
  firstSignalByFault,
  obligationStatus,
  type ContentOverrule,
  type Costs,
  type ObligationStatus,
} from './definitions.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';

export type HarmTotals = Record<string, number>;

export interface FaultFact {
  id: string;
  /** When the fault began (or will begin, projected, when the run ended first); null if never. */
  startedAt: number | null;
  /**
   * The moment from which its harm stays contained (growth cut by at least 80%, or fixed) to the
   * horizon, projected; a lift before the fix revokes an earlier containment (definition `mttc`).
   */
  containedAt: number | null;
  /** Its first real signal (one that shows it; definition `real_signal`), or null. */
  firstSignalAt: number | null;
  /** The first moment it was contained at all (even if a lift later undid it). */
  firstContainedAt: number | null;
  /** Moments it came back after being contained (a lift before the fix). */
  recurredAt: number[];
  fixedAt: number | null;
}

export interface SignalFact {
  id: string;
  t: number;
  title: string;
  source: string;
  redHerring: boolean;
  adhoc: boolean;
}

export type ResponseKind =
  'declare' | 'triage' | 'contain' | 'communicate' | 'preserve_evidence' | 'declare_root_cause' | 'investigate' | 'resolve' | 'assign_role';

export interface DetectionFacts {
  awareAt: number | null;
  detectedAt: number | null;
  detectedBy: ResponseFact | null;
  /** The first response of each kind before the first real signal. */
  falseAlarms: ResponseFact[];
}

export interface ResponseFact {
  t: number;
  seq: number;
  kind: ResponseKind;
}

export interface TriageFact {
  t: number;
  severity: number;
  incidentType: IncidentType;
}

export interface ContainmentEpisode {
  id: string;
  decidedAt: number;
  effectiveAt: number;
  liftedAt: number | null;
}

export interface CommunicationFact {
  t: number;
  seq: number;
  audience: Audience;
  message: string;
  elements: Partial<Record<MessageElement, string>>;
  /** #17: the world's state when it was sent, per obligation and fact (see run-state.ts). */
  world?: Readonly<Record<string, ReadonlyArray<FactWorld>>>;
}

export interface ObligationFact {
  id: string;
  audience: Audience;
  /** When its deadline clock started (detection or the fault), or null when it never did. */
  startsAt: number | null;
  dueAt: number | null;
  /** The first message that counts (see definitions.ts), or null. */
  metAt: number | null;
  metSeq: number | null;
  status: ObligationStatus;
  /** Not yet due when the exercise ended and not met (definition `open_obligation`). */
  openAtEnd: boolean;
  /** The team's dated plan for it, recorded before the end (PLAN_NOTICE), or null. */
  plan: { owner: string; what: string; by: number; t: number } | null;
}

export interface FindingFact {
  id: string;
  t: number;
  startedAt: number;
  /** The finding points at the real fault: a relevant investigation that completed after the fault began. */
  showedDefect: boolean;
  /** Started before the first real signal (no reason to look yet): no credit. */
  startedBeforeSignal: boolean;
}

export interface Outcome {
  harm: HarmTotals;
  costs: Costs;
  /** Every fault contained for good from here (definition `mttc`), or null. */
  containedAt: number | null;
  /** Per fault: contained for good, recurrences, fixed. */
  faults: FaultFact[];
  fixedAt: number | null;
}

export interface Baselines {
  doNothing: Outcome;
  /** Harm: the best achievable per harm; costs and containment: the rubric's best response. */
  best: Outcome;
  /** For each harm containments create: the most a team could create (the reference it is judged against). */
  worstCreated: HarmTotals;
  /** The first real signal in the do-nothing world. */
  firstRealSignalAt: number | null;
}

export interface RunFacts {
  scenarioId: string;
  seed: number;
  horizon: number;
  /** When the run ended (resolve, end or horizon). */
  end: number;
  closedBy: RunContext['closedBy'];
  faults: FaultFact[];
  signals: SignalFact[];
  firstRealSignalAt: number | null;
  /**
   * The engine's judgement of awareness, detection and false alarms, made once during the run
   * (shared/engine/machine.ts `respond`): scoring reads it and never re-derives it, so the console
   * and the card cannot disagree.
   */
  judged: DetectionFacts;
  declaredAt: number | null;
  firstResponseAt: number | null;
  responses: ResponseFact[];
  triages: TriageFact[];
  roles: { role: Role; person: string; t: number }[];
  containments: ContainmentEpisode[];
  investigations: { id: string; startedAt: number }[];
  findings: FindingFact[];
  evidence: { id: string; t: number }[];
  /** Every root-cause declaration, in order (the last is in force). */
  rootCauses: { id: string; t: number }[];
  communications: CommunicationFact[];
  obligations: ObligationFact[];
  /** #17: the facilitator's and evaluators' content overrules, in journal order (definition `content_overrule`). */
  overrules: ContentOverrule[];
  /** Costs incurred to the end of the run (see definitions `costs`). */
  costs: Costs;
  harm: {
    actual: HarmTotals;
    /** The outcome without the containments decided before the first real signal. */
    credited: Outcome;
    doNothing: HarmTotals;
    best: HarmTotals;
    /** Costs of the best-achievable response, the reference costs are judged against. */
    bestCosts: Costs;
    /** For harm containments create: the most a team could create (see baselines). */
    worstCreated: HarmTotals;
  };
}

export const RESPONSE_KIND: Partial<Record<TeamInput['type'], ResponseKind>> = {
  ACKNOWLEDGE: 'declare',
  TRIAGE: 'triage',
  CONTAIN: 'contain',
  COMMUNICATE: 'communicate',
  PRESERVE_EVIDENCE: 'preserve_evidence',
  DECLARE_ROOT_CAUSE: 'declare_root_cause',
  INVESTIGATE: 'investigate',
  RESOLVE: 'resolve',
  ASSIGN_ROLE: 'assign_role',
};

/** The engine's detection judgement as facts (response kinds instead of input types). */
function detectionFacts(ctx: DeepReadonly<Pick<RunContext, 'awareAt' | 'detectedAt' | 'detectedBy' | 'falseAlarms'>>): DetectionFacts {
  const fact = (x: { t: number; seq: number; type: TeamInput['type'] }): ResponseFact => ({ t: x.t, seq: x.seq, kind: RESPONSE_KIND[x.type]! });
  return {
    awareAt: ctx.awareAt,
    detectedAt: ctx.detectedAt,
    detectedBy: ctx.detectedBy && ctx.detectedAt !== null ? fact({ ...ctx.detectedBy, t: ctx.detectedAt }) : null,
    falseAlarms: ctx.falseAlarms.map(fact),
  };
}

/** Whether an input makes the team aware / counts as detection (definitions `detection`). */
export function isDetectingInput(type: TeamInput['type']): boolean {
  const kind = RESPONSE_KIND[type];
  return kind !== undefined && DETECTING_RESPONSES.has(kind);
}

/** Every containment decision as an episode, in the order decided (real lifts from the engine). */
function episodesOf(ctx: DeepReadonly<Pick<RunContext, 'containments'>>): ContainmentEpisode[] {
  return Object.values(ctx.containments)
    .flatMap((c) => c.episodes.map((e) => ({ id: c.id, decidedAt: e.decidedAt, effectiveAt: e.effectiveAt, liftedAt: e.liftedAt })))
    .sort((x, y) => x.decidedAt - y.decidedAt);
}

/**
 * Costs and created harm as scored (definition `costs`): hourly over each containment's charged
 * spans (chargedSpans), one-off costs once per decision and one-off harm once per application.
 */
function chargedOf(s: Scenario, episodes: ReadonlyArray<ContainmentEpisode>, fs: number | null, horizon: number): { costs: Costs; created: HarmTotals } {
  const costs: Costs = { revenue: 0, userHours: 0, oneOff: 0 };
  const created: HarmTotals = Object.fromEntries(s.harm.filter((h) => h.source === 'action').map((h) => [h.id, 0]));
  const byId = new Map(s.containments.map((c) => [c.id, c]));
  for (const e of episodes) {
    const c = byId.get(e.id);
    if (!c || e.decidedAt > horizon) continue;
    costs.oneOff += c.costs.oneOff;
    if (e.effectiveAt <= horizon) for (const [h, once] of Object.entries(c.createsHarmOnce)) if (h in created) created[h]! += once;
  }
  for (const x of chargedSpans(episodes, fs, horizon)) {
    const c = byId.get(x.containmentId);
    if (!c) continue;
    const hours = (x.to - x.from) / HOUR;
    costs.revenue += c.costs.revenuePerHour * hours;
    costs.userHours += c.costs.usersWithoutService * hours;
    for (const [h, rate] of Object.entries(c.createsHarm)) if (h in created) created[h]! += rate * hours;
  }
  return { costs, created };
}

/** Costs of containment episodes to the horizon: hourly while in effect, one-off when decided (definition `costs`). */
function costsOf(s: Scenario, episodes: ReadonlyArray<ContainmentEpisode>, horizon: number): Costs {
  const c = costsAt(
    s,
    episodes.map((e) => ({ containmentId: e.id, decidedAt: e.decidedAt, effectiveAt: e.effectiveAt, liftedAt: e.liftedAt })),
    horizon,
  );
  return { revenue: c.revenueLost, userHours: c.userHoursWithoutService, oneOff: c.oneOff };
}

/**
 * Each fault of the run, projected to the horizon: its start (the scheduled one when the run ended
 * first), when it was contained for good (a recurrence revokes an earlier containment), the first
 * moment it was contained at all, its recurrences, and when it was fixed.
 */
function faultFacts(
  s: Scenario,
  ctx: DeepReadonly<Pick<RunContext, 'faults' | 'containments' | 'signals'>>,
  horizon: number,
): { faults: FaultFact[]; steps: FactorStep[] } {
  const episodes = episodesOf(ctx).map((e) => ({ containmentId: e.id, decidedAt: e.decidedAt, effectiveAt: e.effectiveAt, liftedAt: e.liftedAt }));
  const steps = factorSteps(s, episodes);
  const fixes = fixTimes(s, episodes);
  const faults = s.faults.map((f): FaultFact => {
    const start = ctx.faults[f.id]?.startedAt ?? (f.startsAt < horizon ? f.startsAt : null);
    let since: number | null = null;
    let first: number | null = null;
    const recurredAt: number[] = [];
    if (start !== null) {
      for (let i = 0; i < steps.length; i++) {
        const until = i + 1 < steps.length ? steps[i + 1]!.from : Infinity;
        const from = Math.max(steps[i]!.from, start);
        if (until <= start || from > horizon) continue;
        if (faultContainedIn(s, steps[i]!, f.id)) {
          if (since === null) since = from;
          if (first === null) first = from;
        } else if (since !== null) {
          recurredAt.push(from);
          since = null;
        }
      }
    }
    const fixedAt = fixes.get(f.id) ?? null;
    return { id: f.id, startedAt: start, firstSignalAt: null, containedAt: since, firstContainedAt: first, recurredAt, fixedAt };
  });
  const firsts = firstSignalByFault(s, signalFacts(ctx), faults);
  for (const f of faults) f.firstSignalAt = firsts[f.id] ?? null;
  return { faults, steps };
}

/**
 * Definition `mttc`: the exercise is contained only when every fault begun by the horizon is
 * contained for good, from the last of those moments; null otherwise.
 */
function allContainedAt(faults: ReadonlyArray<FaultFact>): number | null {
  const begun = faults.filter((f) => f.startedAt !== null);
  if (begun.length === 0 || begun.some((f) => f.containedAt === null)) return null;
  return Math.max(...begun.map((f) => f.containedAt!));
}

/** Harm, costs and containment of a run played to the end. */
function outcomeOfRun(run: ExerciseRun): Outcome {
  const s = run.scenario;
  const ctx = run.context;
  const { faults } = faultFacts(s, ctx, run.horizon);
  // A fault that ends by itself needs no fix: the reference lifts its kill switches then too.
  const ends = naturalEnds(s);
  const fixed = faults.map((f) => (f.fixedAt === null ? (ends.get(f.id) ?? null) : Math.min(f.fixedAt, ends.get(f.id) ?? Infinity)));
  return {
    harm: run.projectedHarm(),
    costs: costsOf(s, episodesOf(ctx), run.horizon),
    containedAt: allContainedAt(faults),
    faults,
    fixedAt: fixed.every((x) => x !== null) ? Math.max(...(fixed as number[])) : null,
  };
}

const baselineCache = new WeakMap<Scenario, Map<number, Baselines>>();

/**
 * Plays a response from the first real signal `fs`: each containment needing a finding right
 * after its investigation (started at `fs`), the others at `fs`; refused inputs are skipped.
 */
function playResponse(s: Scenario, seed: number, fs: number | null, ids: ReadonlyArray<string>): ExerciseRun {
  const run = new ExerciseRun(s, seed);
  if (fs !== null) {
    const plan: { t: number; input: TeamInput }[] = [];
    for (const id of ids) {
      const c = s.containments.find((x) => x.id === id);
      if (!c || !c.available) continue;
      const inv = c.requiresFinding ? s.investigations.find((i) => i.id === c.requiresFinding) : undefined;
      if (inv && !plan.some((p) => p.input.type === 'INVESTIGATE' && p.input.investigationId === inv.id))
        plan.push({ t: fs, input: { type: 'INVESTIGATE', investigationId: inv.id } });
      plan.push({ t: Math.min(fs + (inv?.duration ?? 0), s.clock.horizon), input: { type: 'CONTAIN', containmentId: c.id } });
    }
    plan.sort((a, b) => a.t - b.t || (a.input.type === 'INVESTIGATE' ? -1 : 1));
    for (const p of plan) if (p.t < s.clock.horizon && (run.advanceTo(p.t), run.check(p.input) === null)) run.apply(p.input, p.t);
  }
  run.runToEnd();
  return run;
}

/**
 * The reference costs (definition `best_achievable`): the best response's as a textbook team pays
 * them, a liftable containment (a kill switch) lifted once every fault is fixed. Where the best
 * response fixes nothing (it only holds the harm), the scenario's own fixes are added as early as
 * they can be made, unless that costs more: otherwise a kill switch left on to the horizon would
 * be the benchmark, and a team that never fixes nor lifts would pay no more than it (#17).
 */
function referenceCosts(s: Scenario, seed: number, fs: number | null, run: ExerciseRun, outcome: Outcome): Costs {
  const liftedAtFix = (r: ExerciseRun, fixedAll: number) =>
    costsOf(
      s,
      episodesOf(r.context).map((e) =>
        s.containments.find((c) => c.id === e.id)?.liftable && (e.liftedAt === null || e.liftedAt > fixedAll)
          ? { ...e, liftedAt: Math.max(fixedAll, e.effectiveAt) }
          : e,
      ),
      s.clock.horizon,
    );
  if (outcome.fixedAt !== null) return liftedAtFix(run, outcome.fixedAt);
  const fixes = s.containments
    .filter((c) => c.available && c.fixes.length > 0 && !s.rubric.harmfulContainments.includes(c.id) && !s.rubric.bestResponse.includes(c.id))
    .map((c) => c.id);
  if (!fixes.length) return outcome.costs;
  const fixedRun = playResponse(s, seed, fs, [...s.rubric.bestResponse, ...fixes]);
  const fixed = outcomeOfRun(fixedRun);
  if (fixed.fixedAt === null) return outcome.costs;
  const costs = liftedAtFix(fixedRun, fixed.fixedAt);
  // Only a cheaper benchmark in every kind replaces the best response's own.
  return costShare(costs, outcome.costs) === 0 ? costs : outcome.costs;
}

/** Harm sources a containment creates (definition `containment_value`): judged from none to `worst`. */
export function isCreatedHarm(s: Scenario, harmId: string): boolean {
  return s.harm.find((h) => h.id === harmId)?.source === 'action';
}

/**
 * The do-nothing and best-achievable re-simulations for a scenario and seed, computed once.
 *
 * Best achievable (definition `best_achievable`): from the do-nothing world's first real signal,
 * the rubric's best response, or, where it causes less of a harm, every available containment the
 * rubric does not list as harmful (each needing a finding right after its investigation). Harm
 * factors never exceed 1 and act from their moment on, so no credited response causes less harm.
 * The reference costs are the best response's. `worstCreated` is, for each harm containments
 * create, the most a team could create: every containment creating it applied at the first real
 * signal and never lifted.
 */
export function baselines(s: Scenario, seed: number): Baselines {
  let bySeed = baselineCache.get(s);
  if (!bySeed) baselineCache.set(s, (bySeed = new Map()));
  const hit = bySeed.get(seed);
  if (hit) return hit;
  const idle = new ExerciseRun(s, seed);
  idle.runToEnd();
  // The engine's own first real signal (shared/engine/real-signal.ts), as in every run.
  const fs = idle.context.firstSignAt;
  const declaredRun = playResponse(s, seed, fs, s.rubric.bestResponse);
  const declared = outcomeOfRun(declaredRun);
  declared.costs = referenceCosts(s, seed, fs, declaredRun, declared);
  const safe = s.containments.filter((c) => c.available && !s.rubric.harmfulContainments.includes(c.id)).map((c) => c.id);
  const searched = outcomeOfRun(playResponse(s, seed, fs, safe));
  const harm: HarmTotals = {};
  for (const h of s.harm) harm[h.id] = h.source === 'action' ? 0 : Math.min(declared.harm[h.id] ?? 0, searched.harm[h.id] ?? 0);
  const creators = s.containments.filter((c) => c.available && Object.keys(c.createsHarm).length + Object.keys(c.createsHarmOnce).length > 0).map((c) => c.id);
  const worstRun = creators.length ? outcomeOfRun(playResponse(s, seed, fs, creators)).harm : {};
  const worstCreated: HarmTotals = {};
  for (const h of s.harm) if (h.source === 'action') worstCreated[h.id] = worstRun[h.id] ?? 0;
  const out: Baselines = { doNothing: outcomeOfRun(idle), best: { ...declared, harm }, firstRealSignalAt: fs, worstCreated };
  bySeed.set(seed, out);
  return out;
}

function signalFacts(ctx: DeepReadonly<Pick<RunContext, 'signals'>>): SignalFact[] {
  return ctx.signals.map((x) => ({ id: x.id, t: x.t, title: x.title, source: x.source, redHerring: x.redHerring, adhoc: x.adhoc }));
}

/**
 * The journal as a team that took nothing before the first real signal and no harmful
 * containment would have played it (definition `containment_credit`): containments and
 * investigations decided before it are dropped, and so is any containment that needed one of
 * those investigations' findings (without the early investigation the team could not have had
 * it), every containment the rubric lists as harmful (harm it avoids earns nothing), and the
 * lifts of the episodes dropped.
 */
export function creditedJournal(s: Scenario, entries: ReadonlyArray<JournalEntry>, firstRealSignalAt: number | null): JournalEntry[] | null {
  const { early, enabledByEarly } = uncredited(s, entries, firstRealSignalAt);
  const harmful = new Set(s.rubric.harmfulContainments);
  const droppedEpisode = new Set<string>();
  const keep = entries.filter((e) => {
    if (e.input.type === 'CONTAIN') {
      const drop = early.has(e.seq) || enabledByEarly.has(e.seq) || harmful.has(e.input.containmentId);
      if (drop) droppedEpisode.add(e.input.containmentId);
      else droppedEpisode.delete(e.input.containmentId);
      return !drop;
    }
    if (e.input.type === 'LIFT') return !droppedEpisode.has(e.input.containmentId);
    return !early.has(e.seq);
  });
  if (keep.length === entries.length) return null;
  return keep.map((e, i) => ({ seq: i + 1, t: e.t, input: e.input }));
}

/**
 * Journal seqs that earn no credit (definition `containment_credit`): `early`, the containments
 * and investigations decided before the first real signal; `enabledByEarly`, the later
 * containments that needed one of those investigations' findings (the team could not have had
 * it otherwise), which therefore count as no response either.
 */
function uncredited(s: Scenario, entries: ReadonlyArray<JournalEntry>, fs: number | null): { early: Set<number>; enabledByEarly: Set<number> } {
  const isEarly = (e: JournalEntry) => fs === null || e.t < fs;
  const droppedInvestigations = new Set<string>();
  const early = new Set<number>();
  const enabledByEarly = new Set<number>();
  for (const e of entries) {
    if (e.input.type === 'INVESTIGATE' && isEarly(e)) {
      droppedInvestigations.add(e.input.investigationId);
      early.add(e.seq);
    } else if (e.input.type === 'CONTAIN') {
      if (isEarly(e)) early.add(e.seq);
      else {
        const id = e.input.containmentId;
        const needs = s.containments.find((c) => c.id === id)?.requiresFinding;
        if (needs && droppedInvestigations.has(needs)) enabledByEarly.add(e.seq);
      }
    }
  }
  return { early, enabledByEarly };
}

/**
 * The credited outcome: the credited journal re-simulated; harm is harm whoever causes it, so
 * each harm is at least what the team's own run caused (harm a dropped containment created
 * still counts).
 */
function creditedOutcome(s: Scenario, seed: number, run: ExerciseRun, fs: number | null, actual: Outcome, idle: Outcome, replay: boolean): Outcome {
  const edited = creditedJournal(s, run.entries, fs);
  if (edited === null) return actual;
  // The team's own run reaches what the credited journal's replay would (see below): read it there.
  if (!replay && sameOutcomeWhenCredited(s, run.entries, edited)) return atLeastActual(s, outcomeOfRun(run), actual);
  return atLeastActual(s, replayedOutcome(s, seed, edited, idle), actual);
}

/**
 * Whether the credited journal is bound to reach the team's own outcome, so replaying it (a whole
 * simulation per score card and per what-if) can be skipped: it keeps every CONTAIN and LIFT and
 * drops only investigations started before the first real signal. An outcome (harm, costs,
 * containment) follows from the containment episodes and the faults' starts alone: the kept
 * containments are decided and lifted at the same moments (one that needed a dropped
 * investigation's finding is itself dropped, see `uncredited`) and faults start on their own
 * schedule. Replayed as before when a harm starts with an event (dropped inputs can move it) or
 * an entry carries attribution (the credited journal drops it, which can change what it does).
 * A unit test holds this to the replay on the built-in scenarios and generated journals.
 */
function sameOutcomeWhenCredited(s: Scenario, entries: ReadonlyArray<JournalEntry>, edited: ReadonlyArray<JournalEntry>): boolean {
  if (s.harm.some((h) => h.startsWith !== undefined)) return false;
  const episodic = (xs: ReadonlyArray<JournalEntry>) => xs.reduce((n, e) => n + (e.input.type === 'CONTAIN' || e.input.type === 'LIFT' ? 1 : 0), 0);
  return entries.every((e) => e.by === undefined) && episodic(edited) === episodic(entries);
}

/** The outcome of replaying the credited journal to the end (the definition; see creditedOutcome). */
function replayedOutcome(s: Scenario, seed: number, edited: ReadonlyArray<JournalEntry>, idle: Outcome): Outcome {
  try {
    const again = ExerciseRun.replay(s, seed, edited);
    again.runToEnd();
    return outcomeOfRun(again);
  } catch {
    // The edited journal is not playable: credit nothing rather than guess.
    return idle;
  }
}

/** Harm is harm whoever causes it: each harm at least what the team's own run caused. */
function atLeastActual(s: Scenario, out: Outcome, actual: Outcome): Outcome {
  const harm: HarmTotals = {};
  for (const h of s.harm) harm[h.id] = Math.max(out.harm[h.id] ?? 0, actual.harm[h.id] ?? 0);
  return { ...out, harm };
}

/** The credited outcome with each created harm at least as charged (definition `costs`). */
function withCharged(o: Outcome, created: HarmTotals): Outcome {
  const harm = { ...o.harm };
  for (const [h, x] of Object.entries(created)) harm[h] = Math.max(harm[h] ?? 0, x);
  return { ...o, harm };
}

export interface RunFactsOptions {
  /** Replay the credited journal even where its outcome is known to be the team's (tests hold the shortcut to this). */
  replayCredited?: boolean;
}

/** Facts about a run (played to wherever it is; scoring plays it to the end first). */
export function runFacts(run: ExerciseRun, options: RunFactsOptions = {}): RunFacts {
  const s = run.scenario;
  const ctx = run.context;
  const base = baselines(s, run.seed);
  const { faults } = faultFacts(s, ctx, run.horizon);
  const fixedTimes = faults.map((f) => f.fixedAt);
  const fixedAt = fixedTimes.every((x) => x !== null) ? Math.max(...(fixedTimes as number[])) : null;
  const end = ctx.closedAt ?? run.now;
  const signals = signalFacts(ctx);
  const firstRealSignalAt = ctx.firstSignAt;
  // A containment only an investigation before the first real signal made possible is no
  // response either (definition containment_credit): acting early must never raise a score.
  const { enabledByEarly } = uncredited(s, run.entries, firstRealSignalAt);
  // A containment the rubric lists as harmful is no response either (#17.6): adding one never
  // raises a score, not even by counting as detection.
  const harmful = new Set(s.rubric.harmfulContainments);
  const responses: ResponseFact[] = [];
  for (const e of ctx.inputs) {
    const kind = RESPONSE_KIND[e.input.type];
    const noResponse = enabledByEarly.has(e.seq) || (e.input.type === 'CONTAIN' && harmful.has(e.input.containmentId));
    if (kind && !noResponse) responses.push({ t: e.t, seq: e.seq, kind });
  }
  const communications: CommunicationFact[] = ctx.communications.map((c) => ({
    t: c.t,
    seq: c.seq,
    audience: c.audience,
    message: c.message,
    elements: { ...c.elements },
    ...(c.world ? { world: c.world } : {}),
  }));
  const episodes = episodesOf(ctx);
  // Costs and the harm containments create, as scored (definition `costs`): one kept on to the
  // horizon counts from the first real signal, so deciding it earlier never costs more.
  const charged = chargedOf(s, episodes, firstRealSignalAt, run.horizon);
  const actual: Outcome = {
    harm: run.projectedHarm(),
    costs: charged.costs,
    containedAt: allContainedAt(faults),
    faults,
    fixedAt,
  };
  const partial = { faults, firstRealSignalAt, responses };
  // The engine keeps each obligation's clock (awareness, the fault or an event; calendar or
  // business time) and its condition; scoring judges the result with obligationStatus.
  const obligations: ObligationFact[] = s.rubric.notifications.map((n) => {
    const o = ctx.obligations[n.id ?? n.audience]!;
    const eventClock = n.from !== 'detection' && n.from !== 'fault';
    const applicable = o.status !== 'not_applicable' || (!n.when && !eventClock);
    return {
      id: o.id,
      audience: o.audience,
      startsAt: o.startedAt,
      dueAt: o.dueAt,
      metAt: o.metAt,
      metSeq: o.metBySeq,
      status: obligationStatus(o.dueAt, o.metAt, end, applicable, o.plan?.by ?? null),
      openAtEnd: applicable && o.metAt === null && o.dueAt !== null && o.dueAt > end,
      plan: o.plan ? { owner: o.plan.owner, what: o.plan.what, by: o.plan.by, t: o.plan.t } : null,
    };
  });
  const investigations = ctx.inputs.flatMap((e) => (e.input.type === 'INVESTIGATE' ? [{ id: e.input.investigationId, startedAt: e.t }] : []));
  return {
    scenarioId: s.id,
    seed: run.seed,
    horizon: run.horizon,
    end,
    closedBy: ctx.closedBy,
    ...partial,
    signals,
    judged: detectionFacts(ctx),
    declaredAt: ctx.declaredAt,
    firstResponseAt: responses.find((r) => r.kind !== 'assign_role')?.t ?? null,
    triages: ctx.triages.map((x) => ({ t: x.t, severity: x.severity, incidentType: x.incidentType })),
    roles: (Object.entries(ctx.roles) as [Role, { person: string; t: number }][]).map(([role, v]) => ({ role, person: v.person, t: v.t })),
    containments: episodes,
    investigations,
    findings: ctx.findings.map((f) => {
      const inv = s.investigations.find((i) => i.id === f.id);
      const startedAt = f.t - (inv?.duration ?? 0);
      return {
        id: f.id,
        t: f.t,
        startedAt,
        // What the world showed when it completed: a relevant investigation that saw the defect, or
        // its recovery after the team's own fix, points at the real fault; a normal reading does not.
        showedDefect: (inv?.relevant ?? false) && f.shows !== 'normal',
        startedBeforeSignal: firstRealSignalAt === null || startedAt < firstRealSignalAt,
      };
    }),
    evidence: ctx.evidence.map((x) => ({ ...x })),
    rootCauses: ctx.inputs.flatMap((e) => (e.input.type === 'DECLARE_ROOT_CAUSE' ? [{ id: e.input.rootCauseId, t: e.t }] : [])),
    communications,
    obligations,
    overrules: ctx.inputs.flatMap((e) =>
      e.input.type === 'OVERRULE_CONTENT'
        ? [
            {
              obligationId: e.input.obligationId,
              seq: e.seq,
              t: e.t,
              share: e.input.share,
              elements: e.input.elements ? { ...e.input.elements } : undefined,
              reason: e.input.reason,
              by: e.by?.name ?? null,
              role: e.by?.role ?? null,
            },
          ]
        : [],
    ),
    costs: actual.costs,
    harm: {
      actual: actual.harm,
      credited: withCharged(creditedOutcome(s, run.seed, run, firstRealSignalAt, actual, base.doNothing, options.replayCredited ?? false), charged.created),
      doNothing: base.doNothing.harm,
      best: base.best.harm,
      bestCosts: base.best.costs,
      worstCreated: base.worstCreated,
    },
  };
}

/** Replays a journal to the end of the exercise and reads its facts. */
export function journalFacts(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>): RunFacts {
  const run = ExerciseRun.replay(s, seed, entries);
  run.runToEnd();
  return runFacts(run);
}
