/**
 * The installation's signing key: one Ed25519 key pair per data folder, made on first use.
 *
 *   <data>/installation-key/private.pem   PKCS#8, readable by its owner only
 *   <data>/installation-key/public.pem    SPKI: what a programme server is told to trust
 *
 * Written exclusively, so two processes starting together end up with the same key (the loser
 * reads the winner's). The key id shown everywhere is the SHA-256 of the public key's DER bytes.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode, writeFileExclusive } from '../../storage/durable-fs.ts';

export const KEY_DIR = 'installation-key';

export interface InstallationKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicPem: string;
  keyId: string;
}

/** SHA-256 hex of a public key's SPKI DER bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 public key (${key.asymmetricKeyType ?? 'unknown type'})`);
  return key;
}

function fromPrivatePem(pem: string): InstallationKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the installation key is not Ed25519 (${privateKey.asymmetricKeyType ?? 'unknown type'})`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

/** A key pair that is not saved anywhere (tests: "another installation"). */
export function generateInstallationKey(): InstallationKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return fromPrivatePem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** The data folder's key, made (and saved) on first use. */
export async function installationKey(dataDir: string): Promise<InstallationKey> {
  const dir = join(dataDir, KEY_DIR);
  const privatePath = join(dir, 'private.pem');
  try {
    return fromPrivatePem(await readFile(privatePath, 'utf8'));
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw new Error(`${privatePath}: cannot read the installation key (${(e as Error).message})`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const made = generateInstallationKey();
  try {
    await writeFileExclusive(privatePath, made.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  } catch (e) {
    if (errnoCode(e) !== 'EEXIST') throw e;
    return fromPrivatePem(await readFile(privatePath, 'utf8'));
  }
  await chmod(privatePath, 0o600).catch(() => undefined);
  await writeFile(join(dir, 'public.pem'), made.publicPem);
  return made;
}
