/**
 * The score card: a pure function of scenario + seed + journal.
 *
 * It only combines: the facts come from run-facts.ts, every rule from definitions.ts, each
 * dimension's score from its scorer (score-*.ts) and each sentence from wording.ts. The card keeps
 * both the typed reasons and their wording.
 */
import { citeProfile } from '../frameworks/regulatory-profiles.ts';
import type { Audience, Dimension, IncidentType, MessageElement, Scenario } from '../scenario/schema.ts';
import { wallMinuteOfDay } from '../scenario/sim-time.ts';
import { DIMENSIONS } from '../scenario/schema.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import type { ExerciseOutcome } from '../contract/api.ts';
import { assertNever } from './reasons.ts';
import {
  cadence,
  cadenceEnd,
  judgedNotice,
  creditedEpisodes,
  detection,
  earliestFaultStart,
  judgedMttc,
  judgedTime,
  mttc,
  triage,
  type DefinitionId,
  type ObligationStatus,
} from './definitions.ts';
import { incidentTypeCorrect } from './definitions.ts';
import type { DimensionResult, Reason } from './reasons.ts';
import { runFacts, type HarmTotals, type ResponseKind, type RunFacts } from './run-facts.ts';
import { scoreDetection } from './score-detection.ts';
import { scoreTriage } from './score-triage.ts';
import { scoreContainment } from './score-containment.ts';
import { scoreInvestigation } from './score-investigation.ts';
import { scoreCommunication } from './score-communication.ts';
import { scoreDocumentation } from './score-documentation.ts';
import { dimensionText, reasonText } from './wording.ts';
import { combine, missed, timeVerdict, verdict, type DimensionVerdict, type TargetId, type TargetVerdict } from './verdict.ts';

export interface DimensionScore {
  dimension: Dimension;
  score: number;
  weight: number;
  /** Met or missed, with its reason code: every reader shows this, none re-derives it. */
  verdict: DimensionVerdict;
  /** The reasons worded as one line, citing the timeline and the definitions. */
  reason: string;
  reasons: Reason[];
  definitions: DefinitionId[];
  /** Sim times the reason refers to, for linking into the timeline. */
  refs: number[];
}

export interface NotificationResult {
  audience: Audience;
  deadline: number | null;
  sentAt: number | null;
  /** Time from the start of the deadline (detection or fault) to the message that counts. */
  elapsed: number | null;
  /** Met, missed (late or never sent), open (not yet due at the end) or not applicable. */
  verdict: TargetVerdict;
  status: ObligationStatus;
  /** Share of the audience's required elements in that message (0–1). */
  content: number;
  /** #17: the obligation's id, the elements its notice leaves out, and the overrule its content follows. */
  id: string;
  missing: MessageElement[];
  overruled: { by: string | null; role: string | null; reason: string; was: number } | null;
  reason: string;
}

export interface KeyTimes {
  faultStart: number;
  /** The first real signal (definitions: real signal). */
  firstSignal: number | null;
  detection: number | null;
  triage: number | null;
  containmentDecision: number | null;
  containment: number | null;
  recovered: number | null;
  resolution: number | null;
  end: number;
}

export interface CostFigures {
  revenueLost: number;
  userHoursWithoutService: number;
  oneOff: number;
}

export interface ScoreCard {
  scenarioId: string;
  scenarioVersion: number;
  seed: number;
  targets: { mttd: number; mttc: number; triageWithin: number };
  /** One verdict per time target (each obligation's is on its NotificationResult). */
  verdicts: Record<TargetId, TargetVerdict>;
  overall: number;
  dimensions: DimensionScore[];
  keyTimes: KeyTimes;
  mttd: number | null;
  mttc: number | null;
  /** When never contained after detection: the time from detection to the horizon (a censored MTTC). */
  mttcCensored: number | null;
  /** Per fault (definition `mttc`): contained for good, exposed again, fixed, its own MTTC. */
  faults: {
    id: string;
    startedAt: number | null;
    containedAt: number | null;
    recurredAt: number[];
    fixedAt: number | null;
    mttc: number | null;
    mttcCensored: number | null;
  }[];
  timeToTriage: number | null;
  falseAlarms: { t: number; kind: ResponseKind }[];
  notifications: NotificationResult[];
  /** Obligations not yet due when the exercise ended (carried into the improvement plan). */
  openObligations: Audience[];
  /** The earliest time to notify over the required external audiences (definitions: time to notify). */
  timeToNotify: number | null;
  timeToNotifyByAudience: Partial<Record<Audience, number | null>>;
  /** Initial triage (declared) and the triage in force at the end (final). */
  severity: { declared: number | null; final: number | null; expected: number; correct: boolean };
  incidentType: { declared: IncidentType | null; final: IncidentType | null; expected: string; correct: boolean };
  retriage: { t: number; severity: number; incidentType: IncidentType }[];
  containment: { chosen: string[]; acceptable: string[]; harmful: string[]; beforeSignal: string[]; effective: boolean };
  cadence: { interval: number | null; updates: number; largestGap: number | null; share: number };
  evidence: { preserved: string[]; beforeChanges: string[]; firstChangeAt: number | null };
  rootCause: { declared: string | null; expected: string; correct: boolean };
  harm: { actual: HarmTotals; credited: HarmTotals; doNothing: HarmTotals; best: HarmTotals; costs: CostFigures; bestCosts: CostFigures };
  closedBy: RunFacts['closedBy'];
}

const SCORERS: Record<Dimension, (s: Scenario, f: RunFacts) => DimensionResult> = {
  detection: scoreDetection,
  triage: scoreTriage,
  containment: scoreContainment,
  investigation: scoreInvestigation,
  communication: scoreCommunication,
  documentation: scoreDocumentation,
};

const costFigures = (c: RunFacts['costs']): CostFigures => ({ revenueLost: c.revenue, userHoursWithoutService: c.userHours, oneOff: c.oneOff });

/** Replays a journal to the end of the exercise and scores it. */
export function scoreRun(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>): ScoreCard {
  // Scored against the variant the run played (the replay resolves it), like scoreFinishedRun.
  const run = ExerciseRun.replay(s, seed, entries);
  run.runToEnd();
  return scoreFacts(run.scenario, runFacts(run));
}

/** Scores a run already played to the end. */
export function scoreFinishedRun(run: ExerciseRun): ScoreCard {
  return scoreFacts(run.scenario, runFacts(run));
}

export function scoreFacts(s: Scenario, f: RunFacts): ScoreCard {
  const r = s.rubric;
  const results = DIMENSIONS.map((d) => SCORERS[d](s, f));
  const dimensions: DimensionScore[] = results.map((x) => ({
    dimension: x.dimension,
    score: x.score,
    weight: r.weights[x.dimension],
    verdict: x.verdict,
    reason: dimensionText(s, x),
    reasons: x.reasons,
    definitions: x.definitions,
    refs: x.refs,
  }));
  const totalWeight = dimensions.reduce((a, d) => a + d.weight, 0) || 1;
  const overall = Math.round(dimensions.reduce((a, d) => a + d.score * d.weight, 0) / totalWeight);

  const det = detection(f);
  const tri = triage(f.triages, det);
  const m = mttc(f.harm.credited.faults, det.clockFrom, f.horizon);
  const comm = results.find((x) => x.dimension === 'communication')!;
  const obligationReasons = comm.reasons.filter((x): x is Extract<Reason, { code: 'communication.obligation' }> => x.code === 'communication.obligation');
  const notifications: NotificationResult[] = f.obligations.map((o, i) => {
    const target = s.rubric.notifications[i];
    const judged = target ? judgedNotice(target, o, f.communications, { minuteOfDay: (t) => wallMinuteOfDay(s, t), overrules: f.overrules }).judged : null;
    return {
      audience: o.audience,
      deadline: o.dueAt,
      sentAt: o.metAt,
      elapsed: o.metAt !== null && o.startsAt !== null ? o.metAt - o.startsAt : null,
      verdict: obligationVerdict(o.status, o.openAtEnd),
      status: o.status,
      content: judged?.share ?? 0,
      id: o.id,
      missing: judged?.missing ?? [],
      overruled: judged?.overruled ?? null,
      // #21: an obligation from a regulatory profile cites its article.
      reason: citeProfile(obligationReasons[i] ? reasonText(s, obligationReasons[i]) : '', o.id),
    };
  });
  const external = notifications.filter((n) => n.audience !== 'internal');
  const byAudience: Partial<Record<Audience, number | null>> = {};
  for (const n of external) if (!(n.audience in byAudience) || byAudience[n.audience] === null) byAudience[n.audience] = n.elapsed;
  const externalTimes = external.map((n) => n.elapsed).filter((x): x is number => x !== null);
  const credited = creditedEpisodes(f.containments, f.firstRealSignalAt);
  const chosen = f.containments.map((c) => c.id);
  const cad = cadence(s, f.communications, {
    awareAt: f.firstRealSignalAt,
    detectedAt: det.at,
    countFrom: f.firstRealSignalAt,
    end: cadenceEnd(s, f),
  });
  const doc = results.find((x) => x.dimension === 'documentation')!.reasons[0] as Extract<Reason, { code: 'documentation.evidence' }>;
  const fs = f.firstRealSignalAt;
  const beforeChanges = f.evidence
    .filter((e) => fs !== null && e.t >= fs && (doc.params.firstChangeAt === null || e.t <= doc.params.firstChangeAt))
    .map((e) => e.id);
  const declaredRoot = f.rootCauses[f.rootCauses.length - 1] ?? null;
  const inv = results.find((x) => x.dimension === 'investigation')!;
  const faultStart = earliestFaultStart(f) ?? Math.min(...s.faults.map((x) => x.startsAt));

  const never = det.at === null ? 'target.never_detected' : null;
  const verdicts: Record<TargetId, TargetVerdict> = {
    // The MTTD target is the detection judgement: a false alarm before the first real signal misses it.
    mttd:
      det.mttd === null
        ? missed('target.never_detected')
        : det.falseAlarms.length
          ? missed('target.false_alarm')
          : timeVerdict(judgedTime(s, 'mttd', det.at! - det.mttd, det.mttd), r.mttd, 'target.never_detected'),
    // #17: targets counted in working hours are judged on their open time (definition `working_hours`).
    mttc: timeVerdict(judgedMttc(s, m), r.mttc, never ?? 'target.never_contained'),
    timeToTriage: timeVerdict(judgedTime(s, 'triageWithin', det.clockFrom, tri.timeToTriage), r.triageWithin, never ?? 'target.never_triaged'),
    timeToNotify: combine(external.map((n) => n.verdict)),
  };

  return {
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed: f.seed,
    targets: { mttd: r.mttd, mttc: r.mttc, triageWithin: r.triageWithin },
    verdicts,
    overall,
    dimensions,
    keyTimes: {
      faultStart,
      firstSignal: fs,
      detection: det.at,
      triage: tri.initial?.t ?? null,
      containmentDecision: credited[0]?.decidedAt ?? null,
      containment: f.harm.credited.containedAt,
      // Recovered when every fault is fixed, not just the first.
      recovered:
        f.faults.every((x) => x.startedAt === null || x.fixedAt !== null) && f.faults.some((x) => x.fixedAt !== null)
          ? Math.max(...f.faults.flatMap((x) => (x.fixedAt !== null ? [x.fixedAt] : [])))
          : null,
      resolution: f.closedBy === 'resolve' ? f.end : null,
      end: f.end,
    },
    mttd: det.mttd,
    mttc: m.value,
    mttcCensored: m.censored,
    faults: f.harm.credited.faults.map((x) => {
      const pf = m.perFault.find((y) => y.id === x.id);
      return {
        id: x.id,
        startedAt: x.startedAt,
        containedAt: x.containedAt,
        recurredAt: [...x.recurredAt],
        fixedAt: f.faults.find((y) => y.id === x.id)?.fixedAt ?? null,
        mttc: pf?.value ?? null,
        mttcCensored: pf?.censored ?? null,
      };
    }),
    timeToTriage: tri.timeToTriage,
    falseAlarms: det.falseAlarms.map((x) => ({ t: x.t, kind: x.kind })),
    notifications,
    openObligations: notifications.filter((n) => n.status === 'open').map((n) => n.audience),
    timeToNotify: externalTimes.length ? Math.min(...externalTimes) : null,
    timeToNotifyByAudience: byAudience,
    severity: {
      declared: tri.initial?.severity ?? null,
      final: tri.final?.severity ?? null,
      expected: r.severity,
      correct: tri.initial?.severity === r.severity,
    },
    incidentType: {
      declared: tri.initial?.incidentType ?? null,
      final: tri.final?.incidentType ?? null,
      expected: r.incidentType.join(' or '),
      correct: tri.initial !== null && incidentTypeCorrect(r.incidentType, tri.initial.incidentType),
    },
    retriage: tri.later.map((x) => ({ ...x })),
    containment: {
      chosen,
      acceptable: chosen.filter((c) => r.acceptableContainments.includes(c)),
      harmful: chosen.filter((c) => r.harmfulContainments.includes(c)),
      beforeSignal: f.containments.filter((c) => !credited.includes(c)).map((c) => c.id),
      effective: f.harm.credited.containedAt !== null,
    },
    cadence: { interval: cad.worst?.interval ?? null, updates: cad.updates, largestGap: cad.worst ? cad.worst.to - cad.worst.from : null, share: cad.share },
    evidence: { preserved: f.evidence.map((e) => e.id), beforeChanges, firstChangeAt: doc.params.firstChangeAt },
    rootCause: { declared: declaredRoot?.id ?? null, expected: r.rootCause, correct: inv.verdict.status === 'met' },
    harm: {
      actual: f.harm.actual,
      credited: f.harm.credited.harm,
      doNothing: f.harm.doNothing,
      best: f.harm.best,
      costs: costFigures(f.costs),
      bestCosts: costFigures(f.harm.bestCosts),
    },
    closedBy: f.closedBy,
  };
}

/** The figures history keeps for a finished exercise. */
export function outcomeOf(card: ScoreCard): ExerciseOutcome {
  return {
    overall: card.overall,
    mttd: card.mttd,
    mttc: card.mttc,
    mttcCensored: card.mttcCensored,
    timeToNotify: card.timeToNotify,
    timeToNotifyByAudience: { ...card.timeToNotifyByAudience },
    severityCorrect: card.severity.correct,
    severity: card.severity.expected,
    dimensions: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score])),
    targetsMet: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.verdict.status === 'met'])),
    harm: card.harm.actual,
    targets: { mttd: card.targets.mttd, mttc: card.targets.mttc },
    notifyMet: card.notifications.some((n) => n.status !== 'open') ? card.notifications.every((n) => n.status === 'met' || n.status === 'open') : null,
    openObligations: card.openObligations.length,
    verdicts: { mttd: card.verdicts.mttd, mttc: card.verdicts.mttc, timeToNotify: card.verdicts.timeToNotify },
    dimensionVerdicts: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.verdict])),
  };
}

/** An obligation's verdict from its status at the end (definitions `notification`, `open_obligation`). */
export function obligationVerdict(status: ObligationStatus, openAtEnd = false): TargetVerdict {
  // Not yet due at the end and no dated plan: missed, and the code says why (#17.1).
  if (status === 'missed' && openAtEnd) return missed('target.no_plan');
  switch (status) {
    case 'met':
      return verdict('met', 'target.on_time');
    case 'late':
      return missed('target.late');
    case 'missed':
      return missed('target.not_sent');
    case 'open':
    case 'due':
      return verdict('open', 'target.not_yet_due');
    case 'not_applicable':
    case 'not_due':
      return verdict('not_applicable', 'target.condition_not_met');
    default:
      return assertNever(status);
  }
}
