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
import { formatDuration, MINUTE } from '../scenario/duration.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import type { CostTotals, HarmTotals } from '../engine/run-state.ts';
import { scoreRun, type ScoreCard } from '../scoring/score-card.ts';
import { REQUIRED_ELEMENTS } from '../scoring/definitions.ts';
import { editJournal, type Insertion } from './journal-edit.ts';
import { actionSubject, audienceNoun, audienceTitle, investigationSubject, harmNoun, harmNumber, listJoin, money, moment } from './phrasing.ts';
import { EN } from '../i18n/words.ts';
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
export function harmConsequence(s: Scenario, before: HarmTotals, after: HarmTotals): { text: string; changed: boolean } {
  const parts: string[] = [];
  let changed = false;
  for (const h of s.harm) {
    const b = Math.round(before[h.id] ?? 0);
    const a = Math.round(after[h.id] ?? 0);
    const noun = harmNoun(h);
    if (a < b) {
      changed = true;
      parts.push(`prevented ${harmNumber(s, h, b - a)} of the ${harmNumber(s, h, b)} ${noun} (${harmNumber(s, h, a)} instead of ${harmNumber(s, h, b)})`);
    } else if (a > b) {
      changed = true;
      parts.push(`raised the ${noun} from ${harmNumber(s, h, b)} to ${harmNumber(s, h, a)}`);
    } else parts.push(`left the ${harmNumber(s, h, b)} ${noun} unchanged`);
  }
  return { text: listJoin(parts), changed };
}

function scoreConsequence(before: WhatIfOutcome, after: WhatIfOutcome, dimension?: Dimension): string {
  const verb = (b: number, a: number) => (a > b ? 'raised' : a < b ? 'lowered' : 'left');
  const what = (label: string, b: number, a: number) => (a === b ? `${label} at ${b}` : `${label} from ${b} to ${a}`);
  const overall = [before.overall, after.overall] as const;
  if (!dimension) return `${verb(...overall)} ${what('the overall score', ...overall)}`;
  const dim = [before.dimensions[dimension] ?? 0, after.dimensions[dimension] ?? 0] as const;
  const first = `${verb(...dim)} ${what(`the ${dimension} score`, ...dim)}`;
  // "raised the communication score from 28 to 36 and the overall score from 71 to 72"
  return verb(...dim) === verb(...overall)
    ? `${first} and ${what('the overall score', ...overall)}`
    : `${first} and ${verb(...overall)} ${what('the overall score', ...overall)}`;
}

function costConsequence(s: Scenario, before: CostTotals, after: CostTotals): string {
  const b = Math.round(before.revenueLost);
  const a = Math.round(after.revenueLost);
  if (a === b) return '';
  return `, and containment would have cost ${money(s, a)} in lost revenue instead of ${money(s, b)}`;
}

/** The sentence tail for a containment what-if: harm first, then score and cost. */
function containmentTail(s: Scenario, base: WhatIfOutcome, out: WhatIfOutcome): string {
  const harm = harmConsequence(s, base.harm, out.harm);
  return `would have ${harm.text}; it would have ${scoreConsequence(base, out)}${costConsequence(s, base.costs, out.costs)}.`;
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

function containAtFirstSignal(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, base: WhatIfOutcome): WhatIf | null {
  const first = card.keyTimes.firstSignal;
  if (first === null) return null;
  // Containments decided before the first real signal earn no credit, so they are not the team's choice here.
  const all = containmentEntries(entries).filter((e) => e.t >= first);
  const acceptable = all.find((e) => s.rubric.acceptableContainments.includes(e.input.containmentId)) ?? null;
  const id = acceptable?.input.containmentId ?? s.rubric.bestResponse[0]!;
  const c = s.containments.find((x) => x.id === id);
  const label = c?.label ?? id;
  const title = 'Contained at the first signal';
  // The same containment decided before the first real signal (no credit) is moved, not repeated.
  const early = acceptable ? null : (containmentEntries(entries).find((e) => e.t < first && e.input.containmentId === id) ?? null);
  const plan = containmentPlan(s, entries, id, first, acceptable?.seq ?? early?.seq ?? null);
  // "At 10:25 instead of at 10:25" is no alternative: within the same minute counts as the team's own choice.
  if (acceptable && (acceptable.t <= plan.containAt || moment(s, acceptable.t) === moment(s, plan.containAt))) {
    return {
      id: 'first-signal',
      kind: 'contain-at-first-signal',
      title,
      change: 'No change',
      sentence: `The team already decided “${label}” at ${moment(s, acceptable.t)}, as early as the first signal allowed.`,
      outcome: base,
      unchanged: true,
      entries: [...entries],
    };
  }
  const edited = editJournal(entries, plan.remove, plan.insert);
  const when = plan.investigation
    ? `“${plan.investigation.label}” started at ${moment(s, first)} (first signal) and “${label}” decided at ${moment(s, plan.containAt)}, when its finding came in`
    : `“${label}” decided at ${moment(s, plan.containAt)}${plan.containAt === first ? ' (first signal)' : ', as soon as its finding was in'}`;
  const change = acceptable
    ? `${when}, instead of ${moment(s, acceptable.t)}`
    : `${when}; the team chose no acceptable containment (this is the rubric's best)`;
  const { outcome, error } = rescore(s, seed, edited);
  const instead = acceptable ? ` instead of at ${moment(s, acceptable.t)},` : '';
  const subject = plan.investigation
    ? `${investigationSubject(plan.investigation.label)} at ${moment(s, first)}, when the first signal arrived, and then ${lower(actionSubject(label))} at ${moment(s, plan.containAt)}, when its finding came in,${instead}`
    : plan.containAt === first
      ? `${actionSubject(label)} at ${moment(s, first)}, when the first signal arrived,${instead}`
      : `${actionSubject(label)} at ${moment(s, plan.containAt)}, as soon as its finding was in,${instead}`;
  let sentence = outcome ? `${subject} ${containmentTail(s, base, outcome)}` : `${subject} could not be simulated: ${error}`;
  if (outcome && base.mttd !== null && outcome.mttd !== null && outcome.mttd < base.mttd && outcome.overall < base.overall) {
    sentence = `${sentence.slice(0, -1)} (acting then would also have declared the incident then, starting the notification deadlines and status-update windows earlier).`;
  }
  return { id: 'first-signal', kind: 'contain-at-first-signal', title, change, sentence, outcome, ...(error ? { error } : {}), entries: edited };
}

function otherContainments(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, base: WhatIfOutcome): WhatIf[] {
  const team = teamContainment(s, entries);
  if (!team) return [];
  const used = new Set(containmentEntries(entries).map((e) => e.input.containmentId));
  const teamLabel = s.containments.find((x) => x.id === team.input.containmentId)?.label ?? team.input.containmentId;
  const candidates: Containment[] = s.containments.filter((c) => c.available && s.rubric.acceptableContainments.includes(c.id) && !used.has(c.id));
  return candidates.map((c) => {
    const plan = containmentPlan(s, entries, c.id, team.t, team.seq);
    const edited = editJournal(entries, plan.remove, plan.insert);
    const { outcome, error } = rescore(s, seed, edited);
    const instead = `instead of ${lower(actionSubject(teamLabel))}`;
    const subject = plan.investigation
      ? `${investigationSubject(plan.investigation.label)} at ${moment(s, team.t)} and then ${lower(actionSubject(c.label))} at ${moment(s, plan.containAt)}, when its finding came in, ${instead}`
      : plan.containAt === team.t
        ? `${actionSubject(c.label)} at ${moment(s, team.t)} ${instead}`
        : `${actionSubject(c.label)} at ${moment(s, plan.containAt)}, as soon as its finding was in, ${instead}`;
    return {
      id: `swap:${c.id}`,
      kind: 'other-containment' as const,
      title: `Instead: ${c.label}`,
      change: `“${c.label}” instead of “${teamLabel}” at ${moment(s, plan.containAt)}${plan.investigation ? ` (after “${plan.investigation.label}” from ${moment(s, team.t)})` : ''}`,
      sentence: outcome ? `${subject} ${containmentTail(s, base, outcome)}` : `${subject} could not be simulated: ${error}`,
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
function notificationMoves(s: Scenario, entries: ReadonlyArray<JournalEntry>, card: ScoreCard): NotificationMove[] {
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
    const message = entry?.input.type === 'COMMUNICATE' ? entry.input.message : `Notification to ${audienceNoun(n.audience)} (what-if)`;
    // Same terms as the real run: the team's own message (its elements) moved on time; a message
    // never sent is taken as a prepared template with every element the audience needs.
    const own = entry?.input.type === 'COMMUNICATE' ? entry.input.elements : undefined;
    const elements = own ?? Object.fromEntries(REQUIRED_ELEMENTS[n.audience].map((e) => [e, EN.t('whatIf.templateElement', { element: elementInline(e) })]));
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

function notificationWhatIfs(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard, base: WhatIfOutcome): WhatIf[] {
  const moves = notificationMoves(s, entries, card);
  const items: WhatIf[] = moves.map((m) => {
    const edited = editJournal(entries, m.remove === null ? [] : [m.remove], [m.insert]);
    const { outcome, error } = rescore(s, seed, edited);
    const who = audienceNoun(m.audience);
    const when =
      m.insert.t < m.deadline - MINUTE
        ? `before the exercise ended (the ${formatDuration(m.within)} deadline was ${moment(s, m.deadline)})`
        : `just before the ${formatDuration(m.within)} deadline (${moment(s, m.deadline)})`;
    const instead = m.sentAt === null ? 'instead of never' : `instead of at ${moment(s, m.sentAt)}`;
    const subject = `Notifying ${who} at ${moment(s, m.insert.t)}, ${when}, ${instead},`;
    let sentence: string;
    if (!outcome) sentence = `${subject} could not be simulated: ${error}`;
    else {
      const harm = harmConsequence(s, base.harm, outcome.harm);
      sentence = `${subject} would have ${scoreConsequence(base, outcome, 'communication')}${harm.changed ? `, and ${harm.text}` : ''}.`;
    }
    return {
      id: `notify:${m.audience}`,
      kind: 'notify-on-time' as const,
      title: `${audienceTitle(m.audience)} notified on time`,
      change: `${audienceTitle(m.audience)} notified at ${moment(s, m.insert.t)} ${instead}`,
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
    const subject = `Sending all ${moves.length} late or missing notifications on time (${listJoin(moves.map((m) => audienceNoun(m.audience)))})`;
    items.push({
      id: 'notify:all',
      kind: 'all-notified',
      title: 'Every notification on time',
      change: `${listJoin(moves.map((m) => `${audienceNoun(m.audience)} at ${moment(s, m.insert.t)}`))}`,
      sentence: outcome ? `${subject} would have ${scoreConsequence(base, outcome, 'communication')}.` : `${subject} could not be simulated: ${error}`,
      outcome,
      ...(error ? { error } : {}),
      entries: edited,
    });
  }
  return items;
}

/** Every what-if for a scored journal, each replayed and re-scored exactly. */
export function whatIfs(s: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, card: ScoreCard): WhatIfAnalysis {
  const base = outcomeOfCard(card);
  const a = containAtFirstSignal(s, seed, entries, card, base);
  return {
    baseline: base,
    items: [...(a ? [a] : []), ...otherContainments(s, seed, entries, base), ...notificationWhatIfs(s, seed, entries, card, base)],
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
