/**
 * Strengths, areas for improvement and a suggested improvement plan, from the rubric dimensions.
 *
 * A dimension whose target was met is a strength; one that was missed is an area for improvement,
 * with the score card's one-line reason as the evidence. Each missed dimension gets concrete
 * improvement-plan items (HSEEP-style: capability, action, owner, due date), worded from what the
 * run shows: which notification was late, which role was missing, which containment did not help.
 */
import type { Dimension, IncidentType, Scenario } from '../scenario/schema.ts';
import { EN } from '../i18n/words.ts';
import { incidentTypeInline, roleInline } from '../i18n/labels.ts';
import { formatDuration } from '../scenario/duration.ts';
import type { ActionItem } from '../contract/api.ts';
import type { DimensionScore, ScoreCard } from '../scoring/score-card.ts';
import type { RunContext } from '../engine/run-state.ts';
import { isMet } from '../scoring/verdict.ts';
import { audienceNoun, listJoin, moment } from './phrasing.ts';
import type { DeepReadonly } from '../engine/deep-readonly.ts';

export const CAPABILITY: Record<Dimension, string> = {
  detection: 'Detection and monitoring',
  triage: 'Triage and severity assessment',
  containment: 'Containment',
  investigation: 'Investigation and root cause',
  communication: 'Communication and notification',
  documentation: 'Documentation and evidence',
};

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

function finding(d: DimensionScore): Finding {
  return { dimension: d.dimension, capability: CAPABILITY[d.dimension], score: d.score, reason: d.reason, refs: d.refs };
}

export function strengthsAndAreas(card: ScoreCard): StrengthsModel {
  return { strengths: card.dimensions.filter((d) => isMet(d.verdict)).map(finding), areas: card.dimensions.filter((d) => !isMet(d.verdict)).map(finding) };
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
const types = (xs: ReadonlyArray<IncidentType>) =>
  EN.list(
    xs.map((x) => incidentTypeInline(x)),
    'disjunction',
  );

/** What to do about one missed dimension, as plan lines. */
function actionsFor(s: Scenario, card: ScoreCard, ctx: PlanContext, d: Dimension): string[] {
  const r = s.rubric;
  switch (d) {
    case 'detection':
      return card.mttd === null
        ? [
            `Review monitoring for ${EN.t(`surface.${s.faults[0]!.surface}`)} faults so this incident is declared, not missed (target: within ${formatDuration(r.mttd)} of onset).`,
          ]
        : [
            `Route the first signal of a ${types(r.incidentType)} incident to on-call and rehearse declaring within ${formatDuration(r.mttd)} (this time: ${formatDuration(card.mttd)}).`,
          ];
    case 'triage': {
      if (card.timeToTriage === null) return [`Adopt a severity matrix and triage every declared incident within ${formatDuration(r.triageWithin)}.`];
      const out: string[] = [];
      if (!card.severity.correct)
        out.push(`Review the severity matrix: this incident was Severity ${r.severity}, declared as Severity ${card.severity.declared}.`);
      if (!card.incidentType.correct)
        out.push(
          `Add ${types(r.incidentType)} incidents to the triage guide (declared as ${card.incidentType.declared ? incidentTypeInline(card.incidentType.declared) : 'none'}).`,
        );
      if (card.verdicts.timeToTriage.status === 'missed')
        out.push(`Triage within ${formatDuration(r.triageWithin)} of declaring (this time: ${formatDuration(card.timeToTriage)}).`);
      return out;
    }
    case 'containment': {
      const out: string[] = [];
      for (const id of card.containment.harmful)
        out.push(`Record in the runbook that “${label(s.containments, id)}” does not contain a ${types(r.incidentType)} incident like this one.`);
      if (!card.containment.effective)
        out.push(
          `Pre-approve “${r.bestResponse.map((id) => label(s.containments, id)).join('” and “')}” and who may order it, so harm is contained within ${formatDuration(r.mttc)}.`,
        );
      else if (card.mttc !== null && card.verdicts.mttc.status === 'missed')
        out.push(
          `Shorten the path to “${r.bestResponse.map((id) => label(s.containments, id)).join('” and “')}” (contained ${formatDuration(card.mttc)} after the first real signal; target ${formatDuration(r.mttc)}).`,
        );
      return out.length ? out : [`Review the containment decision against the runbook.`];
    }
    case 'investigation': {
      const missed = s.investigations.filter((i) => i.relevant && !ctx.findings.some((f) => f.id === i.id)).map((i) => i.label);
      const cause = card.rootCause.correct ? '' : ` (actual root cause: ${label(s.rootCauses, r.rootCause)})`;
      return [
        `Add to the investigation runbook: ${missed.length ? listJoin(missed.map((x) => `“${x}”`)) : 'the checks that point at the real cause'}${cause}.`,
      ];
    }
    case 'communication': {
      const out = card.notifications
        .filter((n) => n.verdict.status === 'missed')
        .map((n, i) => {
          const target = r.notifications.find((x) => x.audience === n.audience) ?? r.notifications[i]!;
          const why = target.reason.trim() ? ` ${target.reason.trim().replace(/([^.])$/, '$1.')}` : '';
          return `Prepare a notification template and owner for ${audienceNoun(n.audience)} (deadline ${formatDuration(target.within)} from ${target.from === 'fault' ? 'the fault' : 'the first real signal'}).${why}`;
        });
      for (const n of card.notifications.filter((x) => x.verdict.status === 'met' && x.content < 1))
        out.push(
          `Add the missing elements to the ${audienceNoun(n.audience)} notification template (this time ${Math.round(n.content * 100)}% of what it needs).`,
        );
      const c = card.cadence;
      if (c.interval !== null && c.share < 1)
        out.push(
          `Send an internal status update at least every ${formatDuration(c.interval)} at this severity (largest gap this time: ${formatDuration(c.largestGap ?? 0)}).`,
        );
      return out.length ? out : ['Review the communication plan.'];
    }
    case 'documentation': {
      const out: string[] = [];
      const missing = s.evidence.filter((e) => !card.evidence.beforeChanges.includes(e.id)).map((e) => e.label);
      if (missing.length) out.push(`Add an evidence checklist to run before any change: ${missing.map((x) => x.replace(/\.$/, '')).join('; ')}.`);
      // The roles the documentation scorer found missing: the plan never asks for a role the team assigned.
      const doc = card.dimensions.find((d) => d.dimension === 'documentation');
      const rolesReason = doc?.reasons.find((x) => x.code === 'documentation.roles');
      const roles = rolesReason?.code === 'documentation.roles' ? rolesReason.params.missing : r.requiredRoles.filter((role) => !ctx.roles[role]);
      if (roles.length) out.push(`Assign ${listJoin(roles.map((x) => roleInline(x)))} at the start of every incident.`);
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
export function suggestedPlan(s: Scenario, card: ScoreCard, ctx: PlanContext, date: string): ActionItem[] {
  const due = addDays(date, 30);
  const items: ActionItem[] = [];
  for (const d of card.dimensions) {
    if (isMet(d.verdict)) continue;
    const lines = actionsFor(s, card, ctx, d.dimension);
    if (!lines.length) lines.push(`Review ${CAPABILITY[d.dimension].toLowerCase()} against the rubric.`);
    lines.forEach((text, i) => items.push({ id: `plan-${d.dimension}-${i + 1}`, text, owner: '', due, status: 'open', capability: CAPABILITY[d.dimension] }));
  }
  // Obligations not yet due when the exercise ended are still owed: carried into the plan.
  card.notifications
    .filter((n) => n.verdict.status === 'open' && n.deadline !== null)
    .forEach((n, i) =>
      items.push({
        id: `plan-open-${i + 1}`,
        text: `Open obligation: notify ${audienceNoun(n.audience)} by ${moment(s, n.deadline!)} (not yet due when the exercise ended).`,
        owner: '',
        due,
        status: 'open',
        capability: CAPABILITY.communication,
      }),
    );
  return items;
}
