/**
 * Compiles a (variant-resolved) scenario into an XState v5 machine.
 *
 * The rules live in the machine: every team or facilitator input is a transition guarded by
 * `accepts`, which reads the lifecycle status of the entity the input is about (a containment
 * that is `locked` until its finding shows the defect, `in_effect` and so liftable, …), so
 * `snapshot.can(input)` is the one answer to "is this allowed now", and `refusalOf` says why not
 * from the same states. Faults, containments, investigations and notification obligations each
 * keep a status (run-state.ts) that moves only here.
 *
 * Everything timed (fault onset, injects, findings, containments taking effect, deadlines, the
 * horizon) is a delayed event on the injected clock carrying its own due time, so a run processes
 * only events that matter — never a tick per minute. The `phase` region summarises the run for the
 * console (quiet failure → detected → triaged → contained → recovered → closed).
 *
 * Context arrays that only grow (timeline, signals, inputs) are appended in place: copying them on
 * every event makes a 10,000-event replay quadratic. Readers never see this context: ExerciseRun
 * hands out frozen snapshots.
 */
import { enqueueActions, setup } from 'xstate';
import { TEAM_ACTIONS, type Condition, type Inject, type MessageElement, type Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import { hashString, unitRandom } from './rng.ts';
import { isFacilitatorsOwn, WITHDRAWABLE, type Attribution, type TeamInput, type TeamInputType } from './inputs.ts';
import { deadlineAfter } from './business-time.ts';
import {
  faultContainedIn,
  faultMitigatedIn,
  factorSteps,
  firstCrossings,
  harmAt,
  harmOrigins,
  naturalEnds,
  stepAt,
  type Episode,
  type FactorStep,
} from './model.ts';
import { factDependsOnWorld, messageCounts, REQUIRED_ELEMENTS } from './notice.ts';
import { isRealSignal } from './real-signal.ts';
import type { Refusal } from './refusals.ts';
import { assertNever } from './assert-never.ts';
import type { ContainmentStatus, FactWorld, FaultStatus, RunContext, TimelineEntry, TimelineKind } from './run-state.ts';
import type { TimelineEvent } from './timeline-events.ts';
import { timedEventsOf, type TimedTarget } from './timed-events.ts';

/** An input as the machine receives it: stamped with its journal seq, sim time and who took it. */
export type InputEvent = TeamInput & { seq: number; t: number; by?: Attribution };

/** Timed events carry their own due time `t`, so the machine never reads a clock. */
export type InternalEvent =
  | { type: 'FAULT_START'; t: number; faultId: string; startedAt: number }
  | { type: 'FAULT_END'; t: number; faultId: string }
  | { type: 'INJECT_DUE'; t: number; injectId: string }
  | { type: 'FINDING_DUE'; t: number; investigationId: string }
  | { type: 'EFFECT_DUE'; t: number; containmentId: string; decidedAt: number }
  | { type: 'DEADLINE_DUE'; t: number; obligationId: string }
  | { type: 'HORIZON'; t: number }
  /** #17: the first real signal of the world where nobody acts, due even if an early action hid it. */
  | { type: 'SIGN_DUE'; t: number; injectId: string; settled?: boolean };

export type RunEvent = InputEvent | InternalEvent;

/** The team's actions (one list, shared with the room's role table), then the facilitator's and the clock's inputs. */
export const INPUT_TYPES: ReadonlyArray<TeamInputType> = [
  ...TEAM_ACTIONS,
  'ADHOC_INJECT',
  'NOTE',
  'REVEAL_HINT',
  'REVEAL_HARM',
  'END',
  'CLOCK',
  'RATE',
  'DECISION',
  'HOT_WASH',
  'WITHDRAW',
  'OVERRULE_CONTENT',
];

const INTERNAL_TYPES = ['FAULT_START', 'FAULT_END', 'INJECT_DUE', 'FINDING_DUE', 'EFFECT_DUE', 'DEADLINE_DUE', 'HORIZON', 'SIGN_DUE'] as const;

/** Inputs that count as the team responding, and so as detection once a sign of a fault was visible. */
export const RESPONSE_INPUTS: ReadonlySet<TeamInputType> = new Set([
  'ACKNOWLEDGE',
  'TRIAGE',
  'CONTAIN',
  'COMMUNICATE',
  'PRESERVE_EVIDENCE',
  'DECLARE_ROOT_CAUSE',
]);

/** Inputs still taken after the exercise closed (they record, they change nothing). */
const AFTER_CLOSE: ReadonlySet<TeamInputType> = new Set(['NOTE', 'CLOCK', 'RATE', 'DECISION', 'HOT_WASH', 'WITHDRAW', 'OVERRULE_CONTENT']);

/** #17: who may overrule a notice's content judgement (the room's evaluator role, or the facilitator). */
const OVERRULERS: ReadonlySet<string> = new Set(['facilitator', 'evaluator']);

/** The two things the reducer asks of its timed events (timed-events.ts): delayed self-events and cancelling them. */
interface Enqueue {
  raise(event: InternalEvent, options: { delay: number; id: string }): void;
  cancel(id: string): void;
}

export function createInitialContext(s: Scenario, seed: number, variant: string | null, signBy: RunContext['signBy'] = null): RunContext {
  const canStart = (c: Scenario['containments'][number]): ContainmentStatus => (!c.available ? 'unavailable' : c.requiresFinding ? 'locked' : 'ready');
  return {
    seed,
    variant,
    t: 0,
    faults: Object.fromEntries(s.faults.map((f) => [f.id, { id: f.id, status: 'dormant', startedAt: null, containedAt: null, fixedAt: null, recurredAt: [] }])),
    containments: Object.fromEntries(s.containments.map((c) => [c.id, { id: c.id, status: canStart(c), episodes: [] }])),
    investigations: {},
    obligations: Object.fromEntries(
      s.rubric.notifications.map((n) => {
        const id = n.id ?? n.audience;
        return [id, { id, audience: n.audience, status: 'not_due', startedAt: null, dueAt: null, metAt: null, metBySeq: null, plan: null }];
      }),
    ),
    firstSignAt: null,
    signBy,
    awareAt: null,
    detectedAt: null,
    detectedBy: null,
    falseAlarms: [],
    declaredAt: null,
    triages: [],
    roles: {},
    containedAt: null,
    recoveredAt: null,
    closedAt: null,
    closedBy: null,
    findings: [],
    evidence: [],
    communications: [],
    notified: {},
    actionsTaken: [],
    rootCause: null,
    hintsRevealed: [],
    harmRevealed: false,
    signals: [],
    firedInjects: {},
    happened: {},
    timeline: [],
    inputs: [],
  };
}

/** The notification obligation with this id (its own id, else its audience). */
function notificationOf(s: Scenario, id: string) {
  return s.rubric.notifications.find((n) => (n.id ?? n.audience) === id);
}

export function injectDelay(seed: number, inj: Inject, base: number): number {
  if (inj.jitter <= 0) return base;
  const j = Math.floor(unitRandom(seed, hashString(inj.id)) * (inj.jitter / MINUTE + 1)) * MINUTE;
  return base + j;
}

/**
 * Why the input cannot be taken in this state, or null when it can. Reads entity statuses only
 * (and, for an overrule, who takes it: `by`).
 */
export function refusalOf(s: Scenario, ctx: Readonly<RunContext>, input: TeamInput, by?: Attribution): Refusal | null {
  if (ctx.closedAt !== null && !AFTER_CLOSE.has(input.type)) return { code: 'closed' };
  switch (input.type) {
    case 'INVESTIGATE': {
      if (!s.investigations.some((i) => i.id === input.investigationId)) return { code: 'unknown_id', kind: 'investigation', id: input.investigationId };
      const inv = ctx.investigations[input.investigationId];
      if (inv?.status === 'running') return { code: 'investigation_running', investigationId: inv.id };
      // Once it has shown the defect there is nothing new to learn; a normal reading may be re-checked later.
      if (inv && ctx.findings.some((f) => f.id === inv.id && f.shows === 'defect')) return { code: 'investigation_done', investigationId: inv.id };
      return null;
    }
    case 'CONTAIN': {
      const c = ctx.containments[input.containmentId];
      if (!c) return { code: 'unknown_id', kind: 'containment', id: input.containmentId };
      const def = s.containments.find((x) => x.id === c.id)!;
      switch (c.status) {
        case 'ready':
        case 'lifted':
          return null;
        case 'unavailable':
          return { code: 'containment_unavailable', containmentId: c.id, reason: def.unavailableReason ?? null };
        case 'locked':
          return { code: 'needs_finding', containmentId: c.id, investigationId: def.requiresFinding! };
        case 'decided':
        case 'in_effect':
          return { code: 'containment_active', containmentId: c.id };
        default:
          return assertNever(c.status);
      }
    }
    case 'LIFT': {
      const c = ctx.containments[input.containmentId];
      if (!c) return { code: 'unknown_id', kind: 'containment', id: input.containmentId };
      if (!s.containments.find((x) => x.id === c.id)!.liftable) return { code: 'not_liftable', containmentId: c.id };
      return c.status === 'decided' || c.status === 'in_effect' ? null : { code: 'not_in_effect', containmentId: c.id };
    }
    case 'PRESERVE_EVIDENCE':
      if (!s.evidence.some((e) => e.id === input.evidenceId)) return { code: 'unknown_id', kind: 'evidence', id: input.evidenceId };
      return ctx.evidence.some((e) => e.id === input.evidenceId) ? { code: 'already_preserved', evidenceId: input.evidenceId } : null;
    case 'DECLARE_ROOT_CAUSE':
      return s.rootCauses.some((r) => r.id === input.rootCauseId) ? null : { code: 'unknown_id', kind: 'root_cause', id: input.rootCauseId };
    case 'REVEAL_HINT':
      if (!s.hints.some((h) => h.id === input.hintId)) return { code: 'unknown_id', kind: 'hint', id: input.hintId };
      return ctx.hintsRevealed.some((h) => h.id === input.hintId) ? { code: 'already_revealed', hintId: input.hintId } : null;
    case 'ACKNOWLEDGE':
      return ctx.declaredAt !== null ? { code: 'already_declared' } : null;
    case 'COMMUNICATE':
      return input.message.trim() === '' && !Object.values(input.elements ?? {}).some((v) => v.trim() !== '') ? { code: 'empty_message' } : null;
    case 'PLAN_NOTICE': {
      const o = ctx.obligations[input.obligationId];
      if (!o) return { code: 'unknown_id', kind: 'obligation', id: input.obligationId };
      if (o.status === 'met' || o.status === 'late') return { code: 'obligation_settled', obligationId: o.id };
      return input.sendBy < ctx.t ? { code: 'plan_in_past', obligationId: o.id } : null;
    }
    case 'OVERRULE_CONTENT': {
      // #17: the facilitator or an evaluator judges the content of a notice that was sent.
      if (!by || !OVERRULERS.has(by.role)) return { code: 'not_an_evaluator' };
      const o = ctx.obligations[input.obligationId];
      if (!o) return { code: 'unknown_id', kind: 'obligation', id: input.obligationId };
      if (o.metBySeq === null) return { code: 'no_notice_to_judge', obligationId: o.id };
      const n = notificationOf(s, o.id)!;
      const need: ReadonlyArray<MessageElement> = n.elements?.length ? n.elements : REQUIRED_ELEMENTS[n.audience];
      const other = (Object.keys(input.elements ?? {}) as MessageElement[]).find((e) => !need.includes(e));
      return other ? { code: 'element_not_required', obligationId: o.id, element: other } : null;
    }
    case 'RATE':
      if (!s.objectives.some((o) => o.id === input.objectiveId)) return { code: 'unknown_id', kind: 'objective', id: input.objectiveId };
      return input.at !== undefined && input.at > ctx.t ? { code: 'moment_in_future' } : null;
    case 'HOT_WASH':
      if (ctx.closedAt === null) return { code: 'hot_wash_not_open' };
      return [input.wentWell, input.improve, input.playbookChange, input.comments ?? ''].every((x) => x.trim() === '') && input.confidence === undefined
        ? { code: 'empty_hot_wash' }
        : null;
    case 'WITHDRAW': {
      // #20 undo. Read off ctx.inputs: a withdrawn entry leaves it, its WITHDRAW stays.
      if (ctx.inputs.some((e) => e.input.type === 'WITHDRAW' && e.input.target === input.target)) return { code: 'already_withdrawn', seq: input.target };
      const target = ctx.inputs.find((e) => e.seq === input.target);
      if (!target) return { code: 'entry_not_found', seq: input.target };
      return (WITHDRAWABLE as ReadonlyArray<string>).includes(target.input.type)
        ? null
        : { code: 'not_withdrawable', seq: input.target, inputType: target.input.type };
    }
    case 'DECISION':
    case 'TRIAGE':
    case 'ASSIGN_ROLE':
    case 'RESOLVE':
    case 'ADHOC_INJECT':
    case 'NOTE':
    case 'REVEAL_HARM':
    case 'END':
    case 'CLOCK':
      return null;
    default:
      return assertNever(input);
  }
}

const machines = new WeakMap<Scenario, ReturnType<typeof buildMachine>>();

/**
 * The machine for a variant-resolved scenario; the seed arrives as actor input.
 *
 * A pure function of the scenario, built once and shared by every run of it (a 1,000-seed sweep
 * builds one machine, not 1,000).
 */
export function createScenarioMachine(s: Scenario) {
  let m = machines.get(s);
  if (!m) machines.set(s, (m = buildMachine(s)));
  return m;
}

const KIND_OF: { [C in TimelineEvent['code']]: TimelineKind } = {
  'fault.started': 'fault',
  'fault.status': 'effect',
  'sign.visible': 'fault',
  signal: 'signal',
  'inject.skipped': 'signal',
  'response.false_alarm': 'action',
  'input.facilitator_own': 'note',
  detected: 'phase',
  declared: 'action',
  triaged: 'action',
  'role.assigned': 'action',
  'investigation.started': 'action',
  finding: 'finding',
  'containment.decided': 'action',
  'containment.status': 'effect',
  'evidence.preserved': 'action',
  communication: 'action',
  'obligation.due': 'deadline',
  'obligation.met': 'deadline',
  'obligation.late': 'deadline',
  'obligation.missed': 'deadline',
  'obligation.planned': 'deadline',
  'content.overruled': 'note',
  'root_cause.declared': 'action',
  contained: 'effect',
  recovered: 'effect',
  adhoc_inject: 'action',
  note: 'note',
  rating: 'note',
  decision: 'action',
  hot_wash: 'note',
  hint: 'hint',
  withdrawn: 'note',
  'harm.revealed': 'action',
  resolved: 'action',
  ended: 'action',
  horizon: 'phase',
};

function buildMachine(s: Scenario) {
  const injectsAfter = new Map<string, Inject[]>();
  for (const inj of s.injects) {
    if ('after' in inj.trigger) {
      const list = injectsAfter.get(inj.trigger.after.event) ?? [];
      list.push(inj);
      injectsAfter.set(inj.trigger.after.event, list);
    }
  }
  // Which metric alerts a change can move: a fault moves the metrics it has effects on; a
  // containment moves the metrics it names, every fault-driven metric when it scales all faults,
  // and those of the faults it fixes.
  const injectsByMetric = new Map<number, Inject[]>();
  for (const inj of s.injects) {
    if (!('metric' in inj.trigger)) continue;
    const mi = s.metrics.findIndex((m) => m.id === (inj.trigger as { metric: string }).metric);
    injectsByMetric.set(mi, [...(injectsByMetric.get(mi) ?? []), inj]);
  }
  const metricsOfFault = new Map(s.faults.map((f) => [f.id, new Set(s.metrics.flatMap((m, i) => (m.effects[f.id] ? [i] : [])))]));
  const metricsOfContainment = new Map(
    s.containments.map((c) => {
      const set = new Set<number>();
      s.metrics.forEach((m, i) => {
        const driven = Object.keys(m.effects).length > 0;
        if (c.metricEffects[m.id] || (c.metricFactor !== 1 && driven) || c.fixes.some((f) => m.effects[f])) set.add(i);
      });
      return [c.id, set];
    }),
  );
  const NONE: ReadonlySet<number> = new Set();
  const ALL_METRICS: ReadonlySet<number> = new Set(s.metrics.keys());
  const injectById = new Map(s.injects.map((i) => [i.id, i]));
  const containmentById = new Map(s.containments.map((c) => [c.id, c]));
  const harmfulIds: ReadonlySet<string> = new Set(s.rubric.harmfulContainments);
  const investigationById = new Map(s.investigations.map((i) => [i.id, i]));
  const notificationById = new Map(s.rubric.notifications.map((n) => [n.id ?? n.audience, n]));
  const horizon = s.clock.horizon;
  const horizonMinute = Math.floor(horizon / MINUTE);

  type Timed = InternalEvent extends infer E ? (E extends InternalEvent ? Omit<E, 't'> : never) : never;
  /** Schedules a timed event `delay` after `now`, stamped with its due time. */
  const at = (enqueue: Enqueue, now: number, event: Timed, delay: number, id: string) => {
    enqueue.raise({ ...event, t: now + delay } as InternalEvent, { delay, id });
  };

  type Mark = { seq: number; by?: Attribution };
  const log = (ctx: RunContext, event: TimelineEvent, hidden: boolean, extra: { seq?: number; ref?: string; by?: Attribution } = {}) => {
    const entry: TimelineEntry = { t: ctx.t, kind: KIND_OF[event.code], event, hidden, ...extra };
    ctx.timeline.push(entry);
  };

  const episodesOf = (ctx: RunContext): Episode[] => Object.values(ctx.containments).flatMap((c) => c.episodes.map((e) => ({ ...e })));
  const startsOf = (ctx: RunContext) => ({ ...Object.fromEntries(Object.values(ctx.faults).map((f) => [f.id, f.startedAt])), ...harmOrigins(s, ctx.happened) });

  const containedNow = ({ context }: { context: RunContext }) => {
    const started = Object.values(context.faults).filter((f) => f.status !== 'dormant');
    return started.length > 0 && started.every((f) => f.status === 'contained' || f.status === 'fixed' || f.status === 'ended');
  };

  return setup({
    types: { context: {} as RunContext, events: {} as RunEvent, input: {} as { seed: number; variant: string | null; signBy?: RunContext['signBy'] } },
    guards: {
      /** The one rule for every input: the state of what it is about allows it (refusalOf). */
      accepts: ({ context, event }) => refusalOf(s, context, event as InputEvent, (event as InputEvent).by) === null,
      isClosed: ({ context }) => context.closedAt !== null,
      isDetected: ({ context }) => context.detectedAt !== null,
      isTriaged: ({ context }) => context.triages.length > 0,
      isRecovered: ({ context }) => context.recoveredAt !== null,
      faultStarted: ({ context }) => Object.values(context.faults).some((f) => f.status !== 'dormant'),
      containedNow,
      notContainedNow: (a) => !containedNow(a),
    },
    actions: {
      /** Schedules the start-of-run timers: fault onsets, absolute injects, the horizon. */
      // The reducers run inside enqueueActions, so they change the context while XState resolves
      // the transition (the phase region's guards see it in the same step); their delayed events go
      // straight on the clock (timed-events.ts), not through XState's scheduler.
      scheduleStart: enqueueActions(({ self, context }) => {
        const e = timedEventsOf(self as unknown as TimedTarget<InternalEvent>);
        for (const f of s.faults) at(e, 0, { type: 'FAULT_START', faultId: f.id, startedAt: f.startsAt }, Math.max(0, f.startsAt), `fault:${f.id}`);
        // #17: a fault that ends by itself (a provider recovering) stops acting at its end.
        for (const [id, end] of naturalEnds(s)) at(e, 0, { type: 'FAULT_END', faultId: id }, Math.max(0, end), `fault-end:${id}`);
        for (const inj of s.injects) {
          if ('at' in inj.trigger) at(e, 0, { type: 'INJECT_DUE', injectId: inj.id }, injectDelay(context.seed, inj, inj.trigger.at), `inject:${inj.id}`);
        }
        at(e, 0, { type: 'HORIZON' }, horizon, 'horizon');
        // Definition `real_signal` (#17): the first real signal is due when the world where nobody
        // acts shows it, even if an action taken before any signal hid it in this run; otherwise
        // acting blind would push every clock that runs from it (time to triage, MTTC, deadlines) later.
        if (context.signBy && context.signBy.t < horizon) at(e, 0, { type: 'SIGN_DUE', injectId: context.signBy.injectId }, context.signBy.t, 'sign-due');
        // Metric alerts from the first minute: a threshold set inside the baseline fires at T+0
        // (validate --check says so), and trends or drivers may cross one with no fault at all.
        scheduleMetricInjects(context, factorSteps(s, []), e, ALL_METRICS);
      }),
      input: enqueueActions(({ context, event, self }) =>
        handleInput(context, event as InputEvent, timedEventsOf(self as unknown as TimedTarget<InternalEvent>)),
      ),
      timed: enqueueActions(({ context, event, self }) =>
        handleTimed(context, event as InternalEvent, timedEventsOf(self as unknown as TimedTarget<InternalEvent>)),
      ),
    },
  }).createMachine({
    id: 'scenario',
    type: 'parallel',
    context: ({ input }) => createInitialContext(s, input.seed, input.variant, input.signBy ?? null),
    entry: 'scheduleStart',
    on: {
      ...Object.fromEntries(INPUT_TYPES.map((type) => [type, { guard: 'accepts', actions: 'input' }])),
      ...Object.fromEntries(INTERNAL_TYPES.map((type) => [type, { actions: 'timed' }])),
    },
    states: {
      phase: {
        initial: 'baseline',
        states: {
          baseline: {
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'isDetected', target: 'detected' },
              { guard: 'faultStarted', target: 'quietFailure' },
            ],
          },
          quietFailure: {
            tags: ['fault-active'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'isDetected', target: 'detected' },
            ],
          },
          detected: {
            tags: ['responding'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'containedNow', target: 'contained' },
              { guard: 'isTriaged', target: 'triaged' },
            ],
          },
          triaged: {
            tags: ['responding'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'containedNow', target: 'contained' },
            ],
          },
          contained: {
            tags: ['responding'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'isRecovered', target: 'recovered' },
              // A lift before the fix, or a second fault, reopens the incident.
              { guard: 'notContainedNow', target: 'detected' },
            ],
          },
          recovered: { tags: ['responding'], always: [{ guard: 'isClosed', target: 'closed' }] },
          closed: { tags: ['closed'] },
        },
      },
    },
  });

  /** Marks an event key as happened and schedules what waits on it (injects, obligation clocks). */
  function happen(ctx: RunContext, key: string, enqueue: Enqueue) {
    if (ctx.happened[key] === undefined) ctx.happened[key] = ctx.t;
    for (const inj of injectsAfter.get(key) ?? []) {
      if (ctx.firedInjects[inj.id] !== undefined || !('after' in inj.trigger)) continue;
      at(enqueue, ctx.t, { type: 'INJECT_DUE', injectId: inj.id }, injectDelay(ctx.seed, inj, inj.trigger.after.delay), `inject:${inj.id}`);
    }
    for (const [id, n] of notificationById) {
      const o = ctx.obligations[id]!;
      // "detection" deadlines run from the first real signal, the earliest the team could know:
      // declaring earlier or later never moves them (definition `notification`).
      if (o.startedAt === null && (n.from === 'detection' ? 'sign' : n.from) === key) {
        o.startedAt = ctx.t;
        checkObligation(ctx, id, enqueue);
      }
    }
  }

  /** Moves a not-due obligation whose clock runs to due once its condition holds. */
  function checkObligation(ctx: RunContext, id: string, enqueue: Enqueue) {
    const o = ctx.obligations[id]!;
    const n = notificationById.get(id)!;
    if (o.status !== 'not_due' || o.startedAt === null || !conditionHolds(ctx, n.when)) return;
    o.dueAt = Math.max(o.startedAt, deadlineAfter(s, o.startedAt, n.within, n.clock, n.timeZone));
    // A notice already sent since its clock started satisfies it as soon as it is due; one sent
    // before (to another of the audience's obligations: a regulator whose clock starts days
    // later) does not (#17: each obligation names its own clock).
    const prior = ctx.communications.find((c) => c.audience === o.audience && c.t >= o.startedAt! && noticeCounts(ctx, c));
    if (prior) {
      o.status = prior.t <= o.dueAt ? 'met' : 'late';
      o.metAt = prior.t;
      o.metBySeq = prior.seq;
      log(ctx, { code: 'obligation.met', obligationId: id, audience: o.audience }, false, { ref: id });
      return;
    }
    o.status = 'due';
    log(ctx, { code: 'obligation.due', obligationId: id, audience: o.audience, dueAt: o.dueAt }, false, { ref: id });
    at(enqueue, ctx.t, { type: 'DEADLINE_DUE', obligationId: id }, Math.max(0, o.dueAt - ctx.t), `deadline:${id}`);
  }

  /**
   * #17: the world's state now for each fact that depends on it (definition `message_content`): a
   * notice is judged against what was true when it was sent, so the engine records it here.
   */
  function worldForNotice(ctx: RunContext, audience: string): Record<string, FactWorld[]> | null {
    let out: Record<string, FactWorld[]> | null = null;
    for (const [id, n] of notificationById) {
      if (n.audience !== audience || !n.facts?.some(factDependsOnWorld)) continue;
      let harm: Record<string, number> | null = null;
      out ??= {};
      out[id] = n.facts.map((f) => {
        const w: FactWorld = {
          inForce: conditionHolds(ctx, f.when) && (f.trueFrom === undefined || ctx.t >= f.trueFrom) && (f.trueUntil === undefined || ctx.t < f.trueUntil),
        };
        if (f.number?.harm) {
          harm ??= harmAt(s, ctx.seed, factorSteps(s, episodesOf(ctx)), startsOf(ctx), episodesOf(ctx), ctx.t);
          w.number = harm[f.number.harm] ?? 0;
        }
        if (f.time) {
          const when = eventTime(ctx, f.time.event);
          if (when === null) w.inForce = false;
          else w.time = when;
        }
        return w;
      });
    }
    return out;
  }

  /** When an event happened (a fault's own start, even before T+0), or null when it has not. */
  function eventTime(ctx: RunContext, key: string): number | null {
    if (key === 'fault') {
      const started = Object.values(ctx.faults).flatMap((f) => (f.startedAt !== null ? [f.startedAt] : []));
      return started.length ? Math.min(...started) : null;
    }
    if (key.startsWith('fault:')) return ctx.faults[key.slice(6)]?.startedAt ?? null;
    return ctx.happened[key] ?? null;
  }

  /** A message meets an obligation when it says something (an element that counts) after the first real signal. */
  function noticeCounts(ctx: RunContext, c: { t: number; elements: Partial<Record<string, string>> }): boolean {
    return ctx.firstSignAt !== null && c.t >= ctx.firstSignAt && messageCounts(c);
  }

  function conditionHolds(ctx: RunContext, w: Condition | undefined): boolean {
    if (!w) return true;
    const taken = (id: string) => ctx.actionsTaken.includes(id);
    const inEffect = (id: string) => ctx.containments[id]?.status === 'in_effect';
    const severity = ctx.triages.at(-1)?.severity ?? null;
    if (w.contained !== undefined && w.contained !== containedNow({ context: ctx })) return false;
    if (w.detected !== undefined && w.detected !== (ctx.detectedAt !== null)) return false;
    if (w.actionTaken && !taken(w.actionTaken)) return false;
    if (w.actionNotTaken && taken(w.actionNotTaken)) return false;
    if (w.severityIn && (severity === null || !w.severityIn.includes(severity))) return false;
    if (w.triaged !== undefined && w.triaged !== (severity !== null)) return false;
    if (w.notified && !w.notified.every((a) => ctx.notified[a] !== undefined)) return false;
    if (w.notNotified && w.notNotified.some((a) => ctx.notified[a] !== undefined)) return false;
    if (w.injectFired && ctx.firedInjects[w.injectFired] === undefined) return false;
    if (w.injectNotFired && ctx.firedInjects[w.injectNotFired] !== undefined) return false;
    if (w.inEffect && !inEffect(w.inEffect)) return false;
    if (w.notInEffect && inEffect(w.notInEffect)) return false;
    if (w.everApplied && (ctx.containments[w.everApplied]?.episodes.length ?? 0) === 0) return false;
    if (w.faultActive) {
      const st = ctx.faults[w.faultActive]?.status;
      if (st === undefined || st === 'dormant' || st === 'fixed') return false;
    }
    if (w.faultFixed && ctx.faults[w.faultFixed]?.status !== 'fixed') return false;
    if (w.since) {
      const when = ctx.happened[w.since.event];
      if (when === undefined || ctx.t - when < w.since.atLeast) return false;
    }
    if (w.variant && (ctx.variant === null || !w.variant.includes(ctx.variant))) return false;
    return true;
  }

  /** (Re)schedules the metric-threshold injects on the given metrics for the current world. */
  function scheduleMetricInjects(ctx: RunContext, steps: FactorStep[], enqueue: Enqueue, metrics: ReadonlySet<number>) {
    const starts = startsOf(ctx);
    const from = Math.ceil(ctx.t / MINUTE);
    for (const mi of metrics) {
      const pending = (injectsByMetric.get(mi) ?? []).filter((inj) => ctx.firedInjects[inj.id] === undefined);
      if (pending.length === 0) continue;
      const tests = pending.map((inj) => {
        const trig = inj.trigger as { above?: number; below?: number };
        return trig.above !== undefined ? (v: number) => v > trig.above! : (v: number) => v < trig.below!;
      });
      const minutes = firstCrossings(s, ctx.seed, mi, steps, starts, from, horizonMinute, tests);
      pending.forEach((inj, i) => {
        enqueue.cancel(`metric:${inj.id}`);
        const minute = minutes[i];
        if (minute !== null && minute !== undefined) at(enqueue, ctx.t, { type: 'INJECT_DUE', injectId: inj.id }, minute * MINUTE - ctx.t, `metric:${inj.id}`);
      });
    }
  }

  /**
   * Brings every fault's status in line with the containments in effect now, and the run-level
   * contained / recovered moments with the faults. Called whenever the world changes.
   */
  function updateWorld(ctx: RunContext, enqueue: Enqueue, metricsMoved: ReadonlySet<number>) {
    const steps = factorSteps(s, episodesOf(ctx));
    const step = stepAt(steps, ctx.t);
    for (const f of Object.values(ctx.faults)) {
      if (f.status === 'dormant' || f.status === 'fixed' || f.status === 'ended') continue;
      let next: FaultStatus;
      if (step.fixed.has(f.id)) next = step.ended.has(f.id) ? 'ended' : 'fixed';
      else if (faultContainedIn(s, step, f.id)) next = 'contained';
      else if (faultMitigatedIn(s, step, f.id)) next = 'mitigated';
      else next = f.status === 'mitigated' || f.status === 'contained' ? 'recurred' : f.status;
      if (next === f.status) continue;
      f.status = next;
      if (next === 'fixed') f.fixedAt = ctx.t;
      if ((next === 'contained' || next === 'fixed') && f.containedAt === null) f.containedAt = ctx.t;
      if (next === 'recurred') f.recurredAt.push(ctx.t);
      log(ctx, { code: 'fault.status', faultId: f.id, status: next }, next !== 'fixed', { ref: f.id });
      if (next === 'fixed') happen(ctx, `fixed:${f.id}`, enqueue);
    }
    if (ctx.containedAt === null && containedNow({ context: ctx })) {
      ctx.containedAt = ctx.t;
      log(ctx, { code: 'contained' }, true);
      happen(ctx, 'containment', enqueue);
    }
    if (ctx.recoveredAt === null && Object.values(ctx.faults).every((f) => f.status === 'fixed' || f.status === 'ended')) {
      ctx.recoveredAt = ctx.t;
      log(ctx, { code: 'recovered' }, false);
    }
    if (metricsMoved.size > 0) scheduleMetricInjects(ctx, steps, enqueue, metricsMoved);
    checkObligations(ctx, enqueue);
  }

  /** Re-checks not-due obligations whose condition may have changed (severity, notices, injects). */
  function checkObligations(ctx: RunContext, enqueue: Enqueue) {
    for (const id of notificationById.keys()) checkObligation(ctx, id, enqueue);
  }

  /** The first real signal (definition `real_signal`): detection counts only from here. */
  function signVisible(ctx: RunContext, ref: string, enqueue: Enqueue, via: 'inject' | 'hidden' = 'inject') {
    if (ctx.firstSignAt !== null) return;
    ctx.firstSignAt = ctx.t;
    log(ctx, { code: 'sign.visible', via, ref }, true, { ref });
    happen(ctx, 'sign', enqueue);
  }

  function close(ctx: RunContext, by: NonNullable<RunContext['closedBy']>) {
    ctx.closedAt = ctx.t;
    ctx.closedBy = by;
    for (const o of Object.values(ctx.obligations)) if (o.status === 'not_due') o.status = 'not_applicable';
  }

  function handleTimed(ctx: RunContext, event: InternalEvent, enqueue: Enqueue) {
    ctx.t = event.t;
    if (ctx.closedAt !== null) return;
    switch (event.type) {
      case 'FAULT_START': {
        const f = ctx.faults[event.faultId]!;
        f.status = 'active';
        f.startedAt = event.startedAt;
        log(ctx, { code: 'fault.started', faultId: f.id, beforeExercise: event.startedAt < 0 }, true, { ref: f.id });
        happen(ctx, 'fault', enqueue);
        happen(ctx, `fault:${f.id}`, enqueue);
        updateWorld(ctx, enqueue, metricsOfFault.get(f.id) ?? NONE);
        return;
      }
      case 'FAULT_END': {
        // Only a fault that began and acts still: one fixed earlier stays fixed.
        const f = ctx.faults[event.faultId]!;
        if (f.status === 'dormant' || f.status === 'fixed') return;
        updateWorld(ctx, enqueue, metricsOfFault.get(f.id) ?? NONE);
        return;
      }
      case 'HORIZON':
        log(ctx, { code: 'horizon' }, false);
        close(ctx, 'horizon');
        return;
      case 'SIGN_DUE':
        if (ctx.firstSignAt !== null) return;
        // Once more after every timer already due at this moment, so the inject itself, when it
        // comes on time, is the first real signal (the clock fires equal times in creation order).
        if (!event.settled) return at(enqueue, ctx.t, { type: 'SIGN_DUE', injectId: event.injectId, settled: true }, 0, 'sign-due-settled');
        // The signal did not come in this run (an early action hid or delayed it): the clocks start anyway.
        signVisible(ctx, event.injectId, enqueue, 'hidden');
        return;
      case 'INJECT_DUE': {
        const inj = injectById.get(event.injectId);
        if (!inj || ctx.firedInjects[inj.id] !== undefined) return;
        if (!conditionHolds(ctx, inj.when)) {
          log(ctx, { code: 'inject.skipped', injectId: inj.id }, true, { ref: inj.id });
          return;
        }
        ctx.firedInjects[inj.id] = ctx.t;
        ctx.signals.push({
          id: inj.id,
          t: ctx.t,
          channel: inj.channel,
          source: inj.source,
          title: inj.title,
          body: inj.body,
          severity: inj.severity,
          redHerring: inj.redHerring,
          adhoc: false,
          roles: inj.roles,
        });
        log(ctx, { code: 'signal', injectId: inj.id, redHerring: inj.redHerring }, false, { ref: inj.id });
        // Only the first real signal changes anything (signVisible): once it came, no need to judge.
        if (ctx.firstSignAt === null && !inj.redHerring) {
          const started = Object.values(ctx.faults)
            .filter((f) => f.startedAt !== null)
            .map((f) => f.startedAt!);
          if (isRealSignal(s, { id: inj.id, t: ctx.t, adhoc: false, redHerring: inj.redHerring }, started.length ? Math.min(...started) : null, startsOf(ctx)))
            signVisible(ctx, inj.id, enqueue);
        }
        happen(ctx, `inject:${inj.id}`, enqueue);
        checkObligations(ctx, enqueue);
        return;
      }
      case 'FINDING_DUE': {
        const inv = investigationById.get(event.investigationId)!;
        const state = ctx.investigations[inv.id]!;
        state.status = 'done';
        const fault = inv.fault ? ctx.faults[inv.fault] : undefined;
        // What the world shows now: a fault not in this variant, or not begun, reads normal.
        const shows = !fault || fault.status === 'dormant' ? 'normal' : fault.status === 'fixed' || fault.status === 'ended' ? 'recovery' : 'defect';
        const finding: RunContext['findings'][number] = { id: inv.id, t: ctx.t, shows };
        if (inv.reportsHarm) {
          finding.harmSoFar = harmAt(s, ctx.seed, factorSteps(s, episodesOf(ctx)), startsOf(ctx), episodesOf(ctx), ctx.t)[inv.reportsHarm] ?? 0;
        }
        ctx.findings.push(finding);
        log(
          ctx,
          { code: 'finding', investigationId: inv.id, shows, ...(inv.reportsHarm ? { harmId: inv.reportsHarm, harmSoFar: finding.harmSoFar } : {}) },
          false,
          { ref: inv.id },
        );
        if (shows === 'defect') {
          for (const c of s.containments) {
            const st = ctx.containments[c.id]!;
            if (c.requiresFinding === inv.id && st.status === 'locked') {
              st.status = 'ready';
              log(ctx, { code: 'containment.status', containmentId: c.id, status: 'ready' }, true, { ref: c.id });
            }
          }
        }
        happen(ctx, `finding:${inv.id}`, enqueue);
        return;
      }
      case 'EFFECT_DUE': {
        const c = ctx.containments[event.containmentId]!;
        const ep = c.episodes.at(-1);
        // A lift before the effect landed cancelled this episode.
        if (c.status !== 'decided' || !ep || ep.decidedAt !== event.decidedAt) return;
        c.status = 'in_effect';
        log(ctx, { code: 'containment.status', containmentId: c.id, status: 'in_effect' }, false, { ref: c.id });
        updateWorld(ctx, enqueue, metricsOfContainment.get(c.id) ?? NONE);
        return;
      }
      case 'DEADLINE_DUE': {
        const o = ctx.obligations[event.obligationId]!;
        if (o.status !== 'due') return;
        o.status = 'missed';
        log(ctx, { code: 'obligation.missed', obligationId: o.id, audience: o.audience }, false, { ref: o.id });
        return;
      }
      default:
        assertNever(event);
    }
  }

  function handleInput(ctx: RunContext, ev: InputEvent, enqueue: Enqueue) {
    const { seq, t, by, ...rest } = ev;
    const input = rest as TeamInput;
    ctx.t = t;
    // The facilitator's own team action is recorded, never the team's (definition `team_input`).
    if (isFacilitatorsOwn(input, by)) {
      log(ctx, { code: 'input.facilitator_own', inputType: input.type }, true, { seq, ...(by ? { by } : {}) });
      return;
    }
    ctx.inputs.push(by ? { seq, t, input, by } : { seq, t, input });
    // Every line an input writes carries its seq, and who took it when a live session said so.
    const mark = by ? { seq, by } : { seq };
    const open = ctx.closedAt === null;
    applyInput(ctx, input, seq, t, mark, enqueue);
    if (open) respond(ctx, input, seq, t, mark, enqueue);
  }

  /**
   * Awareness and detection, after the input's own effect so the timeline reads "declared" before
   * what it sets off: the first response makes the team aware (deadlines start), the first one at
   * or after the first real signal is detection, and one before it is a false alarm.
   */
  function respond(ctx: RunContext, input: TeamInput, seq: number, t: number, mark: Mark, enqueue: Enqueue) {
    // The one judgement of detection (definitions `detection`, `false_alarm`): console, card,
    // debrief and report all read what is recorded here.
    if (!RESPONSE_INPUTS.has(input.type) || unlockedBeforeSign(ctx, input) || harmfulContainment(input)) return;
    if (ctx.awareAt === null) {
      ctx.awareAt = t;
      happen(ctx, 'awareness', enqueue);
    }
    if (ctx.detectedAt !== null) return;
    if (ctx.firstSignAt !== null && t >= ctx.firstSignAt) {
      ctx.detectedAt = t;
      ctx.detectedBy = { seq, type: input.type };
      log(ctx, { code: 'detected' }, false, mark);
      happen(ctx, 'detection', enqueue);
    } else {
      // A false alarm counts once per kind of response (a second declaration is not a second alarm).
      if (!ctx.falseAlarms.some((x) => x.type === input.type)) ctx.falseAlarms.push({ t, seq, type: input.type });
      log(ctx, { code: 'response.false_alarm', inputType: input.type }, true, mark);
    }
  }

  /**
   * A containment only an investigation started before the first real signal made possible is no
   * response (definition `containment_credit`): without that early look the team could not have
   * decided it, so it neither detects nor makes the team aware.
   */
  /**
   * A containment the rubric lists as harmful is no response (definition `detection`): it neither
   * detects nor makes the team aware, so adding one never raises a score.
   */
  function harmfulContainment(input: TeamInput): boolean {
    return input.type === 'CONTAIN' && harmfulIds.has(input.containmentId);
  }

  function unlockedBeforeSign(ctx: RunContext, input: TeamInput): boolean {
    if (input.type !== 'CONTAIN') return false;
    const needs = containmentById.get(input.containmentId)?.requiresFinding;
    if (!needs) return false;
    const fs = ctx.firstSignAt;
    return ctx.inputs.some((e) => e.input.type === 'INVESTIGATE' && e.input.investigationId === needs && (fs === null || e.t < fs));
  }

  function applyInput(ctx: RunContext, input: TeamInput, seq: number, t: number, mark: Mark, enqueue: Enqueue) {
    switch (input.type) {
      case 'CLOCK':
        return;
      case 'ACKNOWLEDGE':
        ctx.declaredAt = t;
        log(ctx, { code: 'declared' }, false, mark);
        return;
      case 'TRIAGE':
        ctx.triages.push({ t, severity: input.severity, incidentType: input.incidentType, seq });
        log(ctx, { code: 'triaged', severity: input.severity, incidentType: input.incidentType, initial: ctx.triages.length === 1 }, false, mark);
        checkObligations(ctx, enqueue);
        return;
      case 'ASSIGN_ROLE':
        ctx.roles = { ...ctx.roles, [input.role]: { person: input.person, t } };
        log(ctx, { code: 'role.assigned', role: input.role, person: input.person }, false, mark);
        return;
      case 'INVESTIGATE': {
        const inv = investigationById.get(input.investigationId)!;
        ctx.investigations[inv.id] = { id: inv.id, startedAt: t, doneAt: t + inv.duration, status: 'running' };
        if (!ctx.actionsTaken.includes(inv.id)) ctx.actionsTaken.push(inv.id);
        log(ctx, { code: 'investigation.started', investigationId: inv.id }, false, { ...mark, ref: inv.id });
        at(enqueue, t, { type: 'FINDING_DUE', investigationId: inv.id }, inv.duration, `finding:${inv.id}:${seq}`);
        happen(ctx, `action:${inv.id}`, enqueue);
        return;
      }
      case 'CONTAIN': {
        const def = containmentById.get(input.containmentId)!;
        const c = ctx.containments[def.id]!;
        const reapplied = c.episodes.length > 0;
        c.status = 'decided';
        c.episodes.push({ containmentId: def.id, decidedAt: t, effectiveAt: t + def.takesEffectAfter, liftedAt: null });
        if (!ctx.actionsTaken.includes(def.id)) ctx.actionsTaken.push(def.id);
        log(ctx, { code: 'containment.decided', containmentId: def.id, reapplied }, false, { ...mark, ref: def.id });
        at(enqueue, t, { type: 'EFFECT_DUE', containmentId: def.id, decidedAt: t }, def.takesEffectAfter, `effect:${def.id}`);
        happen(ctx, `action:${def.id}`, enqueue);
        return;
      }
      case 'LIFT': {
        const c = ctx.containments[input.containmentId]!;
        const ep = c.episodes.at(-1)!;
        ep.liftedAt = t;
        if (c.status === 'decided') enqueue.cancel(`effect:${c.id}`);
        c.status = 'lifted';
        log(ctx, { code: 'containment.status', containmentId: c.id, status: 'lifted' }, false, { ...mark, ref: c.id });
        happen(ctx, `lifted:${c.id}`, enqueue);
        updateWorld(ctx, enqueue, metricsOfContainment.get(c.id) ?? NONE);
        return;
      }
      case 'PRESERVE_EVIDENCE':
        ctx.evidence.push({ id: input.evidenceId, t });
        ctx.actionsTaken.push(input.evidenceId);
        log(ctx, { code: 'evidence.preserved', evidenceId: input.evidenceId }, false, { ...mark, ref: input.evidenceId });
        happen(ctx, `action:${input.evidenceId}`, enqueue);
        return;
      case 'COMMUNICATE': {
        const elements = input.elements ?? {};
        const world = worldForNotice(ctx, input.audience);
        ctx.communications.push({ t, audience: input.audience, message: input.message, elements, seq, ...(world ? { world } : {}) });
        if (ctx.notified[input.audience] === undefined) ctx.notified = { ...ctx.notified, [input.audience]: t };
        log(ctx, { code: 'communication', audience: input.audience }, false, mark);
        for (const o of Object.values(ctx.obligations)) {
          if (o.audience !== input.audience || (o.status !== 'due' && o.status !== 'missed') || !noticeCounts(ctx, { t, elements })) continue;
          const late = o.status === 'missed';
          o.status = late ? 'late' : 'met';
          o.metAt = t;
          o.metBySeq = seq;
          log(ctx, { code: late ? 'obligation.late' : 'obligation.met', obligationId: o.id, audience: o.audience }, false, { ...mark, ref: o.id });
        }
        happen(ctx, `communication:${input.audience}`, enqueue);
        checkObligations(ctx, enqueue);
        return;
      }
      case 'DECLARE_ROOT_CAUSE':
        ctx.rootCause = { id: input.rootCauseId, t };
        log(ctx, { code: 'root_cause.declared', rootCauseId: input.rootCauseId }, false, mark);
        return;
      case 'ADHOC_INJECT':
        ctx.signals.push({
          id: `adhoc-${seq}`,
          t,
          channel: input.channel,
          source: input.source,
          title: input.title,
          body: input.body,
          severity: 'info',
          redHerring: false,
          adhoc: true,
          roles: [],
        });
        log(ctx, { code: 'adhoc_inject', title: input.title }, false, mark);
        return;
      case 'NOTE':
        log(ctx, { code: 'note', text: input.text }, true, mark);
        return;
      // HSEEP records (#19): readers take them from ctx.inputs; the timeline marks when they came.
      case 'RATE':
        log(ctx, { code: 'rating', objectiveId: input.objectiveId, rating: input.rating }, true, { ...mark, ref: input.objectiveId });
        return;
      case 'DECISION':
        log(ctx, { code: 'decision', text: input.text, owner: input.owner?.trim() || null }, false, mark);
        return;
      case 'HOT_WASH':
        log(ctx, { code: 'hot_wash' }, true, mark);
        return;
      case 'REVEAL_HINT':
        ctx.hintsRevealed.push({ id: input.hintId, t });
        log(ctx, { code: 'hint', hintId: input.hintId }, false, mark);
        return;
      case 'REVEAL_HARM':
        ctx.harmRevealed = true;
        log(ctx, { code: 'harm.revealed' }, false, mark);
        return;
      case 'WITHDRAW': {
        // #20 undo: the entry leaves the inputs and the timeline (so every view, the report and
        // the score drop it), its effect is undone, and the withdrawal itself is logged.
        const i = ctx.inputs.findIndex((e) => e.seq === input.target);
        const target = ctx.inputs[i]!.input;
        ctx.inputs.splice(i, 1);
        for (let k = ctx.timeline.length - 1; k >= 0; k--) if (ctx.timeline[k]!.seq === input.target) ctx.timeline.splice(k, 1);
        let text: string | null = null;
        switch (target.type) {
          case 'NOTE':
            text = target.text;
            break;
          case 'REVEAL_HINT':
            text = target.hintId;
            ctx.hintsRevealed = ctx.hintsRevealed.filter((h) => h.id !== target.hintId);
            break;
          case 'REVEAL_HARM':
            ctx.harmRevealed = ctx.inputs.some((e) => e.input.type === 'REVEAL_HARM');
            break;
          default:
            throw new Error(`WITHDRAW of ${target.type} passed the guard`);
        }
        log(ctx, { code: 'withdrawn', seq: input.target, inputType: target.type, text }, true, mark);
        return;
      }
      case 'PLAN_NOTICE': {
        const o = ctx.obligations[input.obligationId]!;
        o.plan = { owner: input.owner, what: input.what, by: input.sendBy, t, seq };
        log(ctx, { code: 'obligation.planned', obligationId: o.id, audience: o.audience, owner: input.owner, by: input.sendBy }, false, { ...mark, ref: o.id });
        return;
      }
      case 'OVERRULE_CONTENT':
        // #17: read by scoring from ctx.inputs (definition `content_overrule`); the timeline marks it.
        log(ctx, { code: 'content.overruled', obligationId: input.obligationId, reason: input.reason }, false, { ...mark, ref: input.obligationId });
        return;
      case 'RESOLVE':
        log(ctx, { code: 'resolved' }, false, mark);
        close(ctx, 'resolve');
        return;
      case 'END':
        log(ctx, { code: 'ended', reason: input.reason ?? null }, false, mark);
        close(ctx, 'end');
        return;
      default:
        assertNever(input);
    }
  }
}

export type ScenarioMachine = ReturnType<typeof buildMachine>;
