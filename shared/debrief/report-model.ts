/**
 * The After-Action Report / Improvement Plan as data: everything the Markdown, CSV, JSON and HTML
 * writers (and the debrief screen) show, computed once from scenario + journal + debrief edits.
 *
 * Structure follows the HSEEP after-action report: exercise overview, summary, analysis by
 * capability (strengths, areas for improvement, observations citing the timeline), then the
 * improvement plan. Firebreak adds the engine's key-time metrics, harm figures, exact what-ifs and
 * the facilitator's score adjustments side by side with the engine's score.
 */
import '../i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import { frameworkMapping, hasFrameworkTags, type FrameworkMapping } from '../frameworks/mapping.ts';
import { timelineText } from '../wording/timeline.ts';
import type { Dimension, Role, Scenario } from '../scenario/schema.ts';
import { DIMENSIONS } from '../scenario/schema.ts';
import { wallTime } from '../scenario/sim-time.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import { whoPlayed } from '../engine/participation.ts';
import type { JournalHeader } from '../engine/journal.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import type { RunContext, TimelineKind } from '../engine/run-state.ts';
import type { TimelineEvent } from '../engine/timeline-events.ts';
import { scoreFinishedRun, type ScoreCard } from '../scoring/score-card.ts';
import type { ActionItem, DebriefEdits, ExerciseMeta } from '../contract/api.ts';
import { keyTimes, type KeyTimesModel } from './key-times.ts';
import { harmCurve, type HarmCurve } from './harm-curve.ts';
import { biggestLever, whatIfs, type WhatIfAnalysis } from './what-if.ts';
import { capabilities, exerciseDate, strengthsAndAreas, suggestedPlan } from './strengths.ts';
import { audienceNoun, harmAmount, harmNoun, harmNumber, moment, money, whole } from './phrasing.ts';
import { EN, wordsFor, type Locale, type Words } from '../i18n/words.ts';
import { capabilityLabel, roleInline } from '../i18n/labels.ts';
import { dimensionText } from '../scoring/wording.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';

export const REPORT_TITLE = EN.t('report.title');

export interface ReportInput {
  scenario: Scenario;
  header: JournalHeader;
  entries: ReadonlyArray<JournalEntry>;
  /** The stored exercise's metadata (team, participants, date); absent for a bare journal. */
  meta?: ExerciseMeta | null;
  debrief?: DebriefEdits | null;
  /** Journal warnings (a torn last line), repeated in the report. */
  warnings?: ReadonlyArray<string>;
  /** The report's language (English unless told); a code, so the input crosses to a worker. */
  locale?: Locale;
}

export interface TimelineRow {
  /** Anchor for links from the score card: "tl-12" or "obs-<id>". */
  id: string;
  t: number | null;
  offset: string;
  wall: string;
  kind: TimelineKind | 'observation';
  text: string;
  visibility: 'room' | 'facilitator';
  seq?: number;
  /** The engine event's code ("evidence.preserved"), so a score reason links to its own entry. */
  code?: TimelineEvent['code'];
}

export interface ScoreRow {
  dimension: Dimension;
  capability: string;
  weight: number;
  engine: number;
  delta: number;
  adjusted: number;
  met: boolean;
  reason: string;
  /** The facilitator's written reasons for the delta. */
  adjustmentReasons: string[];
  refs: number[];
  /** Timeline rows the reason cites. */
  refIds: string[];
}

export interface Observation {
  text: string;
  t: number | null;
  /** "T+7h5m (Mon 09 Mar 15:05)" */
  when: string;
  /** Timeline row id it points at. */
  ref: string | null;
  source: 'engine' | 'facilitator';
}

export interface CapabilityAnalysis {
  dimension: Dimension;
  capability: string;
  met: boolean;
  engine: number;
  adjusted: number;
  strengths: string[];
  areas: string[];
  observations: Observation[];
}

/** One person and one role they held, as the journal records it (shared/engine/participation.ts). */
export interface Participant {
  name: string;
  /** A role assigned to them, or the room role they acted in; null when neither. */
  role: Role | string | null;
  /** Sim time the role was assigned in the run, when it was. */
  assignedAt: number | null;
  /** Team actions this person took (or the facilitator entered for them). */
  actions: number;
}

export interface HarmRow {
  id: string;
  label: string;
  unit: string;
  actual: number;
  doNothing: number;
  best: number;
  /** Formatted figures for tables. */
  actualText: string;
  doNothingText: string;
  bestText: string;
}

export interface ReportModel {
  /** The language every sentence of the model is in; writers word their headings in it too. */
  locale: Locale;
  title: string;
  overview: {
    exerciseName: string;
    exerciseId: string;
    date: string;
    team: string | null;
    mode: 'facilitated' | 'solo' | null;
    scenario: { id: string; version: number; title: string; summary: string; difficulty: string; client: string; system: string };
    seed: number;
    participants: Participant[];
    objectives: string[];
    sources: { title: string; url?: string }[];
    ended: string;
    simDuration: string;
  };
  summary: string[];
  scores: { engineOverall: number; adjustedOverall: number; adjusted: boolean; rows: ScoreRow[] };
  analysis: CapabilityAnalysis[];
  observations: Observation[];
  keyTimes: KeyTimesModel;
  harm: { rows: HarmRow[]; curve: HarmCurve; costs: { revenueLost: number; userHoursWithoutService: number }; currency: string };
  whatIf: WhatIfAnalysis;
  timeline: TimelineRow[];
  plan: { items: ActionItem[]; suggested: boolean };
  card: ScoreCard;
  warnings: string[];
  /** #21: the "Framework mapping" appendix; null when the scenario carries no framework tags. */
  frameworkMapping: FrameworkMapping | null;
}

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

/** Replays the journal to the end and builds the report. */
export function buildReportModel(input: ReportInput): ReportModel {
  const run = ExerciseRun.replay(input.scenario, input.header.seed, input.entries);
  run.runToEnd();
  return buildReportModelFromRun(input, run);
}

/** Builds the report from a run already replayed to the end (the debrief screen has one). */
export function buildReportModelFromRun(input: ReportInput, run: ExerciseRun, card: ScoreCard = scoreFinishedRun(run)): ReportModel {
  const s = input.scenario;
  const w = input.locale ? wordsFor(input.locale) : EN;
  const ctx = run.context;
  const debrief = input.debrief ?? { actionItems: [], observations: [], adjustments: [] };
  const date = exerciseDate(input.meta?.createdAt ?? input.header.createdAt, s);
  const warnings = [...(input.warnings ?? [])];

  const timeline = timelineRows(s, ctx, debrief, w);
  const rows = scoreRows(card, debrief, timeline, s, w);
  for (const a of debrief.adjustments)
    if (!(DIMENSIONS as ReadonlyArray<string>).includes(a.dimension)) warnings.push(w.t('report.unknownAdjustment', { dimension: a.dimension }));
  const adjustedOverall = weightedOverall(rows);

  const observations = debrief.observations.map((o): Observation => ({
    text: o.text,
    t: o.t,
    when: o.t === null ? '' : w.t('time.cite', { offset: w.offset(o.t), wall: wallTime(s, o.t, w) }),
    ref: `obs-${o.id}`,
    source: 'facilitator',
  }));
  const sa = strengthsAndAreas(s, card, w);
  const analysis: CapabilityAnalysis[] = rows.map((r) => ({
    dimension: r.dimension,
    capability: r.capability,
    met: r.met,
    engine: r.engine,
    adjusted: r.adjusted,
    strengths: sa.strengths.filter((f) => f.dimension === r.dimension).map((f) => f.reason),
    areas: sa.areas.filter((f) => f.dimension === r.dimension).map((f) => f.reason),
    observations: [
      ...r.refIds.map((id): Observation => {
        const row = timeline.find((x) => x.id === id)!;
        return { text: row.text, t: row.t, when: row.t === null ? '' : w.t('time.cite', { offset: row.offset, wall: row.wall }), ref: id, source: 'engine' };
      }),
      ...observations.filter((o) => observationDimension(o.text, w) === r.dimension),
    ],
  }));

  const suggested = debrief.actionItems.length === 0;
  const harmRows: HarmRow[] = s.harm.map((h) => {
    const actual = card.harm.actual[h.id] ?? 0;
    const doNothing = card.harm.doNothing[h.id] ?? 0;
    const best = card.harm.best[h.id] ?? 0;
    return {
      id: h.id,
      label: h.label,
      unit: h.unit,
      actual,
      doNothing,
      best,
      actualText: harmAmount(s, h, actual, w),
      doNothingText: harmAmount(s, h, doNothing, w),
      bestText: harmAmount(s, h, best, w),
    };
  });
  const whatIf = whatIfs(s, run.seed, input.entries, card, w);
  const kt = keyTimes(s, card, ctx, w);
  const meta = input.meta ?? null;
  const model: ReportModel = {
    locale: w.locale,
    title: w.t('report.title'),
    overview: {
      exerciseName: meta ? w.t('report.exerciseName', { title: s.title, team: meta.team }) : s.title,
      exerciseId: input.header.exerciseId,
      date,
      team: meta?.team ?? null,
      mode: meta?.mode ?? null,
      scenario: { id: s.id, version: s.version, title: s.title, summary: s.summary, difficulty: s.difficulty, client: s.system.client, system: s.system.name },
      seed: run.seed,
      participants: participants(input.entries),
      objectives: s.objectives.map((o) => o.text),
      sources: s.sources.map((x) => ({ ...x })),
      ended: endedText(s, card, w),
      simDuration: w.duration(card.keyTimes.end),
    },
    summary: [],
    scores: { engineOverall: card.overall, adjustedOverall, adjusted: debrief.adjustments.length > 0, rows },
    analysis,
    observations,
    keyTimes: kt,
    harm: { rows: harmRows, curve: harmCurve(s, run.seed, ctx, undefined, w), costs: card.harm.costs, currency: s.currency },
    whatIf,
    timeline,
    plan: { items: suggested ? suggestedPlan(s, card, ctx, date, w) : debrief.actionItems.map((x) => ({ ...x })), suggested },
    card,
    warnings,
    frameworkMapping: null,
  };
  model.frameworkMapping = hasFrameworkTags(s) ? frameworkMapping(s, card, model.plan.items, analysis) : null;
  model.summary = summarize(s, model, w);
  return model;
}

/**
 * The score card's rows with the facilitator's adjustments applied: engine score, the sum of the
 * deltas for the dimension, and the adjusted score (0–100), with the written reasons.
 */
export function scoreRows(
  card: ScoreCard,
  debrief: Pick<DebriefEdits, 'adjustments'>,
  timeline: ReadonlyArray<TimelineRow>,
  s?: Scenario,
  w: Words = EN,
): ScoreRow[] {
  return card.dimensions.map((d) => {
    const adj = debrief.adjustments.filter((a) => a.dimension === d.dimension);
    const delta = adj.reduce((a, x) => a + x.delta, 0);
    const refIds = timelineRefs(timeline, d.refs, d.dimension);
    return {
      dimension: d.dimension,
      capability: capabilityLabel(d.dimension, w),
      weight: d.weight,
      engine: d.score,
      delta,
      adjusted: clamp(d.score + delta),
      met: d.verdict.status === 'met',
      // The card's reason is English; another language words the same reason codes.
      reason: w === EN || !s ? d.reason : dimensionText(s, d, w),
      adjustmentReasons: adj.map((a) => a.reason),
      refs: d.refs,
      refIds,
    };
  });
}

/** The overall score from (adjusted) dimension scores, weighted as the engine weighs them. */
export function weightedOverall(rows: ReadonlyArray<Pick<ScoreRow, 'adjusted' | 'weight'>>): number {
  const totalWeight = rows.reduce((a, r) => a + r.weight, 0) || 1;
  return Math.round(rows.reduce((a, r) => a + r.adjusted * r.weight, 0) / totalWeight);
}

/** Observations written "containment: ..." or "[Containment] ..." belong to that capability. */
export function observationDimension(text: string, w: Words = EN): Dimension | null {
  const m = /^\s*\[?([\p{L} ]+?)\]?\s*[:\]-]/iu.exec(text);
  if (!m) return null;
  const word = m[1]!.trim().toLowerCase();
  const names = [capabilities(w), capabilities(EN)];
  for (const d of DIMENSIONS) if (word === d || names.some((n) => word === n[d].toLowerCase()) || word === w.t(`whatIf.dimension.${d}`)) return d;
  return null;
}

function endedText(s: Scenario, card: ScoreCard, w: Words): string {
  const at = w.t('time.cite', { offset: w.offset(card.keyTimes.end), wall: wallTime(s, card.keyTimes.end, w) });
  switch (card.closedBy) {
    case 'resolve':
      return w.t('report.ended.resolve', { at });
    case 'end':
      return w.t('report.ended.end', { at });
    default:
      return w.t('report.ended.horizon', { at });
  }
}

/**
 * Participants and roles from the journal: who was assigned which role, who acted and how often.
 * Names typed at setup that the journal never mentions did not take part and are not listed.
 */
function participants(entries: ReadonlyArray<JournalEntry>): Participant[] {
  return whoPlayed(entries).flatMap((p): Participant[] =>
    p.roles.length > 0
      ? p.roles.map((r, i) => ({ name: p.name, role: r.role, assignedAt: r.t, actions: i === 0 ? p.actions : 0 }))
      : [{ name: p.name, role: p.actedAs, assignedAt: null, actions: p.actions }],
  );
}

/** The full timeline: the engine's entries (hidden ones marked facilitator) and the observations. */
export function timelineRows(
  s: Scenario,
  ctx: DeepReadonly<Pick<RunContext, 'timeline'>>,
  debrief: Pick<DebriefEdits, 'observations'>,
  w: Words = EN,
): TimelineRow[] {
  const engine = ctx.timeline.map((e, i): TimelineRow => ({
    id: `tl-${i + 1}`,
    t: e.t,
    offset: w.offset(e.t),
    wall: wallTime(s, e.t, w),
    kind: e.kind,
    // Actions taken in a live session name who took them (the facilitator's own need no name).
    // A solo trainee took every action: naming them on each line says nothing.
    text:
      e.by && e.by.role !== 'facilitator' && e.by.role !== 'solo'
        ? w.t('event.byline', { line: timelineText(s, e, w), name: e.by.name, role: roleInline(e.by.role, w) })
        : timelineText(s, e, w),
    visibility: e.hidden ? 'facilitator' : 'room',
    ...(e.seq !== undefined ? { seq: e.seq } : {}),
    code: e.event.code,
  }));
  const obs = debrief.observations.map((o): TimelineRow => ({
    id: `obs-${o.id}`,
    t: o.t,
    offset: o.t === null ? '' : w.offset(o.t),
    wall: o.t === null ? '' : wallTime(s, o.t, w),
    kind: 'observation',
    text: w.t('report.observation', { text: o.text }),
    visibility: 'facilitator',
  }));
  // Engine rows are already in time order; observations go after the engine rows of their moment.
  const rows = [...engine];
  for (const o of obs) {
    if (o.t === null) continue;
    const at = rows.findIndex((r) => r.t !== null && r.t > o.t!);
    rows.splice(at < 0 ? rows.length : at, 0, o);
  }
  return [...rows, ...obs.filter((o) => o.t === null)];
}

/** The timeline row a sim time points at: the first at that moment, else the next one after it. */
export function timelineRef(rows: ReadonlyArray<TimelineRow>, t: number): string | null {
  return (rows.find((r) => r.t === t) ?? rows.find((r) => r.t !== null && r.t > t))?.id ?? null;
}

/** The engine events that stand behind each dimension's score (what its score reasons cite). */
const DIMENSION_EVENTS: Record<Dimension, ReadonlyArray<TimelineEvent['code']>> = {
  detection: ['declared', 'detected'],
  triage: ['triaged'],
  containment: ['contained', 'containment.decided', 'containment.status'],
  investigation: ['root_cause.declared', 'finding'],
  communication: ['obligation.met', 'communication'],
  documentation: ['evidence.preserved', 'role.assigned'],
};

/**
 * The timeline rows a dimension's score cites, one per cited moment and never the same row twice.
 * A score cites times, and several entries share a moment (a triage and four evidence exports in
 * the same minute): each time resolves to that moment's entry of the dimension's own kind, so the
 * documentation reasons cite the evidence preserved, not the triage logged first at that minute.
 */
export function timelineRefs(rows: ReadonlyArray<TimelineRow>, times: ReadonlyArray<number>, dimension: Dimension): string[] {
  const own = DIMENSION_EVENTS[dimension];
  const used = new Set<string>();
  const out: string[] = [];
  for (const t of times) {
    const free = (r: TimelineRow) => !used.has(r.id);
    const ownAt = (r: TimelineRow) => r.t === t && r.code !== undefined && own.includes(r.code);
    const id = (rows.find((r) => ownAt(r) && free(r)) ?? rows.find(ownAt))?.id ?? timelineRef(rows, t);
    if (id === null || used.has(id)) continue;
    used.add(id);
    out.push(id);
  }
  return out;
}

function summarize(s: Scenario, m: ReportModel, w: Words): string[] {
  const card = m.card;
  const k = card.keyTimes;
  const r = s.rubric;
  const at = (t: number) => moment(s, t, w);
  const who = m.overview.team ?? w.t('summary.theTeam');
  const out: string[] = [];
  out.push(
    w.t('summary.ran', {
      who,
      title: s.title,
      version: s.version,
      seed: card.seed,
      date: w.date(Date.parse(m.overview.date)),
      fault: at(k.faultStart),
      signal: k.firstSignal !== null ? w.t('summary.ran.signal', { at: at(k.firstSignal) }) : '',
      ended: m.overview.ended,
    }),
  );
  const steps: string[] = [];
  steps.push(
    card.mttd === null
      ? w.t('summary.step.neverDeclared')
      : w.t('summary.step.declared', { at: at(k.detection!), mttd: w.duration(card.mttd), target: w.duration(r.mttd) }),
  );
  if (card.timeToTriage !== null)
    steps.push(
      w.t('summary.step.triaged', {
        severity: card.severity.declared ?? '',
        expected: card.severity.correct ? '' : w.t('summary.step.triaged.expected', { severity: r.severity }),
        when: card.timeToTriage < 60_000 ? w.t('summary.step.triaged.same') : w.t('summary.step.triaged.later', { duration: w.duration(card.timeToTriage) }),
      }),
    );
  steps.push(
    k.containment === null
      ? w.t('summary.step.neverContained')
      : w.t('summary.step.contained', {
          at: at(k.containment),
          mttc: card.mttc !== null ? w.t('summary.step.contained.mttc', { mttc: w.duration(card.mttc), target: w.duration(r.mttc) }) : '',
        }),
  );
  out.push(w.t('summary.steps', { steps: w.list(steps) }));
  if (card.falseAlarms.length) out.push(w.t('summary.falseAlarms', { count: card.falseAlarms.length, at: at(card.falseAlarms[0]!.t) }));
  // Hints are help, and a reader comparing two runs should know how much of it each had.
  const hints = m.timeline.flatMap((row) => (row.kind === 'hint' && row.t !== null ? [row.t] : []));
  if (hints.length)
    out.push(
      m.overview.mode === 'solo'
        ? w.t('summary.hints.solo', { who, count: hints.length, of: s.hints.length, at: at(hints[0]!) })
        : w.t('summary.hints.room', { count: hints.length, of: s.hints.length, at: at(hints[0]!) }),
    );
  if (card.openObligations.length) out.push(w.t('summary.open', { who: card.openObligations.map((a) => audienceNoun(a, w)).join(', ') }));
  // A harm that stayed zero in this run, doing nothing and at best is not named.
  const harm = s.harm
    .filter((h) => [card.harm.actual, card.harm.doNothing, card.harm.best].some((x) => Math.round(x[h.id] ?? 0) !== 0))
    .map((h) =>
      w.t('summary.harm.item', {
        actual: harmNumber(s, h, card.harm.actual[h.id] ?? 0, w),
        noun: harmNoun(h),
        doNothing: harmNumber(s, h, card.harm.doNothing[h.id] ?? 0, w),
        best: harmNumber(s, h, card.harm.best[h.id] ?? 0, w),
      }),
    );
  const cost =
    card.harm.costs.revenueLost > 0
      ? w.t('summary.cost', {
          money: money(s, card.harm.costs.revenueLost + card.harm.costs.oneOff, w),
          hours: whole(card.harm.costs.userHoursWithoutService, w),
          best: money(s, card.harm.bestCosts.revenueLost + card.harm.bestCosts.oneOff, w),
        })
      : '';
  out.push(harm.length ? w.t('summary.harm', { harm: harm.join('; '), cost }) : w.t('summary.harm.none', { cost }));
  const met = m.scores.rows.filter((x) => x.met).length;
  out.push(
    w.t('summary.score', {
      engine: m.scores.engineOverall,
      adjusted: m.scores.adjusted ? w.t('summary.score.adjusted', { adjusted: m.scores.adjustedOverall }) : '',
      met,
      of: m.scores.rows.length,
    }),
  );
  const lever = biggestLever(m.whatIf);
  out.push(lever ? w.t('summary.lever', { sentence: lever.sentence }) : w.t('summary.lever.none'));
  return out;
}
