/**
 * The evidence bundle: one finished exercise as one signed file.
 *
 *   {"format":"firebreak-bundle/1","exerciseId":…,"files":{"debrief.json":…,"journal.jsonl":…},
 *    "digest":"sha256:…","signature":{"alg":"ed25519","keyId":…,"publicKey":…,"value":…}}
 *
 * `files` holds the exercise folder's evidence as text, byte for byte (the journal, and the
 * debrief, ratings and feedback where they exist; never meta.json: its score is derived and a
 * server re-scores). The digest is the SHA-256 of the canonical JSON of format, exerciseId and the
 * files in name order: it is the bundle's identity (publishing twice is the same bundle). The
 * signature is Ed25519 over the digest string, by the publishing installation's key.
 *
 * A bundle is only ever read in its canonical form: parsing then writing it again must give the
 * same bytes, so a changed byte anywhere (even one JSON would read the same, such as an escape or
 * a base64 padding bit) is refused, never silently normalised.
 */
import { createHash, createPublicKey, sign, verify as verifySignature, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { formatDamage, parseJournalLenient, type SalvagedJournal } from '../../../shared/engine/journal.ts';
import { keyIdOf, type InstallationKey } from './installation-key.ts';

export const BUNDLE_FORMAT = 'firebreak-bundle/1';
export const BUNDLE_EXTENSION = '.fbbundle';
/** The largest bundle read or accepted (a 10,000-entry journal is about 2 MB). */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
export const JOURNAL_NAME = 'journal.jsonl';
/** What a bundle may carry besides the journal (outcome.json: the client's claimed score, checked by a server's re-score, never trusted). */
export const OPTIONAL_FILES = ['debrief.json', 'ratings.json', 'feedback.json', 'outcome.json'] as const;
const FILE_NAMES = [JOURNAL_NAME, ...OPTIONAL_FILES] as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** Base64 that is written the one way Node writes it (no stray padding bits or whitespace). */
const canonicalBase64 = z
  .string()
  .max(4096)
  .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, 'not canonical base64');

export const bundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    exerciseId: z.string().min(1).max(200),
    files: z
      .object({
        'journal.jsonl': z.string().min(1),
        'debrief.json': z.string().optional(),
        'ratings.json': z.string().optional(),
        'feedback.json': z.string().optional(),
        'outcome.json': z.string().optional(),
      })
      .strict(),
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    signature: z
      .object({
        alg: z.literal('ed25519'),
        keyId: hex64,
        /** SPKI DER, base64. */
        publicKey: canonicalBase64,
        value: canonicalBase64,
      })
      .strict(),
  })
  .strict();
export type Bundle = z.infer<typeof bundleSchema>;
export type BundleFiles = Record<string, string>;

function sortedFiles(files: BundleFiles): BundleFiles {
  const out: BundleFiles = {};
  for (const name of FILE_NAMES) if (files[name] !== undefined) out[name] = files[name]!;
  return out;
}

/** The digest of a bundle's content: its identity. */
export function bundleDigest(exerciseId: string, files: BundleFiles): string {
  const canonical = JSON.stringify({ format: BUNDLE_FORMAT, exerciseId, files: sortedFiles(files) });
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

function signedMessage(digest: string): Buffer {
  return Buffer.from(`${BUNDLE_FORMAT} ${digest}`, 'utf8');
}

/** The bundle's bytes (the one canonical form). */
export function serializeBundle(b: Bundle): string {
  const ordered: Bundle = {
    format: b.format,
    exerciseId: b.exerciseId,
    files: sortedFiles(b.files) as Bundle['files'],
    digest: b.digest,
    signature: { alg: b.signature.alg, keyId: b.signature.keyId, publicKey: b.signature.publicKey, value: b.signature.value },
  };
  return `${JSON.stringify(ordered)}\n`;
}

export class BundleError extends Error {}

/**
 * Makes and signs a bundle of an exercise's files. The journal must verify (checksums and chain,
 * no damage): a damaged journal is recovered in the app first, never published as it is.
 */
export function makeBundle(files: BundleFiles, key: InstallationKey): Bundle {
  const journal = files[JOURNAL_NAME];
  if (journal === undefined) throw new BundleError(`no ${JOURNAL_NAME}`);
  for (const name of Object.keys(files)) if (!(FILE_NAMES as readonly string[]).includes(name)) throw new BundleError(`${name}: not a file a bundle carries`);
  let parsed: SalvagedJournal;
  try {
    parsed = parseJournalLenient(journal);
  } catch (e) {
    throw new BundleError(`${JOURNAL_NAME}: ${(e as Error).message}`);
  }
  if (parsed.damage) throw new BundleError(`${JOURNAL_NAME} is damaged at ${formatDamage(parsed.damage)}; recover it before publishing`);
  const exerciseId = parsed.header.exerciseId;
  const digest = bundleDigest(exerciseId, files);
  const value = sign(null, signedMessage(digest), key.privateKey).toString('base64');
  return {
    format: BUNDLE_FORMAT,
    exerciseId,
    files: sortedFiles(files) as Bundle['files'],
    digest,
    signature: { alg: 'ed25519', keyId: key.keyId, publicKey: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), value },
  };
}

export type ChainStatus = 'chained' | 'unchained' | 'no-checksums';

/** What checking a bundle found. `ok` is false when any problem was found. */
export interface BundleCheck {
  ok: boolean;
  problems: string[];
  bundle: Bundle | null;
  /** The digest recomputed from the content (null when the file is not a bundle at all). */
  digest: string | null;
  keyId: string | null;
  /** Whether the signing key is one of the trusted keys (null: no trusted keys were given). */
  trusted: boolean | null;
  chain: ChainStatus | null;
  journal: SalvagedJournal | null;
}

export interface CheckOptions {
  /** Keys whose signatures are accepted; a valid signature by any other key is a problem. */
  trustedKeys?: ReadonlyArray<KeyObject>;
}

function chainStatus(j: SalvagedJournal): ChainStatus {
  if (!j.checked) return 'no-checksums';
  return j.chained ? 'chained' : 'unchained';
}

/**
 * Checks a bundle's bytes: canonical form, digest, signature, signer, and the journal inside
 * (checksums, chain, header agreeing with the bundle). Never throws for bad input.
 */
export function checkBundle(bytes: Uint8Array | string, options: CheckOptions = {}): BundleCheck {
  const result: BundleCheck = { ok: false, problems: [], bundle: null, digest: null, keyId: null, trusted: null, chain: null, journal: null };
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_BUNDLE_BYTES) {
    result.problems.push(`too large: ${size} bytes (a bundle is at most ${MAX_BUNDLE_BYTES})`);
    return result;
  }
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    result.problems.push(`not a bundle: not JSON (${(e as Error).message})`);
    return result;
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    result.problems.push(`not a ${BUNDLE_FORMAT} bundle: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
    return result;
  }
  const b = parsed.data;
  result.bundle = b;
  if (serializeBundle(b) !== text) result.problems.push('the file is not in its canonical form (it was edited after it was written)');
  result.digest = bundleDigest(b.exerciseId, b.files);
  if (result.digest !== b.digest)
    result.problems.push(`the digest does not match the content (stated ${b.digest}, computed ${result.digest}): the content was changed`);

  let signer: KeyObject | null = null;
  try {
    signer = createPublicKey({ key: Buffer.from(b.signature.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (signer.asymmetricKeyType !== 'ed25519') throw new Error(`${signer.asymmetricKeyType ?? 'unknown'} key`);
  } catch (e) {
    signer = null;
    result.problems.push(`the signing key is not an Ed25519 public key (${(e as Error).message})`);
  }
  if (signer) {
    result.keyId = keyIdOf(signer);
    if (result.keyId !== b.signature.keyId) result.problems.push(`the stated key id ${b.signature.keyId} is not the signing key's (${result.keyId})`);
    const valid = verifySignature(null, signedMessage(b.digest), signer, Buffer.from(b.signature.value, 'base64'));
    if (!valid) result.problems.push('the signature does not verify (the digest or the signature was changed)');
    if (options.trustedKeys) {
      const ids = new Set(options.trustedKeys.map(keyIdOf));
      result.trusted = ids.has(result.keyId);
      if (!result.trusted) result.problems.push(`signed by key ${result.keyId.slice(0, 16)}…, which is not a trusted key (re-signed by another installation?)`);
    }
  }

  try {
    const j = parseJournalLenient(b.files[JOURNAL_NAME]);
    result.journal = j;
    result.chain = chainStatus(j);
    if (j.damage) result.problems.push(`${JOURNAL_NAME}: ${formatDamage(j.damage)}`);
    if (j.warnings.some((w) => w.includes('cut off mid-write'))) result.problems.push(`${JOURNAL_NAME}: its last line is cut off`);
    if (j.header.exerciseId !== b.exerciseId)
      result.problems.push(`${JOURNAL_NAME}: its header names exercise "${j.header.exerciseId}", the bundle "${b.exerciseId}"`);
  } catch (e) {
    result.problems.push(`${JOURNAL_NAME}: ${(e as Error).message}`);
  }
  result.ok = result.problems.length === 0;
  return result;
}

/** What checking a bare journal found. */
export interface JournalCheck {
  ok: boolean;
  problems: string[];
  chain: ChainStatus | null;
  lines: number;
  /** The chain hash of the last line (what a signed bundle pins), when chained. */
  tip: string | null;
}

/**
 * Checks a journal on its own: every line's checksum and the chain. Without a signature, an
 * editor who rewrites every line after an edit is not caught here; a bundle's signature pins that.
 */
export function checkJournal(text: string): JournalCheck {
  try {
    const j = parseJournalLenient(text);
    const problems: string[] = [];
    if (j.damage) problems.push(formatDamage(j.damage));
    if (j.warnings.some((w) => w.includes('cut off mid-write'))) problems.push('the last line is cut off');
    return { ok: problems.length === 0, problems, chain: chainStatus(j), lines: 1 + j.entries.length, tip: j.chainTip };
  } catch (e) {
    return { ok: false, problems: [(e as Error).message], chain: null, lines: 0, tip: null };
  }
}
