/**
 * Every scoring definition, once: the text the README and the score card's reasons cite, and the
 * pure function that computes it from run facts.
 *
 * Scorers (score-*.ts) call these functions and never re-derive a time or a rule themselves, so a
 * definition can only change here, and the README test (test/unit/scoring/definitions.test.ts)
 * checks the README's scoring section quotes each `text` verbatim.
 */
import { INCIDENT_TYPE_PARENT, type Audience, type IncidentType, type MessageElement, type NotificationTarget, type Scenario } from '../scenario/schema.ts';
import type { FactWorld } from '../engine/run-state.ts';
import { scheduleOf } from '../engine/working-hours.ts';
import type { CommunicationFact, ContainmentEpisode, FaultFact, ResponseFact, RunFacts, SignalFact, TriageFact } from './run-facts.ts';

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
  | 'deadline_clock'
  | 'time_to_notify'
  | 'open_obligation'
  | 'cadence'
  | 'content_overrule'
  | 'finding'
  | 'evidence'
  | 'team_input'
  | 'working_hours';

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
    text: 'A real signal is a scenario signal that is not a red herring, arrives at or after the fault begins, and does not depend on anything the team did; the first real signal comes no later than in the world where nobody acts, so an action before any signal that hides or delays it does not move the clocks that run from it.',
  },
  detection: {
    id: 'detection',
    name: 'Detection',
    text: 'Detection is the first declaration, triage, containment, communication, evidence preservation or root-cause declaration at or after the first real signal; investigating, resolving or a containment the rubric lists as harmful is not detection.',
  },
  mttd: {
    id: 'mttd',
    name: 'MTTD',
    text: "MTTD (time to detect) runs from the fault's start, or from T+0 for a fault that began before the exercise (the room could not have seen it earlier), to detection.",
  },
  false_alarm: {
    id: 'false_alarm',
    name: 'False alarm',
    text: 'A false alarm is a declaration or response before the first real signal; each costs 20 detection points (at most 40) and earns nothing.',
  },
  triage: {
    id: 'triage',
    name: 'Initial triage',
    text: 'Initial triage is the first triage at or after detection; its time (40), severity (30, or 15 when one level off) and incident type (30) are scored on that same triage. Time to triage and MTTC run from the first real signal, the earliest the team could know, so declaring later never shortens them.',
  },
  retriage: {
    id: 'retriage',
    name: 'Re-triage',
    text: 'Re-triage is any later triage: correcting to the right answer earns back part of what the initial triage missed (less when late); changing a right answer to a wrong one loses points.',
  },
  mttc: {
    id: 'mttc',
    name: 'MTTC',
    text: "MTTC (time to contain) is judged per fault: from the first real signal (or the fault's start, when later) to the moment from which the fault's harm stays contained (every containable harm's growth cut by at least 80%, or the fault fixed) to the horizon, so a lift before the fix revokes containment; the exercise is contained only when every fault is, and its MTTC is the largest; only containments decided at or after the first real signal and not listed as harmful count; a run never contained is censored at the horizon.",
  },
  containment_credit: {
    id: 'containment_credit',
    name: 'Containment credit',
    text: 'Containments and investigations decided before the first real signal, and containments the rubric lists as harmful, are allowed but earn no credit: harm avoided is judged on a re-simulation without them (and without any containment that needed such an investigation, which counts as no response for detection either), while their costs are paid and any harm they created counts.',
  },
  containment_value: {
    id: 'containment_value',
    name: 'Containment value',
    text: "Containment is scored on MTTC against its target (40), harm avoided between doing nothing and the best achievable, reduced by the share of any harm a containment created (45), and, once contained, costs: full marks at or below the best response's costs, none at twice them (15); less 30 for each containment the rubric lists as harmful. It is met only when every fault is contained for good within the target, at least 80% of the avoidable harm is avoided and no harmful or early containment was used.",
  },
  best_achievable: {
    id: 'best_achievable',
    name: 'Best achievable',
    text: "The best achievable is an exact re-simulation of the rubric's best response started at the first real signal (each containment needing a finding right after its investigation), or, for a harm where that causes less, of every available containment the rubric does not list as harmful; harmful containments never count, no credited response causes less harm, and costs are judged against the best response's, its kill switches lifted once every fault is fixed (by the scenario's quickest fixes where the best response fixes nothing, when that is no dearer).",
  },
  costs: {
    id: 'costs',
    name: 'Costs',
    text: 'Costs are revenue lost and user-hours without service while a containment is in effect (to the horizon, unless lifted; resolving after the root cause is fixed lifts every containment), plus one-off costs; a containment decided at or after the first real signal and still in effect at the horizon counts, for its costs and the harm it creates, as in effect from the first real signal (plus its time to take effect), whenever it was decided, so deciding the same thing earlier never costs more.',
  },
  notification: {
    id: 'notification',
    name: 'Notification',
    text: 'A required notification is met by the first message to its audience that has at least one element, sent at or after the first real signal and the start of its own clock, and by its deadline; deadlines run from the first real signal (the earliest the team could know, so declaring earlier or later never moves them), from the fault or from an event the scenario names. Its content is the share of the elements that audience needs, in the best message to it from the one that met it to its deadline (to the end of the exercise when late). Each notification earns 0.6 on time (0.3 late) plus up to 0.4 for content (0.2 late); notifications weigh 60 and cadence 40.',
  },
  deadline_clock: {
    id: 'deadline_clock',
    name: 'Deadline clock',
    text: "A deadline counts calendar time unless its obligation says otherwise: business hours and business days count only the scenario's working hours (by default Monday to Friday, 09:00 to 17:00, closed on its public holidays), and days by the EU rule (Regulation 1182/71) start the next day and end at the end of the last one, rolled past a weekend or public holiday; hours and day boundaries are read on the scenario's wall clock, or in the time zone the obligation (a regulator abroad) or else the working hours name, daylight saving included, so one deadline may fall at different instants for two audiences.",
  },
  message_content: {
    id: 'message_content',
    name: 'Message elements',
    text: "An initial notification needs what happened, the impact and who is affected, what has been done, what the recipient should do and when the next update comes; a regulator needs the nature of the breach, the categories and approximate numbers of people and records, the likely consequences, the measures taken and a contact point; an obligation that lists its own elements needs those. An element counts when it has at least two words and states each fact the scenario says that audience must be told in it (one of its phrases, a number within its tolerance, a time of day within its tolerance); a notice that makes a statement the scenario marks as false earns no content; each fact is judged against the world's state when the notice was sent (a fact may hold only in a given state or time window, and its number or time may be a harm's total or an event's time at that moment), so telling a customer their data cannot be recovered while it still can is false; empty or element-less messages do not count.",
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
  content_overrule: {
    id: 'content_overrule',
    name: 'Content overrule',
    text: "The facilitator or an evaluator may overrule a notice's content judgement, raising or lowering it as a whole or element by element, with a reason; the overrule is journaled with who made it, the latest for an obligation replaces the automatic judgement (a false statement's void is lifted only by a whole overrule), and the reason text says it was overruled, by whom and why.",
  },
  cadence: {
    id: 'cadence',
    name: 'Status cadence',
    text: "Status cadence is the largest gap between consecutive internal status updates from the first real signal to the end of its window, whenever the exercise ended: the window lasts as long as from the first real signal to the moment every fault was contained for good (the horizon if never, and at least two intervals of the incident's real severity), counted from the team's detection, so its end moves with the team and doing the same things earlier never leaves a longer silence before it; updates count from the first real signal; each gap is judged against the interval of the incident's real severity, whatever severity the team declared (declaring it is judged in triage); full marks up to the interval, none at twice it, none without any update, no credit for updates beyond the cadence.",
  },
  finding: {
    id: 'finding',
    name: 'Finding',
    text: 'A relevant finding counts only when its investigation started at or after the first real signal and completed after the fault began (an investigation reports what the world shows when it completes), and only for a fault of the variant played; a root cause counts when it is correct and declared at or after the first real signal (where the rubric names several, each declared counts for its share), less 20 for each different wrong root cause declared (findings 40, root cause 60).',
  },
  evidence: {
    id: 'evidence',
    name: 'Evidence and roles',
    text: 'Evidence counts when preserved at or after the first real signal and before the first containment (decided at any time: an early one changes the system too), or, for an item the scenario says must be kept before given changes, before the first of those; a required role counts when assigned at any time during the exercise, at setup and by a participant taking it on joining included, since preparing the team before the incident is good practice, and one person counts for one role only (evidence 60, roles 40).',
  },
  working_hours: {
    id: 'working_hours',
    name: 'Working hours',
    text: "A target the scenario counts in working hours (rubric.inWorkingHours: MTTD, time to triage or MTTC) is judged on the open time of the scenario's working hours (clock.workingHours, by default Monday to Friday 09:00 to 17:00, closed on clock.holidays; the same hours business-time deadlines count) between the moments that time runs from and to, while the time itself is still reported as elapsed time so sessions compare.",
  },
  team_input: {
    id: 'team_input',
    name: 'Team input',
    text: "An input is the team's when a participant, the solo trainee or an actions file took it, or when the facilitator entered it for a named participant (a role assignment is entered for the person it names); a team action the facilitator takes in their own name is journaled and shown but changes nothing and scores nothing, and the incident commander and the communications lead have one holder each, so a second person taking one is refused.",
  },
};

export { MIN_ELEMENT_WORDS, REQUIRED_ELEMENTS, elementCounts, countedElements, messageCounts } from '../engine/notice.ts';
import { REQUIRED_ELEMENTS, countedElements, elementCounts, factDependsOnWorld, messageCounts } from '../engine/notice.ts';
export { independentInject, isRealSignal } from '../engine/real-signal.ts';
import { faultsShown, isRealSignal } from '../engine/real-signal.ts';

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
  /** Containment points lost per distinct containment the rubric lists as harmful (#17.6: not a flat 15 once). */
  harmfulPenalty: 30,
  /** Share of a notification's points an open obligation with a dated plan earns (on time, no content). */
  plannedOpen: 0.6,
  /** Containment is met only with at least this share of the avoidable harm avoided. */
  containedHarmShare: 0.8,
  /** Root-cause points lost per different wrong root cause declared. */
  wrongRootCause: 20,
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
export function firstRealSignal(
  s: Scenario,
  signals: ReadonlyArray<SignalFact>,
  faultStart: number | null,
  faultStarts?: Readonly<Record<string, number | null>>,
): number | null {
  let best: number | null = null;
  for (const x of signals) if (isRealSignal(s, x, faultStart, faultStarts) && (best === null || x.t < best)) best = x.t;
  return best;
}

/**
 * Each fault's first real signal (definition `mttc`: a fault's clock starts there): a real signal
 * that shows it, or any real signal when the scenario says none shows which fault.
 */
export function firstSignalByFault(
  s: Scenario,
  signals: ReadonlyArray<SignalFact>,
  faults: ReadonlyArray<Pick<FaultFact, 'id' | 'startedAt'>>,
): Record<string, number | null> {
  const starts = Object.fromEntries(faults.map((f) => [f.id, f.startedAt]));
  const earliest = earliestFaultStart({ faults: faults as FaultFact[] });
  const out: Record<string, number | null> = Object.fromEntries(faults.map((f) => [f.id, null]));
  for (const x of signals) {
    if (!isRealSignal(s, x, earliest, starts)) continue;
    const shown = faultsShown(s, x.id) ?? faults.map((f) => f.id);
    for (const id of shown) {
      const start = starts[id];
      if (start === null || start === undefined || x.t < start) continue;
      if (out[id] === null || out[id] === undefined || x.t < out[id]!) out[id] = x.t;
    }
  }
  return out;
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
   * Where the response clock (time to triage, MTTC) starts once detected: the first real signal,
   * the earliest the team could know, so declaring later never shortens either.
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
  const { detectedAt: at, detectedBy, falseAlarms } = f.judged;
  // The response clock runs from the first real signal, never from a moment the team chose; MTTD
  // never runs from before T+0 (the room could not have seen a fault that began earlier).
  const clockFrom = at === null || fs === null ? null : fs;
  return {
    at,
    by: detectedBy?.kind ?? null,
    mttd: at === null || faultStart === null ? null : at - Math.max(0, faultStart),
    falseAlarms: [...falseAlarms],
    clockFrom,
  };
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

/**
 * Where the status cadence is judged to (definition `cadence`): the incident's length (the first
 * real signal to the moment every fault was contained for good, the horizon if never, and at least
 * two intervals of the real severity), counted from the team's detection instead of the first real
 * signal, whenever the exercise ended. Resolving early does not end the incident nor the updates
 * owed, and resolving late after containment does not add a silent gap, so when the exercise ends
 * never changes the cadence (#17: ending earlier never raises a score).
 *
 * Counted from detection, the window's end moves with the team: a team doing the same things
 * earlier detects that much earlier, and its containment never comes later, so the window ends at
 * least that much earlier and the silence after its last update never grows. Ended at a moment
 * fixed in the world (a floor from the first real signal, the horizon, a containment held back by
 * a fault that starts later), the same updates sent earlier left a longer silence before that fixed
 * end and scored lower (#17 random-seed counterexample on missing-contract-clause, seed 79059198).
 * The price: a team that detected late may owe updates past the horizon, by its delay.
 */
export function cadenceEnd(s: Scenario, f: Pick<RunFacts, 'horizon' | 'harm' | 'firstRealSignalAt' | 'judged'>): number {
  const c = f.harm.credited.containedAt ?? f.horizon;
  const fs = f.firstRealSignalAt;
  // At least two intervals of the real severity: one update is not a cadence, and containing
  // quickly never lowers the cadence either.
  const first = cadenceInterval(s, s.rubric.severity);
  const floor = fs !== null && first !== null ? fs + 2 * first : 0;
  const fromSignal = Math.min(f.horizon, Math.max(c, floor));
  const late = fs !== null && f.judged.detectedAt !== null ? Math.max(0, f.judged.detectedAt - fs) : 0;
  return fromSignal + late;
}

/** The status interval for a severity, or null when the rubric sets none. */
export function cadenceInterval(s: Scenario, severity: number): number | null {
  return s.rubric.statusCadence[String(severity) as '1' | '2' | '3' | '4'] ?? null;
}

export interface ContentJudgement {
  /** Share of the obligation's required elements the message has (0–1; 0 with a false statement). */
  share: number;
  missing: MessageElement[];
  /** The first false statement the scenario lists that the message makes, or null. */
  falseStatement: string | null;
  /** #17: the facilitator's or an evaluator's overrule this judgement follows (definition `content_overrule`), or null. */
  overruled?: { by: string | null; role: string | null; reason: string; was: number } | null;
}

/** How to read the notice's moment: the sim time → minutes since midnight on the scenario's wall clock. */
export interface ContentEnv {
  /** The world's state when the notice was sent, one entry per fact (run-state.ts `FactWorld`). */
  world?: ReadonlyArray<FactWorld> | undefined;
  minuteOfDay?: (t: number) => number;
}

const numbersIn = (text: string) => (text.replace(/(\d),(?=\d{3})/g, '$1').match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** Times of day a text states ("03:47", "3.47 pm", "15h47"), as minutes since midnight. */
export function timesIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{1,2})[:.h](\d{2})\b\s*([ap])?\.?m?\b/gi)) {
    let h = Number(m[1]);
    const min = Number(m[2]);
    if (h > 23 || min > 59) continue;
    const ap = m[3]?.toLowerCase();
    if (ap === 'p' && h < 12) h += 12;
    if (ap === 'a' && h === 12) h = 0;
    out.push(h * 60 + min);
  }
  return out;
}

/**
 * Definition `message_content`: the obligation's required elements (its own, else its
 * audience's) that the message states: at least two words, and each fact the scenario lists for
 * that element (one of its phrases, a number within its tolerance, a time of day within its
 * tolerance). A false statement the scenario lists, in any element or the message, voids the
 * content. A fact tied to the world's state (#17) holds only when it held when the notice was
 * sent, and its number or time is the world's then (`env.world`, recorded by the engine).
 */
export function judgeContent(
  target: Pick<NotificationTarget, 'audience' | 'elements' | 'facts'>,
  c: Pick<CommunicationFact, 'elements' | 'message'> | null,
  env: ContentEnv = {},
): ContentJudgement {
  const need = target.elements?.length ? target.elements : REQUIRED_ELEMENTS[target.audience];
  if (!c) return { share: 0, missing: [...need], falseStatement: null };
  const facts = (target.facts ?? []).flatMap((f, i) => {
    const w = env.world?.[i];
    if (!factDependsOnWorld(f)) return [{ f, w }];
    return w?.inForce ? [{ f, w }] : [];
  });
  const all = [c.message, ...Object.values(c.elements)].join('\n').toLowerCase();
  for (const { f: fact } of facts)
    for (const f of fact.falseIf ?? []) if (all.includes(f.toLowerCase())) return { share: 0, missing: [...need], falseStatement: f };
  const have = new Set(countedElements(c));
  const states = (e: MessageElement) => {
    if (!have.has(e)) return false;
    const text = (c.elements[e] ?? '').toLowerCase();
    return facts
      .filter(({ f }) => f.element === e)
      .every(({ f, w }) => {
        if (f.mentions && !f.mentions.some((m) => text.includes(m.toLowerCase()))) return false;
        if (f.number) {
          const value = f.number.harm !== undefined ? (w?.number ?? 0) : (f.number.value ?? 0);
          const tol = Math.max(f.number.tolerance, (f.number.relativeTolerance ?? 0) * Math.abs(value));
          if (!numbersIn(text).some((x) => Math.abs(x - value) <= tol + 1e-9)) return false;
        }
        if (f.time) {
          if (w?.time === undefined || !env.minuteOfDay) return false;
          const want = env.minuteOfDay(w.time);
          const tol = f.time.tolerance / 60_000;
          if (!timesIn(text).some((x) => Math.min(Math.abs(x - want), 1440 - Math.abs(x - want)) <= tol)) return false;
        }
        return true;
      });
  };
  const missing = need.filter((e) => !states(e));
  return { share: (need.length - missing.length) / need.length, missing, falseStatement: null };
}

/** A content overrule as scoring reads it (from the journal's OVERRULE_CONTENT entries). */
export interface ContentOverrule {
  obligationId: string;
  seq: number;
  t: number;
  /** The whole notice's content share (0–1), when overruled as a whole. */
  share?: number | undefined;
  /** Element → whether it counts, when overruled per element. */
  elements?: Partial<Record<MessageElement, boolean>> | undefined;
  reason: string;
  by: string | null;
  role: string | null;
}

/**
 * Definition `content_overrule`: the latest overrule of an obligation's content replaces the
 * automatic judgement, as a whole (its share) or per element (a false statement's void is lifted
 * only by a whole overrule); the judgement keeps what it was and why it changed.
 */
export function applyOverrule(
  target: Pick<NotificationTarget, 'audience' | 'elements'>,
  auto: ContentJudgement,
  o: ContentOverrule | undefined,
): ContentJudgement {
  if (!o) return auto;
  const need = target.elements?.length ? target.elements : REQUIRED_ELEMENTS[target.audience];
  const overruled = { by: o.by, role: o.role, reason: o.reason, was: auto.share };
  if (o.share !== undefined)
    return { share: o.share, missing: o.share >= 1 ? [] : auto.missing, falseStatement: o.share > 0 ? null : auto.falseStatement, overruled };
  const marks = o.elements ?? {};
  const missing = need.filter((e) => (marks[e] === undefined ? auto.missing.includes(e) : !marks[e]));
  const share = auto.falseStatement !== null ? 0 : (need.length - missing.length) / need.length;
  return { share, missing, falseStatement: auto.falseStatement, overruled };
}

/**
 * The notice an obligation's content is judged on (definition `notification`): the best of the
 * messages to its audience from the one that met it to its deadline (to the end when late), so
 * a partial notice followed by a complete one in time is judged on the complete one, and removing
 * an element from any message never raises the content (#17 property counterexample). Each is
 * judged against the world's state when it was sent; an overrule (definition `content_overrule`)
 * then replaces the judgement.
 */
export function judgedNotice<C extends Pick<CommunicationFact, 'elements' | 'message' | 'audience' | 't' | 'seq' | 'world'>>(
  target: Pick<NotificationTarget, 'audience' | 'elements' | 'facts'>,
  o: { id?: string; metSeq: number | null; metAt: number | null; dueAt: number | null; status: string },
  comms: ReadonlyArray<C>,
  env: { minuteOfDay?: (t: number) => number; overrules?: ReadonlyArray<ContentOverrule> } = {},
): { msg: C | null; judged: ContentJudgement } {
  const judge = (c: C | null) =>
    judgeContent(target, c, { world: o.id !== undefined ? c?.world?.[o.id] : undefined, ...(env.minuteOfDay ? { minuteOfDay: env.minuteOfDay } : {}) });
  const first = o.metSeq === null ? null : (comms.find((c) => c.seq === o.metSeq) ?? null);
  let best = { msg: first, judged: judge(first) };
  // Late, every later message counts too: judging the late one alone made removing its elements
  // pay, since the fuller message after it then met the obligation (#17 property counterexample).
  const until = o.status === 'met' && o.dueAt !== null ? o.dueAt : o.status === 'late' ? Infinity : null;
  if (first && until !== null)
    for (const c of comms) {
      if (c.audience !== first.audience || c.seq === first.seq || c.t < first.t || c.t > until) continue;
      const j = judge(c);
      if (j.share > best.judged.share) best = { msg: c, judged: j };
    }
  const overrule = first ? env.overrules?.filter((x) => x.obligationId === o.id).at(-1) : undefined;
  return { msg: best.msg, judged: applyOverrule(target, best.judged, overrule) };
}

/** Share of an audience's required elements the message has (definition `message_content`), without scenario facts. */
export function contentShare(audience: Audience, c: Pick<CommunicationFact, 'elements'> | null): number {
  return judgeContent({ audience }, c ? { elements: c.elements, message: '' } : null).share;
}

/** Whether an internal message is a status update that counts for cadence (any element, or a two-word text). */
export function statusUpdateCounts(c: Pick<CommunicationFact, 'elements' | 'message'>): boolean {
  return messageCounts(c) || elementCounts(c.message);
}

export interface CadenceGap {
  from: number;
  to: number;
  /** The incident's real severity, whose interval the gap is judged against. */
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
  window: { awareAt: number | null; detectedAt: number | null; countFrom: number | null; end: number },
): CadenceResult {
  const { awareAt, detectedAt, countFrom, end } = window;
  if (awareAt === null || detectedAt === null || countFrom === null) return { updates: 0, gaps: [], worst: null, ratio: 0, share: 0, judged: true };
  const times = comms
    .filter((c) => c.audience === 'internal' && c.t >= countFrom && c.t >= awareAt && c.t <= end && statusUpdateCounts(c))
    .map((c) => c.t)
    .sort((a, b) => a - b);
  const points = [awareAt, ...times, end];
  const gaps: CadenceGap[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    // The incident's real severity, never the declared one: downgrading is not free and
    // over-declaring costs triage points only (a cadence owed for a severity the incident does not
    // have would make downgrading a wrong Severity 1 pay, #17 property).
    const severity = s.rubric.severity;
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

export interface FaultMttc {
  id: string;
  /** Where this fault's clock starts: the response clock, or the fault's own first real signal (else its start) when later. */
  from: number;
  containedAt: number | null;
  value: number | null;
  /** Time from `from` to the horizon when never contained for good. */
  censored: number | null;
  recurredAt: number[];
}

/**
 * Definition `mttc`, per fault and for the exercise, from `clockFrom` (the first real signal, see
 * DetectionResult): each fault's runs from the later of the clock and its own start to the moment
 * it is contained for good; the exercise's is the largest, and it is contained only when every
 * fault begun by the horizon is. `censored` is the time to the horizon when never contained: from
 * the clock, or from the fault's start (never before T+0) when never detected.
 */
export function mttc(
  faults: ReadonlyArray<Pick<FaultFact, 'id' | 'startedAt' | 'containedAt' | 'recurredAt' | 'firstSignalAt'>>,
  clockFrom: number | null,
  horizon: number,
): { value: number | null; censored: number | null; perFault: FaultMttc[] } {
  const begun = faults.filter((f) => f.startedAt !== null);
  if (clockFrom === null) {
    const start = begun.length ? Math.max(0, Math.min(...begun.map((f) => f.startedAt!))) : null;
    return { value: null, censored: start === null ? null : Math.max(0, horizon - start), perFault: [] };
  }
  const perFault = begun.map((f): FaultMttc => {
    const from = Math.max(clockFrom, f.firstSignalAt ?? f.startedAt!);
    const value = f.containedAt === null ? null : Math.max(0, f.containedAt - from);
    return { id: f.id, from, containedAt: f.containedAt, value, censored: value === null ? Math.max(0, horizon - from) : null, recurredAt: [...f.recurredAt] };
  });
  if (perFault.length === 0) return { value: null, censored: Math.max(0, horizon - clockFrom), perFault };
  const contained = perFault.every((x) => x.value !== null);
  return {
    value: contained ? Math.max(...perFault.map((x) => x.value!)) : null,
    censored: contained ? null : Math.max(0, horizon - clockFrom),
    perFault,
  };
}

// --- #17 working hours ---
type WorkingHoursTarget = Scenario['rubric']['inWorkingHours'][number];

/** Whether the scenario counts this target in working hours (definition `working_hours`). */
export const countsWorkingHours = (s: Scenario, target: WorkingHoursTarget): boolean => s.rubric.inWorkingHours.includes(target);

/**
 * Definition `working_hours`: the time a target is judged on, for a time that ran from `from` for
 * `elapsed`: the elapsed time itself, or the open time of clock.workingHours in it when the
 * scenario counts this target in working hours.
 */
export function judgedTime(s: Scenario, target: WorkingHoursTarget, from: number | null, elapsed: number | null): number | null {
  if (elapsed === null || from === null || !countsWorkingHours(s, target)) return elapsed;
  return scheduleOf(s).openBetween(from, from + elapsed);
}

/** Definition `working_hours` for MTTC: the largest of the faults' MTTCs, each judged from its own start. */
export function judgedMttc(s: Scenario, m: ReturnType<typeof mttc>): number | null {
  if (m.value === null || !countsWorkingHours(s, 'mttc')) return m.value;
  return Math.max(...m.perFault.map((x) => judgedTime(s, 'mttc', x.from, x.value) ?? 0));
}
// --- end #17 working hours ---

/**
 * Definition `containment_value`: harm avoided as a share of what could be avoided, averaged over
 * the harms a team could change at all, then reduced by each harm a containment created, as a
 * share of the most that harm could be (`worstCreated`): harm is harm, whoever causes it.
 */
export function harmShare(
  s: Scenario,
  actual: Record<string, number>,
  doNothing: Record<string, number>,
  best: Record<string, number>,
  worstCreated: Record<string, number> = {},
): { share: number; judgedHarms: string[]; created: { harmId: string; amount: number; worst: number }[] } {
  const judged = s.harm.filter((h) => h.source !== 'action' && (doNothing[h.id] ?? 0) - (best[h.id] ?? 0) > 1e-9);
  const created = s.harm
    .filter((h) => h.source === 'action' && (actual[h.id] ?? 0) > 1e-9)
    .map((h) => ({ harmId: h.id, amount: actual[h.id] ?? 0, worst: Math.max(worstCreated[h.id] ?? 0, actual[h.id] ?? 0) }));
  if (!judged.length) return { share: 0, judgedHarms: [], created };
  const sum = judged.reduce(
    (a, h) => a + Math.max(0, Math.min(1, ((doNothing[h.id] ?? 0) - (actual[h.id] ?? 0)) / ((doNothing[h.id] ?? 0) - (best[h.id] ?? 0)))),
    0,
  );
  const kept = created.reduce((a, c) => a * (1 - c.amount / c.worst), 1);
  return { share: (sum / judged.length) * kept, judgedHarms: judged.map((h) => h.id), created };
}

export interface Costs {
  revenue: number;
  userHours: number;
  oneOff: number;
}

/** A stretch of time a containment counts as in effect for costs and the harm it creates. */
export interface ChargedSpan {
  containmentId: string;
  from: number;
  to: number;
}

/**
 * Definition `costs`: when each containment counts as in effect for its hourly costs and the harm
 * it creates. A containment whose last credited episode (decided at or after the first real signal)
 * is still in effect at the horizon counts from the first real signal plus its time to take effect
 * to the horizon, whenever the team decided it: charged by its real start instead, the same
 * containment kept on decided earlier would cost more and lower the score (#17 property
 * counterexamples: missing-contract-clause, fraud-false-declines). Other episodes count as they ran.
 */
export function chargedSpans(
  episodes: ReadonlyArray<Pick<ContainmentEpisode, 'id' | 'decidedAt' | 'effectiveAt' | 'liftedAt'>>,
  firstRealSignalAt: number | null,
  horizon: number,
): ChargedSpan[] {
  const credited = (e: Pick<ContainmentEpisode, 'decidedAt'>) => firstRealSignalAt !== null && e.decidedAt >= firstRealSignalAt;
  const kept = new Map<string, number>();
  for (const e of episodes) {
    if (!credited(e)) continue;
    if (e.liftedAt === null) kept.set(e.id, e.effectiveAt - e.decidedAt);
    else kept.delete(e.id);
  }
  const out: ChargedSpan[] = [];
  for (const e of episodes) {
    if (credited(e) && kept.has(e.id)) continue;
    out.push({ containmentId: e.id, from: e.effectiveAt, to: Math.min(horizon, e.liftedAt ?? horizon) });
  }
  for (const [id, delay] of kept) out.push({ containmentId: id, from: Math.min(horizon, firstRealSignalAt! + delay), to: horizon });
  return out.filter((x) => x.to > x.from);
}

/**
 * Costs over a reference (definition `containment_value`): for money (revenue plus one-off) and
 * user-hours, how far the team's costs exceed the reference's, as a share of it (0 at or below
 * it, 1 at twice it or more; any cost of a kind the reference does not have at all counts as 1),
 * averaged over the kinds either has. A response cheaper than the best one gains nothing on
 * costs, so it cannot buy back harm.
 */
export function costShare(team: Costs, reference: Costs): number {
  const kinds: [number, number][] = [
    [team.revenue + team.oneOff, reference.revenue + reference.oneOff],
    [team.userHours, reference.userHours],
  ];
  const used = kinds.filter(([t, ref]) => ref > 1e-9 || t > 1e-9);
  if (!used.length) return 0;
  return used.reduce((a, [t, ref]) => a + (ref > 1e-9 ? Math.max(0, Math.min(1, t / ref - 1)) : 1), 0) / used.length;
}
