/**
 * Edits to a journal for what-if re-simulations: drop some entries, insert others, keep it valid.
 *
 * The result is sorted by time and re-sequenced from 1, as a journal must be. An inserted entry
 * goes just before any existing entry at the same moment (so a notification "just before the end"
 * lands ahead of the RESOLVE that closes the exercise); existing entries keep their order.
 */
import type { JournalEntry, TeamInput } from '../engine/inputs.ts';

export interface Insertion {
  t: number;
  input: TeamInput;
}

export function editJournal(entries: ReadonlyArray<JournalEntry>, remove: ReadonlyArray<number>, insert: ReadonlyArray<Insertion>): JournalEntry[] {
  const drop = new Set(remove);
  const rows = [
    ...insert.map((x, i) => ({ t: Math.round(x.t), input: x.input, rank: 0, order: i })),
    ...entries.filter((e) => !drop.has(e.seq)).map((e, i) => ({ t: e.t, input: e.input, rank: 1, order: i })),
  ];
  rows.sort((a, b) => a.t - b.t || a.rank - b.rank || a.order - b.order);
  return rows.map((r, i) => ({ seq: i + 1, t: r.t, input: r.input }));
}
