/**
 * Secrets the server makes once and keeps in its database (so every server on one PostgreSQL
 * shares them): the pseudonym key (pseudonyms.ts) and the CSRF key (sessions.ts). Each is 32
 * random bytes, made on first use; two servers racing to make one agree on the first written.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ProgrammeDb } from '../store/database.ts';
import { serverSecrets } from '../store/schema.ts';

export type SecretName = 'pseudonym-key' | 'csrf-key';

const cache = new WeakMap<ProgrammeDb, Map<SecretName, Promise<Buffer>>>();

export function serverSecret(db: ProgrammeDb, name: SecretName): Promise<Buffer> {
  let mine = cache.get(db);
  if (!mine) cache.set(db, (mine = new Map()));
  let found = mine.get(name);
  if (!found) {
    found = (async () => {
      await db
        .insert(serverSecrets)
        .values({ name, value: randomBytes(32).toString('base64url') })
        .onConflictDoNothing();
      const [row] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, name));
      return Buffer.from(row!.value, 'base64url');
    })();
    found.catch(() => mine.delete(name)); // a database error is not remembered
    mine.set(name, found);
  }
  return found;
}
