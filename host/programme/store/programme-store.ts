/**
 * The programme store: one organisation's units, teams, people and access, its published
 * exercises (indexed from their bundles), corrective actions and audit log, on Drizzle over PGlite
 * or PostgreSQL (database.ts). The bundles in <server data>/bundles/ are the source of truth:
 * reindex() rebuilds the exercise index and the corrective actions from them.
 *
 * Every change is written to the audit log in the same transaction as the change.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { exists, renameWithRetry, syncDir, writeFileAtomic } from '../../storage/durable-fs.ts';
import { publicKeyFromPem, keyIdOf } from '../evidence/installation-key.ts';
import { BUNDLE_EXTENSION } from '../evidence/bundle.ts';
import { checkPublish, type CheckedBundle } from '../publish/check-publish.ts';
import type { OpenedDatabase, ProgrammeDb } from './database.ts';
import { rowsOf } from './migrations.ts';
import { namer, seesParticipantNames } from '../auth/pseudonyms.ts';
import { serverSecret } from '../auth/secrets.ts';
import { coverageOf, dimensionOfCapability, quarterOf, raisedAt } from './lead-rules.ts';
import { READINESS_LOCK, REBUILD_READINESS_CELLS, refreshCellsOf } from './readiness-cells.ts';
import {
  ACTION_STATUSES,
  ORG_WIDE_ROLES,
  accessTokens,
  auditLog,
  correctiveActions,
  exerciseCoverage,
  exercises,
  installationKeys,
  organisations,
  people,
  roleGrants,
  teams,
  units,
  type ActionStatus,
  type Role,
} from './schema.ts';

type Tx = Parameters<Parameters<ProgrammeDb['transaction']>[0]>[0];

/**
 * Recomputes the readiness cells of a team, its unit and the organisation (readiness-cells.ts), in
 * the caller's transaction. The lock makes concurrent publishers recompute one after the other,
 * each statement then seeing the other's committed exercise (read committed): no figure is stale.
 */
async function refreshCells(tx: Tx, teamId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${READINESS_LOCK})`);
  const [t] = await tx.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, teamId));
  for (const statement of refreshCellsOf(teamId, t!.unitId)) await tx.execute(sql.raw(statement));
}
type Db = ProgrammeDb | Tx;

export interface Grant {
  role: Role;
  unitId: number | null;
}

/** Who is calling, from their token. */
export interface Principal {
  personId: number;
  name: string;
  grants: Grant[];
}

/** A refusal the API answers with its status code and reason. */
export class ProgrammeError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export const TOKEN_PREFIX = 'fbp_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const isLead = (p: Principal) => p.grants.some((g) => g.role === 'programme_lead');
const isAuditor = (p: Principal) => p.grants.some((g) => g.role === 'auditor');

/** Units the principal may read (null: every unit). */
export function readableUnits(p: Principal): Set<number> | null {
  if (isLead(p) || isAuditor(p)) return null;
  return new Set(p.grants.filter((g) => g.unitId !== null).map((g) => g.unitId!));
}

export function canPublishInto(p: Principal, unitId: number): boolean {
  return isLead(p) || p.grants.some((g) => g.role === 'facilitator' && g.unitId === unitId);
}

/** Auditors read everything but no personal names. */
export function seesNames(p: Principal): boolean {
  return !(isAuditor(p) && !isLead(p));
}

export interface PublishResult {
  status: 'published' | 'already-published' | 'republished';
  digest: string;
  exerciseId: string;
  team: string;
  unit: string;
  overall: number;
}

export interface ExerciseSummary {
  digest: string;
  exerciseId: string;
  team: string;
  teamId: number;
  unit: string;
  unitId: number;
  scenarioId: string;
  startedAt: string;
  publishedAt: string;
  overall: number;
  mttdMs: number | null;
  mttcMs: number | null;
  mttcCensored: boolean;
  notifyMs: number | null;
  targetsMet: number;
  targetsTotal: number;
  chained: boolean;
  /** Real names within the caller's units, pseudonyms elsewhere (pseudonyms.ts). */
  participants: { name: string; role?: string }[];
}

export interface Readiness {
  teamId: number;
  team: string;
  unit: string;
  exercises: number;
  medianMttdMs: number | null;
  medianMttcMs: number | null;
  /** Runs never contained: counted here, not dropped (their MTTC is censored at the horizon). */
  neverContained: number;
  medianNotifyMs: number | null;
  targetsMet: number;
  targetsTotal: number;
  /** targetsMet / targetsTotal, null when there were no targets. */
  shareOfTargetsMet: number | null;
}

/** A receipt written before the index commits; renamed to `.receipt.json` once it has. */
const PENDING_RECEIPT = '.receipt.pending.json';
const RECEIPT = '.receipt.json';

interface Receipt {
  unit: string;
  team: string;
  publishedBy: string | null;
  publishedAt: string;
}

export class ProgrammeStore {
  readonly db: ProgrammeDb;
  readonly bundlesDir: string;
  private organisationId: number | null = null;

  constructor(
    readonly database: OpenedDatabase,
    readonly dataDir: string,
    readonly now: () => Date = () => new Date(),
  ) {
    this.db = database.db;
    this.bundlesDir = join(dataDir, 'bundles');
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private async audit(db: Db, personId: number | null, action: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
    await db.insert(auditLog).values({ personId, action, subject, detail });
  }

  /** The organisation (made on first use with this name). */
  async organisation(name = 'Organisation'): Promise<number> {
    if (this.organisationId !== null) return this.organisationId;
    const [found] = await this.db.select().from(organisations).orderBy(asc(organisations.id)).limit(1);
    if (found) return (this.organisationId = found.id);
    const [made] = await this.db.insert(organisations).values({ name }).returning();
    await this.audit(this.db, null, 'organisation.create', name);
    return (this.organisationId = made!.id);
  }

  // ---- organisation structure and people (CLI bootstrap and the lead's API) ----

  async addUnit(name: string, actor: number | null = null): Promise<number> {
    const org = await this.organisation();
    return this.db.transaction(async (tx) => {
      const [u] = await tx.insert(units).values({ organisationId: org, name }).onConflictDoNothing().returning();
      if (!u)
        return (
          await tx
            .select()
            .from(units)
            .where(and(eq(units.organisationId, org), eq(units.name, name)))
        )[0]!.id;
      await this.audit(tx, actor, 'unit.create', name);
      return u.id;
    });
  }

  async addTeam(unitId: number, name: string, actor: number | null = null): Promise<number> {
    return this.db.transaction((tx) => this.ensureTeam(tx, unitId, name, actor));
  }

  private async ensureTeam(tx: Db, unitId: number, name: string, actor: number | null): Promise<number> {
    const [t] = await tx.insert(teams).values({ unitId, name }).onConflictDoNothing().returning();
    if (!t)
      return (
        await tx
          .select()
          .from(teams)
          .where(and(eq(teams.unitId, unitId), eq(teams.name, name)))
      )[0]!.id;
    await this.audit(tx, actor, 'team.create', name, { unitId });
    return t.id;
  }

  async addPerson(name: string, actor: number | null = null): Promise<number> {
    const org = await this.organisation();
    return this.db.transaction(async (tx) => {
      const [p] = await tx.insert(people).values({ organisationId: org, name }).onConflictDoNothing().returning();
      if (!p) return (await tx.select().from(people).where(eq(people.name, name)))[0]!.id;
      await this.audit(tx, actor, 'person.create', name);
      return p.id;
    });
  }

  async grant(personId: number, role: Role, unitId: number | null, actor: number | null = null): Promise<void> {
    if (ORG_WIDE_ROLES.has(role) !== (unitId === null))
      throw new ProgrammeError(400, ORG_WIDE_ROLES.has(role) ? `${role} holds for the whole organisation (no unit)` : `${role} is granted for a unit`);
    await this.db.transaction(async (tx) => {
      const existing = await tx
        .select()
        .from(roleGrants)
        .where(and(eq(roleGrants.personId, personId), eq(roleGrants.role, role), unitId === null ? isNull(roleGrants.unitId) : eq(roleGrants.unitId, unitId)));
      if (existing.length) return;
      await tx.insert(roleGrants).values({ personId, role, unitId });
      await this.audit(tx, actor, 'role.grant', `person ${personId}`, { role, unitId });
    });
  }

  async unitByName(name: string): Promise<number | null> {
    const [u] = await this.db.select().from(units).where(eq(units.name, name));
    return u?.id ?? null;
  }

  // ---- personal access tokens ----

  /** A new token: returned once, stored only as its hash. */
  async createToken(personId: number, label: string, expiresAt: Date | null = null, actor: number | null = personId): Promise<{ id: number; token: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(accessTokens)
        .values({ personId, label, tokenHash: hashToken(token), expiresAt })
        .returning();
      await this.audit(tx, actor, 'token.create', `token ${row!.id}`, { personId, label, expiresAt: expiresAt?.toISOString() ?? null });
      return { id: row!.id, token };
    });
  }

  /** Revokes a token (its owner or a programme lead). */
  async revokeToken(principal: Principal, tokenId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(accessTokens).where(eq(accessTokens.id, tokenId));
      if (!row || (row.personId !== principal.personId && !isLead(principal))) throw new ProgrammeError(404, `no token ${tokenId} of yours`);
      if (row.revokedAt) return;
      await tx.update(accessTokens).set({ revokedAt: this.now() }).where(eq(accessTokens.id, tokenId));
      await this.audit(tx, principal.personId, 'token.revoke', `token ${tokenId}`);
    });
  }

  /** The principal a token stands for; refused when unknown, expired or revoked. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw new ProgrammeError(401, 'no access token (send "Authorization: Bearer fbp_…"; `firebreak server token` makes one)');
    const [row] = await this.db
      .select({ t: accessTokens, name: people.name })
      .from(accessTokens)
      .innerJoin(people, eq(people.id, accessTokens.personId))
      .where(eq(accessTokens.tokenHash, hashToken(token)));
    if (!row) throw new ProgrammeError(401, 'unknown access token');
    if (row.t.revokedAt) throw new ProgrammeError(401, `this access token was revoked on ${row.t.revokedAt.toISOString()}`);
    if (row.t.expiresAt && row.t.expiresAt.getTime() <= this.now().getTime())
      throw new ProgrammeError(401, `this access token expired on ${row.t.expiresAt.toISOString()}`);
    const grants = await this.db.select().from(roleGrants).where(eq(roleGrants.personId, row.t.personId));
    return { personId: row.t.personId, name: row.name, grants: grants.map((g) => ({ role: g.role, unitId: g.unitId })) };
  }

  // ---- installation keys ----

  /** Registers an installation's public key, so bundles it signs are accepted. */
  async registerKey(principal: Principal, publicKeyPem: string): Promise<string> {
    if (!isLead(principal) && !principal.grants.some((g) => g.role === 'facilitator'))
      throw new ProgrammeError(403, 'only a programme lead or a facilitator registers installation keys');
    let key: KeyObject;
    try {
      key = publicKeyFromPem(publicKeyPem);
    } catch (e) {
      throw new ProgrammeError(400, `publicKey: ${(e as Error).message}`);
    }
    const keyId = keyIdOf(key);
    await this.db.transaction(async (tx) => {
      const [made] = await tx
        .insert(installationKeys)
        .values({ keyId, publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(), personId: principal.personId })
        .onConflictDoNothing()
        .returning();
      if (made) await this.audit(tx, principal.personId, 'key.register', keyId);
    });
    return keyId;
  }

  private async trustedKeys(): Promise<KeyObject[]> {
    return (await this.db.select().from(installationKeys)).map((k) => publicKeyFromPem(k.publicKeyPem));
  }

  // ---- publishing ----

  /** The unit a publish goes into: the one asked for, else the caller's only facilitator unit. */
  private async publishUnit(principal: Principal, unitId: number | undefined): Promise<{ id: number; name: string }> {
    let id = unitId;
    if (id === undefined) {
      const mine = [...new Set(principal.grants.filter((g) => g.role === 'facilitator').map((g) => g.unitId!))];
      if (mine.length !== 1) throw new ProgrammeError(400, 'say which unit the exercise belongs to (?unit=ID)');
      id = mine[0]!;
    }
    const [u] = await this.db.select().from(units).where(eq(units.id, id));
    // A unit the caller may not publish into reads the same whether it exists or not (no enumeration).
    if (!u) throw isLead(principal) ? new ProgrammeError(404, `no unit ${id}`) : new ProgrammeError(403, 'you cannot publish into this unit');
    if (!canPublishInto(principal, u.id)) throw new ProgrammeError(403, 'you cannot publish into this unit');
    return { id: u.id, name: u.name };
  }

  /**
   * Verifies, replays and re-scores a bundle, then stores it in one transaction. The same bundle
   * twice is stored once; a newer bundle of the same exercise (the debrief edited since) replaces
   * the older one. A refused bundle changes nothing.
   */
  async publish(principal: Principal, bytes: Uint8Array, options: { unitId?: number } = {}): Promise<PublishResult> {
    if (!isLead(principal) && !principal.grants.some((g) => g.role === 'facilitator'))
      throw new ProgrammeError(403, 'only a programme lead or a facilitator publishes');
    const unit = await this.publishUnit(principal, options.unitId);
    const check = checkPublish(bytes, await this.trustedKeys());
    if (!check.ok) throw new ProgrammeError(422, check.reason, check.problems);
    const c = check.checked;
    const [same] = await this.db
      .select({ id: exercises.id, unitId: teams.unitId })
      .from(exercises)
      .innerJoin(teams, eq(teams.id, exercises.teamId))
      .where(eq(exercises.exerciseId, c.header.exerciseId));
    // An exercise belongs to the unit it was first published into: another unit's facilitator can
    // neither move it nor replace its evidence (and learns nothing about that unit).
    if (same && same.unitId !== unit.id) throw new ProgrammeError(409, 'this exercise is already published in another unit; nothing was changed');
    const [identical] = await this.db.select().from(exercises).where(eq(exercises.digest, c.digest));
    if (identical) {
      // A retry after a commit whose receipt was not yet final (a crash, a failed rename): finish it.
      await this.finaliseReceipt(c.digest);
      return this.describe(identical.id, 'already-published');
    }

    const hex = c.digest.slice('sha256:'.length);
    const bundlePath = join(this.bundlesDir, `${hex}${BUNDLE_EXTENSION}`);
    const receipt: Receipt = { unit: unit.name, team: c.header.team!, publishedBy: principal.name, publishedAt: this.now().toISOString() };
    await mkdir(this.bundlesDir, { recursive: true });
    // The evidence is on disk before the index says it exists; its receipt stays pending until the
    // index has committed, so a server killed in between leaves a bundle reindex knows was never
    // acknowledged (and skips) rather than one it would publish behind the publisher's back.
    await writeFileAtomic(bundlePath, bytes);
    await writeFileAtomic(join(this.bundlesDir, `${hex}${PENDING_RECEIPT}`), `${JSON.stringify(receipt)}\n`);
    let status: PublishResult['status'];
    try {
      status = await this.db.transaction((tx) => this.index(tx, c, unit.id, principal.personId, receipt));
    } catch (e) {
      const [row] = await this.db.select().from(exercises).where(eq(exercises.digest, c.digest));
      if (row) return this.describe(row.id, 'already-published'); // a concurrent publish of the same bundle won
      await this.removeBundleFile(c.digest); // not acknowledged, not indexed: not evidence either
      throw e;
    }
    await this.finaliseReceipt(c.digest);
    const [row] = await this.db.select().from(exercises).where(eq(exercises.digest, c.digest));
    return this.describe(row!.id, status);
  }

  /** Inserts one checked bundle's rows (in the caller's transaction). */
  /**
   * Inserts one checked bundle's rows (in the caller's transaction) and, unless the caller rebuilds
   * them all afterwards (reindex), recomputes the readiness cells the exercise counts in.
   */
  private async index(
    tx: Tx,
    c: CheckedBundle,
    unitId: number,
    personId: number | null,
    receipt: Receipt,
    cells: 'refresh' | 'rebuilt-after' = 'refresh',
  ): Promise<PublishResult['status']> {
    const teamId = await this.ensureTeam(tx, unitId, c.header.team!, personId);
    let status: PublishResult['status'] = 'published';
    const [previous] = await tx.select().from(exercises).where(eq(exercises.exerciseId, c.header.exerciseId));
    if (previous) {
      if (previous.digest === c.digest) return 'already-published';
      await tx.delete(exercises).where(eq(exercises.id, previous.id));
      status = 'republished';
      // The replaced exercise's team, should it differ, no longer counts it.
      if (cells === 'refresh' && previous.teamId !== teamId) await refreshCells(tx, previous.teamId);
    }
    const o = c.outcome;
    const met = Object.values(o.targetsMet);
    const [row] = await tx
      .insert(exercises)
      .values({
        digest: c.digest,
        exerciseId: c.header.exerciseId,
        teamId,
        scenarioId: c.header.scenarioId,
        scenarioVersion: c.header.scenarioVersion,
        seed: c.header.seed,
        startedAt: new Date(c.header.createdAt),
        publishedAt: new Date(receipt.publishedAt),
        publishedBy: personId,
        keyId: c.keyId,
        entryCount: c.entries.length,
        chained: c.chain === 'chained',
        overall: Math.round(o.overall),
        mttdMs: o.mttd,
        mttcMs: o.mttc ?? o.mttcCensored ?? null,
        mttcCensored: o.mttc === null && (o.mttcCensored ?? null) !== null,
        notifyMs: o.timeToNotify,
        targetsMet: met.filter(Boolean).length,
        targetsTotal: met.length,
        severity: o.severity,
        outcome: o,
        participants: c.header.participants ?? [],
        // #22: readiness reads these, not the outcome's jsonb.
        quarter: quarterOf(new Date(c.header.createdAt)),
        mttdTargetMs: o.targets.mttd,
        mttcTargetMs: o.targets.mttc,
        mttdVerdict: o.verdicts?.mttd.status ?? null,
        mttcVerdict: o.verdicts?.mttc.status ?? null,
        notifyVerdict: o.verdicts?.timeToNotify.status ?? null,
      })
      .returning();
    const items = c.debrief?.actionItems ?? [];
    if (items.length) {
      await tx.insert(correctiveActions).values(
        items.map((a) => ({
          exerciseId: row!.id,
          itemId: a.id,
          text: a.text,
          owner: a.owner,
          due: a.due,
          status: (a.status === 'closed' ? 'done' : 'open') as ActionStatus,
          capability: a.capability ?? null,
          // #22: the dimension it names and the moment that raised it (lead-rules.ts).
          dimension: dimensionOfCapability(a.capability),
          raisedAtMs: raisedAt(dimensionOfCapability(a.capability), c.keyTimes),
        })),
      );
    }
    // #22: what the exercise covered (capabilities, incident types, framework tags).
    await tx.insert(exerciseCoverage).values(coverageOf(c.scenario, o).map((t) => ({ exerciseId: row!.id, ...t })));
    if (cells === 'refresh') await refreshCells(tx, teamId);
    await this.audit(tx, personId, status === 'republished' ? 'exercise.republish' : 'exercise.publish', c.header.exerciseId, {
      digest: c.digest,
      team: c.header.team,
      unitId,
      replaces: previous?.digest ?? null,
    });
    return status;
  }

  private async describe(id: number, status: PublishResult['status']): Promise<PublishResult> {
    const [r] = await this.db
      .select({ e: exercises, team: teams.name, unit: units.name })
      .from(exercises)
      .innerJoin(teams, eq(teams.id, exercises.teamId))
      .innerJoin(units, eq(units.id, teams.unitId))
      .where(eq(exercises.id, id));
    return { status, digest: r!.e.digest, exerciseId: r!.e.exerciseId, team: r!.team, unit: r!.unit, overall: r!.e.overall };
  }

  // ---- reading ----

  async listExercises(principal: Principal): Promise<ExerciseSummary[]> {
    const scope = readableUnits(principal);
    if (scope && scope.size === 0) return [];
    const rows = await this.db
      .select({ e: exercises, team: teams.name, unitId: units.id, unit: units.name })
      .from(exercises)
      .innerJoin(teams, eq(teams.id, exercises.teamId))
      .innerJoin(units, eq(units.id, teams.unitId))
      .where(scope ? inArray(units.id, [...scope]) : undefined)
      .orderBy(asc(exercises.startedAt), asc(exercises.id));
    // #22: participants' names only within their unit; a stable pseudonym elsewhere (pseudonyms.ts).
    const name = namer(await serverSecret(this.db, 'pseudonym-key'), await this.organisation());
    return rows.map(({ e, team, unitId, unit }) => ({
      digest: e.digest,
      exerciseId: e.exerciseId,
      team,
      teamId: e.teamId,
      unit,
      unitId,
      scenarioId: e.scenarioId,
      startedAt: e.startedAt.toISOString(),
      publishedAt: e.publishedAt.toISOString(),
      overall: e.overall,
      mttdMs: e.mttdMs,
      mttcMs: e.mttcMs,
      mttcCensored: e.mttcCensored,
      notifyMs: e.notifyMs,
      targetsMet: e.targetsMet,
      targetsTotal: e.targetsTotal,
      chained: e.chained,
      participants: e.participants.map((p) => ({ ...p, name: name(p.name, seesParticipantNames(principal, unitId)) })),
    }));
  }

  /** The bundle's bytes, for a principal who may read its unit (404 otherwise: no enumeration). */
  async bundleBytes(principal: Principal, digest: string): Promise<Buffer> {
    const [r] = await this.db
      .select({ unitId: teams.unitId })
      .from(exercises)
      .innerJoin(teams, eq(teams.id, exercises.teamId))
      .where(eq(exercises.digest, digest));
    const scope = readableUnits(principal);
    if (!r || (scope && !scope.has(r.unitId))) throw new ProgrammeError(404, `no exercise ${digest}`);
    return readFile(join(this.bundlesDir, `${digest.slice('sha256:'.length)}${BUNDLE_EXTENSION}`));
  }

  /** A team's readiness from its published exercises (medians; never-contained runs counted). */
  async readiness(principal: Principal, teamId: number): Promise<Readiness> {
    const [t] = await this.db
      .select({ team: teams.name, unitId: units.id, unit: units.name })
      .from(teams)
      .innerJoin(units, eq(units.id, teams.unitId))
      .where(eq(teams.id, teamId));
    const scope = readableUnits(principal);
    if (!t || (scope && !scope.has(t.unitId))) throw new ProgrammeError(404, `no team ${teamId}`);
    const r = rowsOf<Record<string, string | number | null>>(
      await this.db.execute(sql`
        SELECT count(*) AS n,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY mttd_ms) AS mttd,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY mttc_ms) FILTER (WHERE NOT mttc_censored) AS mttc,
          count(*) FILTER (WHERE mttc_censored) AS never_contained,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY notify_ms) AS notify,
          coalesce(sum(targets_met), 0) AS met, coalesce(sum(targets_total), 0) AS total
        FROM exercises WHERE team_id = ${teamId}`),
    )[0]!;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const met = Number(r.met);
    const total = Number(r.total);
    return {
      teamId,
      team: t.team,
      unit: t.unit,
      exercises: Number(r.n),
      medianMttdMs: num(r.mttd),
      medianMttcMs: num(r.mttc),
      neverContained: Number(r.never_contained),
      medianNotifyMs: num(r.notify),
      targetsMet: met,
      targetsTotal: total,
      shareOfTargetsMet: total ? met / total : null,
    };
  }

  async listCorrectiveActions(principal: Principal) {
    const scope = readableUnits(principal);
    if (scope && scope.size === 0) return [];
    const rows = await this.db
      .select({ a: correctiveActions, exerciseId: exercises.exerciseId, team: teams.name, unit: units.name, unitId: units.id })
      .from(correctiveActions)
      .innerJoin(exercises, eq(exercises.id, correctiveActions.exerciseId))
      .innerJoin(teams, eq(teams.id, exercises.teamId))
      .innerJoin(units, eq(units.id, teams.unitId))
      .where(scope ? inArray(units.id, [...scope]) : undefined)
      .orderBy(asc(correctiveActions.due), asc(correctiveActions.id));
    const names = seesNames(principal);
    return rows.map(({ a, exerciseId, team, unit, unitId }) => ({
      id: a.id,
      exerciseId,
      itemId: a.itemId,
      text: a.text,
      owner: names ? a.owner : null,
      due: a.due,
      status: a.status,
      capability: a.capability,
      team,
      unit,
      unitId,
    }));
  }

  async setActionStatus(principal: Principal, id: number, status: ActionStatus): Promise<void> {
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) throw new ProgrammeError(400, `status: one of ${ACTION_STATUSES.join(', ')}`);
    await this.db.transaction(async (tx) => {
      const [r] = await tx
        .select({ unitId: teams.unitId, exerciseId: exercises.exerciseId, itemId: correctiveActions.itemId })
        .from(correctiveActions)
        .innerJoin(exercises, eq(exercises.id, correctiveActions.exerciseId))
        .innerJoin(teams, eq(teams.id, exercises.teamId))
        .where(eq(correctiveActions.id, id));
      const scope = readableUnits(principal);
      if (!r || (scope && !scope.has(r.unitId))) throw new ProgrammeError(404, `no corrective action ${id}`);
      if (!canPublishInto(principal, r.unitId)) throw new ProgrammeError(403, 'only a programme lead or a facilitator of its unit changes a corrective action');
      await tx.update(correctiveActions).set({ status }).where(eq(correctiveActions.id, id));
      await this.audit(tx, principal.personId, 'action.status', `${r.exerciseId}/${r.itemId}`, { exerciseId: r.exerciseId, itemId: r.itemId, status });
    });
  }

  async auditEntries(principal: Principal, limit = 200) {
    if (!isLead(principal) && !isAuditor(principal)) throw new ProgrammeError(403, 'only a programme lead or an auditor reads the audit log');
    const rows = await this.db
      .select()
      .from(auditLog)
      .orderBy(sql`${auditLog.id} desc`)
      .limit(limit);
    const entries = rows.map((r) => ({ id: r.id, at: r.at.toISOString(), personId: r.personId, action: r.action, subject: r.subject, detail: r.detail }));
    if (seesNames(principal)) return entries;
    // An auditor sees no personal name: a person's creation names them by the stable pseudonym
    // participants get (pseudonyms.ts); a local account's login and a token's label (free text
    // its owner chose, often "Ana's laptop") are left out.
    const name = namer(await serverSecret(this.db, 'pseudonym-key'), await this.organisation());
    return entries.map((e) => {
      if (e.action === 'person.create') return { ...e, subject: name(e.subject, false) };
      if (e.action === 'account.set') {
        const { login: _login, ...rest } = e.detail as Record<string, unknown>;
        return { ...e, detail: rest };
      }
      if (e.action === 'token.create') {
        const { label: _label, ...rest } = e.detail as Record<string, unknown>;
        return { ...e, detail: rest };
      }
      return e;
    });
  }

  async counts(): Promise<{ exercises: number; correctiveActions: number }> {
    const [e] = await this.db.select({ n: sql<number>`count(*)` }).from(exercises);
    const [a] = await this.db.select({ n: sql<number>`count(*)` }).from(correctiveActions);
    return { exercises: Number(e!.n), correctiveActions: Number(a!.n) };
  }

  /**
   * Rebuilds the exercise index and the corrective actions from the bundles on disk (each
   * verified and re-scored again), in one transaction; status changes made on the server are
   * re-applied from the audit log. Bundles that no longer verify are reported, not indexed.
   */
  async reindex(): Promise<{ indexed: number; refused: { file: string; reason: string }[]; unacknowledged: string[] }> {
    let names: string[] = [];
    try {
      names = (await readdir(this.bundlesDir)).filter((n) => n.endsWith(BUNDLE_EXTENSION)).sort();
    } catch {
      names = [];
    }
    const keys = await this.trustedKeys();
    const refused: { file: string; reason: string }[] = [];
    // Bundles whose publish never committed (the server stopped between writing the file and the
    // index): never acknowledged to the publisher, so not evidence. Left on disk, not indexed.
    const unacknowledged: string[] = [];
    const ready: { c: CheckedBundle; receipt: Receipt }[] = [];
    const committed = new Set((await this.db.select({ digest: exercises.digest }).from(exercises)).map((r) => r.digest));
    for (const n of names) {
      const check = checkPublish(await readFile(join(this.bundlesDir, n)), keys);
      if (!check.ok) {
        refused.push({ file: n, reason: `${check.reason}: ${check.problems.join('; ')}` });
        continue;
      }
      const base = join(this.bundlesDir, n.slice(0, -BUNDLE_EXTENSION.length));
      // Pending and indexed: the commit happened, the rename after it did not; finish it now.
      if (committed.has(check.checked.digest)) await this.finaliseReceipt(check.checked.digest);
      else if (!(await exists(`${base}${RECEIPT}`)) && (await exists(`${base}${PENDING_RECEIPT}`))) {
        unacknowledged.push(n);
        continue;
      }
      try {
        const receipt = JSON.parse(await readFile(`${base}${RECEIPT}`, 'utf8')) as Receipt;
        ready.push({ c: check.checked, receipt });
      } catch (e) {
        refused.push({ file: n, reason: `its receipt (unit and team) cannot be read: ${(e as Error).message}` });
      }
    }
    // Oldest publication first, so a republished exercise ends with its newest bundle.
    ready.sort((a, b) => a.receipt.publishedAt.localeCompare(b.receipt.publishedAt));
    const org = await this.organisation();
    await this.db.transaction(async (tx) => {
      await tx.delete(correctiveActions);
      await tx.delete(exercises);
      for (const { c, receipt } of ready) {
        let [u] = await tx
          .select()
          .from(units)
          .where(and(eq(units.organisationId, org), eq(units.name, receipt.unit)));
        if (!u) [u] = await tx.insert(units).values({ organisationId: org, name: receipt.unit }).returning();
        const [p] = receipt.publishedBy ? await tx.select().from(people).where(eq(people.name, receipt.publishedBy)) : [];
        await this.index(tx, c, u!.id, p?.id ?? null, receipt, 'rebuilt-after');
      }
      for (const statement of REBUILD_READINESS_CELLS) await tx.execute(sql.raw(statement));
      const changes = await tx.select().from(auditLog).where(eq(auditLog.action, 'action.status')).orderBy(asc(auditLog.id));
      for (const ch of changes) {
        const d = ch.detail as { exerciseId: string; itemId: string; status: ActionStatus };
        const [ex] = await tx.select().from(exercises).where(eq(exercises.exerciseId, d.exerciseId));
        if (ex)
          await tx
            .update(correctiveActions)
            .set({ status: d.status })
            .where(and(eq(correctiveActions.exerciseId, ex.id), eq(correctiveActions.itemId, d.itemId)));
      }
      await this.audit(tx, null, 'server.reindex', `${ready.length} bundles`, { refused: refused.map((r) => r.file) });
    });
    return { indexed: ready.length, refused, unacknowledged };
  }

  /** Renames a committed bundle's pending receipt to its final name (nothing to do if it has none). */
  private async finaliseReceipt(digest: string): Promise<void> {
    const hex = digest.slice('sha256:'.length);
    const pending = join(this.bundlesDir, `${hex}${PENDING_RECEIPT}`);
    if (!(await exists(pending))) return;
    const final = join(this.bundlesDir, `${hex}${RECEIPT}`);
    // A concurrent publisher of the same bundle lost the race after the winner's rename: the
    // winner's receipt (who published it, when) stands.
    if (await exists(final)) await rm(pending, { force: true });
    else await renameWithRetry(pending, final);
    await syncDir(this.bundlesDir);
  }

  /** Removes the files of a bundle whose publish failed before it was indexed. */
  private async removeBundleFile(digest: string): Promise<void> {
    const hex = digest.slice('sha256:'.length);
    await rm(join(this.bundlesDir, `${hex}${BUNDLE_EXTENSION}`), { force: true });
    await rm(join(this.bundlesDir, `${hex}${PENDING_RECEIPT}`), { force: true });
  }
}
