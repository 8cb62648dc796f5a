/**
 * Versioned migrations of the programme store, run on start (PostgreSQL 15 subset, so they run
 * unchanged on Debian's PostgreSQL 15 and on PGlite). Append a migration; never edit a released one.
 *
 * Each migration runs in one transaction under an advisory lock, so two servers starting on one
 * database migrate once. A database whose schema is newer than this code knows is refused: an
 * older server writing into a newer schema could lose what the newer one stores.
 */
import { sql } from 'drizzle-orm';
import type { ProgrammeDb } from './database.ts';
import { CREATE_READINESS_CELLS, REBUILD_READINESS_CELLS } from './readiness-cells.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'organisation, people and access, exercises, corrective actions, audit log',
    statements: [
      `CREATE TABLE organisations (id serial PRIMARY KEY, name text NOT NULL)`,
      `CREATE TABLE units (id serial PRIMARY KEY, organisation_id integer NOT NULL REFERENCES organisations(id), name text NOT NULL, UNIQUE (organisation_id, name))`,
      `CREATE TABLE teams (id serial PRIMARY KEY, unit_id integer NOT NULL REFERENCES units(id), name text NOT NULL, UNIQUE (unit_id, name))`,
      `CREATE TABLE people (id serial PRIMARY KEY, organisation_id integer NOT NULL REFERENCES organisations(id), name text NOT NULL UNIQUE)`,
      `CREATE TABLE role_grants (id serial PRIMARY KEY, person_id integer NOT NULL REFERENCES people(id),
        role text NOT NULL CHECK (role IN ('programme_lead', 'facilitator', 'evaluator', 'viewer', 'auditor')),
        unit_id integer REFERENCES units(id),
        CHECK ((role IN ('programme_lead', 'auditor')) = (unit_id IS NULL)),
        UNIQUE (person_id, role, unit_id))`,
      `CREATE TABLE access_tokens (id serial PRIMARY KEY, person_id integer NOT NULL REFERENCES people(id), label text NOT NULL,
        token_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz, revoked_at timestamptz)`,
      `CREATE TABLE installation_keys (key_id text PRIMARY KEY, public_key_pem text NOT NULL, person_id integer NOT NULL REFERENCES people(id),
        registered_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE exercises (id serial PRIMARY KEY, digest text NOT NULL UNIQUE, exercise_id text NOT NULL UNIQUE,
        team_id integer NOT NULL REFERENCES teams(id), scenario_id text NOT NULL, scenario_version integer NOT NULL, seed integer NOT NULL,
        started_at timestamptz NOT NULL, published_at timestamptz NOT NULL DEFAULT now(), published_by integer REFERENCES people(id),
        key_id text NOT NULL, entry_count integer NOT NULL, chained boolean NOT NULL,
        overall integer NOT NULL, mttd_ms bigint, mttc_ms bigint, mttc_censored boolean NOT NULL, notify_ms bigint,
        targets_met integer NOT NULL, targets_total integer NOT NULL, severity integer NOT NULL,
        outcome jsonb NOT NULL, participants jsonb NOT NULL)`,
      `CREATE INDEX exercises_team ON exercises (team_id, started_at)`,
      `CREATE TABLE corrective_actions (id serial PRIMARY KEY, exercise_id integer NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        item_id text NOT NULL, text text NOT NULL, owner text NOT NULL, due text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')), capability text,
        UNIQUE (exercise_id, item_id))`,
      `CREATE TABLE audit_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), person_id integer,
        action text NOT NULL, subject text NOT NULL, detail jsonb NOT NULL)`,
    ],
  },
  // --- #22 the programme lead's pages: coverage, schedule, corrective actions' capability and moment ---
  {
    version: 2,
    name: 'coverage tags per exercise, planned exercises, corrective actions with capability dimension and moment',
    statements: [
      `CREATE TABLE exercise_coverage (exercise_id integer NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('capability', 'incident_type', 'framework')), tag text NOT NULL,
        PRIMARY KEY (exercise_id, kind, tag))`,
      `CREATE INDEX exercise_coverage_tag ON exercise_coverage (kind, tag)`,
      `ALTER TABLE corrective_actions ADD COLUMN dimension text`,
      `ALTER TABLE corrective_actions ADD COLUMN raised_at_ms bigint`,
      `CREATE TABLE planned_exercises (id serial PRIMARY KEY, team_id integer NOT NULL REFERENCES teams(id),
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'), scenario_id text, capability text,
        note text NOT NULL DEFAULT '', created_by integer REFERENCES people(id), created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX planned_exercises_team ON planned_exercises (team_id, quarter)`,
      // The figures readiness groups by and counts, as columns (reading them out of outcome jsonb
      // for every exercise made the readiness page slow), filled in for exercises already indexed.
      `ALTER TABLE exercises ADD COLUMN quarter text, ADD COLUMN mttd_target_ms bigint, ADD COLUMN mttc_target_ms bigint,
        ADD COLUMN mttd_verdict text, ADD COLUMN mttc_verdict text, ADD COLUMN notify_verdict text`,
      `UPDATE exercises SET quarter = to_char(started_at AT TIME ZONE 'UTC', 'YYYY-"Q"Q'),
        mttd_target_ms = (outcome->'targets'->>'mttd')::bigint, mttc_target_ms = (outcome->'targets'->>'mttc')::bigint,
        mttd_verdict = outcome->'verdicts'->'mttd'->>'status', mttc_verdict = outcome->'verdicts'->'mttc'->>'status',
        notify_verdict = outcome->'verdicts'->'timeToNotify'->>'status'`,
    ],
  },
  // --- end #22 lead's pages ---
  // --- #22 sign-in: local accounts, OpenID Connect identities, browser sessions, server secrets ---
  // Version 3 (version 2 is the lead's pages' migration, landing beside this one).
  {
    version: 3,
    name: 'local accounts, OpenID Connect identities, browser sessions, sign-in attempts, server secrets',
    statements: [
      `ALTER TABLE people ADD COLUMN email text`,
      `CREATE UNIQUE INDEX people_email ON people (lower(email))`,
      `CREATE TABLE oidc_identities (issuer text NOT NULL, subject text NOT NULL, person_id integer NOT NULL REFERENCES people(id),
        linked_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (issuer, subject))`,
      `CREATE TABLE local_accounts (person_id integer PRIMARY KEY REFERENCES people(id), login text NOT NULL UNIQUE,
        password_hash text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE sessions (id serial PRIMARY KEY, person_id integer NOT NULL REFERENCES people(id), session_hash text NOT NULL UNIQUE,
        method text NOT NULL CHECK (method IN ('oidc', 'password')), created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL, revoked_at timestamptz)`,
      `CREATE INDEX sessions_person ON sessions (person_id)`,
      `CREATE TABLE sign_in_attempts (attempt_hash text PRIMARY KEY, state text NOT NULL, nonce text NOT NULL, code_verifier text NOT NULL,
        return_to text NOT NULL, expires_at timestamptz NOT NULL)`,
      `CREATE TABLE server_secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    ],
  },
  // --- end #22 sign-in ---
  // --- #22 readiness kept ready: the figures of every team, unit and the organisation (readiness-cells.ts) ---
  {
    version: 4,
    name: 'readiness figures per team, unit and organisation by quarter and severity, kept with each publish',
    statements: [CREATE_READINESS_CELLS, ...REBUILD_READINESS_CELLS],
  },
  // --- end #22 readiness kept ready ---
];

export const LATEST_SCHEMA = MIGRATIONS.at(-1)!.version;
/** Any constant: the advisory lock that serialises migrations across servers on one database. */
const MIGRATION_LOCK = 0x46_42_50_53; // "FBPS"

export class SchemaTooNew extends Error {}

async function currentVersion(db: ProgrammeDb): Promise<number> {
  await db.execute(sql.raw(`CREATE TABLE IF NOT EXISTS programme_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`));
  const rows = await db.execute(sql.raw(`SELECT max(version) AS v FROM programme_schema`));
  return Number(rowsOf<{ v: number | null }>(rows)[0]?.v ?? 0);
}

/** Rows of a db.execute() result, whichever driver ran it (pg and PGlite shape them alike). */
export function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

/**
 * Brings the database to LATEST_SCHEMA. Returns the versions applied (empty when up to date).
 * Throws SchemaTooNew, changing nothing, when the database is ahead of this code.
 */
export async function migrate(db: ProgrammeDb, migrations: ReadonlyArray<Migration> = MIGRATIONS): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  const tooNew = (v: number) =>
    new SchemaTooNew(
      `the programme database has schema version ${v}, newer than this Firebreak knows (${latest}): it was migrated by a newer Firebreak. Upgrade this Firebreak, or point it at another database; nothing was changed`,
    );
  const before = await currentVersion(db);
  if (before > latest) throw tooNew(before);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= before) continue;
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      // Another server may have migrated while this one waited for the lock.
      const now = Number(rowsOf<{ v: number | null }>(await tx.execute(sql.raw(`SELECT max(version) AS v FROM programme_schema`)))[0]?.v ?? 0);
      if (now > latest) throw tooNew(now);
      if (now >= m.version) return false;
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO programme_schema (version) VALUES (${m.version})`);
      await tx.execute(
        sql`INSERT INTO audit_log (action, subject, detail) VALUES ('schema.migrate', ${`version ${m.version}`}, ${JSON.stringify({ name: m.name })}::jsonb)`,
      );
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
