/**
 * What-ifs: exact re-simulations of the team's own journal with one decision changed.
 *
 * The engine is deterministic (same scenario, seed and journal give the same run), so each figure
 * here is what would have happened, not an estimate: the edited journal is replayed and re-scored
 * with scoreRun. Three families:
 *   (a) contained at the first signal: the team's first acceptable containment moved to the first
 *       signal (or the rubric's best containment applied there when the team chose none);
 *   (b) the other containment option: the team's containment swapped, at the same moment, for each
 *       other acceptable containment that was available;
 *   (c) notified on time: each late or missing required notification sent just before its deadline
 *       (one at a time, then all together).
 */
import type { Containment, Dimension, Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import type { CostTotals, HarmTotals } from '../engine/run-state.ts';
import { scoreRun, type ScoreCard } from '../scoring/score-card.ts';
import { REQUIRED_ELEMENTS } from '../scoring/definitions.ts';
import { editJournal, type Insertion } from './journal-edit.ts';
import { actionSubject, audienceNoun, audienceTitle, investigationSubject, harmNoun, harmNumber, listJoin, money, moment } from './phrasing.ts';
import { EN, type Words } from '../i18n/words.ts';
import { elementInline } from '../i18n/labels.ts';

export type WhatIfKind = 'contain-at-first-signal' | 'other-containment' | 'notify-on-time' | 'all-notified';

/** The figures a what-if is compared on. */
export interface WhatIfOutcome {
  overall: number;
  dimensions: Record<string, number>;
  /** Harm as scored: counting only containments decided at or after the first real signal. */
  harm: HarmTotals;
  costs: CostTotals;
  mttd: number | null;
  mttc: number | null;
  containedAt: number | null;
}

export interface WhatIf {
  id: string;
  kind: WhatIfKind;
  /** A short heading: "Contained at the first signal". */
  title: string;
  /** What was changed, in words. */
  change: string;
  /** The finding as one sentence with exact figures. */
  sentence: string;
  /** Re-scored figures; null when the edited journal could not be replayed (see `error`). */
  outcome: WhatIfOutcome | null;
  error?: string;
  /** True when the edit changes nothing (the team already did this). */
  unchanged?: boolean;
  /** The edited journal that was replayed. */
  entries: JournalEntry[];
}

export interface WhatIfAnalysis {
  baseline: WhatIfOutcome;
  items: WhatIf[];
}

export function outcomeOfCard(card: ScoreCard): WhatIfOutcome {
  return {
    overall: card.overall,
    dimensions: Object.fromEntries(card.dimensions.map((d) => [d.dimension, d.score])),
    harm: card.harm.credited,
    costs: { revenueLost: card.harm.costs.revenueLost, userHoursWithoutService: card.harm.costs.userHoursWithoutService, oneOff: card.harm.costs.oneOff ?? 0 },
    mttd: card.mttd,
    mttc: card.mttc,
    containedAt: card.keyTimes.containment,
  };
}

function rescore(s: Scenario, seed: number, entries: JournalEntry[]): { outcome: WhatIfOutcome | null; error?: string } {
  try {
    return { outcome: outcomeOfCard(scoreRun(s, seed, entries)) };
  } catch (e) {
    return { outcome: null, error: (e as Error).message };
  }
}

/** "would have prevented 109 of the 118 applications wrongly declined" for each harm, joined. */
export function harmConsequence(s: Scenario, before: HarmTotals, after: HarmTotals, w: Words = EN): { text: string; changed: boolean } {
  const parts: string[] = [];
  let changed = false;
  for (const h of s.harm) {
    const b = Math.round(before[h.id] ?? 0);
    const a = Math.round(after[h.id] ?? 0);
    // A harm that is zero both ways is no consequence: the sentence does not name it.
    if (a === 0 && b === 0) continue;
    const noun = harmNoun(h);
    const n = (x: number) => harmNumber(s, h, x, w);
    if (a < b) {
      changed = true;
      parts.push(w.t('whatIf.harm.prevented', { prevented: n(b - a), before: n(b), after: n(a), noun }));
    } else if (a > b) {
      changed = true;
      parts.push(w.t('whatIf.harm.raised', { noun, before: n(b), after: n(a) }));
    } else parts.push(w.t('whatIf.harm.unchanged', { before: n(b), noun }));
  }
  return { text: listJoin(parts, w), changed };
}

function scoreConsequence(w: Words, before: WhatIfOutcome, after: WhatIfOutcome, dimension?: Dimension): string {
  const verb = (b: number, a: number) => (a > b ? 'raised' : a < b ? 'lowered' : 'left');
  const what = (label: string, b: number, a: number) =>
    a === b ? w.t('whatIf.score.at', { label, value: b }) : w.t('whatIf.score.fromTo', { label, before: b, after: a });
  const change = (label: string, b: number, a: number) => w.t('whatIf.score.change', { verb: verb(b, a), what: what(label, b, a) });
  const overallLabel = w.t('whatIf.score.overall');
  const overall = [before.overall, after.overall] as const;
  if (!dimension) return change(overallLabel, ...overall);
  const dim = [before.dimensions[dimension] ?? 0, after.dimensions[dimension] ?? 0] as const;
  const first = change(w.t('whatIf.score.dimension', { dimension: w.t(`whatIf.dimension.${dimension}`) }), ...dim);
  // "raised the communication score from 28 to 36 and the overall score from 71 to 72"
  return w.t('whatIf.score.both', {
    first,
    second: verb(...dim) === verb(...overall) ? what(overallLabel, ...overall) : change(overallLabel, ...overall),
  });
}

function costConsequence(s: Scenario, before: CostTotals, after: CostTotals, w: Words): string {
  const b = Math.round(before.revenueLost);
  const a = Math.round(after.revenueLost);
  if (a === b) return '';
  return w.t('whatIf.cost', { after: money(s, a, w), before: money(s, b, w) });
}

/** The sentence tail for a containment what-if: harm first, then score and cost. */
function containmentTail(s: Scenario, base: WhatIfOutcome, out: WhatIfOutcome, w: Words): string {
  const harm = harmConsequence(s, base.harm, out.harm, w);
  const score = scoreConsequence(w, base, out);
  const cost = costConsequence(s, base.costs, out.costs, w);
  return harm.text ? w.t('whatIf.tail', { harm: harm.text, score, cost }) : w.t('whatIf.tail.noHarm', { score, cost });
}

const lower = (phrase: string) => (phrase.startsWith('Choosing') ? phrase.replace(/^C/, 'c') : phrase[0]!.toLowerCase() + phrase.slice(1));

function containmentEntries(entries: ReadonlyArray<JournalEntry>) {
  return entries.filter((e): e is JournalEntry & { input: { type: 'CONTAIN'; containmentId: string } } => e.input.type === 'CONTAIN');
}

/** The team's containment the what-ifs pivot on: its first acceptable one, else its first of any kind. */
export function teamContainment(s: Scenario, entries: ReadonlyArray<JournalEntry>) {
  const all = containmentEntries(entries);
  return all.find((e) => s.rubric.acceptableContainments.includes(e.input.containmentId)) ?? all[0] ?? null;
}

/** How to take a containment at (or as soon as possible after) `at` in an edited journal. */
interface ContainmentPlan {
  remove: number[];
  insert: Insertion[];
  /** When the containment is decided: `at`, or later when it must wait for a finding. */
  containAt: number;
  /** The investigation started for it at `at`, when the team had not started it by then. */
  investigation: { label: string; at: number } | null;
}

/**
 * A containment that needs a finding first (requiresFinding) can only be decided once that
 * finding is in: as the best-achievable baseline does, the investigation starts at `at` (moved
 * there if the team ran it later) and the containment follows when its finding arrives.
 */
export function containmentPlan(
  s: Scenario,
  entries: ReadonlyArray<JournalEntry>,
  containmentId: string,
  at: number,
  removeSeq: number | null,
): ContainmentPlan {
  const plan = planContainment(s, entries, containmentId, at, removeSeq);
  followLifts(s, entries, plan, containmentId, removeSeq);
  // If the alternative decision falls after the team closed the exercise, the team in that
  // timeline would still be working: it resolves once the containment is in effect instead.
  const close = entries.find((e) => e.input.type === 'RESOLVE' || e.input.type === 'END');
  const latest = Math.max(...plan.insert.map((i) => i.t));
  if (close && close.t <= latest) {
    const effect = s.containments.find((c) => c.id === containmentId)?.takesEffectAfter ?? 0;
    plan.remove.push(close.seq);
    plan.insert.push({ t: Math.min(latest + effect, s.clock.horizon), input: close.input });
  }
  return plan;
}

/**
 * The team's later lifts and re-applies of the containment a what-if replaces follow it (#17.8):
 * the team that reopened sales by lifting its kill switch lifts the alternative at the same
 * moment, when the alternative can be lifted and is decided by then; a lift that cannot apply is
 * dropped, so a journal with a lift can always be re-simulated.
 */
function followLifts(s: Scenario, entries: ReadonlyArray<JournalEntry>, plan: ContainmentPlan, containmentId: string, removeSeq: number | null): void {
  const replaced = entries.find((e) => e.seq === removeSeq);
  if (!replaced || replaced.input.type !== 'CONTAIN') return;
  const old = replaced.input.containmentId;
  const liftable = s.containments.find((c) => c.id === containmentId)?.liftable ?? false;
  let inEffect = true;
  for (const e of entries) {
    if (e.seq <= replaced.seq || e.t < plan.containAt) {
      if (e.seq > replaced.seq && (e.input.type === 'LIFT' || e.input.type === 'CONTAIN') && e.input.containmentId === old) plan.remove.push(e.seq);
      continue;
    }
    const { input } = e;
    if ((input.type !== 'LIFT' && input.type !== 'CONTAIN') || input.containmentId !== old) continue;
    plan.remove.push(e.seq);
    if (input.type === 'LIFT' && liftable && inEffect) {
      plan.insert.push({ t: e.t, input: { type: 'LIFT', containmentId } });
      inEffect = false;
    } else if (input.type === 'CONTAIN' && !inEffect) {
      plan.insert.push({ t: e.t, input: { type: 'CONTAIN', containmentId } });
      inEffect = true;
    }
  }
}

function planContainment(s: Scenario, entries: ReadonlyArray<JournalEntry>, containmentId: string, at: number, removeSeq: number | null): ContainmentPlan {
  const remove = removeSeq === null ? [] : [removeSeq];
  const needs = s.containments.find((c) => c.id === containmentId)?.requiresFinding;
  const inv = needs ? s.investigations.find((i) => i.id === needs) : undefined;
  const contain = (t: number): Insertion => ({ t, input: { type: 'CONTAIN', containmentId } });
  if (!inv) return { remove, insert: [contain(at)], containAt: at, investigation: null };
  const started = entries.find((e) => e.input.type === 'INVESTIGATE' && e.input.investigationId === inv.id) ?? null;
  if (started && started.t <= at) {
    const t = Math.max(at, started.t + inv.duration);
    return { remove, insert: [contain(t)], containAt: t, investigation: null };
  }
  const t = at + inv.duration;
  return {
    remove: started ? [...remove, started.seq] : remove,
    insert: [{ t: at, input: { type: 'INVESTIGATE', investigationId: inv.id } }, contain(t)],
    containAt: t,
    investigation: { label: inv.label, at },
  };
}

function containAtFirstSignal(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, base: WhatIfOutcome, w: Words): WhatIf | null {
  const at = (t: number) => moment(s, t, w);
  const first = card.keyTimes.firstSignal;
  if (first === null) return null;
  // Containments decided before the first real signal earn no credit, so they are not the team's choice here.
  const all = containmentEntries(entries).filter((e) => e.t >= first);
  const acceptable = all.find((e) => s.rubric.acceptableContainments.includes(e.input.containmentId)) ?? null;
  const id = acceptable?.input.containmentId ?? s.rubric.bestResponse[0]!;
  const c = s.containments.find((x) => x.id === id);
  const label = c?.label ?? id;
  const title = w.t('whatIf.firstSignal.title');
  // The same containment decided before the first real signal (no credit) is moved, not repeated.
  const early = acceptable ? null : (containmentEntries(entries).find((e) => e.t < first && e.input.containmentId === id) ?? null);
  const plan = containmentPlan(s, entries, id, first, acceptable?.seq ?? early?.seq ?? null);
  // "At 10:25 instead of at 10:25" is no alternative: within the same minute counts as the team's own choice.
  if (acceptable && (acceptable.t <= plan.containAt || at(acceptable.t) === at(plan.containAt))) {
    return {
      id: 'first-signal',
      kind: 'contain-at-first-signal',
      title,
      change: w.t('whatIf.noChange'),
      sentence: w.t('whatIf.firstSignal.already', { label, at: at(acceptable.t) }),
      outcome: base,
      unchanged: true,
      entries: [...entries],
    };
  }
  const edited = editJournal(entries, plan.remove, plan.insert);
  const when = plan.investigation
    ? w.t('whatIf.when.investigation', { investigation: plan.investigation.label, first: at(first), label, at: at(plan.containAt) })
    : plan.containAt === first
      ? w.t('whatIf.when.atFirst', { label, at: at(plan.containAt) })
      : w.t('whatIf.when.afterFinding', { label, at: at(plan.containAt) });
  const change = acceptable ? w.t('whatIf.change.instead', { when, at: at(acceptable.t) }) : w.t('whatIf.change.best', { when });
  const { outcome, error } = rescore(s, seed, edited);
  const instead = acceptable ? w.t('whatIf.insteadOfAt', { at: at(acceptable.t) }) : '';
  const subject = plan.investigation
    ? w.t('whatIf.subject.investigation', {
        investigation: investigationSubject(plan.investigation.label, w),
        first: at(first),
        action: lower(actionSubject(label, w)),
        at: at(plan.containAt),
        instead,
      })
    : plan.containAt === first
      ? w.t('whatIf.subject.atFirst', { action: actionSubject(label, w), first: at(first), instead })
      : w.t('whatIf.subject.afterFinding', { action: actionSubject(label, w), at: at(plan.containAt), instead });
  let sentence = outcome
    ? w.t('whatIf.sentence', { subject, tail: containmentTail(s, base, outcome, w) })
    : w.t('whatIf.failed', { subject, error: error ?? '' });
  if (outcome && base.mttd !== null && outcome.mttd !== null && outcome.mttd < base.mttd && outcome.overall < base.overall) {
    sentence = w.t('whatIf.alsoDeclared', { sentence: sentence.slice(0, -1) });
  }
  return { id: 'first-signal', kind: 'contain-at-first-signal', title, change, sentence, outcome, ...(error ? { error } : {}), entries: edited };
}

function otherContainments(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, base: WhatIfOutcome, w: Words): WhatIf[] {
  const at = (t: number) => moment(s, t, w);
  const team = teamContainment(s, entries);
  if (!team) return [];
  const used = new Set(containmentEntries(entries).map((e) => e.input.containmentId));
  const teamLabel = s.containments.find((x) => x.id === team.input.containmentId)?.label ?? team.input.containmentId;
  const candidates: Containment[] = s.containments.filter((c) => c.available && s.rubric.acceptableContainments.includes(c.id) && !used.has(c.id));
  return candidates.map((c) => {
    const plan = containmentPlan(s, entries, c.id, team.t, team.seq);
    const edited = editJournal(entries, plan.remove, plan.insert);
    const { outcome, error } = rescore(s, seed, edited);
    const instead = w.t('whatIf.insteadOf', { action: lower(actionSubject(teamLabel, w)) });
    const subject = plan.investigation
      ? w.t('whatIf.swap.subject.investigation', {
          investigation: investigationSubject(plan.investigation.label, w),
          at: at(team.t),
          action: lower(actionSubject(c.label, w)),
          containAt: at(plan.containAt),
          instead,
        })
      : plan.containAt === team.t
        ? w.t('whatIf.swap.subject.same', { action: actionSubject(c.label, w), at: at(team.t), instead })
        : w.t('whatIf.swap.subject.afterFinding', { action: actionSubject(c.label, w), at: at(plan.containAt), instead });
    return {
      id: `swap:${c.id}`,
      kind: 'other-containment' as const,
      title: w.t('whatIf.swap.title', { label: c.label }),
      change: w.t('whatIf.swap.change', {
        label: c.label,
        team: teamLabel,
        at: at(plan.containAt),
        after: plan.investigation ? w.t('whatIf.swap.after', { investigation: plan.investigation.label, at: at(team.t) }) : '',
      }),
      sentence: outcome
        ? w.t('whatIf.sentence', { subject, tail: containmentTail(s, base, outcome, w) })
        : w.t('whatIf.failed', { subject, error: error ?? '' }),
      outcome,
      ...(error ? { error } : {}),
      entries: edited,
    };
  });
}

interface NotificationMove {
  audience: string;
  remove: number | null;
  insert: Insertion;
  deadline: number;
  within: number;
  sentAt: number | null;
}

/** Where each late or missing notification would go: a minute before its deadline, inside the run. */
function notificationMoves(s: Scenario, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, w: Words): NotificationMove[] {
  const end = card.keyTimes.end;
  // The last moment an input is still taken: the closing entry's own time (inserted before it),
  // or a minute before the horizon, which closes the run as it is reached.
  const last = card.closedBy === 'horizon' ? end - MINUTE : end;
  const moves: NotificationMove[] = [];
  card.notifications.forEach((n, i) => {
    if (n.verdict.status !== 'missed' || n.deadline === null) return;
    const target = s.rubric.notifications[i]!;
    const entry =
      (n.sentAt !== null ? entries.find((e) => e.t === n.sentAt && e.input.type === 'COMMUNICATE' && e.input.audience === n.audience) : null) ?? null;
    const t = Math.max(0, Math.min(n.deadline - MINUTE, last));
    const message = entry?.input.type === 'COMMUNICATE' ? entry.input.message : w.t('whatIf.notify.message', { who: audienceNoun(n.audience, w) });
    // Same terms as the real run: the team's own message (its elements) moved on time; a message
    // never sent is taken as a prepared template with every element the audience needs.
    const own = entry?.input.type === 'COMMUNICATE' ? entry.input.elements : undefined;
    const elements = own ?? Object.fromEntries(REQUIRED_ELEMENTS[n.audience].map((e) => [e, w.t('whatIf.templateElement', { element: elementInline(e, w) })]));
    moves.push({
      audience: n.audience,
      remove: entry?.seq ?? null,
      insert: { t, input: { type: 'COMMUNICATE', audience: n.audience, message, elements } },
      deadline: n.deadline,
      within: target.within,
      sentAt: n.sentAt,
    });
  });
  return moves;
}

function notificationWhatIfs(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, base: WhatIfOutcome, w: Words): WhatIf[] {
  const at = (t: number) => moment(s, t, w);
  const moves = notificationMoves(s, entries, card, w);
  const items: WhatIf[] = moves.map((m) => {
    const edited = editJournal(entries, m.remove === null ? [] : [m.remove], [m.insert]);
    const { outcome, error } = rescore(s, seed, edited);
    const who = audienceNoun(m.audience, w);
    const when =
      m.insert.t < m.deadline - MINUTE
        ? w.t('whatIf.notify.beforeEnd', { within: w.duration(m.within), deadline: at(m.deadline) })
        : w.t('whatIf.notify.justBefore', { within: w.duration(m.within), deadline: at(m.deadline) });
    const instead = m.sentAt === null ? w.t('whatIf.notify.insteadNever') : w.t('whatIf.notify.insteadAt', { at: at(m.sentAt) });
    const subject = w.t('whatIf.notify.subject', { who, at: at(m.insert.t), when, instead });
    let sentence: string;
    if (!outcome) sentence = w.t('whatIf.failed', { subject, error: error ?? '' });
    else {
      const harm = harmConsequence(s, base.harm, outcome.harm, w);
      sentence = w.t('whatIf.notify.sentence', {
        subject,
        score: scoreConsequence(w, base, outcome, 'communication'),
        harm: harm.changed ? w.t('whatIf.notify.harm', { harm: harm.text }) : '',
      });
    }
    return {
      id: `notify:${m.audience}`,
      kind: 'notify-on-time' as const,
      title: w.t('whatIf.notify.title', { who: audienceTitle(m.audience, w) }),
      change: w.t('whatIf.notify.change', { who: audienceTitle(m.audience, w), at: at(m.insert.t), instead }),
      sentence,
      outcome,
      ...(error ? { error } : {}),
      entries: edited,
    };
  });
  if (moves.length > 1) {
    const edited = editJournal(
      entries,
      moves.flatMap((m) => (m.remove === null ? [] : [m.remove])),
      moves.map((m) => m.insert),
    );
    const { outcome, error } = rescore(s, seed, edited);
    const subject = w.t('whatIf.all.subject', {
      count: moves.length,
      who: listJoin(
        moves.map((m) => audienceNoun(m.audience, w)),
        w,
      ),
    });
    items.push({
      id: 'notify:all',
      kind: 'all-notified',
      title: w.t('whatIf.all.title'),
      change: listJoin(
        moves.map((m) => w.t('whatIf.all.item', { who: audienceNoun(m.audience, w), at: at(m.insert.t) })),
        w,
      ),
      sentence: outcome
        ? w.t('whatIf.all.sentence', { subject, score: scoreConsequence(w, base, outcome, 'communication') })
        : w.t('whatIf.failed', { subject, error: error ?? '' }),
      outcome,
      ...(error ? { error } : {}),
      entries: edited,
    });
  }
  return items;
}

/** Every what-if for a scored journal, each replayed and re-scored exactly. */
export function whatIfs(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, w: Words = EN): WhatIfAnalysis {
  const base = outcomeOfCard(card);
  const a = containAtFirstSignal(s, seed, entries, card, base, w);
  return {
    baseline: base,
    items: [...(a ? [a] : []), ...otherContainments(s, seed, entries, base, w), ...notificationWhatIfs(s, seed, entries, card, base, w)],
  };
}

/** How much a what-if improves on the run: harm first (share avoided, summed over harms), then score. */
export function improvement(base: WhatIfOutcome, out: WhatIfOutcome): { harm: number; score: number } {
  const harm = Object.keys(base.harm).reduce((a, id) => a + ((base.harm[id] ?? 0) - (out.harm[id] ?? 0)) / Math.max(1, base.harm[id] ?? 0), 0);
  return { harm, score: out.overall - base.overall };
}

/**
 * The biggest lever: the what-if that most improves the outcome, harm first, then score.
 *
 * It must really be an alternative (not the team's own choice, so never "unchanged"), must not
 * lower the score, and must improve something; null when nothing simulated does.
 */
export function biggestLever(analysis: WhatIfAnalysis): WhatIf | null {
  let best: { w: WhatIf; gain: { harm: number; score: number } } | null = null;
  for (const w of analysis.items) {
    if (!w.outcome || w.unchanged) continue;
    const gain = improvement(analysis.baseline, w.outcome);
    if (gain.score < 0 || gain.harm < -1e-9) continue;
    if (gain.harm <= 1e-9 && gain.score <= 0) continue;
    if (!best || gain.harm > best.gain.harm + 1e-9 || (Math.abs(gain.harm - best.gain.harm) <= 1e-9 && gain.score > best.gain.score)) best = { w, gain };
  }
  return best?.w ?? null;
}
