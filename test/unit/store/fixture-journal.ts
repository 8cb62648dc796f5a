/**
 * A small journal both the damage tests (every byte flipped) and the evidence-bundle tests (a
 * careful forger) work on: a format 2 header and entries with multi-byte text, so offsets and
 * checksums are exercised on characters wider than a byte.
 */
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import type { Journal } from '../../../shared/engine/journal.ts';

const ENTRIES: ReadonlyArray<JournalEntry> = [
  { seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } },
  { seq: 2, t: 120_000, input: { type: 'NOTE', text: 'é — ünïcode 🔥' } },
  { seq: 3, t: 180_000, input: { type: 'TRIAGE', severity: 2, incidentType: 'safety' } },
  { seq: 4, t: 240_000, input: { type: 'NOTE', text: 'four' } },
];

/** The fixture journal with its first `count` entries (all four by default); a fresh copy each call. */
export function fixtureJournal(count = ENTRIES.length): Journal {
  return {
    header: {
      format: 'firebreak-journal/2',
      exerciseId: 'ex-1',
      scenarioId: 'mini',
      scenarioVersion: 1,
      scenarioSource: 'id: mini\n',
      seed: 4,
      createdAt: '2026-01-01T00:00:00Z',
      team: 'Blue',
    },
    entries: structuredClone(ENTRIES.slice(0, count)) as JournalEntry[],
  };
}
