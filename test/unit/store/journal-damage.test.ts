/**
 * Byte flips and truncations at every offset of a small journal: damage is detected and located,
 * nothing different is ever accepted silently, and the entries before the damage are salvaged.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { ApiError } from '../../../shared/contract/api.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { crc32, crc32Hex } from '../../../shared/engine/crc32.ts';
import {
  JOURNAL_FORMAT_V1,
  JournalError,
  parseJournal,
  parseJournalBytes,
  parseJournalLenient,
  recoveredEntries,
  serializeJournal,
  type Journal,
} from '../../../shared/engine/journal.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { fixedStore, miniSetup, tempDir } from '../host/host-helpers.ts';
import { fixtureJournal } from './fixture-journal.ts';

const journal: Journal = fixtureJournal();
const entries: JournalEntry[] = journal.entries;
const bytes = Buffer.from(serializeJournal(journal), 'utf8');
/** Byte offset where each line starts, and the line (1-based) a byte belongs to (its newline included). */
const lineStarts = [0, ...[...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)].slice(0, -1);
const lineOf = (offset: number): number => lineStarts.filter((s) => s <= offset).length;

function flipped(offset: number, xor: number): Buffer {
  const b = Buffer.from(bytes);
  b[offset] = b[offset]! ^ xor;
  return b;
}

describe('CRC-32', () => {
  it('matches zlib', () => {
    for (const s of ['', 'a', 'firebreak', '{"seq":1}', 'ü🔥'.repeat(50)]) expect(crc32(Buffer.from(s))).toBe(zlibCrc32(Buffer.from(s)));
  });
});

describe('byte flips at every offset', () => {
  for (const xor of [0x01, 0x20, 0x80]) {
    it(`detects and locates every single-byte change (xor 0x${xor.toString(16)}) and keeps only the entries before it`, () => {
      let detected = 0;
      for (let o = 0; o < bytes.length; o++) {
        const text = flipped(o, xor).toString('utf8');
        const line = lineOf(o);
        if (line === 1) {
          expect(() => parseJournalLenient(text), `offset ${o}`).toThrow(JournalError);
          detected++;
          continue;
        }
        const r = parseJournalLenient(text);
        const isLastNewline = o === bytes.length - 1;
        // Never a different entry: whatever was kept is exactly the original's prefix.
        expect(r.entries, `offset ${o}`).toEqual(entries.slice(0, r.entries.length));
        if (isLastNewline) {
          expect(r.damage ?? r.warnings.find((w) => w.includes('cut off')), `offset ${o}`).toBeTruthy();
        } else {
          expect(r.damage, `offset ${o}`).toMatchObject({ line, offset: lineStarts[line - 1] });
          expect(r.entries).toHaveLength(line - 2);
        }
        detected++;
      }
      expect(detected).toBe(bytes.length);
    });
  }

  it('detects a byte turned into a line break anywhere', () => {
    for (let o = lineStarts[1]!; o < bytes.length - 1; o++) {
      if (bytes[o] === 0x0a) continue;
      const b = Buffer.from(bytes);
      b[o] = 0x0a;
      const r = parseJournalLenient(b.toString('utf8'));
      expect(r.damage?.line, `offset ${o}`).toBe(lineOf(o));
      expect(r.entries).toEqual(entries.slice(0, lineOf(o) - 2));
    }
  });
});

describe('a damaged header with its copy', () => {
  const headerEnd = bytes.indexOf(0x0a) + 1;
  const copy = bytes.subarray(0, headerEnd);
  it('takes the header from the copy at every offset (and every byte turned into a line break), keeping every entry', () => {
    for (let o = 0; o < headerEnd; o++) {
      for (const damaged of [flipped(o, 0x01), flipped(o, 0x80), Buffer.from(bytes).fill(0x0a, o, o + 1)]) {
        if (damaged.equals(bytes)) continue;
        const r = parseJournalBytes(damaged, copy);
        expect(r.header, `offset ${o}`).toEqual(journal.header);
        expect(r.entries, `offset ${o}`).toEqual(entries);
        expect(r).toMatchObject({ headerRestored: true, damage: { line: 1 } });
      }
    }
  });
  it('refuses a copy that is damaged too (nothing different is accepted)', () => {
    const badCopy = Buffer.from(copy);
    badCopy[30] = badCopy[30]! ^ 0x01;
    expect(() => parseJournalBytes(flipped(10, 0x01), badCopy)).toThrow(JournalError);
    expect(parseJournalBytes(bytes, badCopy)).toMatchObject({ damage: null, headerRestored: false, entries });
  });
});

describe('salvage past the damage', () => {
  it('keeps every verified entry after a damaged line and names the gap (one bad line of 30 loses one entry)', () => {
    const many: JournalEntry[] = Array.from({ length: 30 }, (_, i) => ({ seq: i + 1, t: (i + 1) * 1000, input: { type: 'NOTE', text: `n${i + 1}` } }));
    const text = serializeJournal({ header: journal.header, entries: many });
    const lines = text.split('\n');
    lines[15] = lines[15]!.replace('n15', 'n1X'); // line 16 is entry 15
    const r = parseJournalLenient(lines.join('\n'));
    expect(r.damage?.line).toBe(16);
    expect(r.entries).toHaveLength(14);
    expect(r.later.map((e) => e.seq)).toEqual(many.slice(15).map((e) => e.seq));
    const { entries: kept, gaps } = recoveredEntries(r);
    expect(gaps).toEqual([{ fromSeq: 15, toSeq: 15 }]);
    expect(kept).toHaveLength(30);
    expect(kept[14]).toEqual({ seq: 15, t: 14_000, input: { type: 'CLOCK' } });
    expect(kept.filter((e) => e.seq !== 15)).toEqual(many.filter((e) => e.seq !== 15));
  });
  it('never keeps a later line that does not continue the sequence', () => {
    const text = serializeJournal(journal);
    const lines = text.split('\n');
    lines[2] = 'garbage';
    lines[3] = lines[1]!; // entry 1 again after the damage: out of sequence
    const r = parseJournalLenient(lines.join('\n'));
    expect(r.later.map((e) => e.seq)).toEqual([4]);
    expect(r.linesLost).toBe(2);
  });
});

describe('truncation at every offset', () => {
  it('keeps every whole line before the cut, warns about a torn one, never invents data', () => {
    for (let k = 0; k <= bytes.length; k++) {
      const text = bytes.subarray(0, k).toString('utf8');
      const wholeLines = lineStarts.filter(
        (s, i) => (lineStarts[i + 1] ?? bytes.length) <= k || (s < k && k === (lineStarts[i + 1] ?? bytes.length) - 1),
      ).length;
      if (wholeLines === 0) {
        expect(() => parseJournalLenient(text), `cut at ${k}`).toThrow(/line 1/);
        continue;
      }
      const r = parseJournalLenient(text);
      expect(r.damage, `cut at ${k}`).toBeNull();
      expect(r.entries, `cut at ${k}`).toEqual(entries.slice(0, wholeLines - 1));
      const atBoundary = lineStarts.includes(k) || k === bytes.length || bytes[k] === 0x0a;
      if (!atBoundary)
        expect(
          r.warnings.some((w) => w.includes('cut off mid-write')),
          `cut at ${k}`,
        ).toBe(true);
    }
  });
});

describe('header validation', () => {
  const header = journal.header;
  it.each([
    ['seed -1', { ...header, seed: -1 }, 'seed'],
    ['seed 2^31', { ...header, seed: 2 ** 31 }, 'seed'],
    ['seed 1.5', { ...header, seed: 1.5 }, 'seed'],
    ['an impossible createdAt', { ...header, createdAt: '2026-02-31T25:61:00Z' }, 'createdAt'],
    ['31 February', { ...header, createdAt: '2026-02-31T10:00:00Z' }, 'createdAt'],
    ['a createdAt that is not a date', { ...header, createdAt: 'yesterday' }, 'createdAt'],
    ['a negative scenarioVersion', { ...header, scenarioVersion: -3 }, 'scenarioVersion'],
  ])('refuses %s, located at line 1', (_, bad, field) => {
    expect(() => parseJournal(serializeJournal({ header: bad as never, entries }))).toThrow(new RegExp(`^line 1: .*${field}`));
  });
  it('refuses an entry time that is not a finite whole number, even with a valid checksum', () => {
    const lines = serializeJournal(journal).split('\n');
    for (const t of ['1e999', '-1', '1.5']) {
      const body = `{"seq":1,"t":${t},"input":{"type":"ACKNOWLEDGE"}}`;
      lines[1] = `${body.slice(0, -1)},"crc":"${crc32Hex(body)}"}`;
      expect(() => parseJournal(lines.join('\n'))).toThrow(/^line 2: t: /);
    }
  });
});

describe('format 1 journals (no checksums)', () => {
  const v1 = [JSON.stringify({ ...journal.header, format: JOURNAL_FORMAT_V1, team: undefined }), ...entries.map((e) => JSON.stringify(e)), ''].join('\n');
  it('still load, with a note that they carry no integrity check', () => {
    const r = parseJournal(v1);
    expect(r.entries).toEqual(entries);
    expect(r.warnings).toEqual([expect.stringContaining('carry no checksums')]);
  });
});

describe('the store with a damaged journal', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let store: ExerciseStore;
  let id: string;
  let original: Buffer;
  let path: string;
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    store = fixedStore(root);
    id = (await store.create(miniSetup())).id;
    await store.append(id, [
      { seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } },
      { seq: 2, t: 120_000, input: { type: 'NOTE', text: 'two' } },
      { seq: 3, t: 180_000, input: { type: 'NOTE', text: 'three' } },
    ]);
    path = join(root, 'exercises', id, 'journal.jsonl');
    original = await readFile(path);
  });
  afterAll(() => cleanup());

  /** Flips one byte of the journal, clears what an earlier round's recovery left, and returns the damaged bytes. */
  async function damageAt(o: number): Promise<Buffer> {
    const damaged = Buffer.from(original);
    damaged[o] = damaged[o]! ^ 0x01;
    await writeFile(path, damaged);
    for (const f of await readdir(join(root, 'exercises', id))) {
      if (f.startsWith('journal.damaged-') || f === 'recovery.json') await rm(join(root, 'exercises', id, f));
    }
    return damaged;
  }

  it(
    'at the edges and middle of every entry line: loads read-only with every undamaged entry, refuses appends, and salvages the entries before and after the damage',
    { timeout: 300_000 },
    async () => {
      const headerEnd = original.indexOf(0x0a) + 1;
      const starts = [headerEnd, ...[...original.entries()].filter(([i, b]) => b === 0x0a && i >= headerEnd).map(([i]) => i + 1)].slice(0, -1);
      const all = parseJournal(original.toString('utf8')).entries;
      // Per line: its first and last three bytes (the line break among them) and its middle; the
      // parser's own tests above cover every offset.
      const ends = [...starts.slice(1), original.length];
      const offsets = starts
        .flatMap((s, i) => [s, s + 1, s + 2, (s + ends[i]!) >> 1, ends[i]! - 3, ends[i]! - 2, ends[i]! - 1])
        .filter((o) => o < original.length - 1);
      for (const o of new Set(offsets)) {
        const line = starts.filter((s) => s <= o).length + 1;
        // The damaged line is lost; a damaged line break also takes the line it runs into.
        const lostSeqs = new Set([line - 1, ...(original[o] === 0x0a ? [line] : [])]);
        const keptSeqs = all.map((e) => e.seq).filter((seq) => !lostSeqs.has(seq));
        const last = Math.max(0, ...keptSeqs);
        // Each lost entry is stood in for by a checkpoint at the time of the last entry kept before it.
        const standInT = (seq: number) => all.filter((e) => e.seq < seq && !lostSeqs.has(e.seq)).at(-1)?.t ?? 0;
        const expected = all.slice(0, last).map((e) => (lostSeqs.has(e.seq) ? { seq: e.seq, t: standInT(e.seq), input: { type: 'CLOCK' } } : e));
        const damaged = await damageAt(o);

        const loaded = await store.load(id);
        expect(loaded.entries, `offset ${o}`).toEqual(expected);
        expect(loaded.recoverable).toBe(true);
        expect(loaded.warnings[0]).toContain(`damaged at line ${line}`);
        const refused = (await store.append(id, [{ seq: 4, t: 200_000, input: { type: 'NOTE', text: 'x' } }]).catch((e: unknown) => e)) as ApiError;
        expect(refused.code).toBe('conflict');
        expect(refused.message).toContain('Recover it first');

        const salvage = (await store.salvage(id))!;
        expect(salvage, `offset ${o}`).toMatchObject({ entriesKept: keptSeqs.length, linesLost: 1, damage: { line } });
        const gap = [...lostSeqs].filter((seq) => seq < last);
        expect(salvage.gaps).toEqual(gap.length ? [{ fromSeq: Math.min(...gap), toSeq: Math.max(...gap) }] : []);
        expect(await readFile(salvage.originalKeptAt)).toEqual(damaged); // kept byte for byte
        const after = await store.load(id);
        expect(after.entries).toEqual(expected);
        expect(after.recoverable).toBeUndefined();
        expect(after.warnings.some((w) => w.startsWith('recovered on') && w.includes(`${keptSeqs.length} entries were kept`))).toBe(true);
        await expect(store.append(id, [{ seq: last + 1, t: 200_000, input: { type: 'NOTE', text: 'after recovery' } }])).resolves.toMatchObject({
          entryCount: last + 1,
        });
      }
    },
  );

  it(
    'in the header: loads read-only with every entry (the header from its copy), and recovery restores the journal byte for byte',
    { timeout: 300_000 },
    async () => {
      const headerEnd = original.indexOf(0x0a) + 1;
      // Every byte of the header's first and last 64, and a stride through the scenario it pins.
      const offsets = Array.from({ length: headerEnd }, (_, i) => i).filter((i) => i < 12 || i >= headerEnd - 12 || i % 151 === 0);
      for (const o of offsets) {
        await damageAt(o);
        const loaded = await store.load(id);
        expect(loaded.entries, `offset ${o}`).toEqual(parseJournal(original.toString('utf8')).entries);
        expect(loaded.recoverable, `offset ${o}`).toBe(true);
        expect(loaded.warnings[0], `offset ${o}`).toContain('damaged at line 1');
        expect((await store.list()).exercises.map((e) => e.id)).toContain(id);
        const refused = (await store.append(id, [{ seq: 4, t: 200_000, input: { type: 'NOTE', text: 'x' } }]).catch((e: unknown) => e)) as ApiError;
        expect(refused.message).toContain('Recover it first');
        expect(await store.salvage(id), `offset ${o}`).toMatchObject({ entriesKept: 3, linesLost: 0, gaps: [], damage: { line: 1 } });
        expect(await readFile(path), `offset ${o}`).toEqual(original);
      }
    },
  );

  it('a damaged header copy changes nothing: the journal loads as is and the copy is rewritten at the next write', async () => {
    await writeFile(path, original);
    const copyPath = join(root, 'exercises', id, 'journal.header');
    const copy = await readFile(copyPath);
    const damaged = Buffer.from(copy);
    damaged[40] = damaged[40]! ^ 0x01;
    await writeFile(copyPath, damaged);
    const loaded = await store.load(id);
    expect(loaded.recoverable).toBeUndefined();
    expect(loaded.entries).toHaveLength(3);
    const fresh = new ExerciseStore(root);
    await fresh.append(id, [{ seq: 4, t: 200_000, input: { type: 'NOTE', text: 'four' } }]);
    await fresh.close();
    expect(await readFile(copyPath)).toEqual(copy);
    await writeFile(path, original);
  });

  it('says when a journal was cut short at a line boundary (fewer entries than recorded)', async () => {
    await writeFile(path, original);
    await store.salvage(id); // nothing to do on an intact journal
    const lines = original.toString('utf8').split('\n');
    await writeFile(path, `${lines.slice(0, 3).join('\n')}\n`);
    const { meta } = await store.load(id);
    const fresh = new ExerciseStore(root);
    const loaded = await fresh.load(id);
    expect(meta.entryCount).toBe(2);
    expect(loaded.entries).toHaveLength(2);
  });
});

describe('an exercise kept in format 1', () => {
  it('loads with the no-checksum note, takes appends with checksums, and detects damage in those', async () => {
    const { dir: root, cleanup } = await tempDir();
    try {
      const store = fixedStore(root);
      const { id } = await store.create(miniSetup());
      const path = join(root, 'exercises', id, 'journal.jsonl');
      // Rewrite it as an older Firebreak wrote it: format 1, no checksums.
      const header = parseJournal(await readFile(path, 'utf8')).header;
      const { team: _t, participants: _p, mode: _m, speed: _s, ...v1Header } = header;
      await writeFile(path, `${JSON.stringify({ ...v1Header, format: JOURNAL_FORMAT_V1 })}\n${JSON.stringify(entries[0])}\n`);
      const fresh = new ExerciseStore(root);
      const loaded = await fresh.load(id);
      expect(loaded.entries).toEqual([entries[0]]);
      expect(loaded.warnings).toContainEqual(expect.stringContaining('carry no checksums'));
      await fresh.append(id, [{ seq: 2, t: 120_000, input: { type: 'NOTE', text: 'new line' } }]);
      const text = await readFile(path, 'utf8');
      expect(text.split('\n')[2]).toMatch(/,"crc":"[0-9a-f]{8}"\}$/);
      await writeFile(path, text.replace('new line', 'new lime'));
      expect((await fresh.load(id)).warnings[0]).toContain('damaged at line 3');
      await fresh.close();
    } finally {
      await cleanup();
    }
  });
});
