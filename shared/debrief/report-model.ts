/**
 * The After-Action Report / Improvement Plan as data: everything the Markdown, CSV, JSON and HTML
 * writers (and the debrief screen) show, computed once from scenario + journal + debrief edits.
 *
 * Structure follows the HSEEP after-action report: exercise overview, summary, analysis by
 * capability (strengths, areas for improvement, observations citing the timeline), then the
 * improvement plan. Firebreak adds the engine's key-time metrics, harm figures, exact what-ifs and
 * the facilitator's score adjustments side by side with the engine's score.
 */
import { frameworkMapping, hasFrameworkTags, type FrameworkMapping } from '../frameworks/mapping.ts';
import { timelineText } from '../wording/timeline.ts';
import type { Dimension, Role, Scenario } from '../scenario/schema.ts';
import { DIMENSIONS } from '../scenario/schema.ts';
import { formatDuration, formatOffset } from '../scenario/duration.ts';
import { wallTime } from '../scenario/sim-time.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import { whoPlayed } from '../engine/participation.ts';
import type { JournalHeader } from '../engine/journal.ts';
import { ExerciseRun } from '../engine/exercise-run.ts';
import type { RunContext, TimelineKind } from '../engine/run-state.ts';
import { scoreFinishedRun, type ScoreCard } from '../scoring/score-card.ts';
import type { ActionItem, DebriefEdits, ExerciseMeta } from '../contract/api.ts';
import { keyTimes, type KeyTimesModel } from './key-times.ts';
import { harmCurve, type HarmCurve } from './harm-curve.ts';
import { biggestLever, whatIfs, type WhatIfAnalysis } from './what-if.ts';
import { CAPABILITY, exerciseDate, strengthsAndAreas, suggestedPlan } from './strengths.ts';
import { audienceNoun, harmAmount, harmNoun, harmNumber, moment, money, whole } from './phrasing.ts';
import { EN } from '../i18n/words.ts';
import { roleInline } from '../i18n/labels.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';

export const REPORT_TITLE = 'After-Action Report / Improvement Plan';

export interface ReportInput {
  scenario: Scenario;
  header: JournalHeader;
  entries: ReadonlyArray<JournalEntry>;
  /** The stored exercise's metadata (team, participants, date); absent for a bare journal. */
  meta?: ExerciseMeta | null;
  debrief?: DebriefEdits | null;
  /** Journal warnings (a torn last line), repeated in the report. */
  warnings?: ReadonlyArray<string>;
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
  const ctx = run.context;
  const debrief = input.debrief ?? { actionItems: [], observations: [], adjustments: [] };
  const date = exerciseDate(input.meta?.createdAt ?? input.header.createdAt, s);
  const warnings = [...(input.warnings ?? [])];

  const timeline = timelineRows(s, ctx, debrief);
  const rows = scoreRows(card, debrief, timeline);
  for (const a of debrief.adjustments)
    if (!(DIMENSIONS as ReadonlyArray<string>).includes(a.dimension)) warnings.push(`score adjustment for unknown dimension "${a.dimension}" ignored`);
  const adjustedOverall = weightedOverall(rows);

  const observations = debrief.observations.map((o): Observation => ({
    text: o.text,
    t: o.t,
    when: o.t === null ? '' : `${formatOffset(o.t)} (${wallTime(s, o.t)})`,
    ref: `obs-${o.id}`,
    source: 'facilitator',
  }));
  const sa = strengthsAndAreas(card);
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
        return { text: row.text, t: row.t, when: row.t === null ? '' : `${row.offset} (${row.wall})`, ref: id, source: 'engine' };
      }),
      ...observations.filter((o) => observationDimension(o.text) === r.dimension),
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
      actualText: harmAmount(s, h, actual),
      doNothingText: harmAmount(s, h, doNothing),
      bestText: harmAmount(s, h, best),
    };
  });
  const whatIf = whatIfs(s, run.seed, input.entries, card);
  const kt = keyTimes(s, card, ctx);
  const meta = input.meta ?? null;
  const model: ReportModel = {
    title: REPORT_TITLE,
    overview: {
      exerciseName: meta ? `${s.title}: ${meta.team}` : s.title,
      exerciseId: input.header.exerciseId,
      date,
      team: meta?.team ?? null,
      mode: meta?.mode ?? null,
      scenario: { id: s.id, version: s.version, title: s.title, summary: s.summary, difficulty: s.difficulty, client: s.system.client, system: s.system.name },
      seed: run.seed,
      participants: participants(input.entries),
      objectives: s.objectives.map((o) => o.text),
      sources: s.sources.map((x) => ({ ...x })),
      ended: endedText(s, card),
      simDuration: formatDuration(card.keyTimes.end),
    },
    summary: [],
    scores: { engineOverall: card.overall, adjustedOverall, adjusted: debrief.adjustments.length > 0, rows },
    analysis,
    observations,
    keyTimes: kt,
    harm: { rows: harmRows, curve: harmCurve(s, run.seed, ctx), costs: card.harm.costs, currency: s.currency },
    whatIf,
    timeline,
    plan: { items: suggested ? suggestedPlan(s, card, ctx, date) : debrief.actionItems.map((x) => ({ ...x })), suggested },
    card,
    warnings,
    frameworkMapping: null,
  };
  model.frameworkMapping = hasFrameworkTags(s) ? frameworkMapping(s, card, model.plan.items, analysis) : null;
  model.summary = summarize(s, model);
  return model;
}

/**
 * The score card's rows with the facilitator's adjustments applied: engine score, the sum of the
 * deltas for the dimension, and the adjusted score (0–100), with the written reasons.
 */
export function scoreRows(card: ScoreCard, debrief: Pick<DebriefEdits, 'adjustments'>, timeline: ReadonlyArray<TimelineRow>): ScoreRow[] {
  return card.dimensions.map((d) => {
    const adj = debrief.adjustments.filter((a) => a.dimension === d.dimension);
    const delta = adj.reduce((a, x) => a + x.delta, 0);
    const refIds = d.refs.map((t) => timelineRef(timeline, t)).filter((x): x is string => x !== null);
    return {
      dimension: d.dimension,
      capability: CAPABILITY[d.dimension],
      weight: d.weight,
      engine: d.score,
      delta,
      adjusted: clamp(d.score + delta),
      met: d.verdict.status === 'met',
      reason: d.reason,
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
export function observationDimension(text: string): Dimension | null {
  const m = /^\s*\[?([a-z ]+?)\]?\s*[:\]-]/i.exec(text);
  if (!m) return null;
  const word = m[1]!.trim().toLowerCase();
  for (const d of DIMENSIONS) if (word === d || word === CAPABILITY[d].toLowerCase()) return d;
  return null;
}

function endedText(s: Scenario, card: ScoreCard): string {
  const at = `${formatOffset(card.keyTimes.end)} (${wallTime(s, card.keyTimes.end)})`;
  switch (card.closedBy) {
    case 'resolve':
      return `Resolved by the team at ${at}`;
    case 'end':
      return `Ended by the facilitator at ${at}`;
    default:
      return `Horizon reached at ${at}`;
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
export function timelineRows(s: Scenario, ctx: DeepReadonly<Pick<RunContext, 'timeline'>>, debrief: Pick<DebriefEdits, 'observations'>): TimelineRow[] {
  const engine = ctx.timeline.map((e, i): TimelineRow => ({
    id: `tl-${i + 1}`,
    t: e.t,
    offset: formatOffset(e.t),
    wall: wallTime(s, e.t),
    kind: e.kind,
    // Actions taken in a live session name who took them (the facilitator's own need no name).
    // A solo trainee took every action: naming them on each line says nothing.
    text:
      e.by && e.by.role !== 'facilitator' && e.by.role !== 'solo'
        ? EN.t('event.byline', { line: timelineText(s, e), name: e.by.name, role: roleInline(e.by.role) })
        : timelineText(s, e),
    visibility: e.hidden ? 'facilitator' : 'room',
    ...(e.seq !== undefined ? { seq: e.seq } : {}),
  }));
  const obs = debrief.observations.map((o): TimelineRow => ({
    id: `obs-${o.id}`,
    t: o.t,
    offset: o.t === null ? '' : formatOffset(o.t),
    wall: o.t === null ? '' : wallTime(s, o.t),
    kind: 'observation',
    text: `Facilitator observation: ${o.text}`,
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

function summarize(s: Scenario, m: ReportModel): string[] {
  const card = m.card;
  const k = card.keyTimes;
  const r = s.rubric;
  const who = m.overview.team ?? 'The team';
  const out: string[] = [];
  out.push(
    `${who} ran “${s.title}” (version ${s.version}, seed ${card.seed}) on ${m.overview.date}. The fault began at ${moment(s, k.faultStart)}${k.firstSignal !== null ? ` and the first real signal reached the room at ${moment(s, k.firstSignal)}` : ''}. ${m.overview.ended}.`,
  );
  const steps: string[] = [];
  steps.push(
    card.mttd === null
      ? 'never declared an incident'
      : `declared the incident at ${moment(s, k.detection!)} (MTTD ${formatDuration(card.mttd)}, target ${formatDuration(r.mttd)})`,
  );
  if (card.timeToTriage !== null)
    steps.push(
      `triaged it as Severity ${card.severity.declared}${card.severity.correct ? '' : ` (expected ${r.severity})`} ${card.timeToTriage < 60_000 ? 'at the same time' : `${formatDuration(card.timeToTriage)} later`}`,
    );
  steps.push(
    k.containment === null
      ? 'never contained the harm'
      : `contained the harm at ${moment(s, k.containment)}${card.mttc !== null ? ` (MTTC ${formatDuration(card.mttc)}, target ${formatDuration(r.mttc)})` : ''}`,
  );
  out.push(`The team ${steps.slice(0, -1).join(', ')}${steps.length > 1 ? ' and ' : ''}${steps[steps.length - 1]}.`);
  if (card.falseAlarms.length)
    out.push(
      `Before the first real signal the team acted ${card.falseAlarms.length === 1 ? 'once' : `${card.falseAlarms.length} times`} (from ${moment(s, card.falseAlarms[0]!.t)}): false alarms, scored as such.`,
    );
  // Hints are help, and a reader comparing two runs should know how much of it each had.
  const hints = m.timeline.flatMap((row) => (row.kind === 'hint' && row.t !== null ? [row.t] : []));
  if (hints.length)
    out.push(
      `${m.overview.mode === 'solo' ? `${who} asked for` : 'The facilitator gave'} ${hints.length} of ${s.hints.length} hint${s.hints.length === 1 ? '' : 's'} (from ${moment(s, hints[0]!)}).`,
    );
  if (card.openObligations.length)
    out.push(
      `Open obligations, not yet due when the exercise ended: ${card.openObligations.map((a) => audienceNoun(a)).join(', ')} (carried into the improvement plan).`,
    );
  const harm = s.harm.map(
    (h) =>
      `${harmNumber(s, h, card.harm.actual[h.id] ?? 0)} ${harmNoun(h)} (do nothing: ${harmNumber(s, h, card.harm.doNothing[h.id] ?? 0)}; best achievable: ${harmNumber(s, h, card.harm.best[h.id] ?? 0)})`,
  );
  const cost =
    card.harm.costs.revenueLost > 0
      ? ` Containment cost ${money(s, card.harm.costs.revenueLost + card.harm.costs.oneOff)} in lost revenue and one-off costs and ${whole(card.harm.costs.userHoursWithoutService)} user-hours without service (the best-achievable response: ${money(s, card.harm.bestCosts.revenueLost + card.harm.bestCosts.oneOff)}).`
      : '';
  out.push(`By the horizon: ${harm.join('; ')}.${cost}`);
  const met = m.scores.rows.filter((x) => x.met).length;
  out.push(
    `Engine score ${m.scores.engineOverall}/100${m.scores.adjusted ? `; ${m.scores.adjustedOverall}/100 after the facilitator's adjustments` : ''}. Targets met in ${met} of ${m.scores.rows.length} capabilities.`,
  );
  const lever = biggestLever(m.whatIf);
  out.push(lever ? `Biggest lever: ${lever.sentence}` : 'Biggest lever: none of the alternatives simulated would have improved the outcome.');
  return out;
}
