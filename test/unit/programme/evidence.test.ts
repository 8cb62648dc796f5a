/**
 * Signed evidence (#22): the journal's hash chain, bundles and `firebreak verify`.
 *
 * An auditor must be able to show that an exercise happened as reported: a changed byte anywhere
 * in a bundle or a journal is detected, an edit whose author recomputed the line's CRC is caught
 * by the chain, and a bundle re-signed by another installation is refused. Old journals without a
 * chain still read, and verify as "unchained".
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { crc32Hex } from '../../../shared/engine/crc32.ts';
import { sha256Hex } from '../../../shared/engine/sha256.ts';
import { lineHash, parseJournalLenient, serializeJournal, type Journal } from '../../../shared/engine/journal.ts';
import { bundleDigest, checkBundle, checkJournal, makeBundle, serializeBundle } from '../../../host/programme/evidence/bundle.ts';
import { generateInstallationKey, installationKey } from '../../../host/programme/evidence/installation-key.ts';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { fixedStore, miniSetup, tempDir } from '../host/host-helpers.ts';
import { fixtureJournal } from '../store/fixture-journal.ts';

const journal: Journal = fixtureJournal(3);
const entries: JournalEntry[] = journal.entries;
const text = serializeJournal(journal);
const lines = text.split('\n').slice(0, -1);

/** A line with its JSON changed by `edit` and its CRC recomputed, as a careful forger would. */
function forged(line: string, edit: (o: Record<string, unknown>) => void): string {
  const o = JSON.parse(line) as Record<string, unknown>;
  delete o.crc;
  edit(o);
  const body = JSON.stringify(o);
  return `${body.slice(0, -1)},"crc":"${crc32Hex(body)}"}`;
}

function flip(s: string, offset: number, xor: number): Buffer {
  const b = Buffer.from(s, 'utf8');
  b[offset] = b[offset]! ^ xor;
  return b;
}

function cli(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), readFile: (p) => readFileSync(p), writeFile: (p, d) => writeFileSync(p, d) };
  return { io, out, err };
}

describe('SHA-256 (shared/, pure)', () => {
  it('matches node:crypto, across block boundaries and in UTF-8', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ü🔥'.repeat(300)])
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});

describe('the journal hash chain', () => {
  it('new journals are chained: every entry line commits to the whole line before', () => {
    expect(JSON.parse(lines[0]!).chain).toBe('sha256');
    for (let i = 1; i < lines.length; i++) expect(JSON.parse(lines[i]!).prev).toBe(lineHash(lines[i - 1]!));
    const parsed = parseJournalLenient(text);
    expect(parsed.damage).toBeNull();
    expect(parsed.entries).toEqual(entries);
    expect(parsed.chainTip).toBe(lineHash(lines.at(-1)!));
    expect(checkJournal(text)).toMatchObject({ ok: true, chain: 'chained', lines: 4 });
  });

  it('an edited line whose CRC was recomputed is caught by the next line', () => {
    const edited = [...lines];
    edited[2] = forged(lines[2]!, (o) => ((o.input as Record<string, unknown>).text = 'nothing happened'));
    const r = parseJournalLenient(`${edited.join('\n')}\n`);
    expect(r.damage).toMatchObject({ line: 4 });
    expect(r.damage!.message).toMatch(/chain is broken.*line 3/);
    expect(checkJournal(`${edited.join('\n')}\n`).ok).toBe(false);
  });

  it('a removed or an inserted line breaks the chain where it happened', () => {
    const removed = [lines[0], lines[1], lines[3]].join('\n') + '\n';
    expect(parseJournalLenient(removed).damage).toMatchObject({ line: 3 });
    // Renumbered and re-CRCed, but it still commits to the line that was removed.
    const renumbered = [lines[0], lines[1], forged(lines[3]!, (o) => (o.seq = 2))].join('\n') + '\n';
    expect(parseJournalLenient(renumbered).damage?.message).toMatch(/chain is broken/);
  });

  it('a chain hash stripped from a line is refused (a chained journal has one on every line)', () => {
    const stripped = [...lines];
    stripped[1] = forged(lines[1]!, (o) => delete o.prev);
    expect(parseJournalLenient(`${stripped.join('\n')}\n`).damage?.message).toMatch(/no chain hash/);
  });

  it('a changed byte anywhere in a journal is detected', () => {
    for (let offset = 0; offset < Buffer.byteLength(text); offset++) {
      for (const xor of [0x01, 0x20]) {
        const r = checkJournal(flip(text, offset, xor).toString('utf8'));
        if (r.ok) throw new Error(`byte ${offset} ^ ${xor} was not detected`);
      }
    }
  });

  it('a journal written before the chain still reads, verifies as unchained, and appends to it stay unchained', async () => {
    const old = lines.map((l, i) => forged(l, (o) => (i === 0 ? delete o.chain : delete o.prev))).join('\n') + '\n';
    const parsed = parseJournalLenient(old);
    expect(parsed.damage).toBeNull();
    expect(parsed.entries).toEqual(entries);
    expect(parsed.chained).toBe(false);
    expect(checkJournal(old)).toMatchObject({ ok: true, chain: 'unchained' });

    const { dir, cleanup } = await tempDir();
    try {
      const store = fixedStore(dir);
      const meta = await store.create(miniSetup());
      const path = join(dir, 'exercises', meta.id, 'journal.jsonl');
      const header = (await readFile(path, 'utf8')).split('\n')[0]!;
      const unchainedHeader = forged(header, (o) => delete o.chain);
      await writeFile(path, `${unchainedHeader}\n`);
      await writeFile(join(dir, 'exercises', meta.id, 'journal.header'), `${unchainedHeader}\n`);
      const fresh = fixedStore(dir);
      await fresh.append(meta.id, [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }]);
      const after = await readFile(path, 'utf8');
      expect(after).not.toContain('"prev"');
      expect(checkJournal(after)).toMatchObject({ ok: true, chain: 'unchained', lines: 2 });
    } finally {
      await cleanup();
    }
  });

  it("the store's journals are chained from the first line, across reopened stores", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = fixedStore(dir);
      const meta = await store.create(miniSetup());
      await store.append(meta.id, [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }]);
      // A second store (another process, after a restart) continues the chain from the file.
      await fixedStore(dir).append(meta.id, [{ seq: 2, t: 120_000, input: { type: 'NOTE', text: 'later' } }]);
      const written = await readFile(join(dir, 'exercises', meta.id, 'journal.jsonl'), 'utf8');
      expect(checkJournal(written)).toMatchObject({ ok: true, chain: 'chained', lines: 3 });
    } finally {
      await cleanup();
    }
  });
});

describe('bundles', () => {
  const keyA = generateInstallationKey();
  const keyB = generateInstallationKey();
  const debrief = JSON.stringify({
    actionItems: [{ id: 'a1', text: 'Rotate the key', owner: 'Sam', due: '2026-02-01', status: 'open' }],
    observations: [],
    adjustments: [],
  });
  const bundle = makeBundle({ 'journal.jsonl': text, 'debrief.json': debrief }, keyA);
  const bytes = serializeBundle(bundle);

  it('verifies as written, with the signer trusted, and its digest is its identity', () => {
    expect(checkBundle(bytes, { trustedKeys: [keyA.publicKey] })).toMatchObject({ ok: true, trusted: true, chain: 'chained', keyId: keyA.keyId });
    // Same content, same digest (even signed again); different content, different digest.
    expect(makeBundle({ 'journal.jsonl': text, 'debrief.json': debrief }, keyA).digest).toBe(bundle.digest);
    expect(makeBundle({ 'journal.jsonl': text }, keyA).digest).not.toBe(bundle.digest);
  });

  it('a changed byte anywhere in the bundle is detected', () => {
    const size = Buffer.byteLength(bytes);
    for (let offset = 0; offset < size; offset++) {
      for (const xor of [0x01, 0x20]) {
        const r = checkBundle(flip(bytes, offset, xor), { trustedKeys: [keyA.publicKey] });
        if (r.ok) throw new Error(`byte ${offset} ^ ${xor} (${JSON.stringify(bytes.slice(Math.max(0, offset - 10), offset + 10))}) was not detected`);
      }
    }
  }, 120_000);

  it('a bundle re-signed by another key is refused, naming the key', () => {
    const resigned = serializeBundle(makeBundle(bundle.files, keyB));
    const r = checkBundle(resigned, { trustedKeys: [keyA.publicKey] });
    expect(r.ok).toBe(false);
    expect(r.problems.join()).toMatch(/not a trusted key/);
    // A forger who keeps A's key id and public key but signs with B: the signature fails.
    const swapped = { ...bundle, signature: { ...bundle.signature, value: makeBundle(bundle.files, keyB).signature.value } };
    expect(checkBundle(serializeBundle(swapped), { trustedKeys: [keyA.publicKey] }).problems.join()).toMatch(/signature does not verify/);
  });

  it('a forged digest (content changed, digest recomputed, old signature kept) is refused', () => {
    const files = { ...bundle.files, 'debrief.json': debrief.replace('Rotate', 'Ignore') };
    const forgedBundle = { ...bundle, files, digest: bundleDigest(bundle.exerciseId, files) };
    expect(checkBundle(serializeBundle(forgedBundle), { trustedKeys: [keyA.publicKey] }).problems.join()).toMatch(/signature does not verify/);
  });

  it('refuses to bundle a damaged journal', () => {
    expect(() => makeBundle({ 'journal.jsonl': flip(text, 300, 1).toString('utf8') }, keyA)).toThrow(/damaged at line/);
  });
});

describe('firebreak verify and bundle (CLI)', () => {
  it('bundles an exercise folder, verifies it, and fails on a re-signed bundle or a changed byte', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const folder = join(dir, 'exercise');
      await mkdir(folder);
      await writeFile(join(folder, 'journal.jsonl'), text);
      await writeFile(join(folder, 'debrief.json'), '{"actionItems":[],"observations":[],"adjustments":[]}');
      const data = join(dir, 'data');
      const out = join(dir, 'x.fbbundle');
      const c = cli();
      expect(await main(['bundle', folder, '--out', out, '--data', data], c.io)).toBe(0);
      expect(await main(['verify', out, '--data', data], c.io)).toBe(0);
      expect(c.out.join('\n')).toMatch(/verified[\s\S]*trusted[\s\S]*chained, 4 lines/);

      const other = generateInstallationKey();
      const written = JSON.parse(await readFile(out, 'utf8'));
      await writeFile(join(dir, 'resigned.fbbundle'), serializeBundle(makeBundle(written.files, other)));
      const r = cli();
      expect(await main(['verify', join(dir, 'resigned.fbbundle'), '--data', data], r.io)).toBe(1);
      expect(r.err.join('\n')).toMatch(/DOES NOT VERIFY[\s\S]*NOT trusted[\s\S]*not a trusted key/);
      // --key names the one key that must have signed it.
      await writeFile(join(dir, 'other.pem'), other.publicPem);
      expect(await main(['verify', join(dir, 'resigned.fbbundle'), '--key', join(dir, 'other.pem')], cli().io)).toBe(0);
      expect(await main(['verify', out, '--key', join(dir, 'other.pem')], cli().io)).toBe(1);

      const original = await readFile(out);
      original[original.length - 40] = original[original.length - 40]! ^ 1;
      await writeFile(join(dir, 'changed.fbbundle'), original);
      expect(await main(['verify', join(dir, 'changed.fbbundle'), '--data', data], cli().io)).toBe(1);

      expect(await main(['verify', join(folder, 'journal.jsonl')], cli().io)).toBe(0);
      await writeFile(join(folder, 'journal.jsonl'), flip(text, Buffer.byteLength(lines[0]!) + 10, 1));
      const j = cli();
      expect(await main(['verify', join(folder, 'journal.jsonl')], j.io)).toBe(1);
      expect(j.err.join('\n')).toMatch(/line 2.*checksum mismatch/);
      // The data folder's key is made once and kept.
      expect((await installationKey(data)).keyId).toBe((await installationKey(data)).keyId);
    } finally {
      await cleanup();
    }
  });
});
