/**
 * Signing in, in the programme store: local accounts (login + scrypt password), OpenID Connect
 * identities linked to people, browser sessions and the OIDC sign-ins under way. Every sign-in,
 * refusal, sign-out and change is written to the audit log, in the same transaction as the change.
 *
 * Sessions: the browser's cookie holds 32 random bytes; the database keeps only their SHA-256, so
 * a copy of the database signs nobody in. A session ends at its expiry (absolute, 12 hours by
 * default), when its person signs out, or when it is revoked (by its person, or by a programme
 * lead for anyone).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { ProgrammeDb } from '../store/database.ts';
import { ProgrammeError, type Principal, type ProgrammeStore } from '../store/programme-store.ts';
import { accessTokens, auditLog, localAccounts, oidcIdentities, people, roleGrants, sessions, signInAttempts, type SignInMethod } from '../store/schema.ts';
import { DEFAULT_COST, decoyHash, hashPassword, passwordProblem, verifyPassword, type ScryptCost } from './passwords.ts';

type Tx = Parameters<Parameters<ProgrammeDb['transaction']>[0]>[0];
type Db = ProgrammeDb | Tx;

export const SESSION_HOURS = 12;
/** How long a browser has to come back from the identity provider. */
const ATTEMPT_MINUTES = 10;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const randomId = () => randomBytes(32).toString('base64url');

export interface SessionCaller {
  principal: Principal;
  sessionId: number;
  expiresAt: Date;
}

export interface Identity {
  issuer: string;
  subject: string;
  email?: string | undefined;
  emailVerified?: boolean | undefined;
}

export interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export class SignInStore {
  readonly db: ProgrammeDb;
  private readonly cost: ScryptCost;
  private readonly sessionMs: number;

  constructor(
    readonly store: ProgrammeStore,
    options: { passwordCost?: ScryptCost; sessionHours?: number } = {},
  ) {
    this.db = store.db;
    this.cost = options.passwordCost ?? DEFAULT_COST;
    this.sessionMs = (options.sessionHours ?? SESSION_HOURS) * 3_600_000;
  }

  private now(): Date {
    return this.store.now();
  }

  private async audit(db: Db, personId: number | null, action: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
    await db.insert(auditLog).values({ personId, action, subject, detail });
  }

  /** A person's principal (their roles), or null when there is no such person. */
  async principalOf(personId: number): Promise<Principal | null> {
    const [p] = await this.db.select().from(people).where(eq(people.id, personId));
    if (!p) return null;
    const grants = await this.db.select().from(roleGrants).where(eq(roleGrants.personId, personId));
    return { personId, name: p.name, grants: grants.map((g) => ({ role: g.role, unitId: g.unitId })) };
  }

  // ---- people's e-mail (how an OIDC identity is first matched) ----

  async setEmail(personId: number, email: string, actor: number | null = null): Promise<void> {
    const clean = email.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(clean)) throw new ProgrammeError(400, `"${email}" is not an e-mail address`);
    await this.db.transaction(async (tx) => {
      const [taken] = await tx
        .select()
        .from(people)
        .where(sql`lower(${people.email}) = lower(${clean})`);
      if (taken && taken.id !== personId) throw new ProgrammeError(409, `${clean} is already another person's e-mail`);
      await tx.update(people).set({ email: clean }).where(eq(people.id, personId));
      await this.audit(tx, actor, 'person.email', `person ${personId}`);
    });
  }

  // ---- local accounts ----

  /** Makes or changes a person's local account (login and password). */
  async setLocalAccount(personId: number, login: string, password: string, actor: number | null = null): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new ProgrammeError(400, problem);
    const clean = login.trim().toLowerCase();
    if (!/^[a-z0-9._@-]{2,64}$/.test(clean)) throw new ProgrammeError(400, `a login is 2-64 of a-z, 0-9, . _ @ -, not "${login}"`);
    const passwordHash = await hashPassword(password, this.cost);
    await this.db.transaction(async (tx) => {
      const [other] = await tx.select().from(localAccounts).where(eq(localAccounts.login, clean));
      if (other && other.personId !== personId) throw new ProgrammeError(409, `the login "${clean}" is another person's`);
      await tx
        .insert(localAccounts)
        .values({ personId, login: clean, passwordHash })
        .onConflictDoUpdate({ target: localAccounts.personId, set: { login: clean, passwordHash, updatedAt: this.now() } });
      await this.audit(tx, actor, 'account.set', `person ${personId}`, { login: clean });
    });
  }

  /**
   * The person a login and password sign in, or null. An unknown login costs the same scrypt as a
   * wrong password, and both are refused alike (no telling which logins exist).
   */
  async checkPassword(login: string, password: string): Promise<number | null> {
    const [a] = await this.db.select().from(localAccounts).where(eq(localAccounts.login, login.trim().toLowerCase()));
    const ok = await verifyPassword(password, a?.passwordHash ?? (await decoyHash(this.cost)));
    if (!a || !ok) {
      await this.audit(this.db, null, 'session.refused', 'password', { reason: a ? 'wrong password' : 'unknown login' });
      return null;
    }
    return a.personId;
  }

  /** Audits a refused sign-in (what was tried, never a password). */
  async refused(method: SignInMethod, reason: string): Promise<void> {
    await this.audit(this.db, null, 'session.refused', method, { reason });
  }

  // ---- OpenID Connect ----

  /**
   * The person an identity from the provider stands for: the one already linked to its issuer and
   * subject, else the one whose e-mail it carries (verified by the provider), which links it for
   * good. Null (and audited) when the identity is no one's here: it gets no access.
   */
  async personForIdentity(id: Identity): Promise<number | null> {
    return this.db.transaction(async (tx) => {
      const [linked] = await tx
        .select()
        .from(oidcIdentities)
        .where(and(eq(oidcIdentities.issuer, id.issuer), eq(oidcIdentities.subject, id.subject)));
      if (linked) return linked.personId;
      if (id.email && id.emailVerified) {
        const [p] = await tx
          .select()
          .from(people)
          .where(sql`lower(${people.email}) = lower(${id.email})`);
        if (p) {
          await tx.insert(oidcIdentities).values({ issuer: id.issuer, subject: id.subject, personId: p.id });
          await this.audit(tx, p.id, 'oidc.link', `person ${p.id}`, { issuer: id.issuer, subject: id.subject });
          return p.id;
        }
      }
      await this.audit(tx, null, 'session.refused', 'oidc', {
        reason: id.email && !id.emailVerified ? 'unknown identity (e-mail not verified by the provider)' : 'unknown identity',
        issuer: id.issuer,
        subject: id.subject,
      });
      return null;
    });
  }

  /** Records an OIDC sign-in under way; returns the browser's handle on it (for a cookie). */
  async startAttempt(a: SignInAttempt): Promise<string> {
    const handle = randomId();
    await this.db.delete(signInAttempts).where(lt(signInAttempts.expiresAt, this.now()));
    await this.db.insert(signInAttempts).values({ attemptHash: sha256(handle), ...a, expiresAt: new Date(this.now().getTime() + ATTEMPT_MINUTES * 60_000) });
    return handle;
  }

  /** Takes (once) the attempt a browser's handle names, or null when unknown, used or too old. */
  async takeAttempt(handle: string | undefined): Promise<SignInAttempt | null> {
    if (!handle) return null;
    const [row] = await this.db
      .delete(signInAttempts)
      .where(eq(signInAttempts.attemptHash, sha256(handle)))
      .returning();
    if (!row || row.expiresAt.getTime() <= this.now().getTime()) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo };
  }

  // ---- sessions ----

  /** A new session for a person who has just signed in; the token goes in the cookie, once. */
  async createSession(personId: number, method: SignInMethod): Promise<{ token: string; id: number; expiresAt: Date }> {
    const token = randomId();
    const expiresAt = new Date(this.now().getTime() + this.sessionMs);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(sessions)
        .values({ personId, sessionHash: sha256(token), method, expiresAt })
        .returning();
      await this.audit(tx, personId, 'session.sign-in', `session ${row!.id}`, { method });
      return { token, id: row!.id, expiresAt };
    });
  }

  /** The caller a session cookie stands for; null when unknown, expired, revoked or of no one. */
  async sessionCaller(token: string | undefined): Promise<SessionCaller | null> {
    if (!token) return null;
    const [s] = await this.db
      .select()
      .from(sessions)
      .where(eq(sessions.sessionHash, sha256(token)));
    if (!s || s.revokedAt || s.expiresAt.getTime() <= this.now().getTime()) return null;
    const principal = await this.principalOf(s.personId);
    return principal && { principal, sessionId: s.id, expiresAt: s.expiresAt };
  }

  /** Ends a session: its person signing out, or a revocation (by its person or a programme lead). */
  async endSession(actor: Principal, sessionId: number, how: 'sign-out' | 'revoke'): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
      const lead = actor.grants.some((g) => g.role === 'programme_lead');
      if (!s || (s.personId !== actor.personId && !lead)) throw new ProgrammeError(404, `no session ${sessionId} of yours`);
      if (s.revokedAt) return;
      await tx.update(sessions).set({ revokedAt: this.now() }).where(eq(sessions.id, sessionId));
      await this.audit(tx, actor.personId, how === 'sign-out' ? 'session.sign-out' : 'session.revoke', `session ${sessionId}`, { personId: s.personId });
    });
  }

  /** Revokes every live session of a person (a programme lead's, or the CLI's, when access ends). */
  async revokeSessionsOf(personId: number, actor: number | null): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: this.now() })
        .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), gt(sessions.expiresAt, this.now())))
        .returning();
      if (ended.length) await this.audit(tx, actor, 'session.revoke', `person ${personId}`, { sessions: ended.map((s) => s.id) });
      return ended.length;
    });
  }

  /** A person's live sessions, newest first. */
  async liveSessions(personId: number) {
    const rows = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), gt(sessions.expiresAt, this.now())))
      .orderBy(desc(sessions.id));
    return rows.map((s) => ({ id: s.id, method: s.method, createdAt: s.createdAt, expiresAt: s.expiresAt }));
  }

  /** A person's personal access tokens (never the token itself: only its hash is stored). */
  async tokensOf(personId: number) {
    const rows = await this.db.select().from(accessTokens).where(eq(accessTokens.personId, personId)).orderBy(asc(accessTokens.id));
    return rows.map((t) => ({ id: t.id, label: t.label, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt }));
  }
}
