/**
 * Compiles a scenario into an XState v5 machine.
 *
 * Parallel regions: `phase` (quiet failure → detected → triaged → contained → recovered → closed),
 * `harm` (dormant → accruing → mitigated → contained → stopped), `obligations` (none → pending →
 * met) and `injects` (listening). Phases and region states are derived from context by `always`
 * guards, so a single input (say, a containment before any acknowledgement) moves every region
 * consistently. Everything timed (fault onset, injects, findings, containment taking effect,
 * notification deadlines, the horizon) is a delayed event on the injected clock, so a run only
 * processes events that matter — never a tick per minute.
 *
 * Context arrays that only grow (timeline, signals, inputs) are appended in place: copying them on
 * every event makes a 10,000-event replay quadratic. The run owns its actor, and readers get
 * copies through ExerciseRun.
 */
import { enqueueActions, setup } from 'xstate';
import type { Audience, Inject, Scenario } from '../scenario/schema.ts';
import { formatDuration, MINUTE } from '../scenario/duration.ts';
import { hashString, unitRandom } from './rng.ts';
import type { TeamInput } from './inputs.ts';
import { containedFrom, factorSteps, firstCrossing, stepAt } from './model.ts';
import type { RunContext, TimelineEntry } from './run-state.ts';

export type InputEvent = TeamInput & { seq: number; t: number };

/** Timed events carry their own due time `t`, so the machine never reads a clock. */
export type InternalEvent =
  | { type: 'FAULT_START'; t: number }
  | { type: 'INJECT_DUE'; t: number; injectId: string }
  | { type: 'FINDING_DUE'; t: number; investigationId: string }
  | { type: 'EFFECT_DUE'; t: number; containmentId: string }
  | { type: 'DEADLINE_DUE'; t: number; audience: Audience }
  | { type: 'HORIZON'; t: number };

export type RunEvent = InputEvent | InternalEvent;

/** The two things the reducer asks of XState's enqueue: delayed self-events and cancelling them. */
interface Enqueue {
  raise(event: InternalEvent, options: { delay: number; id: string }): void;
  cancel(id: string): void;
}

export function createInitialContext(seed: number): RunContext {
  return {
    seed,
    t: 0,
    faultStartedAt: null,
    detectedAt: null,
    triage: null,
    triageHistory: [],
    roles: {},
    containments: [],
    containedAt: null,
    recoveredAt: null,
    closedAt: null,
    closedBy: null,
    investigations: [],
    findings: [],
    evidence: [],
    communications: [],
    notified: {},
    declaredAt: null,
    actionsTaken: [],
    rootCause: null,
    hintsRevealed: [],
    harmRevealed: false,
    signals: [],
    firedInjects: {},
    timeline: [],
    inputs: [],
  };
}

/** Inputs that count as the team responding (and so as detection if nothing was declared yet). */
const RESPONSE_INPUTS = new Set(['ACKNOWLEDGE', 'TRIAGE', 'CONTAIN', 'INVESTIGATE', 'COMMUNICATE', 'PRESERVE_EVIDENCE', 'DECLARE_ROOT_CAUSE', 'RESOLVE']);

const AUDIENCE_LABEL: Record<Audience, string> = {
  internal: 'internal status update',
  client: 'the client',
  regulator: 'the regulator',
  affected_users: 'affected users',
  public: 'a public statement',
};

export function describeInput(s: Scenario, input: TeamInput): string {
  switch (input.type) {
    case 'ACKNOWLEDGE':
      return 'Incident declared';
    case 'TRIAGE':
      return `Triaged as Severity ${input.severity}, ${input.incidentType.replace(/_/g, ' ')}`;
    case 'ASSIGN_ROLE':
      return `${input.person} is ${input.role.replace(/_/g, ' ')}`;
    case 'INVESTIGATE':
      return `Started: ${s.investigations.find((x) => x.id === input.investigationId)?.label ?? input.investigationId}`;
    case 'CONTAIN':
      return `Decided: ${s.containments.find((x) => x.id === input.containmentId)?.label ?? input.containmentId}`;
    case 'PRESERVE_EVIDENCE':
      return `Preserved evidence: ${s.evidence.find((x) => x.id === input.evidenceId)?.label ?? input.evidenceId}`;
    case 'COMMUNICATE':
      return input.audience === 'internal' ? 'Internal status update sent' : `Notified ${AUDIENCE_LABEL[input.audience]}`;
    case 'DECLARE_ROOT_CAUSE':
      return `Root cause declared: ${s.rootCauses.find((x) => x.id === input.rootCauseId)?.label ?? input.rootCauseId}`;
    case 'RESOLVE':
      return 'Incident resolved';
    case 'ADHOC_INJECT':
      return `Facilitator inject: ${input.title}`;
    case 'NOTE':
      return `Note: ${input.text}`;
    case 'REVEAL_HINT':
      return `Hint: ${s.hints.find((h) => h.id === input.hintId)?.text ?? input.hintId}`;
    case 'REVEAL_HARM':
      return 'Harm counters revealed to the room';
    case 'END':
      return `Exercise ended by the facilitator${input.reason ? `: ${input.reason}` : ''}`;
    case 'CLOCK':
      return 'Clock checkpoint';
  }
}

export function injectDelay(s: Scenario, seed: number, inj: Inject, base: number): number {
  if (inj.jitter <= 0) return base;
  const j = Math.floor(unitRandom(seed, hashString(inj.id)) * (inj.jitter / MINUTE + 1)) * MINUTE;
  return base + j;
}

const machines = new WeakMap<Scenario, ReturnType<typeof buildMachine>>();

/**
 * The machine for a scenario; the seed arrives as actor input (`createActor(m, { input: { seed } })`).
 *
 * A pure function of the scenario, built once and shared by every run of it (a 1,000-seed sweep
 * builds one machine, not 1,000).
 */
export function createScenarioMachine(s: Scenario) {
  let m = machines.get(s);
  if (!m) machines.set(s, (m = buildMachine(s)));
  return m;
}

function buildMachine(s: Scenario) {
  const injectsAfter = new Map<string, Inject[]>();
  for (const inj of s.injects) {
    if ('after' in inj.trigger) {
      const list = injectsAfter.get(inj.trigger.after.event) ?? [];
      list.push(inj);
      injectsAfter.set(inj.trigger.after.event, list);
    }
  }
  const metricInjects = s.injects.filter((i) => 'metric' in i.trigger);
  const injectById = new Map(s.injects.map((i) => [i.id, i]));
  const horizon = s.clock.horizon;

  type Timed = InternalEvent extends infer E ? (E extends InternalEvent ? Omit<E, 't'> : never) : never;
  /** Schedules a timed event `delay` after `now`, stamped with its due time. */
  const at = (enqueue: Enqueue, now: number, event: Timed, delay: number, id: string) => {
    enqueue.raise({ ...event, t: now + delay } as InternalEvent, { delay, id });
  };

  const log = (ctx: RunContext, entry: TimelineEntry) => {
    ctx.timeline.push(entry);
  };

  const isClosed = ({ context }: { context: RunContext }) => context.closedAt !== null;
  const isDetected = ({ context }: { context: RunContext }) => context.detectedAt !== null;
  const isContained = ({ context }: { context: RunContext }) => context.containedAt !== null && context.containedAt <= context.t;

  return setup({
    types: { context: {} as RunContext, events: {} as RunEvent, input: {} as { seed: number } },
    guards: {
      isClosed,
      isDetected,
      isContained,
      isTriaged: ({ context }) => context.triage !== null,
      isRecovered: ({ context }) => context.recoveredAt !== null,
      faultStarted: ({ context }) => context.faultStartedAt !== null,
      isMitigated: ({ context }) => context.containments.some((c) => c.effectiveAt <= context.t),
      hasObligations: ({ context }) => context.detectedAt !== null && s.rubric.notifications.length > 0,
      obligationsMet: ({ context }) => s.rubric.notifications.every((n) => context.notified[n.audience] !== undefined),
    },
    actions: {
      /** Schedules the start-of-run timers: fault onset, absolute injects, the horizon. */
      scheduleStart: enqueueActions(({ enqueue, context }) => {
        const e = enqueue as unknown as Enqueue;
        at(e, 0, { type: 'FAULT_START' }, s.fault.startsAt, 'fault');
        for (const inj of s.injects) {
          if ('at' in inj.trigger) at(e, 0, { type: 'INJECT_DUE', injectId: inj.id }, injectDelay(s, context.seed, inj, inj.trigger.at), `inject:${inj.id}`);
        }
        at(e, 0, { type: 'HORIZON' }, horizon, 'horizon');
      }),
    },
  }).createMachine({
    id: 'scenario',
    type: 'parallel',
    context: ({ input }) => createInitialContext(input.seed),
    entry: 'scheduleStart',
    on: {
      '*': {
        // One reducer for every event keeps the order of effects explicit and readable.
        actions: enqueueActions(({ context, event, enqueue }) => handle(context, event, enqueue as unknown as Enqueue)),
      },
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
              { guard: 'isContained', target: 'contained' },
              { guard: 'isTriaged', target: 'triaged' },
            ],
          },
          triaged: {
            tags: ['responding'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'isContained', target: 'contained' },
            ],
          },
          contained: {
            tags: ['responding'],
            always: [
              { guard: 'isClosed', target: 'closed' },
              { guard: 'isRecovered', target: 'recovered' },
            ],
          },
          recovered: { tags: ['responding'], always: [{ guard: 'isClosed', target: 'closed' }] },
          closed: { tags: ['closed'] },
        },
      },
      harm: {
        initial: 'dormant',
        states: {
          dormant: { always: [{ guard: 'faultStarted', target: 'accruing' }] },
          accruing: {
            tags: ['harm-accruing'],
            always: [
              { guard: 'isRecovered', target: 'stopped' },
              { guard: 'isContained', target: 'contained' },
              { guard: 'isMitigated', target: 'mitigated' },
            ],
          },
          mitigated: {
            tags: ['harm-accruing'],
            always: [
              { guard: 'isRecovered', target: 'stopped' },
              { guard: 'isContained', target: 'contained' },
            ],
          },
          contained: { always: [{ guard: 'isRecovered', target: 'stopped' }] },
          stopped: {},
        },
      },
      obligations: {
        initial: 'none',
        states: {
          none: { always: [{ guard: 'hasObligations', target: 'pending' }] },
          pending: { tags: ['obligations-pending'], always: [{ guard: 'obligationsMet', target: 'met' }] },
          met: {},
        },
      },
      injects: { initial: 'listening', states: { listening: { always: [{ guard: 'isClosed', target: 'silent' }] }, silent: {} } },
    },
  });

  /** Schedules the injects that wait on `key` (e.g. "action:rollback-model"). */
  function trigger(ctx: RunContext, key: string, enqueue: Enqueue) {
    for (const inj of injectsAfter.get(key) ?? []) {
      if (ctx.firedInjects[inj.id] !== undefined || !('after' in inj.trigger)) continue;
      at(enqueue, ctx.t, { type: 'INJECT_DUE', injectId: inj.id }, injectDelay(s, ctx.seed, inj, inj.trigger.after.delay), `inject:${inj.id}`);
    }
  }

  /** (Re)schedules metric-threshold injects for the current containment state. */
  function scheduleMetricInjects(ctx: RunContext, enqueue: Enqueue) {
    if (ctx.faultStartedAt === null) return;
    const steps = factorSteps(s, ctx.containments);
    for (const inj of metricInjects) {
      if (ctx.firedInjects[inj.id] !== undefined || !('metric' in inj.trigger)) continue;
      const trig = inj.trigger;
      const mi = s.metrics.findIndex((m) => m.id === trig.metric);
      const test = trig.above !== undefined ? (v: number) => v > trig.above! : (v: number) => v < trig.below!;
      const from = Math.ceil(ctx.t / MINUTE);
      const minute = firstCrossing(s, ctx.seed, mi, steps, ctx.faultStartedAt, from, Math.floor(horizon / MINUTE), test);
      enqueue.cancel(`metric:${inj.id}`);
      if (minute !== null) at(enqueue, ctx.t, { type: 'INJECT_DUE', injectId: inj.id }, minute * MINUTE - ctx.t, `metric:${inj.id}`);
    }
  }

  function conditionHolds(ctx: RunContext, inj: Inject): boolean {
    const w = inj.when;
    if (!w) return true;
    const taken = (id: string) => ctx.actionsTaken.includes(id);
    if (w.contained !== undefined && w.contained !== isContained({ context: ctx })) return false;
    if (w.detected !== undefined && w.detected !== (ctx.detectedAt !== null)) return false;
    if (w.actionTaken && !taken(w.actionTaken)) return false;
    if (w.actionNotTaken && taken(w.actionNotTaken)) return false;
    return true;
  }

  function updateContainment(ctx: RunContext, enqueue: Enqueue) {
    const steps = factorSteps(s, ctx.containments);
    const from = containedFrom(s, steps);
    if (ctx.containedAt === null && from !== null && from <= ctx.t) {
      ctx.containedAt = from;
      log(ctx, { t: ctx.t, kind: 'effect', text: 'Harm contained: growth cut by at least 80%', hidden: true });
      trigger(ctx, 'containment', enqueue);
    }
    if (ctx.recoveredAt === null && stepAt(steps, ctx.t).fixed) {
      ctx.recoveredAt = ctx.t;
      log(ctx, { t: ctx.t, kind: 'effect', text: 'Root cause fixed: the system is recovering', hidden: false });
    }
  }

  function handle(ctx: RunContext, event: RunEvent, enqueue: Enqueue) {
    if (event.type.startsWith('xstate.') || typeof event.t !== 'number') return;
    ctx.t = event.t;
    if (ctx.closedAt !== null) return;

    switch (event.type) {
      case 'FAULT_START':
        ctx.faultStartedAt = ctx.t;
        log(ctx, { t: ctx.t, kind: 'fault', text: `Fault begins (${s.fault.surface.replace(/_/g, ' ')}): ${s.fault.description}`, hidden: true });
        trigger(ctx, 'fault', enqueue);
        scheduleMetricInjects(ctx, enqueue);
        return;
      case 'HORIZON':
        ctx.closedAt = ctx.t;
        ctx.closedBy = 'horizon';
        log(ctx, { t: ctx.t, kind: 'phase', text: `Exercise horizon reached (${formatDuration(horizon)})`, hidden: false });
        return;
      case 'INJECT_DUE': {
        const inj = injectById.get(event.injectId);
        if (!inj || ctx.firedInjects[inj.id] !== undefined) return;
        if (!conditionHolds(ctx, inj)) {
          log(ctx, { t: ctx.t, kind: 'signal', text: `Inject "${inj.id}" skipped: its condition does not hold`, hidden: true, ref: inj.id });
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
        });
        log(ctx, { t: ctx.t, kind: 'signal', text: `${inj.source}: ${inj.title}${inj.redHerring ? ' (red herring)' : ''}`, hidden: false, ref: inj.id });
        trigger(ctx, `inject:${inj.id}`, enqueue);
        return;
      }
      case 'FINDING_DUE': {
        const inv = s.investigations.find((i) => i.id === event.investigationId);
        if (!inv) return;
        ctx.findings.push({ id: inv.id, t: ctx.t });
        log(ctx, { t: ctx.t, kind: 'finding', text: `Finding: ${inv.finding.title}`, hidden: false, ref: inv.id });
        trigger(ctx, `finding:${inv.id}`, enqueue);
        return;
      }
      case 'EFFECT_DUE': {
        const c = s.containments.find((x) => x.id === event.containmentId);
        log(ctx, { t: ctx.t, kind: 'effect', text: `In effect: ${c?.label ?? event.containmentId}`, hidden: false, ref: event.containmentId });
        updateContainment(ctx, enqueue);
        // Only a change in the fault's effect on metrics can move a threshold crossing.
        if (c && (c.metricFactor !== 1 || c.fixesRootCause)) scheduleMetricInjects(ctx, enqueue);
        return;
      }
      case 'DEADLINE_DUE': {
        const met = ctx.notified[event.audience] !== undefined;
        log(ctx, {
          t: ctx.t,
          kind: 'deadline',
          text: `Deadline to notify ${AUDIENCE_LABEL[event.audience]}: ${met ? 'met' : 'MISSED'}`,
          hidden: false,
          ref: event.audience,
        });
        return;
      }
      default:
        handleInput(ctx, event, enqueue);
    }
  }

  function handleInput(ctx: RunContext, ev: InputEvent, enqueue: Enqueue) {
    const { seq, t, ...rest } = ev;
    const input = rest as TeamInput;
    ctx.inputs.push({ seq, t, input });
    if (input.type === 'CLOCK') return;
    log(ctx, { t, kind: input.type === 'NOTE' ? 'note' : input.type === 'REVEAL_HINT' ? 'hint' : 'action', text: describeInput(s, input), hidden: false, seq });

    if (ctx.detectedAt === null && RESPONSE_INPUTS.has(input.type)) {
      ctx.detectedAt = t;
      trigger(ctx, 'detection', enqueue);
      for (const n of s.rubric.notifications) {
        const base = n.from === 'fault' ? (ctx.faultStartedAt ?? t) : t;
        const due = Math.max(t, base + n.within);
        at(enqueue, t, { type: 'DEADLINE_DUE', audience: n.audience }, due - t, `deadline:${n.audience}`);
      }
    }

    switch (input.type) {
      case 'ACKNOWLEDGE':
        ctx.declaredAt = t;
        return;
      case 'TRIAGE':
        ctx.triage = { t, severity: input.severity, incidentType: input.incidentType };
        ctx.triageHistory.push(ctx.triage);
        return;
      case 'ASSIGN_ROLE':
        ctx.roles = { ...ctx.roles, [input.role]: { person: input.person, t } };
        return;
      case 'INVESTIGATE': {
        const inv = s.investigations.find((i) => i.id === input.investigationId)!;
        ctx.investigations.push({ id: inv.id, startedAt: t, doneAt: t + inv.duration });
        ctx.actionsTaken.push(inv.id);
        at(enqueue, t, { type: 'FINDING_DUE', investigationId: inv.id }, inv.duration, `finding:${inv.id}`);
        trigger(ctx, `action:${inv.id}`, enqueue);
        return;
      }
      case 'CONTAIN': {
        const c = s.containments.find((x) => x.id === input.containmentId)!;
        ctx.containments.push({ id: c.id, decidedAt: t, effectiveAt: t + c.takesEffectAfter });
        ctx.actionsTaken.push(c.id);
        at(enqueue, t, { type: 'EFFECT_DUE', containmentId: c.id }, c.takesEffectAfter, `effect:${c.id}`);
        trigger(ctx, `action:${c.id}`, enqueue);
        return;
      }
      case 'PRESERVE_EVIDENCE':
        ctx.evidence.push({ id: input.evidenceId, t });
        ctx.actionsTaken.push(input.evidenceId);
        trigger(ctx, `action:${input.evidenceId}`, enqueue);
        return;
      case 'COMMUNICATE':
        ctx.communications.push({ t, audience: input.audience, message: input.message, seq });
        if (ctx.notified[input.audience] === undefined) ctx.notified = { ...ctx.notified, [input.audience]: t };
        trigger(ctx, `communication:${input.audience}`, enqueue);
        return;
      case 'DECLARE_ROOT_CAUSE':
        ctx.rootCause = { id: input.rootCauseId, t };
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
        });
        return;
      case 'REVEAL_HINT':
        ctx.hintsRevealed.push({ id: input.hintId, t });
        return;
      case 'REVEAL_HARM':
        ctx.harmRevealed = true;
        return;
      case 'RESOLVE':
      case 'END':
        ctx.closedAt = t;
        ctx.closedBy = input.type === 'RESOLVE' ? 'resolve' : 'end';
        return;
      default:
        return;
    }
  }
}

export type ScenarioMachine = ReturnType<typeof buildMachine>;
