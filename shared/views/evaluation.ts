/**
 * The HSEEP records of a run (#19) as the screens read them: the objectives with every rating
 * given so far, the hot washes and the decisions logged, all read from the attributed journal
 * (the engine validated each entry before it was journaled; nothing here re-judges them).
 */
import type { EvaluationView, RatingView } from '../contract/live.ts';
import type { JournalEntry } from '../engine/inputs.ts';
import { capabilityLabel, type Capability, type Objective } from '../scenario/exercise-plan.ts';

/** Who an unattributed entry is from: the console, before live sessions named people. */
const byName = (e: JournalEntry) => e.by?.name ?? 'Facilitator';

export function evaluationView(s: { objectives: ReadonlyArray<Objective>; capabilities: Capability[] }, entries: ReadonlyArray<JournalEntry>): EvaluationView {
  return {
    objectives: s.objectives.map((o) => ({
      id: o.id,
      text: o.text,
      capability: o.capability ?? null,
      capabilityLabel: o.capability ? capabilityLabel(s, o.capability) : null,
    })),
    ratings: ratingsOf(entries),
  };
}

/** Every RATE entry, in journal order. */
export function ratingsOf(entries: ReadonlyArray<JournalEntry>): RatingView[] {
  return entries.flatMap((e) =>
    e.input.type === 'RATE'
      ? [
          {
            seq: e.seq,
            t: e.t,
            by: byName(e),
            objectiveId: e.input.objectiveId,
            rating: e.input.rating,
            observation: e.input.observation ?? '',
            at: e.input.at ?? e.t,
          },
        ]
      : [],
  );
}

/** Each person's latest rating of each objective (a later rating of theirs replaces the earlier one). */
export function latestRatings(entries: ReadonlyArray<JournalEntry>): RatingView[] {
  const last = new Map<string, RatingView>();
  for (const r of ratingsOf(entries)) {
    const key = `${r.objectiveId}\u0000${r.by}`;
    last.delete(key);
    last.set(key, r);
  }
  return [...last.values()];
}

export interface HotWashView {
  seq: number;
  by: string;
  role: string | null;
  wentWell: string;
  improve: string;
  playbookChange: string;
  confidence: number | null;
  comments: string;
}

/** Each person's latest hot wash, in the order they first sent one. */
export function hotWashesOf(entries: ReadonlyArray<JournalEntry>): HotWashView[] {
  const by = new Map<string, HotWashView>();
  for (const e of entries) {
    if (e.input.type !== 'HOT_WASH') continue;
    const i = e.input;
    by.set(byName(e), {
      seq: e.seq,
      by: byName(e),
      role: e.by?.role ?? null,
      wentWell: i.wentWell,
      improve: i.improve,
      playbookChange: i.playbookChange,
      confidence: i.confidence ?? null,
      comments: i.comments ?? '',
    });
  }
  return [...by.values()];
}

export interface DecisionView {
  seq: number;
  t: number;
  text: string;
  owner: string;
  rationale: string;
  question: string;
}

export function decisionsOf(entries: ReadonlyArray<JournalEntry>): DecisionView[] {
  return entries.flatMap((e) =>
    e.input.type === 'DECISION'
      ? [{ seq: e.seq, t: e.t, text: e.input.text, owner: e.input.owner ?? '', rationale: e.input.rationale ?? '', question: e.input.question ?? '' }]
      : [],
  );
}
