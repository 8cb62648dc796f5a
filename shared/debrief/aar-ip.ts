/**
 * The HSEEP After-Action Report / Improvement Plan (#19) as data, built on the report model.
 *
 * Everything here is read, never re-judged: the engine's side comes from the report model and its
 * score card (each capability's score and verdict as the card states them), the human side from
 * the journal (evaluators' and the facilitator's P/S/M/U ratings, logged decisions, the hot wash,
 * the team's own messages and notes), so the AAR/IP agrees with the debrief, History and the
 * other report formats. Where evaluators disagree on an objective, every rating is kept.
 *
 * A discussion-based exercise (exerciseType: discussion) is judged by the ratings alone: the
 * engine's score and its findings are left out.
 */
import type { JournalEntry, Rating } from '../engine/inputs.ts';
import { RATINGS } from '../engine/inputs.ts';
import { formatOffset } from '../scenario/duration.ts';
import { CAPABILITIES, CAPABILITY_DIMENSION, capabilityLabel, type BuiltInCapability, type ExerciseType } from '../scenario/exercise-plan.ts';
import type { Dimension, Scenario } from '../scenario/schema.ts';
import { wallTime } from '../scenario/sim-time.ts';
import type { VerdictStatus } from '../scoring/verdict.ts';
import { EN, wordsFor } from '../i18n/words.ts';
import { decisionsOf, hotWashesOf, latestRatings, type DecisionView, type HotWashView } from '../views/evaluation.ts';
import type { RatingView } from '../contract/live.ts';
import type { CapabilityElement, OverviewEdits } from '../contract/api.ts';
import { audienceNoun } from './phrasing.ts';
import type { ReportModel } from './report-model.ts';
import { addDays, CAPABILITY } from './strengths.ts';

/** A sim time as the report cites it: "T+1h20m (Mon 09 Mar 10:20)". */
export interface Moment {
  t: number;
  text: string;
}

export interface RatedObjective {
  id: string;
  text: string;
  capability: string | null;
  /** Each evaluator's latest rating, in the order given. */
  ratings: Array<RatingView & { when: Moment }>;
  /** Who gave each rating (names), for the P · S · M · U columns. */
  byRating: Record<Rating, string[]>;
  /** Evaluators gave different ratings: all are shown. */
  disagreement: boolean;
  /** The score card's score and verdict for the dimension measuring this capability (operations only). */
  engine: { score: number; verdict: VerdictStatus } | null;
}

export interface CapabilityAnalysis {
  id: string;
  label: string;
  engine: { score: number; verdict: VerdictStatus } | null;
  strengths: Array<{ text: string; when: Moment | null; source: string }>;
  areas: Array<{ text: string; when: Moment | null; source: string }>;
}

export interface PlanRow {
  capability: string;
  issue: string;
  correctiveAction: string;
  /** HSEEP's capability element: planning, organisation, equipment, training or exercise. */
  element: string;
  organisation: string;
  owner: string;
  start: string;
  due: string;
  status: string;
}

export interface AarIpModel {
  report: ReportModel;
  exerciseType: ExerciseType;
  overview: {
    name: string;
    date: string;
    scope: string;
    missionArea: string;
    threatHazard: string;
    sponsor: string;
    organisations: string[];
    pointOfContact: string;
    location: string;
    facilitator: string;
    evaluators: string[];
  };
  objectives: RatedObjective[];
  capabilities: CapabilityAnalysis[];
  words: {
    messages: Array<{ when: Moment; audience: string; text: string; by: string }>;
    declared: Array<{ when: Moment; text: string; by: string }>;
    notes: Array<{ when: Moment; text: string }>;
  };
  decisions: Array<DecisionView & { when: Moment }>;
  hotWash: { people: HotWashView[]; confidence: number | null };
  plan: PlanRow[];
  /** Everyone the journal names (participants' attributions), by first appearance. */
  people: Array<{ name: string; role: string | null }>;
  /** Counts of the latest ratings per scale point, over every objective. */
  ratingCounts: Record<Rating, number>;
}

const momentOf = (s: Scenario, t: number): Moment => ({ t, text: `${formatOffset(t)} (${wallTime(s, t)})` });

/** The built-in capability a score dimension measures (CAPABILITY_DIMENSION read backwards). */
const capabilityOfDimension = (d: Dimension): BuiltInCapability | null => CAPABILITIES.find((c) => CAPABILITY_DIMENSION[c] === d) ?? null;

/** Ratings on HSEEP's scale: P and S are strengths of the capability, M and U areas for improvement. */
const STRENGTH: ReadonlySet<Rating> = new Set(['P', 'S']);

/** HSEEP's capability elements, as the plan prints them. */
export const ELEMENT_LABELS: Record<CapabilityElement, string> = {
  planning: 'Planning',
  organisation: 'Organisation',
  equipment: 'Equipment',
  training: 'Training',
  exercise: 'Exercise',
};

/**
 * The capability element a corrective action falls under when the facilitator has not chosen one
 * (the debrief's plan shows it, editable; README "After-action report"). The first rule that
 * matches the action's words wins:
 * 1. training: train, drill, rehearse, exercise (the people practise);
 * 2. organisation: owner, role, rota, on-call, escalate (who does it, who decides);
 * 3. equipment: monitor, alert, dashboard, version, kill switch, tooling (systems and tools);
 * 4. planning: everything else (plans, playbooks, procedures, agreements).
 */
export function defaultElement(text: string): CapabilityElement {
  if (/\b(train|drill|rehears|exercise)/i.test(text)) return 'training';
  if (/\b(owner|role|rota|on-call|escalat)/i.test(text)) return 'organisation';
  if (/\b(monitor|alert|dashboard|version|kill switch|tooling)/i.test(text)) return 'equipment';
  return 'planning';
}

export function buildAarIp(
  report: ReportModel,
  scenario: Scenario,
  entries: ReadonlyArray<JournalEntry>,
  /** The Exercise Overview as entered in the debrief (over the scenario's own `overview:`). */
  overviewEdits?: OverviewEdits | null,
): AarIpModel {
  const s = scenario;
  const discussion = s.exerciseType === 'discussion';
  const card = report.card;
  const engineFor = (capId: string | null | undefined): RatedObjective['engine'] => {
    if (discussion || !capId || !(CAPABILITIES as readonly string[]).includes(capId)) return null;
    const dim = card.dimensions.find((d) => d.dimension === CAPABILITY_DIMENSION[capId as BuiltInCapability]);
    return dim ? { score: dim.score, verdict: dim.verdict.status } : null;
  };

  const latest = latestRatings(entries);
  const objectives: RatedObjective[] = s.objectives.map((o) => {
    const ratings = latest.filter((r) => r.objectiveId === o.id).map((r) => ({ ...r, when: momentOf(s, r.at) }));
    const byRating = Object.fromEntries(RATINGS.map((x) => [x, ratings.filter((r) => r.rating === x).map((r) => r.by)])) as Record<Rating, string[]>;
    return {
      id: o.id,
      text: o.text,
      capability: o.capability ? capabilityLabel(s, o.capability) : null,
      ratings,
      byRating,
      disagreement: new Set(ratings.map((r) => r.rating)).size > 1,
      engine: engineFor(o.capability),
    };
  });
  const ratingCounts = Object.fromEntries(RATINGS.map((x) => [x, latest.filter((r) => r.rating === x).length])) as Record<Rating, number>;

  // Analysis per capability: the engine's findings for the dimension that measures it (from the
  // report's analysis, itself from the card), then the evaluators' observations on its objectives.
  const capabilityIds: string[] = [];
  if (!discussion) for (const a of report.analysis) capabilityIds.push(capabilityOfDimension(a.dimension) ?? a.dimension);
  for (const o of s.objectives) if (o.capability && !capabilityIds.includes(o.capability)) capabilityIds.push(o.capability);
  const other = s.objectives.some((o) => !o.capability);
  const capabilities: CapabilityAnalysis[] = capabilityIds.map((id) => {
    const a = discussion ? undefined : report.analysis.find((x) => capabilityOfDimension(x.dimension) === id);
    const mine = objectives.filter((o) => s.objectives.find((x) => x.id === o.id)?.capability === id);
    const firstEngineMoment = a?.observations.find((x) => x.source === 'engine' && x.t !== null);
    const engineMoment = firstEngineMoment ? momentOf(s, firstEngineMoment.t!) : null;
    const rated = mine.flatMap((o) =>
      o.ratings.map((r) => ({
        text: `${o.id} (${r.rating}, ${r.by})${r.observation ? `: ${r.observation}` : ''}`,
        when: r.when,
        source: r.by,
        strength: STRENGTH.has(r.rating),
      })),
    );
    return {
      id,
      label: a ? CAPABILITY[a.dimension] : capabilityLabel(s, id),
      engine: a ? { score: a.engine, verdict: card.dimensions.find((d) => d.dimension === a.dimension)!.verdict.status } : null,
      strengths: [
        ...(a?.strengths ?? []).map((text) => ({ text, when: engineMoment, source: 'engine' })),
        ...rated.filter((x) => x.strength).map(({ text, when, source }) => ({ text, when, source })),
      ],
      areas: [
        ...(a?.areas ?? []).map((text) => ({ text, when: engineMoment, source: 'engine' })),
        ...rated.filter((x) => !x.strength).map(({ text, when, source }) => ({ text, when, source })),
      ],
    };
  });
  if (other) {
    const rated = objectives.filter((o) => o.capability === null).flatMap((o) => o.ratings.map((r) => ({ o, r })));
    capabilities.push({
      id: '',
      label: EN.t('aar.otherObjectives'),
      engine: null,
      strengths: rated
        .filter(({ r }) => STRENGTH.has(r.rating))
        .map(({ o, r }) => ({ text: `${o.id} (${r.rating}, ${r.by})${r.observation ? `: ${r.observation}` : ''}`, when: r.when, source: r.by })),
      areas: rated
        .filter(({ r }) => !STRENGTH.has(r.rating))
        .map(({ o, r }) => ({ text: `${o.id} (${r.rating}, ${r.by})${r.observation ? `: ${r.observation}` : ''}`, when: r.when, source: r.by })),
    });
  }

  // The team's own words, from the journal.
  const byOf = (e: JournalEntry) => e.by?.name ?? '';
  const messages: AarIpModel['words']['messages'] = [];
  const declared: AarIpModel['words']['declared'] = [];
  const notes: AarIpModel['words']['notes'] = [];
  for (const e of entries) {
    const i = e.input;
    if (i.type === 'COMMUNICATE') {
      const parts = [i.message.trim(), ...Object.values(i.elements ?? {}).map((x) => x.trim())].filter(Boolean);
      messages.push({ when: momentOf(s, e.t), audience: audienceNoun(i.audience), text: parts.join(' · '), by: byOf(e) });
    } else if (i.type === 'ACKNOWLEDGE' && i.note?.trim()) declared.push({ when: momentOf(s, e.t), text: i.note.trim(), by: byOf(e) });
    else if (i.type === 'RESOLVE' && i.summary?.trim()) declared.push({ when: momentOf(s, e.t), text: i.summary.trim(), by: byOf(e) });
    else if (i.type === 'END' && i.reason?.trim()) declared.push({ when: momentOf(s, e.t), text: i.reason.trim(), by: byOf(e) });
    else if (i.type === 'NOTE') notes.push({ when: momentOf(s, e.t), text: i.text });
  }
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const decisions = decisionsOf(entries).map((d) => ({ ...d, when: momentOf(s, bySeq.get(d.seq)?.t ?? d.t) }));
  const people = hotWashesOf(entries);
  const confident = people.flatMap((p) => (p.confidence === null ? [] : [p.confidence]));

  // Appendix A: the plan (the facilitator's, or the engine's suggestions), each row with the issue
  // it answers (the capability's first area for improvement), then the hot wash's playbook changes.
  const date = report.overview.date;
  // The issue in short: the finding's first clause, without the definitions it cites.
  // The cited definitions start with the catalogue's own words, in the report's language.
  const definitions = wordsFor(report.locale).t('reason.definitions', { names: '' }).replace(/\.$/, '').trim();
  const short = (text: string) => {
    const cut = text.indexOf(definitions);
    return (cut >= 0 ? text.slice(0, cut) : text.replace(/\s*Definitions?:.*$/s, '')).split('; ')[0]!.trim();
  };
  // A plan row names its capability in the report's language; the AAR's own labels are English.
  const areaOf = (label: string | undefined) => {
    const dimension = report.analysis.find((a) => a.capability === label)?.dimension;
    const c = capabilities.find((x) => x.label === label || (dimension !== undefined && x.label === CAPABILITY[dimension]));
    return short(c?.areas[0]?.text ?? '');
  };
  const plan: PlanRow[] = report.plan.items.map((x) => ({
    capability: x.capability ?? '',
    issue: areaOf(x.capability),
    correctiveAction: x.text,
    element: ELEMENT_LABELS[x.element ?? defaultElement(x.text)],
    organisation: report.overview.team ?? '',
    owner: x.owner,
    start: date,
    due: x.due,
    status: x.status,
  }));
  for (const p of people)
    if (p.playbookChange.trim())
      plan.push({
        capability: '',
        issue: p.improve.trim() || EN.t('aar.hotWashIssue', { name: p.by }),
        correctiveAction: p.playbookChange.trim(),
        element: 'Planning',
        organisation: report.overview.team ?? '',
        owner: '',
        start: date,
        due: addDays(date, 30),
        status: 'open',
      });

  // What the facilitator entered in the debrief wins over the scenario's overview, field by field.
  const filled = (x: string | undefined) => (x?.trim() ? x.trim() : undefined);
  const ed = overviewEdits ?? {};
  const ov = {
    scope: filled(ed.scope) ?? s.overview.scope,
    missionArea: filled(ed.missionArea) ?? s.overview.missionArea,
    threatHazard: filled(ed.threatHazard) ?? s.overview.threatHazard,
    sponsor: filled(ed.sponsor) ?? s.overview.sponsor,
    participatingOrganizations: ed.participatingOrganizations?.some((x) => x.trim())
      ? ed.participatingOrganizations.map((x) => x.trim()).filter(Boolean)
      : s.overview.participatingOrganizations,
    pointOfContact: filled(ed.pointOfContact) ?? s.overview.pointOfContact,
    location: filled(ed.location) ?? s.overview.location,
  };
  const raters = entries.flatMap((e) => (e.input.type === 'RATE' && e.by && e.by.role !== 'facilitator' ? [e.by.name] : []));
  const evaluators = [...new Set([...(ed.evaluators ?? []).map((x) => x.trim()).filter(Boolean), ...raters])];
  return {
    report,
    exerciseType: s.exerciseType,
    overview: {
      name: report.overview.exerciseName,
      date,
      scope: ov.scope ?? '',
      missionArea: ov.missionArea ?? '',
      threatHazard: ov.threatHazard ?? '',
      sponsor: ov.sponsor ?? '',
      organisations: ov.participatingOrganizations ?? (report.overview.team ? [report.overview.team] : []),
      pointOfContact: ov.pointOfContact ?? '',
      location: ov.location ?? '',
      facilitator: filled(ed.facilitator) ?? 'Facilitator',
      evaluators,
    },
    objectives,
    capabilities,
    words: { messages, declared, notes },
    decisions,
    hotWash: { people, confidence: confident.length ? Math.round((confident.reduce((a, b) => a + b, 0) / confident.length) * 10) / 10 : null },
    plan,
    people: [
      ...new Map(entries.flatMap((e) => (e.by && e.by.role !== 'facilitator' ? [[e.by.name, { name: e.by.name, role: e.by.role }] as const] : []))).values(),
    ],
    ratingCounts,
  };
}
