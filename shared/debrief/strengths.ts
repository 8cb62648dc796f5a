/**
 * Strengths, areas for improvement and a suggested improvement plan, from the rubric dimensions.
 *
 * A dimension whose target was met is a strength; one that was missed is an area for improvement,
 * with the score card's one-line reason as the evidence. Each missed dimension gets concrete
 * improvement-plan items (HSEEP-style: capability, action, owner, due date), worded from what the
 * run shows: which notification was late, which role was missing, which containment did not help.
 */
import { DIMENSIONS, type Dimension, type IncidentType, type Scenario } from '../scenario/schema.ts';
import { EN, type Words } from '../i18n/words.ts';
import { capabilityLabel, incidentTypeInline, roleInline } from '../i18n/labels.ts';
import { dimensionText } from '../scoring/wording.ts';
import type { ActionItem } from '../contract/api.ts';
import type { DimensionScore, ScoreCard } from '../scoring/score-card.ts';
import type { RunContext } from '../engine/run-state.ts';
import { isMet } from '../scoring/verdict.ts';
import { audienceNoun, listJoin, moment } from './phrasing.ts';
import { structuralActions } from './structural-actions.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';

/** The HSEEP capability each dimension is reported under, in the language of `w`. */
export function capabilities(w: Words = EN): Record<Dimension, string> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, capabilityLabel(d, w)])) as Record<Dimension, string>;
}

/** The capabilities in English (the catalogue's source language). */
export const CAPABILITY: Record<Dimension, string> = capabilities(EN);

export interface Finding {
  dimension: Dimension;
  capability: string;
  score: number;
  reason: string;
  /** Sim times on the timeline the reason refers to. */
  refs: number[];
}

export interface StrengthsModel {
  strengths: Finding[];
  areas: Finding[];
}

function finding(s: Scenario, d: DimensionScore, w: Words): Finding {
  return {
    dimension: d.dimension,
    capability: capabilityLabel(d.dimension, w),
    score: d.score,
    reason: w === EN ? d.reason : dimensionText(s, d, w),
    refs: d.refs,
  };
}

export function strengthsAndAreas(s: Scenario, card: ScoreCard, w: Words = EN): StrengthsModel {
  return {
    strengths: card.dimensions.filter((d) => isMet(d.verdict)).map((d) => finding(s, d, w)),
    areas: card.dimensions.filter((d) => !isMet(d.verdict)).map((d) => finding(s, d, w)),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The exercise's date as YYYY-MM-DD: the day it was run, or, when that is unknown (a CLI journal
 * carries the epoch), the scenario's own start date.
 */
export function exerciseDate(createdAt: string | null | undefined, s: Pick<Scenario, 'clock'>): string {
  const ms = createdAt ? Date.parse(createdAt) : NaN;
  if (Number.isFinite(ms) && ms > 0) {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return s.clock.start.slice(0, 10);
}

/** YYYY-MM-DD plus whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;
/** "quality degradation or bias fairness" */
const types = (xs: ReadonlyArray<IncidentType>, w: Words) =>
  w.list(
    xs.map((x) => incidentTypeInline(x, w)),
    'disjunction',
  );

/** What to do about one missed dimension, as plan lines. */
function actionsFor(s: Scenario, card: ScoreCard, ctx: PlanContext, d: Dimension, w: Words): string[] {
  const r = s.rubric;
  const dur = (ms: number) => w.duration(ms);
  const best = r.bestResponse.map((id) => label(s.containments, id)).join(w.t('plan.quoteJoin'));
  switch (d) {
    case 'detection':
      return card.mttd === null
        ? [w.t('plan.detection.never', { surface: w.t(`surface.${s.faults[0]!.surface}`), target: dur(r.mttd) })]
        : [w.t('plan.detection.late', { types: types(r.incidentType, w), target: dur(r.mttd), actual: dur(card.mttd) })];
    case 'triage': {
      if (card.timeToTriage === null) return [w.t('plan.triage.never', { target: dur(r.triageWithin) })];
      const out: string[] = [];
      if (!card.severity.correct) out.push(w.t('plan.triage.severity', { expected: r.severity, declared: card.severity.declared ?? '' }));
      if (!card.incidentType.correct)
        out.push(
          w.t('plan.triage.type', {
            types: types(r.incidentType, w),
            declared: card.incidentType.declared ? incidentTypeInline(card.incidentType.declared, w) : w.t('plan.triage.typeNone'),
          }),
        );
      if (card.verdicts.timeToTriage.status === 'missed') out.push(w.t('plan.triage.late', { target: dur(r.triageWithin), actual: dur(card.timeToTriage) }));
      return out;
    }
    case 'containment': {
      const out: string[] = [];
      for (const id of card.containment.harmful)
        out.push(w.t('plan.containment.harmful', { containment: label(s.containments, id), types: types(r.incidentType, w) }));
      if (!card.containment.effective) out.push(w.t('plan.containment.preapprove', { best, target: dur(r.mttc) }));
      else if (card.mttc !== null && card.verdicts.mttc.status === 'missed')
        out.push(w.t('plan.containment.shorten', { best, actual: dur(card.mttc), target: dur(r.mttc) }));
      return out.length ? out : [w.t('plan.containment.review')];
    }
    case 'investigation': {
      const missed = s.investigations.filter((i) => i.relevant && !ctx.findings.some((f) => f.id === i.id)).map((i) => i.label);
      const cause = card.rootCause.correct ? '' : w.t('plan.investigation.cause', { cause: label(s.rootCauses, r.rootCause) });
      const checks = missed.length
        ? listJoin(
            missed.map((x) => w.t('plan.investigation.quoted', { label: x })),
            w,
          )
        : w.t('plan.investigation.generic');
      return [w.t('plan.investigation', { checks, cause })];
    }
    case 'communication': {
      const out = card.notifications
        .filter((n) => n.verdict.status === 'missed')
        .map((n, i) => {
          const target = r.notifications.find((x) => x.audience === n.audience) ?? r.notifications[i]!;
          const why = target.reason.trim() ? ` ${target.reason.trim().replace(/([^.])$/, '$1.')}` : '';
          return w.t('plan.communication.template', { who: audienceNoun(n.audience, w), within: dur(target.within), from: target.from, why });
        });
      for (const n of card.notifications.filter((x) => x.verdict.status === 'met' && x.content < 1))
        out.push(w.t('plan.communication.elements', { who: audienceNoun(n.audience, w), share: w.percent(n.content) }));
      const c = card.cadence;
      if (c.interval !== null && c.share < 1) out.push(w.t('plan.communication.cadence', { interval: dur(c.interval), gap: dur(c.largestGap ?? 0) }));
      return out.length ? out : [w.t('plan.communication.review')];
    }
    case 'documentation': {
      const out: string[] = [];
      const missing = s.evidence.filter((e) => !card.evidence.beforeChanges.includes(e.id)).map((e) => e.label);
      if (missing.length) out.push(w.t('plan.documentation.evidence', { items: missing.map((x) => x.replace(/\.$/, '')).join('; ') }));
      // The roles the documentation scorer found missing: the plan never asks for a role the team assigned.
      const doc = card.dimensions.find((d) => d.dimension === 'documentation');
      const rolesReason = doc?.reasons.find((x) => x.code === 'documentation.roles');
      const roles = rolesReason?.code === 'documentation.roles' ? rolesReason.params.missing : r.requiredRoles.filter((role) => !ctx.roles[role]);
      if (roles.length)
        out.push(
          w.t('plan.documentation.roles', {
            roles: listJoin(
              roles.map((x) => roleInline(x, w)),
              w,
            ),
          }),
        );
      return out;
    }
  }
}

/** What the plan needs from the run besides the score card. */
export type PlanContext = DeepReadonly<Pick<RunContext, 'roles' | 'findings'>>;

/**
 * A suggested improvement plan: items for each missed dimension, no owner yet, due 30 days after
 * the exercise.
 *
 * @param date the exercise date, YYYY-MM-DD.
 */
export function suggestedPlan(s: Scenario, card: ScoreCard, ctx: PlanContext, date: string, w: Words = EN): ActionItem[] {
  const due = addDays(date, 30);
  const cap = (d: Dimension) => capabilityLabel(d, w);
  const items: ActionItem[] = [];
  for (const d of card.dimensions) {
    if (isMet(d.verdict)) continue;
    const lines = actionsFor(s, card, ctx, d.dimension, w);
    if (!lines.length) lines.push(w.t('plan.review', { capability: cap(d.dimension).toLowerCase() }));
    lines.forEach((text, i) => items.push({ id: `plan-${d.dimension}-${i + 1}`, text, owner: '', due, status: 'open', capability: cap(d.dimension) }));
  }
  // Structural changes to the system (#19), each citing the scenario facts it rests on.
  structuralActions(s, card, w).forEach((a) =>
    items.push({ id: `plan-structural-${a.kind}`, text: a.text, owner: '', due, status: 'open', capability: cap(a.dimension) }),
  );
  // Obligations not yet due when the exercise ended are still owed: carried into the plan.
  card.notifications
    .filter((n) => n.verdict.status === 'open' && n.deadline !== null)
    .forEach((n, i) =>
      items.push({
        id: `plan-open-${i + 1}`,
        text: w.t('plan.open', { who: audienceNoun(n.audience, w), by: moment(s, n.deadline!, w) }),
        owner: '',
        due,
        status: 'open',
        capability: cap('communication'),
      }),
    );
  return items;
}
