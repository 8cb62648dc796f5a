/**
 * Every scoring definition, once: the text the README and the score card's reasons cite, and the
 * pure function that computes it from run facts.
 *
 * Scorers (score-*.ts) call these functions and never re-derive a time or a rule themselves, so a
 * definition can only change here, and the README test (test/unit/scoring/definitions.test.ts)
 * checks the README's scoring section quotes each `text` verbatim.
 */
import { INCIDENT_TYPE_PARENT, type Audience, type IncidentType, type Scenario } from '../scenario/schema.ts';
import type { CommunicationFact, ContainmentEpisode, ResponseFact, RunFacts, SignalFact, TriageFact } from './run-facts.ts';

export type DefinitionId =
  | 'real_signal'
  | 'detection'
  | 'mttd'
  | 'false_alarm'
  | 'triage'
  | 'retriage'
  | 'mttc'
  | 'containment_credit'
  | 'containment_value'
  | 'best_achievable'
  | 'costs'
  | 'notification'
  | 'message_content'
  | 'time_to_notify'
  | 'open_obligation'
  | 'cadence'
  | 'finding'
  | 'evidence';

export interface Definition {
  id: DefinitionId;
  /** The short name the card and README use ("MTTD"). */
  name: string;
  /** One or two sentences; quoted verbatim in README.md's Scoring section. */
  text: string;
}

export const DEFINITIONS: Record<DefinitionId, Definition> = {
  real_signal: {
    id: 'real_signal',
    name: 'Real signal',
    text: 'A real signal is a scenario signal that is not a red herring, arrives at or after the fault begins, and does not depend on anything the team did.',
  },
  detection: {
    id: 'detection',
    name: 'Detection',
    text: 'Detection is the first declaration, triage, containment, communication, evidence preservation or root-cause declaration at or after the first real signal; investigating or resolving is not detection.',
  },
  mttd: {
    id: 'mttd',
    name: 'MTTD',
    text: "MTTD (time to detect) runs from the fault's start (its real start, even before the exercise began) to detection.",
  },
  false_alarm: {
    id: 'false_alarm',
    name: 'False alarm',
    text: 'A false alarm is a declaration or response before the first real signal; each costs 20 detection points (at most 40) and earns nothing.',
  },
  triage: {
    id: 'triage',
    name: 'Initial triage',
    text: 'Initial triage is the first triage at or after detection; its time (40), severity (30, or 15 when one level off) and incident type (30) are scored on that same triage. Time to triage and MTTC run from detection, or from the first real signal when a false alarm came first.',
  },
  retriage: {
    id: 'retriage',
    name: 'Re-triage',
    text: 'Re-triage is any later triage: correcting to the right answer earns back part of what the initial triage missed (less when late); changing a right answer to a wrong one loses points.',
  },
  mttc: {
    id: 'mttc',
    name: 'MTTC',
    text: "MTTC (time to contain) runs from detection to the first moment every harm's growth is cut by at least 80%, counting only containments decided at or after the first real signal; a run never contained is censored at the horizon.",
  },
  containment_credit: {
    id: 'containment_credit',
    name: 'Containment credit',
    text: 'Containments and investigations decided before the first real signal are allowed but earn no credit: harm is judged on a re-simulation without them (and without any containment that needed such an investigation, which counts as no response for detection either), while their costs are paid.',
  },
  containment_value: {
    id: 'containment_value',
    name: 'Containment value',
    text: 'Containment is scored on MTTC against its target (40), harm avoided between doing nothing and the best achievable (45) and, once contained, the costs incurred against the best-achievable response costs (15), less 15 for a containment the rubric lists as harmful.',
  },
  best_achievable: {
    id: 'best_achievable',
    name: 'Best achievable',
    text: 'The best achievable is an exact re-simulation in which every available containment is applied at the first real signal, each needing a finding right after its investigation, started at the first real signal; no team can cause less harm.',
  },
  costs: {
    id: 'costs',
    name: 'Costs',
    text: 'Costs are revenue lost and user-hours without service while a containment is in effect (to the horizon, unless lifted; resolving after the root cause is fixed lifts every containment), plus one-off costs.',
  },
  notification: {
    id: 'notification',
    name: 'Notification',
    text: 'A required notification is met by the first message to its audience that has at least one element, sent at or after the first real signal and by its deadline; deadlines run from awareness (the first declaration or response, a false alarm included) or from the fault. Its content is the share of the elements that audience needs. Each notification earns 0.6 on time (0.3 late) plus up to 0.4 for content (0.2 late); notifications weigh 60 and cadence 40.',
  },
  message_content: {
    id: 'message_content',
    name: 'Message elements',
    text: 'An initial notification needs what happened, the impact and who is affected, what has been done, what the recipient should do and when the next update comes; a regulator needs the nature of the breach, the categories and approximate numbers of people and records, the likely consequences, the measures taken and a contact point. An element counts when it has at least two words; empty or element-less messages do not count.',
  },
  time_to_notify: {
    id: 'time_to_notify',
    name: 'Time to notify',
    text: 'Time to notify is measured per external audience, from the start of its deadline to the first message that counts; internal status updates are not notifications.',
  },
  open_obligation: {
    id: 'open_obligation',
    name: 'Open obligation',
    text: 'An obligation not yet due and not met when the exercise ends is open only when the team recorded a dated plan for it before the end (who sends what, by when, no later than its deadline and not already past); an open obligation earns the on-time share (0.6) without content and is carried into the improvement plan; without such a plan it counts as missed, so ending or resolving early never makes a notification free.',
  },
  cadence: {
    id: 'cadence',
    name: 'Status cadence',
    text: 'Status cadence is the largest gap between consecutive internal status updates (from awareness to the end; updates count from the first real signal), against the interval for the severity in force at the start of the gap; full marks up to the interval, none at twice it, none without any update, no credit for updates beyond the cadence.',
  },
  finding: {
    id: 'finding',
    name: 'Finding',
    text: 'A relevant finding counts only when its investigation started at or after the first real signal and completed after the fault began (an investigation reports what the world shows when it completes); a root cause counts when it is correct and declared at or after the first real signal (findings 40, root cause 60).',
  },
  evidence: {
    id: 'evidence',
    name: 'Evidence and roles',
    text: 'Evidence counts when preserved at or after the first real signal and before the first containment decided after it; a required role counts when assigned at any time during the exercise, at setup and by a participant taking it on joining included, since preparing the team before the incident is good practice (evidence 60, roles 40).',
  },
};

export { MIN_ELEMENT_WORDS, REQUIRED_ELEMENTS, elementCounts, countedElements, messageCounts } from '../engine/notice.ts';
import { REQUIRED_ELEMENTS, countedElements, elementCounts, messageCounts } from '../engine/notice.ts';
export { independentInject, isRealSignal } from '../engine/real-signal.ts';
import { isRealSignal } from '../engine/real-signal.ts';

/**
 * Definition `triage`: a declared incident type is correct when the rubric lists it, or lists the
 * parent of a subtype the team chose (harmful content is a safety incident).
 */
export function incidentTypeCorrect(expected: ReadonlyArray<IncidentType>, declared: IncidentType): boolean {
  const parent = INCIDENT_TYPE_PARENT[declared];
  return expected.includes(declared) || (parent !== undefined && expected.includes(parent));
}

/** Scoring constants, named so the wording and README can quote them. */
export const SCORING = {
  /** Detection points lost per false alarm (at most FALSE_ALARM_MAX). */
  falseAlarmPenalty: 20,
  falseAlarmMax: 40,
  /** A time score is 100 at the target and falls linearly to 0 at this multiple of it. */
  timeScoreZeroAt: 4,
  /** Share of the missed triage correctness points a re-triage earns back, on time and late. */
  retriageOnTime: 0.5,
  retriageLate: 0.25,
  /** Points lost when a re-triage turns a correct severity or type into a wrong one. */
  retriageWrong: 15,
  harmfulPenalty: 15,
  /** Share of a notification's points an open obligation with a dated plan earns (on time, no content). */
  plannedOpen: 0.6,
} as const;

export const clamp100 = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

/** 100 at or under target, falling linearly to 0 at SCORING.timeScoreZeroAt times the target. */
export function timeScore(actual: number | null, target: number): number {
  if (actual === null) return 0;
  if (actual <= target) return 100;
  return clamp100(100 * (1 - (actual - target) / ((SCORING.timeScoreZeroAt - 1) * Math.max(target, 1))));
}

/** Definition `real_signal`: shared/engine/real-signal.ts (the engine detects with the same rule). */
/** The first real signal the room saw, or null. */
export function firstRealSignal(s: Scenario, signals: ReadonlyArray<SignalFact>, faultStart: number | null): number | null {
  let best: number | null = null;
  for (const x of signals) if (isRealSignal(s, x, faultStart) && (best === null || x.t < best)) best = x.t;
  return best;
}

/** The responses that count as detection (definition `detection`). */
export const DETECTING_RESPONSES: ReadonlySet<ResponseFact['kind']> = new Set([
  'declare',
  'triage',
  'contain',
  'communicate',
  'preserve_evidence',
  'declare_root_cause',
]);

export interface DetectionResult {
  /** The moment of detection, or null. */
  at: number | null;
  /** What detected it: the response kind. */
  by: ResponseFact['kind'] | null;
  /** Definition `mttd`: from the earliest fault start to detection. */
  mttd: number | null;
  /** Responses before the first real signal (definition `false_alarm`), first one per kind. */
  falseAlarms: ResponseFact[];
  /**
   * Where the response clock (time to triage, MTTC) starts: detection, or the first real signal
   * when a false alarm came first, so a false alarm can never make the team look faster.
   */
  clockFrom: number | null;
}

/** The fault whose start MTTD is measured from: the earliest one to start. */
export function earliestFaultStart(f: Pick<RunFacts, 'faults'>): number | null {
  const starts = f.faults.map((x) => x.startedAt).filter((x): x is number => x !== null);
  return starts.length ? Math.min(...starts) : null;
}

/**
 * Awareness (definition `notification`): the first declaration or detecting response at any time,
 * a false alarm included. Deadlines and the status cadence run from it, so acting early can only
 * bring obligations forward, never push them past the end of the run. Judged by the engine.
 */
export function awareness(f: Pick<RunFacts, 'judged'>): number | null {
  return f.judged.awareAt;
}

/**
 * Definitions `detection`, `mttd` and `false_alarm`: read from the engine's judgement (RunFacts
 * `judged`, made once during the run with DETECTING_RESPONSES and the first real signal).
 */
export function detection(f: Pick<RunFacts, 'faults' | 'firstRealSignalAt' | 'judged'>): DetectionResult {
  const faultStart = earliestFaultStart(f);
  const fs = f.firstRealSignalAt;
  const { detectedAt: at, detectedBy, awareAt: aware, falseAlarms } = f.judged;
  const clockFrom = at === null || fs === null || aware === null ? null : Math.max(aware, fs);
  return { at, by: detectedBy?.kind ?? null, mttd: at === null || faultStart === null ? null : at - faultStart, falseAlarms: [...falseAlarms], clockFrom };
}

export interface TriageResult {
  initial: TriageFact | null;
  /** From detection to the initial triage. */
  timeToTriage: number | null;
  /** Triages after the initial one. */
  later: TriageFact[];
  /** The triage in force at the end. */
  final: TriageFact | null;
}

/** Definitions `triage` and `retriage`. */
export function triage(triages: ReadonlyArray<TriageFact>, d: Pick<DetectionResult, 'at' | 'clockFrom'>): TriageResult {
  const { at, clockFrom } = d;
  if (at === null || clockFrom === null) return { initial: null, timeToTriage: null, later: [], final: null };
  const after = triages.filter((x) => x.t >= at);
  const initial = after[0] ?? null;
  return { initial, timeToTriage: initial ? initial.t - clockFrom : null, later: after.slice(1), final: after[after.length - 1] ?? null };
}

/** The severity in force at `t`: the latest triage at or before it, else `fallback`. */
export function severityAt(triages: ReadonlyArray<TriageFact>, t: number, fallback: number): number {
  let sev = fallback;
  for (const x of triages) if (x.t <= t) sev = x.severity;
  return sev;
}

/** The status interval for a severity, or null when the rubric sets none. */
export function cadenceInterval(s: Scenario, severity: number): number | null {
  return s.rubric.statusCadence[String(severity) as '1' | '2' | '3' | '4'] ?? null;
}

/** Share of an audience's required elements the message has (definition `message_content`). */
export function contentShare(audience: Audience, c: Pick<CommunicationFact, 'elements'> | null): number {
  if (!c) return 0;
  const need = REQUIRED_ELEMENTS[audience];
  const have = new Set(countedElements(c));
  return need.filter((e) => have.has(e)).length / need.length;
}

/** Whether an internal message is a status update that counts for cadence (any element, or a two-word text). */
export function statusUpdateCounts(c: Pick<CommunicationFact, 'elements' | 'message'>): boolean {
  return messageCounts(c) || elementCounts(c.message);
}

export interface CadenceGap {
  from: number;
  to: number;
  /** Severity in force at `from`. */
  severity: number;
  interval: number | null;
}

export interface CadenceResult {
  updates: number;
  gaps: CadenceGap[];
  /** The gap with the largest gap/interval ratio, or null. */
  worst: CadenceGap | null;
  /** Largest gap / interval (0 when no gap has an interval). */
  ratio: number;
  /** 0–1: 1 up to the interval, 0 at twice it; 0 when there was no status update at all. */
  share: number;
  /** False when no severity in force had an interval (nothing to judge). */
  judged: boolean;
}

/**
 * Definition `cadence`, from `awareAt` to `end`; updates count from `countFrom` (the first real
 * signal) on, and only triages from detection on set the severity in force.
 */
export function cadence(
  s: Scenario,
  comms: ReadonlyArray<CommunicationFact>,
  triages: ReadonlyArray<TriageFact>,
  window: { awareAt: number | null; detectedAt: number | null; countFrom: number | null; end: number },
): CadenceResult {
  const { awareAt, detectedAt, countFrom, end } = window;
  if (awareAt === null || detectedAt === null || countFrom === null) return { updates: 0, gaps: [], worst: null, ratio: 0, share: 0, judged: true };
  const inForce = triages.filter((x) => x.t >= detectedAt);
  const times = comms
    .filter((c) => c.audience === 'internal' && c.t >= countFrom && c.t >= awareAt && c.t <= end && statusUpdateCounts(c))
    .map((c) => c.t)
    .sort((a, b) => a - b);
  const points = [awareAt, ...times, end];
  const gaps: CadenceGap[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const severity = severityAt(inForce, from, s.rubric.severity);
    gaps.push({ from, to: points[i]!, severity, interval: cadenceInterval(s, severity) });
  }
  let worst: CadenceGap | null = null;
  let ratio = 0;
  for (const g of gaps) {
    if (g.interval === null) continue;
    const r = (g.to - g.from) / g.interval;
    if (worst === null || r > ratio) {
      worst = g;
      ratio = r;
    }
  }
  const judged = gaps.some((g) => g.interval !== null);
  const share = times.length === 0 ? 0 : !judged ? 1 : Math.max(0, Math.min(1, 2 - ratio));
  return { updates: times.length, gaps, worst, ratio, share, judged };
}

export type ObligationStatus = 'not_due' | 'due' | 'met' | 'late' | 'missed' | 'not_applicable' | 'open';

/**
 * Definitions `notification` and `open_obligation`: the status of one obligation at the end.
 * Not yet due at the end and not met, it is `open` only with a dated plan (`plannedBy`) that
 * still stands (not past at the end) and keeps the deadline; without one it counts as missed, so
 * ending or resolving early never makes a notice free.
 */
export function obligationStatus(
  dueAt: number | null,
  metAt: number | null,
  end: number,
  applicable: boolean,
  plannedBy: number | null = null,
): ObligationStatus {
  if (!applicable) return 'not_applicable';
  if (dueAt === null) return 'missed';
  if (metAt !== null) return metAt <= dueAt ? 'met' : 'late';
  if (dueAt <= end) return 'missed';
  return plannedBy !== null && plannedBy >= end && plannedBy <= dueAt ? 'open' : 'missed';
}

/** Share of a notification's points an obligation earns (definition `notification`, `open_obligation`). */
export function obligationPoints(status: ObligationStatus, content: number): number {
  switch (status) {
    case 'met':
      return 0.6 + 0.4 * content;
    case 'late':
      return 0.3 + 0.2 * content;
    case 'open':
      return SCORING.plannedOpen;
    default:
      return 0;
  }
}

/** Containment episodes that earn credit (definition `containment_credit`). */
export function creditedEpisodes(episodes: ReadonlyArray<ContainmentEpisode>, firstRealSignalAt: number | null): ContainmentEpisode[] {
  return firstRealSignalAt === null ? [] : episodes.filter((e) => e.decidedAt >= firstRealSignalAt);
}

/**
 * Definition `mttc` from `clockFrom` (see DetectionResult). `censored` is the time to the horizon
 * when never contained: from detection, or from the fault's start when never detected.
 */
export function mttc(
  containedAt: number | null,
  clockFrom: number | null,
  horizon: number,
  faultStart: number | null = null,
): { value: number | null; censored: number | null } {
  if (clockFrom === null) return { value: null, censored: faultStart === null ? null : Math.max(0, horizon - faultStart) };
  if (containedAt === null) return { value: null, censored: Math.max(0, horizon - clockFrom) };
  return { value: Math.max(0, containedAt - clockFrom), censored: null };
}

/** Harm avoided as a share of what could be avoided, over the harms a team could change at all. */
export function harmShare(
  s: Scenario,
  actual: Record<string, number>,
  doNothing: Record<string, number>,
  best: Record<string, number>,
): { share: number; judgedHarms: string[] } {
  const judged = s.harm.filter((h) => (doNothing[h.id] ?? 0) - (best[h.id] ?? 0) > 1e-9);
  if (!judged.length) return { share: 0, judgedHarms: [] };
  const sum = judged.reduce(
    (a, h) => a + Math.max(0, Math.min(1, ((doNothing[h.id] ?? 0) - (actual[h.id] ?? 0)) / ((doNothing[h.id] ?? 0) - (best[h.id] ?? 0)))),
    0,
  );
  return { share: sum / judged.length, judgedHarms: judged.map((h) => h.id) };
}

export interface Costs {
  revenue: number;
  userHours: number;
  oneOff: number;
}

/**
 * Costs incurred relative to a reference (definition `containment_value`): money (revenue plus
 * one-off) and user-hours, each as a share of the reference, averaged over the kinds the
 * reference has; 0 when the reference has none.
 */
export function costShare(team: Costs, reference: Costs): number {
  const kinds: [number, number][] = [
    [team.revenue + team.oneOff, reference.revenue + reference.oneOff],
    [team.userHours, reference.userHours],
  ];
  const used = kinds.filter(([, ref]) => ref > 1e-9);
  if (!used.length) return 0;
  return used.reduce((a, [t, ref]) => a + Math.min(1, t / ref), 0) / used.length;
}
