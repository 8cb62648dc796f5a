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
import type { JournalEntry, MessageElement, TeamInput } from '../engine/inputs.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import { containedFrom, factorSteps } from '../engine/model.ts';
import type { AppliedContainment, RunContext } from '../engine/run-state.ts';
import { awareness, DETECTING_RESPONSES, firstRealSignal, messageCounts, obligationStatus, type Costs, type ObligationStatus } from './definitions.ts';

export type HarmTotals = Record<string, number>;

export interface FaultFact {
  id: string;
  /** When the fault began (or will begin, projected, when the run ended first); null if never. */
  startedAt: number | null;
  /** First moment every harm's growth is cut by at least 80% (projected to the horizon). */
  containedAt: number | null;
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
  containedAt: number | null;
  fixedAt: number | null;
}

export interface Baselines {
  doNothing: Outcome;
  best: Outcome;
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
  };
}

const RESPONSE_KIND: Partial<Record<TeamInput['type'], ResponseKind>> = {
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

/** Whether an input makes the team aware / counts as detection (definitions `detection`). */
export function isDetectingInput(type: TeamInput['type']): boolean {
  const kind = RESPONSE_KIND[type];
  return kind !== undefined && DETECTING_RESPONSES.has(kind);
}

/** Costs of containment episodes, each in effect from `effectiveAt` to `liftedAt` or the horizon. */
function costsOf(s: Scenario, episodes: ReadonlyArray<ContainmentEpisode>, horizon: number): Costs {
  let revenue = 0;
  let userHours = 0;
  for (const e of episodes) {
    const c = s.containments.find((x) => x.id === e.id);
    const until = Math.min(e.liftedAt ?? horizon, horizon);
    if (!c || until <= e.effectiveAt) continue;
    const hours = (until - e.effectiveAt) / 3_600_000;
    revenue += c.costs.revenuePerHour * hours;
    userHours += c.costs.usersWithoutService * hours;
  }
  // Today's scenarios have no one-off costs; engine v2 adds them.
  return { revenue, userHours, oneOff: 0 };
}

/**
 * Today's engine cannot lift a containment. A team that resolves once the root cause is fixed
 * has, in the story, reopened (the textbook teams say so); so resolving after the fix lifts every
 * containment that is not itself the fix. Otherwise containments stay in effect to the horizon.
 */
function episodesOf(
  s: Scenario,
  applied: ReadonlyArray<AppliedContainment>,
  fixedAt: number | null,
  ctx: Pick<RunContext, 'closedAt' | 'closedBy'>,
): ContainmentEpisode[] {
  const liftAt = ctx.closedBy === 'resolve' && fixedAt !== null && ctx.closedAt !== null && fixedAt <= ctx.closedAt ? ctx.closedAt : null;
  return applied.map((a) => ({
    id: a.id,
    decidedAt: a.decidedAt,
    effectiveAt: a.effectiveAt,
    liftedAt: liftAt !== null && !s.containments.find((c) => c.id === a.id)?.fixesRootCause ? Math.max(liftAt, a.effectiveAt) : null,
  }));
}

function fixedFrom(steps: ReturnType<typeof factorSteps>): number | null {
  return steps.find((x) => x.fixed)?.from ?? null;
}

/** Harm, costs and containment of a run played to the end. */
function outcomeOfRun(run: ExerciseRun): Outcome {
  const s = run.scenario;
  const ctx = run.context;
  const steps = factorSteps(s, ctx.containments);
  const fixedAt = fixedFrom(steps);
  return {
    harm: run.projectedHarm(),
    costs: costsOf(s, episodesOf(s, ctx.containments, fixedAt, ctx), run.horizon),
    containedAt: containedFrom(s, steps),
    fixedAt,
  };
}

const baselineCache = new WeakMap<Scenario, Map<number, Baselines>>();

/**
 * The do-nothing and best-achievable re-simulations for a scenario and seed, computed once.
 *
 * Best achievable (definition `best_achievable`): at the do-nothing world's first real signal,
 * every investigation a containment needs starts and every available containment is applied,
 * each needing a finding as soon as that finding is in. Harm factors never exceed 1 and act from
 * their moment on, so nothing a team does from the first real signal on causes less harm.
 */
export function baselines(s: Scenario, seed: number): Baselines {
  let bySeed = baselineCache.get(s);
  if (!bySeed) baselineCache.set(s, (bySeed = new Map()));
  const hit = bySeed.get(seed);
  if (hit) return hit;
  const idle = new ExerciseRun(s, seed);
  idle.runToEnd();
  const faultStart = idle.context.faultStartedAt ?? s.fault.startsAt;
  const fs = firstRealSignal(s, signalFacts(idle.context), faultStart);
  const best = new ExerciseRun(s, seed);
  if (fs !== null) {
    const plan: { t: number; input: TeamInput }[] = [];
    for (const c of s.containments) {
      if (!c.available) continue;
      const inv = c.requiresFinding ? s.investigations.find((i) => i.id === c.requiresFinding) : undefined;
      if (inv && !plan.some((p) => p.input.type === 'INVESTIGATE' && p.input.investigationId === inv.id))
        plan.push({ t: fs, input: { type: 'INVESTIGATE', investigationId: inv.id } });
      plan.push({ t: Math.min(fs + (inv?.duration ?? 0), s.clock.horizon), input: { type: 'CONTAIN', containmentId: c.id } });
    }
    plan.sort((a, b) => a.t - b.t || (a.input.type === 'INVESTIGATE' ? -1 : 1));
    for (const p of plan) if (p.t < s.clock.horizon && (best.advanceTo(p.t), best.check(p.input) === null)) best.apply(p.input, p.t);
  }
  best.runToEnd();
  const out: Baselines = { doNothing: outcomeOfRun(idle), best: outcomeOfRun(best), firstRealSignalAt: fs };
  bySeed.set(seed, out);
  return out;
}

function signalFacts(ctx: Pick<RunContext, 'signals'>): SignalFact[] {
  return ctx.signals.map((x) => ({ id: x.id, t: x.t, title: x.title, source: x.source, redHerring: x.redHerring, adhoc: x.adhoc }));
}

/**
 * The journal as a team that took nothing before the first real signal would have played it
 * (definition `containment_credit`): containments and investigations decided before it are
 * dropped, and so is any containment that needed one of those investigations' findings (without
 * the early investigation the team could not have had it).
 */
export function creditedJournal(s: Scenario, entries: ReadonlyArray<JournalEntry>, firstRealSignalAt: number | null): JournalEntry[] | null {
  const fs = firstRealSignalAt;
  const early = (e: JournalEntry) => fs === null || e.t < fs;
  const dropped = new Set<string>();
  for (const e of entries) if (e.input.type === 'INVESTIGATE' && early(e)) dropped.add(e.input.investigationId);
  const keep = entries.filter((e) => {
    if (e.input.type === 'INVESTIGATE') return !early(e);
    if (e.input.type !== 'CONTAIN') return true;
    if (early(e)) return false;
    const needs = s.containments.find((c) => c.id === (e.input as { containmentId: string }).containmentId)?.requiresFinding;
    return !(needs && dropped.has(needs));
  });
  if (keep.length === entries.length) return null;
  return keep.map((e, i) => ({ seq: i + 1, t: e.t, input: e.input }));
}

function creditedOutcome(s: Scenario, seed: number, run: ExerciseRun, fs: number | null, actual: Outcome, idle: Outcome): Outcome {
  const edited = creditedJournal(s, run.entries, fs);
  if (edited === null) return actual;
  try {
    const again = ExerciseRun.replay(s, seed, edited);
    again.runToEnd();
    return outcomeOfRun(again);
  } catch {
    // The edited journal is not playable: credit nothing rather than guess.
    return idle;
  }
}

/** Facts about a run (played to wherever it is; scoring plays it to the end first). */
export function runFacts(run: ExerciseRun): RunFacts {
  const s = run.scenario;
  const ctx = run.context;
  const base = baselines(s, run.seed);
  const steps = factorSteps(s, ctx.containments);
  const fixedAt = fixedFrom(steps);
  const faultStart = ctx.faultStartedAt ?? s.fault.startsAt;
  const end = ctx.closedAt ?? run.now;
  const signals = signalFacts(ctx);
  const firstRealSignalAt = firstRealSignal(s, signals, faultStart);
  const responses: ResponseFact[] = [];
  const communications: CommunicationFact[] = [];
  for (const e of ctx.inputs) {
    const kind = RESPONSE_KIND[e.input.type];
    if (kind) responses.push({ t: e.t, seq: e.seq, kind });
    if (e.input.type === 'COMMUNICATE')
      communications.push({ t: e.t, seq: e.seq, audience: e.input.audience, message: e.input.message, elements: { ...(e.input.elements ?? {}) } });
  }
  const episodes = episodesOf(s, ctx.containments, fixedAt, ctx);
  const actual: Outcome = { harm: run.projectedHarm(), costs: costsOf(s, episodes, run.horizon), containedAt: containedFrom(s, steps), fixedAt };
  const partial = { faults: [{ id: 'fault', startedAt: faultStart, containedAt: actual.containedAt, fixedAt }], firstRealSignalAt, responses };
  const awareAt = awareness(partial);
  const obligations: ObligationFact[] = s.rubric.notifications.map((n, i) => {
    const startsAt = n.from === 'fault' ? (awareAt === null ? null : faultStart) : awareAt;
    const dueAt = startsAt === null ? null : startsAt + n.within;
    const sent = communications.find((c) => c.audience === n.audience && firstRealSignalAt !== null && c.t >= firstRealSignalAt && messageCounts(c)) ?? null;
    const id = s.rubric.notifications.filter((x) => x.audience === n.audience).length > 1 ? `notify:${n.audience}:${i + 1}` : `notify:${n.audience}`;
    return {
      id,
      audience: n.audience,
      startsAt,
      dueAt,
      metAt: sent?.t ?? null,
      metSeq: sent?.seq ?? null,
      status: obligationStatus(dueAt, sent?.t ?? null, end, true),
    };
  });
  const investigations = ctx.investigations.map((i) => ({ id: i.id, startedAt: i.startedAt }));
  return {
    scenarioId: s.id,
    seed: run.seed,
    horizon: run.horizon,
    end,
    closedBy: ctx.closedBy,
    ...partial,
    signals,
    declaredAt: ctx.declaredAt,
    firstResponseAt: responses.find((r) => r.kind !== 'assign_role')?.t ?? null,
    triages: ctx.triageHistory.map((x) => ({ ...x })),
    roles: (Object.entries(ctx.roles) as [Role, { person: string; t: number }][]).map(([role, v]) => ({ role, person: v.person, t: v.t })),
    containments: episodes,
    investigations,
    findings: ctx.findings.map((f) => ({
      id: f.id,
      t: f.t,
      startedAt: investigations.find((i) => i.id === f.id)?.startedAt ?? f.t,
      showedDefect: (s.investigations.find((i) => i.id === f.id)?.relevant ?? false) && f.t >= faultStart,
      startedBeforeSignal: firstRealSignalAt === null || (investigations.find((i) => i.id === f.id)?.startedAt ?? f.t) < firstRealSignalAt,
    })),
    evidence: ctx.evidence.map((x) => ({ ...x })),
    rootCauses: ctx.inputs.flatMap((e) => (e.input.type === 'DECLARE_ROOT_CAUSE' ? [{ id: e.input.rootCauseId, t: e.t }] : [])),
    communications,
    obligations,
    costs: actual.costs,
    harm: {
      actual: actual.harm,
      credited: creditedOutcome(s, run.seed, run, firstRealSignalAt, actual, base.doNothing),
      doNothing: base.doNothing.harm,
      best: base.best.harm,
      bestCosts: base.best.costs,
    },
  };
}

/** Replays a journal to the end of the exercise and reads its facts. */
export function journalFacts(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>): RunFacts {
  const run = ExerciseRun.replay(s, seed, entries);
  run.runToEnd();
  return runFacts(run);
}
