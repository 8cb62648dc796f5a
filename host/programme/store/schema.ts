/**
 * The programme store's tables, as Drizzle sees them. The DDL that makes them is in
 * migrations.ts (hand-written, versioned, PostgreSQL 15 subset): change both together.
 */
import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

export const ROLES = ['programme_lead', 'facilitator', 'evaluator', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that hold for the whole organisation (no unit); the others are granted per unit. */
export const ORG_WIDE_ROLES: ReadonlySet<Role> = new Set(['programme_lead', 'auditor']);

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const schemaVersion = pgTable('programme_schema', {
  version: integer('version').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
});

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
  },
  (t) => [unique().on(t.organisationId, t.name)],
);

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
  },
  (t) => [unique().on(t.unitId, t.name)],
);

export const people = pgTable('people', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull().unique(),
  /** #22: how an OpenID Connect identity is first matched to this person (case-insensitive). */
  email: text('email'),
});

export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').$type<Role>().notNull(),
    /** Null for the organisation-wide roles. */
    unitId: integer('unit_id').references(() => units.id),
  },
  (t) => [unique().on(t.personId, t.role, t.unitId)],
);

export const accessTokens = pgTable('access_tokens', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id),
  label: text('label').notNull(),
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const installationKeys = pgTable('installation_keys', {
  keyId: text('key_id').primaryKey(),
  publicKeyPem: text('public_key_pem').notNull(),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
});

export const exercises = pgTable('exercises', {
  id: serial('id').primaryKey(),
  /** The bundle's digest: its identity. */
  digest: text('digest').notNull().unique(),
  exerciseId: text('exercise_id').notNull().unique(),
  teamId: integer('team_id')
    .notNull()
    .references(() => teams.id),
  scenarioId: text('scenario_id').notNull(),
  scenarioVersion: integer('scenario_version').notNull(),
  seed: integer('seed').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: integer('published_by').references(() => people.id),
  keyId: text('key_id').notNull(),
  entryCount: integer('entry_count').notNull(),
  chained: boolean('chained').notNull(),
  /** Figures from the server's own replay and scoring (never the client's). Milliseconds. */
  overall: integer('overall').notNull(),
  mttdMs: bigint('mttd_ms', { mode: 'number' }),
  mttcMs: bigint('mttc_ms', { mode: 'number' }),
  mttcCensored: boolean('mttc_censored').notNull(),
  notifyMs: bigint('notify_ms', { mode: 'number' }),
  targetsMet: integer('targets_met').notNull(),
  targetsTotal: integer('targets_total').notNull(),
  severity: integer('severity').notNull(),
  outcome: jsonb('outcome').notNull(),
  participants: jsonb('participants').$type<{ name: string; role?: string }[]>().notNull(),
  // #22 (migration 2): what readiness groups by and counts, out of the outcome (lead-reports.ts).
  /** The quarter it started in, UTC: "2026-Q1". */
  quarter: text('quarter'),
  mttdTargetMs: bigint('mttd_target_ms', { mode: 'number' }),
  mttcTargetMs: bigint('mttc_target_ms', { mode: 'number' }),
  /** The score card's verdict status on each time target (met, missed, open, not_applicable). */
  mttdVerdict: text('mttd_verdict'),
  mttcVerdict: text('mttc_verdict'),
  notifyVerdict: text('notify_verdict'),
});

export const correctiveActions = pgTable(
  'corrective_actions',
  {
    id: serial('id').primaryKey(),
    exerciseId: integer('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    text: text('text').notNull(),
    owner: text('owner').notNull(),
    due: text('due').notNull(),
    status: text('status').$type<ActionStatus>().notNull(),
    capability: text('capability'),
    /** #22: the score dimension the capability names (lead-rules.ts), null when it names none. */
    dimension: text('dimension'),
    /** #22: the moment of the run (sim ms) that raised it (lead-rules.ts raisedAt). */
    raisedAtMs: bigint('raised_at_ms', { mode: 'number' }),
  },
  (t) => [unique().on(t.exerciseId, t.itemId)],
);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** Who did it: a person's id, or null for the server itself (migrations, reindex). */
  personId: integer('person_id'),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  detail: jsonb('detail').notNull(),
});

// --- #22 the programme lead's pages (migration 2) ---
export const COVERAGE_KINDS = ['capability', 'incident_type', 'framework'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** What an exercise exercised: its capabilities, AI incident types and framework tags. */
export const exerciseCoverage = pgTable(
  'exercise_coverage',
  {
    exerciseId: integer('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CoverageKind>().notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.kind, t.tag] })],
);

/** An exercise a team is to run in a quarter ("2027-Q1"), perhaps of a scenario or capability. */
export const plannedExercises = pgTable('planned_exercises', {
  id: serial('id').primaryKey(),
  teamId: integer('team_id')
    .notNull()
    .references(() => teams.id),
  quarter: text('quarter').notNull(),
  scenarioId: text('scenario_id'),
  capability: text('capability'),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
// --- end #22 lead's pages ---
// --- #22 sign-in (migration 3) ---
/** An OpenID Connect identity (issuer + subject) linked to a person. */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

/** A local account: a login and a scrypt password hash (passwords.ts). */
export const localAccounts = pgTable('local_accounts', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id),
  login: text('login').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const SIGN_IN_METHODS = ['oidc', 'password'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A browser session: the cookie holds a random id, the database only its SHA-256. */
export const sessions = pgTable('sessions', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id),
  sessionHash: text('session_hash').notNull().unique(),
  method: text('method').$type<SignInMethod>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** An OpenID Connect sign-in under way: its state, nonce and PKCE verifier, keyed by the browser's cookie. */
export const signInAttempts = pgTable('sign_in_attempts', {
  attemptHash: text('attempt_hash').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Secrets the server makes once (the pseudonym key, the CSRF key). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
// --- end #22 sign-in ---

export const tables = {
  schemaVersion,
  organisations,
  units,
  teams,
  people,
  roleGrants,
  accessTokens,
  installationKeys,
  exercises,
  correctiveActions,
  auditLog,
  exerciseCoverage,
  plannedExercises,
  oidcIdentities,
  localAccounts,
  sessions,
  signInAttempts,
  serverSecrets,
};
