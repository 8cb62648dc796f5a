/**
 * What the team knows of its own response, as plain data: the state every action panel renders.
 *
 * One projection of a run, read by two kinds of client: the facilitator console computes it from
 * its mirror of the run, and the host sends it to a solo trainee (host/session/projection.ts),
 * whose page holds no engine and no scenario. Both render the same panels from it, so the solo
 * screen and the console cannot drift apart, and nothing facilitator-only can sit in it by
 * accident: it names no fault, red herring, harm total or hidden metric. The two
 * facilitator-only readings it can carry (deadlines counted from the fault, findings not yet
 * shared) are switched by `TeamStateOptions`.
 */
import type { ExerciseRun } from '../engine/exercise-run.ts';
import type { MessageElement, TeamInput } from '../engine/inputs.ts';
import type { FindingShows, ObligationStatus } from '../engine/run-state.ts';
import { ROLES, type Audience, type ContainmentKind, type IncidentType, type Role, type Scenario } from '../scenario/schema.ts';
import { cadenceInterval, messageCounts, statusUpdateCounts } from '../scoring/definitions.ts';
import { refusalMessage } from '../wording/refusals.ts';
import { findingFor } from '../wording/timeline.ts';
import { fig, msg, type Msg } from '../i18n/words.ts';

export interface TeamFinding {
  t: number;
  title: string;
  body: string;
  shows: FindingShows;
  /** "Bad answers: 1,204 answers so far" for an investigation that scopes harm (worded by the page). */
  scope: Msg | null;
}

export interface TeamContainment {
  id: string;
  label: string;
  kind: ContainmentKind;
  description: string;
  costs: { revenuePerHour: number; usersWithoutService: number; oneOff: number };
  takesEffectAfter: number;
  liftable: boolean;
  /** The latest decision while it is decided or in effect; null otherwise. */
  applied: { decidedAt: number; effectiveAt: number; inEffect: boolean } | null;
  /** When it was last lifted, while it stays lifted. */
  liftedAt: number | null;
}

export interface TeamInvestigation {
  id: string;
  label: string;
  duration: number;
  startedAt: number | null;
  doneAt: number | null;
  /** Sim ms left while it runs. */
  remaining: number | null;
  /** Done: what it found, or null while the facilitator has not shared it with this client. */
  done: boolean;
  finding: TeamFinding | null;
}

export interface TeamObligation {
  id: string;
  audience: Audience;
  within: number;
  clock: 'calendar' | 'business_hours' | 'business_days' | 'eu_days';
  /** What the deadline counts from: awareness, the fault's start, or another event. */
  from: 'detection' | 'fault' | 'event';
  reason: string | null;
  /** The engine's status; for the room, a fault-based deadline is only "sent" or "unknown". */
  status: ObligationStatus | 'sent' | 'unknown';
  /** Null until its clock starts, and always for the room when it counts from the fault. */
  dueAt: number | null;
  /** When the first message that counts as a notice (one element or more) was sent. */
  sentAt: number | null;
  /** When a complete notice met the obligation (the engine's judgement; null for the room on a fault-based one). */
  metAt: number | null;
  /** The team's latest dated plan for it (PLAN_NOTICE): an obligation not yet due at the end with one is open, not missed. */
  plan: { owner: string; what: string; by: number } | null;
}

export interface TeamSentMessage {
  seq: number;
  t: number;
  audience: Audience;
  message: string;
  elements: Partial<Record<MessageElement, string>>;
}

export interface TeamState {
  now: number;
  /** The scenario's clock (start and horizon), for sim moments as wall times: public, like the projector's clock. */
  simClock: Scenario['clock'];
  /** The currency the scenario's money is in (ISO 4217), for containment costs. */
  currency: string;
  /** Why nothing can be taken any more (the exercise is over), or null while it runs: a message each page words in its language. */
  closedReason: Msg | null;
  declaredAt: number | null;
  /** The first detecting response (the engine's detection), shown as "response under way". */
  respondingAt: number | null;
  triage: { severity: number; incidentType: IncidentType; t: number } | null;
  triageCount: number;
  roles: Array<{ role: Role; person: string | null }>;
  /** Names offered when assigning a role. */
  people: string[];
  containments: TeamContainment[];
  investigations: TeamInvestigation[];
  evidence: Array<{ id: string; label: string; preservedAt: number | null }>;
  rootCauses: Array<{ id: string; label: string }>;
  rootCause: { id: string; label: string; t: number } | null;
  obligations: TeamObligation[];
  /** The internal status-update cadence at the severity in force (null until triaged). */
  cadence: { severity: number; interval: number | null; nextDue: number | null } | null;
  /** The latest messages, newest first (at most SENT_SHOWN), and how many were sent in all. */
  sent: TeamSentMessage[];
  sentCount: number;
  /** Hint texts revealed so far, and how many remain. */
  hints: { revealed: string[]; left: number };
  /**
   * Why an input cannot be taken now, by action key (see `actionKey`), for the inputs a panel
   * offers as buttons; a key that is absent means allowed (the host checks again anyway). A
   * catalogue message, so a participant's phone words it in its own language.
   */
  reasons: Record<string, Msg>;
}

export interface TeamStateOptions {
  /** May this client read the finding of investigation `id`? (The facilitator and a solo trainee: all.) */
  findingVisible(id: string): boolean;
  /** The facilitator also sees deadlines that count from the fault's start. */
  facilitator: boolean;
  people: ReadonlyArray<string>;
}

const SENT_SHOWN = 20;

/** A stable key per action button, so pending state, errors and reasons attach to the control that sent it. */
export function actionKey(input: TeamInput): string {
  switch (input.type) {
    case 'CONTAIN':
      return `CONTAIN:${input.containmentId}`;
    case 'LIFT':
      return `LIFT:${input.containmentId}`;
    case 'INVESTIGATE':
      return `INVESTIGATE:${input.investigationId}`;
    case 'PRESERVE_EVIDENCE':
      return `PRESERVE_EVIDENCE:${input.evidenceId}`;
    case 'REVEAL_HINT':
      return `REVEAL_HINT:${input.hintId}`;
    case 'ASSIGN_ROLE':
      return `ASSIGN_ROLE:${input.role}`;
    default:
      return input.type;
  }
}

/** The buttons' inputs whose refusal depends only on the run's state (so it can be sent ahead). */
function offeredInputs(run: ExerciseRun): TeamInput[] {
  const s = run.scenario;
  return [
    { type: 'ACKNOWLEDGE' },
    { type: 'RESOLVE' },
    ...s.containments.flatMap((c): TeamInput[] => [
      { type: 'CONTAIN', containmentId: c.id },
      { type: 'LIFT', containmentId: c.id },
    ]),
    ...s.investigations.map((i): TeamInput => ({ type: 'INVESTIGATE', investigationId: i.id })),
    ...s.evidence.map((e): TeamInput => ({ type: 'PRESERVE_EVIDENCE', evidenceId: e.id })),
  ];
}

export function teamState(run: ExerciseRun, options: TeamStateOptions): TeamState {
  const s = run.scenario;
  const ctx = run.context;
  const now = run.now;

  const reasons: Record<string, Msg> = {};
  for (const input of offeredInputs(run)) {
    const r = run.refusal(input);
    if (r) reasons[actionKey(input)] = refusalMessage(s, r);
  }

  const containments = s.containments.map((c): TeamContainment => {
    const st = ctx.containments[c.id];
    const last = st?.episodes.at(-1);
    const active = st?.status === 'decided' || st?.status === 'in_effect';
    return {
      id: c.id,
      label: c.label,
      kind: c.kind,
      description: c.description ?? '',
      costs: { revenuePerHour: c.costs.revenuePerHour, usersWithoutService: c.costs.usersWithoutService, oneOff: c.costs.oneOff },
      takesEffectAfter: c.takesEffectAfter,
      liftable: c.liftable,
      applied: active && last ? { decidedAt: last.decidedAt, effectiveAt: last.effectiveAt, inEffect: st.status === 'in_effect' } : null,
      liftedAt: st?.status === 'lifted' ? (last?.liftedAt ?? null) : null,
    };
  });

  const investigations = s.investigations.map((inv): TeamInvestigation => {
    const running = ctx.investigations[inv.id];
    const found = running?.status === 'done' ? ctx.findings.findLast((f) => f.id === inv.id) : undefined;
    let finding: TeamFinding | null = null;
    if (found && options.findingVisible(inv.id)) {
      const shown = findingFor(inv, found.shows);
      const harm = inv.reportsHarm ? s.harm.find((h) => h.id === inv.reportsHarm) : undefined;
      const scope =
        harm && found.harmSoFar !== undefined ? msg('finding.scope', { harm: harm.label, amount: fig.whole(found.harmSoFar), unit: harm.unit }) : null;
      finding = { t: found.t, title: shown.title, body: shown.body, shows: found.shows, scope };
    }
    return {
      id: inv.id,
      label: inv.label,
      duration: inv.duration,
      startedAt: running?.startedAt ?? null,
      doneAt: running?.doneAt ?? null,
      remaining: running && !found ? Math.max(0, running.doneAt - now) : null,
      done: found !== undefined,
      finding,
    };
  });

  // The engine's obligation states are the one judgement (business clocks and `when` included).
  // A deadline that counts from the fault would tell the room when the fault began, so only the
  // facilitator gets its due time and status; the room sees whether a notice was sent.
  const obligations = s.rubric.notifications.map((n): TeamObligation => {
    const id = n.id ?? n.audience;
    const o = ctx.obligations[id];
    const fromFault = n.from === 'fault' || n.from.startsWith('fault:');
    const hidden = fromFault && !options.facilitator;
    const sentAt = ctx.communications.find((c) => c.audience === n.audience && messageCounts(c))?.t ?? null;
    return {
      id,
      audience: n.audience,
      within: n.within,
      clock: n.clock,
      from: n.from === 'detection' ? 'detection' : fromFault ? 'fault' : 'event',
      reason: n.reason === '' ? null : n.reason,
      status: hidden || !o ? (sentAt !== null ? 'sent' : 'unknown') : o.status,
      dueAt: hidden ? null : (o?.dueAt ?? null),
      sentAt,
      metAt: hidden ? null : (o?.metAt ?? null),
      plan: o?.plan ? { owner: o.plan.owner, what: o.plan.what, by: o.plan.by } : null,
    };
  });

  const triage = ctx.triages.at(-1) ?? null;
  let cadence: TeamState['cadence'] = null;
  if (triage) {
    // The severity in force sets the interval, as the score card judges it (definitions: Status cadence).
    const interval = cadenceInterval(s, triage.severity);
    const lastInternal = ctx.communications.findLast((c) => c.audience === 'internal' && statusUpdateCounts(c))?.t ?? null;
    const since = lastInternal ?? ctx.detectedAt ?? triage.t;
    cadence = { severity: triage.severity, interval, nextDue: interval === null ? null : since + interval };
  }

  const revealed = ctx.hintsRevealed.map((h) => s.hints.find((x) => x.id === h.id)?.text ?? '').filter((t) => t !== '');
  const rootCause = ctx.rootCause
    ? { id: ctx.rootCause.id, label: s.rootCauses.find((r) => r.id === ctx.rootCause!.id)?.label ?? ctx.rootCause.id, t: ctx.rootCause.t }
    : null;

  return {
    now,
    simClock: { ...s.clock },
    currency: s.currency,
    closedReason: ctx.closedAt === null ? null : refusalMessage(s, { code: 'closed' }),
    declaredAt: ctx.declaredAt,
    respondingAt: ctx.detectedAt,
    triage: triage ? { severity: triage.severity, incidentType: triage.incidentType, t: triage.t } : null,
    triageCount: ctx.triages.length,
    roles: ROLES.map((role) => ({ role, person: ctx.roles[role]?.person ?? null })),
    people: [...options.people],
    containments,
    investigations,
    evidence: s.evidence.map((e) => ({ id: e.id, label: e.label, preservedAt: ctx.evidence.find((x) => x.id === e.id)?.t ?? null })),
    rootCauses: s.rootCauses.map((r) => ({ id: r.id, label: r.label })),
    rootCause,
    obligations,
    cadence,
    sent: ctx.communications
      .slice(-SENT_SHOWN)
      .reverse()
      .map((c) => ({ seq: c.seq, t: c.t, audience: c.audience, message: c.message, elements: { ...c.elements } })),
    sentCount: ctx.communications.length,
    hints: { revealed, left: s.hints.length - ctx.hintsRevealed.length },
    reasons,
  };
}
