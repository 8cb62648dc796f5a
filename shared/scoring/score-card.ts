/**
 * The score card: a pure function of scenario + seed + journal.
 *
 * Each dimension scores 0–100 against the scenario's rubric and carries a one-line reason that
 * cites the moment on the timeline (T+offset and wall time). Harm is judged against two
 * re-simulations of the same scenario and seed: the do-nothing team, and the best achievable
 * (the rubric's best containment at the first signal).
 */
import type { Audience, Dimension, Scenario } from '../scenario/schema.ts';
import { DIMENSIONS } from '../scenario/schema.ts';
import { formatDuration } from '../scenario/duration.ts';
import { cite } from '../scenario/sim-time.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import type { CostTotals, HarmTotals, RunContext } from '../engine/run-state.ts';
import type { ExerciseOutcome } from '../contract/api.ts';

export interface DimensionScore {
  dimension: Dimension;
  score: number;
  weight: number;
  met: boolean;
  /** One line, citing the timeline. */
  reason: string;
  /** Sim times the reason refers to, for linking into the timeline. */
  refs: number[];
}

export interface NotificationResult {
  audience: Audience;
  deadline: number | null;
  sentAt: number | null;
  /** Time from awareness (or fault) to the message. */
  elapsed: number | null;
  met: boolean;
  reason: string;
}

export interface KeyTimes {
  faultStart: number;
  firstSignal: number | null;
  detection: number | null;
  triage: number | null;
  containmentDecision: number | null;
  containment: number | null;
  recovered: number | null;
  resolution: number | null;
  end: number;
}

export interface ScoreCard {
  scenarioId: string;
  scenarioVersion: number;
  seed: number;
  targets: { mttd: number; mttc: number; triageWithin: number };
  overall: number;
  dimensions: DimensionScore[];
  keyTimes: KeyTimes;
  mttd: number | null;
  mttc: number | null;
  timeToTriage: number | null;
  notifications: NotificationResult[];
  /** Time to the first notification of any required party (null when none were required or sent). */
  timeToNotify: number | null;
  severity: { declared: number | null; expected: number; correct: boolean };
  incidentType: { declared: string | null; expected: string; correct: boolean };
  containment: { chosen: string[]; acceptable: string[]; harmful: string[]; effective: boolean };
  cadence: { interval: number | null; updates: number; windows: number; windowsCovered: number };
  evidence: { preserved: string[]; beforeChanges: string[]; firstChangeAt: number | null };
  rootCause: { declared: string | null; expected: string; correct: boolean };
  harm: { actual: HarmTotals; doNothing: HarmTotals; best: HarmTotals; costs: CostTotals };
  closedBy: RunContext['closedBy'];
}

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

/** 100 at or under target, falling linearly to 0 at four times the target. */
function timeScore(actual: number | null, target: number): number {
  if (actual === null) return 0;
  if (actual <= target) return 100;
  return clamp(100 * (1 - (actual - target) / (3 * Math.max(target, 1))));
}

/** Harm of the do-nothing and best-achievable teams for this scenario and seed. */
export function harmBaselines(s: Scenario, seed: number): { doNothing: HarmTotals; best: HarmTotals; firstSignal: number | null } {
  const idle = new ExerciseRun(s, seed);
  idle.runToEnd();
  // The first real sign of the fault: red herrings and anything before the fault do not count.
  const faultStart = firstFaultStart(s, idle.context);
  const firstSignal = idle.context.signals.find((x) => !x.redHerring && x.t >= faultStart)?.t ?? null;
  const best = new ExerciseRun(s, seed);
  const act = firstSignal ?? faultStart;
  for (const id of s.rubric.bestResponse) {
    const bestOption = s.containments.find((c) => c.id === id)!;
    if (bestOption.requiresFinding) {
      // The best a team can do is start the needed investigation at once and act on its finding.
      if (best.refusal({ type: 'INVESTIGATE', investigationId: bestOption.requiresFinding }) === null)
        best.apply({ type: 'INVESTIGATE', investigationId: bestOption.requiresFinding }, Math.max(act, best.now));
      const found = s.investigations.find((i) => i.id === bestOption.requiresFinding)!;
      best.apply({ type: 'CONTAIN', containmentId: bestOption.id }, Math.max(best.now, Math.min(act + found.duration, s.clock.horizon)));
    } else {
      best.apply({ type: 'CONTAIN', containmentId: bestOption.id }, Math.max(act, best.now));
    }
  }
  best.runToEnd();
  return { doNothing: idle.projectedHarm(), best: best.projectedHarm(), firstSignal };
}

/** Replays a journal to the end of the exercise and scores it. */
export function scoreRun(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>): ScoreCard {
  const run = ExerciseRun.replay(s, seed, entries);
  run.runToEnd();
  return scoreFinishedRun(run);
}

export function scoreFinishedRun(run: ExerciseRun): ScoreCard {
  const s = run.scenario;
  const ctx = run.context;
  const r = s.rubric;
  const faultStart = firstFaultStart(s, ctx);
  const applied = appliedOf(ctx);
  const end = ctx.closedAt ?? run.now;
  const baselines = harmBaselines(s, run.seed);
  const firstSignal = ctx.signals.find((x) => !x.adhoc && !x.redHerring && x.t >= faultStart)?.t ?? null;

  // Detection
  const detection = ctx.detectedAt;
  const mttd = detection === null ? null : Math.max(0, detection - faultStart);
  const detectionScore = timeScore(mttd, r.mttd);
  const detectionReason =
    detection === null
      ? `Never declared an incident; the fault began at ${cite(s, faultStart)}.`
      : `Declared at ${cite(s, detection)}, ${formatDuration(mttd!)} after the fault began (target ${formatDuration(r.mttd)}).`;

  // Triage
  const triage = ctx.triages[0] ?? null;
  const timeToTriage = triage && detection !== null ? Math.max(0, triage.t - detection) : null;
  const declaredSev = ctx.triages.at(-1)?.severity ?? null;
  const sevCorrect = declaredSev === r.severity;
  const typeCorrect = ctx.triages.length > 0 && r.incidentType.includes(ctx.triages.at(-1)!.incidentType);
  const triageScore = triage
    ? clamp(
        (timeToTriage! <= r.triageWithin ? 40 : 40 * (timeScore(timeToTriage, r.triageWithin) / 100)) +
          (sevCorrect ? 30 : Math.abs((declaredSev ?? 0) - r.severity) === 1 ? 15 : 0) +
          (typeCorrect ? 30 : 0),
      )
    : 0;
  const triageReason = triage
    ? `Triaged at ${cite(s, triage.t)} (${formatDuration(timeToTriage!)} after declaring; target ${formatDuration(r.triageWithin)}) as Severity ${declaredSev}${sevCorrect ? ' (correct)' : ` (expected ${r.severity})`}, ${ctx.triages.at(-1)!.incidentType.replace(/_/g, ' ')}${typeCorrect ? ' (correct)' : ` (expected ${r.incidentType.join(' or ').replace(/_/g, ' ')})`}.`
    : 'Never triaged: no severity or incident type was declared.';

  // Containment
  const chosen = applied.map((c) => c.id);
  const acceptable = chosen.filter((c) => r.acceptableContainments.includes(c));
  const harmful = chosen.filter((c) => r.harmfulContainments.includes(c));
  const mttc = ctx.containedAt !== null && detection !== null ? Math.max(0, ctx.containedAt - detection) : null;
  const actual = run.projectedHarm();
  const reductions = s.harm.map((h) => {
    const worst = baselines.doNothing[h.id]!;
    const best = baselines.best[h.id]!;
    if (worst - best <= 1e-9) return actual[h.id]! <= best + 1e-9 ? 1 : 0;
    return Math.max(0, Math.min(1, (worst - actual[h.id]!) / (worst - best)));
  });
  const reduction = reductions.reduce((a, b) => a + b, 0) / reductions.length;
  const quality = acceptable.length > 0 ? 30 : 0;
  const containmentScore = clamp(0.4 * timeScore(mttc, r.mttc) + quality + 30 * reduction - (harmful.length > 0 ? 15 : 0));
  const primary = s.harm[0]!;
  const harmLine = `${fmt(actual[primary.id]!)} ${primary.label.toLowerCase()} (do nothing: ${fmt(baselines.doNothing[primary.id]!)}, best achievable: ${fmt(baselines.best[primary.id]!)})`;
  const containmentReason =
    ctx.containedAt === null
      ? `Harm was never contained${chosen.length ? ` (tried ${chosen.join(', ')})` : ''}: ${harmLine}.`
      : `Contained at ${cite(s, ctx.containedAt)}, ${mttc !== null ? `${formatDuration(mttc)} after declaring` : 'before declaring'} (target ${formatDuration(r.mttc)}) with ${acceptable.join(', ') || chosen.join(', ')}${harmful.length ? `; ${harmful.join(', ')} made no difference or made it worse` : ''}: ${harmLine}.`;

  // Investigation
  const relevant = s.investigations.filter((i) => i.relevant);
  const foundRelevant = relevant.filter((i) => ctx.findings.some((f) => f.id === i.id));
  const rootCorrect = ctx.rootCause?.id === r.rootCause;
  const investigationScore = clamp((relevant.length ? 40 * (foundRelevant.length / relevant.length) : 40) + (rootCorrect ? 60 : 0));
  const rcLabel = (id: string) => s.rootCauses.find((x) => x.id === id)?.label ?? id;
  const investigationReason = `${foundRelevant.length} of ${relevant.length} relevant findings uncovered; ${
    ctx.rootCause
      ? `root cause declared at ${cite(s, ctx.rootCause.t)} as "${rcLabel(ctx.rootCause.id)}"${rootCorrect ? ' (correct)' : ` (actual: "${rcLabel(r.rootCause)}")`}`
      : `no root cause declared (actual: "${rcLabel(r.rootCause)}")`
  }.`;

  // Communication: notifications and status cadence
  const notifications: NotificationResult[] = r.notifications.map((n) => {
    const base = n.from === 'fault' ? faultStart : detection;
    const deadline = base === null ? null : base + n.within;
    const sent = ctx.communications.find((c) => c.audience === n.audience) ?? null;
    const met = sent !== null && deadline !== null && sent.t <= deadline;
    const who = n.audience.replace(/_/g, ' ');
    const reason = sent
      ? `${who} notified at ${cite(s, sent.t)}${deadline !== null ? (met ? `, within the ${formatDuration(n.within)} deadline` : `, ${formatDuration(sent.t - deadline)} after the ${formatDuration(n.within)} deadline`) : ''}`
      : `${who} never notified (deadline ${formatDuration(n.within)} from ${n.from === 'fault' ? 'the fault' : 'awareness'})`;
    return { audience: n.audience, deadline, sentAt: sent?.t ?? null, elapsed: sent && base !== null ? sent.t - base : null, met, reason };
  });
  const notifiedTimes = notifications.map((n) => n.elapsed).filter((x): x is number => x !== null);
  const timeToNotify = notifiedTimes.length ? Math.min(...notifiedTimes) : null;
  const notifPoints = notifications.length ? notifications.reduce((a, n) => a + (n.met ? 1 : n.sentAt !== null ? 0.5 : 0), 0) / notifications.length : 1;
  const interval = r.statusCadence[String(r.severity) as '1' | '2' | '3' | '4'] ?? null;
  const updates = ctx.communications.filter((c) => c.audience === 'internal');
  let windows = 0;
  let covered = 0;
  if (interval && detection !== null) {
    for (let w = detection; w < end; w += interval) {
      windows++;
      if (updates.some((u) => u.t >= w && u.t < w + interval)) covered++;
    }
  }
  // No declared incident means no status updates were kept: nothing to credit.
  const cadenceRatio = detection === null ? 0 : interval ? (windows ? covered / windows : 1) : updates.length > 0 ? 1 : 0.5;
  const communicationScore = clamp(60 * notifPoints + 40 * cadenceRatio);
  const communicationReason = `${notifications.length ? notifications.map((n) => n.reason).join('; ') : 'No notifications were required'}; ${
    interval ? `${covered} of ${windows} ${formatDuration(interval)} status windows had an internal update` : `${updates.length} internal status updates`
  }.`;

  // Documentation and evidence
  const firstChangeAt = applied[0]?.decidedAt ?? null;
  const preserved = ctx.evidence.map((e) => e.id);
  const beforeChanges = ctx.evidence.filter((e) => firstChangeAt === null || e.t <= firstChangeAt).map((e) => e.id);
  const evidenceShare = s.evidence.length ? (r.evidenceBeforeChanges ? beforeChanges.length : preserved.length) / s.evidence.length : 1;
  const rolesAssigned = r.requiredRoles.filter((role) => ctx.roles[role]);
  const rolesShare = r.requiredRoles.length ? rolesAssigned.length / r.requiredRoles.length : 1;
  const documentationScore = clamp(60 * evidenceShare + 40 * rolesShare);
  const documentationReason = `${beforeChanges.length} of ${s.evidence.length} evidence items preserved before the first change${firstChangeAt !== null ? ` at ${cite(s, firstChangeAt)}` : ''}; ${rolesAssigned.length} of ${r.requiredRoles.length} required roles assigned${
    r.requiredRoles.length > rolesAssigned.length
      ? ` (missing ${r.requiredRoles
          .filter((x) => !rolesAssigned.includes(x))
          .map((x) => x.replace(/_/g, ' '))
          .join(', ')})`
      : ''
  }.`;

  const scores: Record<Dimension, [number, string, number[], boolean]> = {
    detection: [detectionScore, detectionReason, detection !== null ? [detection] : [faultStart], mttd !== null && mttd <= r.mttd],
    triage: [triageScore, triageReason, triage ? [triage.t] : [], !!triage && timeToTriage! <= r.triageWithin && sevCorrect && typeCorrect],
    containment: [
      containmentScore,
      containmentReason,
      ctx.containedAt !== null ? [ctx.containedAt] : applied.map((c) => c.decidedAt),
      mttc !== null && mttc <= r.mttc && harmful.length === 0,
    ],
    investigation: [investigationScore, investigationReason, ctx.rootCause ? [ctx.rootCause.t] : ctx.findings.map((f) => f.t), rootCorrect],
    communication: [
      communicationScore,
      communicationReason,
      notifications.flatMap((n) => (n.sentAt !== null ? [n.sentAt] : [])),
      notifications.every((n) => n.met) && cadenceRatio >= 0.8,
    ],
    documentation: [
      documentationScore,
      documentationReason,
      beforeChanges.map((id) => ctx.evidence.find((e) => e.id === id)!.t),
      evidenceShare >= 1 && rolesShare >= 1,
    ],
  };
  const dimensions: DimensionScore[] = DIMENSIONS.map((d) => ({
    dimension: d,
    score: scores[d][0],
    weight: r.weights[d],
    reason: scores[d][1],
    refs: scores[d][2],
    met: scores[d][3],
  }));
  const totalWeight = dimensions.reduce((a, d) => a + d.weight, 0) || 1;
  const overall = Math.round(dimensions.reduce((a, d) => a + d.score * d.weight, 0) / totalWeight);

  return {
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed: run.seed,
    targets: { mttd: r.mttd, mttc: r.mttc, triageWithin: r.triageWithin },
    overall,
    dimensions,
    keyTimes: {
      faultStart,
      firstSignal,
      detection,
      triage: triage?.t ?? null,
      containmentDecision: applied[0]?.decidedAt ?? null,
      containment: ctx.containedAt,
      recovered: ctx.recoveredAt,
      resolution: ctx.closedBy === 'resolve' ? ctx.closedAt : null,
      end,
    },
    mttd,
    mttc,
    timeToTriage,
    notifications,
    timeToNotify,
    severity: { declared: declaredSev, expected: r.severity, correct: sevCorrect },
    incidentType: { declared: ctx.triages.at(-1)?.incidentType ?? null, expected: r.incidentType.join(' or '), correct: typeCorrect },
    containment: { chosen, acceptable, harmful, effective: ctx.containedAt !== null },
    cadence: { interval, updates: updates.length, windows, windowsCovered: covered },
    evidence: { preserved, beforeChanges, firstChangeAt },
    rootCause: { declared: ctx.rootCause?.id ?? null, expected: r.rootCause, correct: rootCorrect },
    harm: { actual, doNothing: baselines.doNothing, best: baselines.best, costs: run.projectedCosts() },
    closedBy: ctx.closedBy,
  };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The figures history keeps for a finished exercise. */
export function outcomeOf(card: ScoreCard): ExerciseOutcome {
  return {
    overall: card.overall,
    mttd: card.mttd,
    mttc: card.mttc,
    timeToNotify: card.timeToNotify,
    severityCorrect: card.severity.correct,
    severity: card.severity.expected,
    dimensions: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score])),
    targetsMet: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.met])),
    harm: card.harm.actual,
    targets: { mttd: card.targets.mttd, mttc: card.targets.mttc },
    notifyMet: card.notifications.length ? card.notifications.every((n) => n.met) : null,
  };
}

/** The earliest fault start (the real start when a fault predates the exercise). */
function firstFaultStart(s: Scenario, ctx: RunContext): number {
  const starts = s.faults.map((f) => ctx.faults[f.id]?.startedAt ?? f.startsAt);
  return Math.min(...starts);
}

/** Every containment decision, in order. */
function appliedOf(ctx: RunContext): { id: string; decidedAt: number; effectiveAt: number }[] {
  return Object.values(ctx.containments)
    .flatMap((c) => c.episodes.map((e) => ({ id: c.id, decidedAt: e.decidedAt, effectiveAt: e.effectiveAt })))
    .sort((a, b) => a.decidedAt - b.decidedAt);
}
