import { parseJournal, serializeEntry, serializeJournal, JournalError, JOURNAL_FORMAT, type Journal } from '../../../shared/engine/journal.ts';

const journal: Journal = {
  header: {
    format: JOURNAL_FORMAT,
    exerciseId: 'ex-1',
    scenarioId: 'mini',
    scenarioVersion: 1,
    scenarioSource: 'id: mini',
    seed: 4,
    createdAt: '2026-01-01T00:00:00Z',
  },
  entries: [
    { seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } },
    { seq: 2, t: 120_000, input: { type: 'TRIAGE', severity: 2, incidentType: 'safety' } },
    { seq: 3, t: 180_000, input: { type: 'NOTE', text: 'line\nbreak' } },
  ],
};

describe('journal', () => {
  it('round-trips', () => {
    expect(parseJournal(serializeJournal(journal))).toEqual({ ...journal, warnings: [] });
  });
  it('recovers up to the last whole entry when the last line was torn, with a warning', () => {
    const text = serializeJournal(journal);
    const torn = text.slice(0, text.length - 15);
    const parsed = parseJournal(torn);
    expect(parsed.entries).toEqual(journal.entries.slice(0, 2));
    expect(parsed.warnings).toEqual(['the last line (4) was cut off mid-write and was dropped; 2 entries before it were recovered']);
  });
  it('keeps a whole last entry that only lacks its newline', () => {
    const parsed = parseJournal(serializeJournal(journal).trimEnd());
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.warnings).toEqual([]);
  });
  it('names the line of damage in the middle', () => {
    const lines = serializeJournal(journal).split('\n');
    // A line with a valid checksum whose content the schema refuses (written by a buggy tool).
    lines[2] = serializeEntry({ seq: 2, t: 120_000, input: { type: 'TRIAGE', severity: 9, incidentType: 'safety' } } as never).trimEnd();
    expect(() => parseJournal(lines.join('\n'))).toThrow(
      new JournalError(3, 'input.severity: Too big: expected number to be <=4', 1, Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`)),
    );
  });
  it('rejects entries out of order and time going backwards', () => {
    const swapped = { ...journal, entries: [journal.entries[1]!, journal.entries[0]!] };
    expect(() => parseJournal(serializeJournal(swapped))).toThrow(/line 2: entry seq 2 out of order/);
    const back = { ...journal, entries: [{ ...journal.entries[0]!, t: 500_000 }, journal.entries[1]!] };
    expect(() => parseJournal(serializeJournal(back))).toThrow(/line 3: time goes backwards/);
  });
  it('rejects a file that is not a journal', () => {
    expect(() => parseJournal('hello\n')).toThrow(/line 1: the header line is not JSON/);
    expect(() => parseJournal('')).toThrow(/line 1: empty journal/);
  });
});
