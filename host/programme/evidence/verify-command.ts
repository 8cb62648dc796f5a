/**
 * `firebreak verify` and `firebreak bundle`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { defaultDataDir } from '../../paths.ts';
import { UsageError } from '../../cli/command-table.ts';
import type { CliIo } from '../../cli/main.ts';
import { BUNDLE_EXTENSION, BUNDLE_FORMAT, checkBundle, checkJournal, makeBundle, serializeBundle } from './bundle.ts';
import { installationKey, KEY_DIR, keyIdOf, publicKeyFromPem } from './installation-key.ts';
import { readExerciseFiles } from './exercise-files.ts';

interface Args<V> {
  positionals: string[];
  values: V;
}

export const TRUSTED_KEYS_DIR = 'trusted-keys';

/** The keys `verify` trusts: --key, else the data folder's own key and <data>/trusted-keys/*.pem. */
function trustedKeys(keyFile: string | undefined, dataDir: string): { keys: KeyObject[]; from: string } {
  if (keyFile) return { keys: [publicKeyFromPem(readFileSync(keyFile, 'utf8'))], from: keyFile };
  const keys: KeyObject[] = [];
  const own = join(dataDir, KEY_DIR, 'public.pem');
  if (existsSync(own)) keys.push(publicKeyFromPem(readFileSync(own, 'utf8')));
  const dir = join(dataDir, TRUSTED_KEYS_DIR);
  if (existsSync(dir))
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.pem'))
      .sort())
      keys.push(publicKeyFromPem(readFileSync(join(dir, f), 'utf8')));
  return { keys, from: `${dataDir} (its installation key and ${TRUSTED_KEYS_DIR}/)` };
}

function looksLikeBundle(path: string, head: string): boolean {
  return path.endsWith(BUNDLE_EXTENSION) || head.startsWith(`{"format":"${BUNDLE_FORMAT.split('/')[0]}`);
}

export function verifyCommand({ positionals, values }: Args<{ key?: string; data?: string }>, io: CliIo): number {
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one bundle or journal file', 'verify');
  const path = positionals[0]!;
  const bytes = io.readFile(path);
  if (looksLikeBundle(path, bytes.subarray(0, 64).toString('utf8'))) {
    const trust = trustedKeys(values.key, values.data ?? defaultDataDir());
    const r = checkBundle(bytes, trust.keys.length ? { trustedKeys: trust.keys } : {});
    const lines = [`${path}: ${r.ok ? 'verified' : 'DOES NOT VERIFY'}`];
    if (r.bundle) lines.push(`  exercise  ${r.bundle.exerciseId}`, `  digest    ${r.bundle.digest}`);
    if (r.keyId) {
      const trustNote =
        r.trusted === null ? `not checked: no trusted keys in ${trust.from}; pass --key` : r.trusted ? `trusted (${trust.from})` : 'NOT trusted';
      lines.push(`  signed by ed25519 key ${r.keyId.slice(0, 16)}… (${trustNote})`);
    }
    if (r.journal) lines.push(`  journal   ${r.chain}, ${1 + r.journal.entries.length} lines${r.journal.damage ? '' : ', every line intact'}`);
    for (const p of r.problems) lines.push(`  problem:  ${p}`);
    (r.ok ? io.out : io.err)(lines.join('\n'));
    return r.ok ? 0 : 1;
  }
  const r = checkJournal(bytes.toString('utf8'));
  const what =
    r.chain === 'chained'
      ? `chained, ${r.lines} lines, every line intact and committing to the one before`
      : r.chain === 'unchained'
        ? `unchained (written before the hash chain): ${r.lines} lines, every checksum intact`
        : `unchained and without checksums (format 1): ${r.lines} lines read`;
  if (r.ok) {
    io.out(`${path}: verified: ${what}${r.tip ? `\n  last line's chain hash ${r.tip}` : ''}`);
    return 0;
  }
  io.err(`${path}: DOES NOT VERIFY\n${r.problems.map((p) => `  problem:  ${p}`).join('\n')}`);
  return 1;
}

export async function bundleCommand({ positionals, values }: Args<{ out?: string; data?: string; force?: boolean }>, io: CliIo): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('bundle needs exactly one exercise folder or journal', 'bundle');
  if (!values.out) throw new UsageError('bundle needs --out FILE', 'bundle');
  if (!values.force && existsSync(values.out)) throw new Error(`${values.out}: already exists (use --force to replace it)`);
  const key = await installationKey(values.data ?? defaultDataDir());
  const bundle = makeBundle(await readExerciseFiles(positionals[0]!), key);
  io.writeFile(values.out, serializeBundle(bundle));
  io.out(`${values.out}: ${bundle.exerciseId}, ${bundle.digest}, signed by key ${keyIdOf(key.publicKey).slice(0, 16)}…`);
  return 0;
}
