/**
 * The programme lead's figures (#22): readiness per team and unit against the median of what the
 * caller may read, the coverage matrix, the schedule of planned exercises and the corrective
 * actions with their follow-up. Plain SQL in the PostgreSQL 15 subset (GROUPING, percentile_cont,
 * FILTER, LATERAL), so PGlite and a PostgreSQL server give the same rows; the rules are in
 * lead-rules.ts.
 *
 * Every query is scoped to the units the caller may read (readableUnits): a unit the caller cannot
 * read is invisible, in the figures and in the medians they are compared with.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { DIMENSIONS, INCIDENT_TYPES } from '../../../shared/scenario/schema.ts';
import { rowsOf } from './migrations.ts';
import { ProgrammeError, canPublishInto, readableUnits, seesNames, type Principal, type ProgrammeStore } from './programme-store.ts';
import { auditLog, plannedExercises, teams, type ActionStatus, type CoverageKind } from './schema.ts';
import { EVERY_QUARTER, EVERY_SEVERITY, FIGURE_COLUMNS, FIGURES_SQL, type CellLevel } from './readiness-cells.ts';
import { dimensionOfCapability, followUpOf, isOverdue, isStale, planStatus, quarterOf, type FollowUp, type PlanStatus } from './lead-rules.ts';

/** One group's readiness. Durations in milliseconds; medians are percentile_cont(0.5). */
export interface ReadinessFigures {
  exercises: number;
  medianMttdMs: number | null;
  /** Median MTTC of the runs that were contained. */
  medianMttcMs: number | null;
  /** Runs never contained: counted beside the median, never dropped (their MTTC is censored). */
  neverContained: number;
  medianNotifyMs: number | null;
  /** Median of the scenarios' own targets, to read the medians against. */
  medianMttdTargetMs: number | null;
  medianMttcTargetMs: number | null;
  /** Runs whose MTTD / MTTC / time-to-notify target was met, of the runs where it was judged. */
  mttdMet: number;
  mttdJudged: number;
  mttcMet: number;
  mttcJudged: number;
  notifyMet: number;
  notifyJudged: number;
  /** Every target of every run (score dimensions): met, total and share (null: no targets). */
  targetsMet: number;
  targetsTotal: number;
  shareOfTargetsMet: number | null;
}

export interface TeamRef {
  teamId: number;
  team: string;
  unitId: number;
  unit: string;
}

export interface ReadinessReport {
  filter: { quarter: string | null; severity: number | null };
  /** What the comparison row covers: the whole organisation, or only the units the caller reads. */
  scope: 'organisation' | 'readable_units';
  overall: ReadinessFigures;
  units: (ReadinessFigures & { unitId: number; unit: string })[];
  /** Every team the caller may read, those with no exercise in the filter too. */
  teams: (ReadinessFigures & TeamRef)[];
  /** Per quarter (the severity filter applies, not the quarter one), oldest first. */
  byQuarter: (ReadinessFigures & { quarter: string })[];
  /** Per expected severity (the quarter filter applies, not the severity one). */
  bySeverity: (ReadinessFigures & { severity: number })[];
  quarters: string[];
  severities: number[];
}

/** The quarter an exercise started in (UTC), kept as a column at publish (lead-rules.ts quarterOf). */
const QUARTER_OF_START = sql.raw(`e.quarter`);

const EMPTY: ReadinessFigures = {
  exercises: 0,
  medianMttdMs: null,
  medianMttcMs: null,
  neverContained: 0,
  medianNotifyMs: null,
  medianMttdTargetMs: null,
  medianMttcTargetMs: null,
  mttdMet: 0,
  mttdJudged: 0,
  mttcMet: 0,
  mttcJudged: 0,
  notifyMet: 0,
  notifyJudged: 0,
  targetsMet: 0,
  targetsTotal: 0,
  shareOfTargetsMet: null,
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function figuresOf(r: Record<string, unknown>): ReadinessFigures {
  const met = Number(r.met);
  const total = Number(r.total);
  return {
    exercises: Number(r.n),
    medianMttdMs: num(r.mttd),
    medianMttcMs: num(r.mttc),
    neverContained: Number(r.never_contained),
    medianNotifyMs: num(r.notify),
    medianMttdTargetMs: num(r.mttd_target),
    medianMttcTargetMs: num(r.mttc_target),
    mttdMet: Number(r.mttd_met),
    mttdJudged: Number(r.mttd_judged),
    mttcMet: Number(r.mttc_met),
    mttcJudged: Number(r.mttc_judged),
    notifyMet: Number(r.notify_met),
    notifyJudged: Number(r.notify_judged),
    targetsMet: met,
    targetsTotal: total,
    shareOfTargetsMet: total ? met / total : null,
  };
}

/** The aggregates every readiness group has (over exercises `e`; readiness-cells.ts). */
const FIGURES = sql.raw(FIGURES_SQL);

/** `t.unit_id IN (…)` for a caller's scope (null: every unit). */
function scopeWhere(scope: Set<number> | null): SQL {
  if (!scope) return sql`TRUE`;
  return sql`t.unit_id IN (${sql.join(
    [...scope].map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The teams (and their units) a caller may read, by unit then team name. */
export async function readableTeams(store: ProgrammeStore, principal: Principal): Promise<TeamRef[]> {
  const scope = readableUnits(principal);
  if (scope && scope.size === 0) return [];
  return rowsOf<{ team_id: number; team: string; unit_id: number; unit: string }>(
    await store.db.execute(sql`SELECT t.id AS team_id, t.name AS team, u.id AS unit_id, u.name AS unit
      FROM teams t JOIN units u ON u.id = t.unit_id WHERE ${scopeWhere(scope)} ORDER BY u.name, t.name, t.id`),
  ).map((r) => ({ teamId: Number(r.team_id), team: r.team, unitId: Number(r.unit_id), unit: r.unit }));
}

type Row = Record<string, unknown>;

/**
 * The readiness report, read from the cells kept with every publish (readiness-cells.ts): the
 * caller's teams and units, and the comparison row with its quarters and severities from the cells
 * of the organisation (a caller who reads every unit) or of the one unit the caller reads. A
 * caller reading several but not all units has no such cells: their comparison is recomputed.
 */
export async function readinessReport(
  store: ProgrammeStore,
  principal: Principal,
  filter: { quarter?: string | null; severity?: number | null } = {},
): Promise<ReadinessReport> {
  const scope = readableUnits(principal);
  if (scope && scope.size === 0) return recomputedReadiness(store, principal, filter);
  let comparison: { level: CellLevel; key: number } | null = scope ? null : { level: 'o', key: 0 };
  if (scope && scope.size === 1) comparison = { level: 'u', key: [...scope][0]! };
  else if (scope) {
    const [all] = rowsOf<{ n: number }>(
      await store.db.execute(
        sql`SELECT count(*) AS n FROM units WHERE id NOT IN (${sql.join(
          [...scope].map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    );
    if (Number(all!.n) === 0) comparison = { level: 'o', key: 0 };
  }
  if (!comparison) return recomputedReadiness(store, principal, filter);
  const quarter = filter.quarter ?? null;
  const severity = filter.severity ?? null;
  const q = quarter ?? EVERY_QUARTER;
  const s = severity ?? EVERY_SEVERITY;
  const where = scopeWhere(scope);
  const cells = rowsOf<Row>(
    await store.db.execute(sql`SELECT level, key, quarter, severity, ${sql.raw(FIGURE_COLUMNS)} FROM readiness_cells c
      WHERE (c.quarter = ${q} AND c.severity = ${s} AND (
          (c.level = 't' AND c.key IN (SELECT t.id FROM teams t WHERE ${where}))
          OR (c.level = 'u' AND c.key IN (SELECT DISTINCT t.unit_id FROM teams t WHERE ${where}))))
        OR (c.level = ${comparison.level} AND c.key = ${comparison.key})`),
  );
  const refs = await readableTeams(store, principal);
  const teamFigures = new Map<number, ReadinessFigures>();
  const unitFigures = new Map<number, ReadinessFigures>();
  const report = emptyReport(quarter, severity, scope !== null);
  const quarters = new Set<string>();
  const severities = new Set<number>();
  for (const r of cells) {
    const cq = String(r.quarter);
    const cs = Number(r.severity);
    const mine = r.level === comparison.level && Number(r.key) === comparison.key;
    if (mine) {
      if (cq === q && cs === s) report.overall = figuresOf(r);
      if (cq !== EVERY_QUARTER && cs === s) report.byQuarter.push({ quarter: cq, ...figuresOf(r) });
      if (cs !== EVERY_SEVERITY && cq === q) report.bySeverity.push({ severity: cs, ...figuresOf(r) });
      if (cq !== EVERY_QUARTER && cs !== EVERY_SEVERITY) {
        quarters.add(cq);
        severities.add(cs);
      }
    }
    if (cq !== q || cs !== s) continue;
    if (r.level === 't') teamFigures.set(Number(r.key), figuresOf(r));
    else if (r.level === 'u') unitFigures.set(Number(r.key), figuresOf(r));
  }
  report.teams = refs.map((t) => ({ ...t, ...(teamFigures.get(t.teamId) ?? EMPTY) }));
  const seenUnits = new Map(refs.map((t) => [t.unitId, t.unit]));
  report.units = [...seenUnits].map(([unitId, unit]) => ({ unitId, unit, ...(unitFigures.get(unitId) ?? EMPTY) }));
  report.byQuarter.sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  report.bySeverity.sort((a, b) => a.severity - b.severity);
  report.quarters = [...quarters].sort();
  report.severities = [...severities].sort((a, b) => a - b);
  return report;
}

/** A report with no figures yet: the filter and scope it answers, every list empty. */
function emptyReport(quarter: string | null, severity: number | null, scoped: boolean): ReadinessReport {
  return {
    filter: { quarter, severity },
    scope: scoped ? 'readable_units' : 'organisation',
    overall: { ...EMPTY },
    units: [],
    teams: [],
    byQuarter: [],
    bySeverity: [],
    quarters: [],
    severities: [],
  };
}

/**
 * The same report computed straight from the exercises (medians over every exercise the caller
 * may read): for a caller reading several but not all units, and what the tests hold the cells to.
 */
export async function recomputedReadiness(
  store: ProgrammeStore,
  principal: Principal,
  filter: { quarter?: string | null; severity?: number | null } = {},
): Promise<ReadinessReport> {
  const scope = readableUnits(principal);
  const quarter = filter.quarter ?? null;
  const severity = filter.severity ?? null;
  const report = emptyReport(quarter, severity, scope !== null);
  if (scope && scope.size === 0) return report;
  const where = scopeWhere(scope);
  const byQuarter = quarter === null ? sql`TRUE` : sql`${QUARTER_OF_START} = ${quarter}`;
  const bySeverity = severity === null ? sql`TRUE` : sql`e.severity = ${severity}`;
  const db = store.db;
  // One pass for teams, units and the comparison row (GROUPING tells the sets apart).
  const grouped = rowsOf<Row>(
    await db.execute(sql`SELECT t.unit_id, e.team_id, GROUPING(t.unit_id, e.team_id) AS g, ${FIGURES}
      FROM exercises e JOIN teams t ON t.id = e.team_id
      WHERE ${where} AND ${byQuarter} AND ${bySeverity}
      GROUP BY GROUPING SETS ((t.unit_id, e.team_id), (t.unit_id), ())`),
  );
  const perQuarter = rowsOf<Row>(
    await db.execute(sql`SELECT ${QUARTER_OF_START} AS q, ${FIGURES}
      FROM exercises e JOIN teams t ON t.id = e.team_id WHERE ${where} AND ${bySeverity} GROUP BY 1 ORDER BY 1`),
  );
  const perSeverity = rowsOf<Row>(
    await db.execute(sql`SELECT e.severity AS s, ${FIGURES}
      FROM exercises e JOIN teams t ON t.id = e.team_id WHERE ${where} AND ${byQuarter} GROUP BY 1 ORDER BY 1`),
  );
  const choices = rowsOf<{ q: string; s: number }>(
    await db.execute(sql`SELECT DISTINCT ${QUARTER_OF_START} AS q, e.severity AS s FROM exercises e JOIN teams t ON t.id = e.team_id WHERE ${where}`),
  );
  const refs = await readableTeams(store, principal);
  const teamFigures = new Map<number, ReadinessFigures>();
  const unitFigures = new Map<number, ReadinessFigures>();
  for (const r of grouped) {
    const g = Number(r.g);
    if (g === 0) teamFigures.set(Number(r.team_id), figuresOf(r));
    else if (g === 1) unitFigures.set(Number(r.unit_id), figuresOf(r));
    else report.overall = figuresOf(r);
  }
  report.teams = refs.map((t) => ({ ...t, ...(teamFigures.get(t.teamId) ?? EMPTY) }));
  const seenUnits = new Map(refs.map((t) => [t.unitId, t.unit]));
  report.units = [...seenUnits].map(([unitId, unit]) => ({ unitId, unit, ...(unitFigures.get(unitId) ?? EMPTY) }));
  report.byQuarter = perQuarter.map((r) => ({ quarter: String(r.q), ...figuresOf(r) }));
  report.bySeverity = perSeverity.map((r) => ({ severity: Number(r.s), ...figuresOf(r) }));
  report.quarters = [...new Set(choices.map((c) => String(c.q)))].sort();
  report.severities = [...new Set(choices.map((c) => Number(c.s)))].sort((a, b) => a - b);
  return report;
}

// ---- coverage ----

export interface CoverageCell {
  teamId: number;
  kind: CoverageKind;
  tag: string;
  /** The day (UTC) the team last exercised it, null: never. */
  lastExercised: string | null;
  /** Not exercised in the 12 months before the report (lead-rules.ts isStale). */
  stale: boolean;
}

export interface CoverageReport {
  asOf: string;
  teams: TeamRef[];
  columns: Record<CoverageKind, string[]>;
  cells: CoverageCell[];
}

export async function coverageReport(store: ProgrammeStore, principal: Principal): Promise<CoverageReport> {
  const now = store.now();
  const teamsRead = await readableTeams(store, principal);
  const scope = readableUnits(principal);
  const rows =
    scope && scope.size === 0
      ? []
      : rowsOf<{ team_id: number; kind: CoverageKind; tag: string; last: Date | string }>(
          await store.db.execute(sql`SELECT e.team_id, c.kind, c.tag, max(e.started_at) AS last
            FROM exercise_coverage c JOIN exercises e ON e.id = c.exercise_id JOIN teams t ON t.id = e.team_id
            WHERE ${scopeWhere(scope)} GROUP BY e.team_id, c.kind, c.tag`),
        );
  const seen = (kind: CoverageKind) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.tag))].sort();
  const columns: Record<CoverageKind, string[]> = {
    capability: [...DIMENSIONS, ...seen('capability').filter((c) => !(DIMENSIONS as readonly string[]).includes(c))],
    incident_type: [...INCIDENT_TYPES],
    framework: seen('framework'),
  };
  const last = new Map(rows.map((r) => [`${r.team_id}|${r.kind}|${r.tag}`, new Date(r.last)]));
  const cells: CoverageCell[] = [];
  for (const t of teamsRead)
    for (const kind of Object.keys(columns) as CoverageKind[])
      for (const tag of columns[kind]) {
        const at = last.get(`${t.teamId}|${kind}|${tag}`) ?? null;
        cells.push({ teamId: t.teamId, kind, tag, lastExercised: at ? at.toISOString().slice(0, 10) : null, stale: isStale(at, now) });
      }
  return { asOf: now.toISOString().slice(0, 10), teams: teamsRead, columns, cells };
}

// ---- schedule ----

export interface PlannedExercise extends TeamRef {
  id: number;
  quarter: string;
  scenarioId: string | null;
  capability: string | null;
  note: string;
  status: PlanStatus;
  /** The exercise that did it, when done. */
  doneBy: string | null;
}

export interface ScheduleReport {
  currentQuarter: string;
  plans: PlannedExercise[];
}

export async function scheduleReport(store: ProgrammeStore, principal: Principal): Promise<ScheduleReport> {
  const current = quarterOf(store.now());
  const scope = readableUnits(principal);
  if (scope && scope.size === 0) return { currentQuarter: current, plans: [] };
  const rows = rowsOf<Record<string, unknown>>(
    await store.db.execute(sql`SELECT p.id, p.quarter, p.scenario_id, p.capability, p.note, t.id AS team_id, t.name AS team, u.id AS unit_id,
        u.name AS unit, d.exercise_id AS done_by
      FROM planned_exercises p JOIN teams t ON t.id = p.team_id JOIN units u ON u.id = t.unit_id
      LEFT JOIN LATERAL (
        SELECT e.exercise_id FROM exercises e
        WHERE e.team_id = p.team_id AND ${QUARTER_OF_START} = p.quarter
          AND (p.scenario_id IS NULL OR e.scenario_id = p.scenario_id)
          AND (p.capability IS NULL OR EXISTS (SELECT 1 FROM exercise_coverage c WHERE c.exercise_id = e.id AND c.kind = 'capability' AND c.tag = p.capability))
        ORDER BY e.started_at, e.id LIMIT 1
      ) d ON TRUE
      WHERE ${scopeWhere(scope)}
      ORDER BY p.quarter, u.name, t.name, p.id`),
  );
  const plans = rows.map((r) => {
    const doneBy = (r.done_by as string | null) ?? null;
    return {
      id: Number(r.id),
      quarter: String(r.quarter),
      scenarioId: (r.scenario_id as string | null) ?? null,
      capability: (r.capability as string | null) ?? null,
      note: String(r.note),
      teamId: Number(r.team_id),
      team: String(r.team),
      unitId: Number(r.unit_id),
      unit: String(r.unit),
      status: planStatus(String(r.quarter), current, doneBy !== null),
      doneBy,
    };
  });
  // Reminders first: overdue, then due this quarter, then the rest in quarter order.
  const rank: Record<PlanStatus, number> = { overdue: 0, due: 1, planned: 2, done: 3 };
  plans.sort((a, b) => rank[a.status] - rank[b.status] || a.quarter.localeCompare(b.quarter) || a.id - b.id);
  return { currentQuarter: current, plans };
}

export interface NewPlan {
  teamId: number;
  quarter: string;
  scenarioId?: string | null;
  capability?: string | null;
  note?: string;
}

/** The team's unit, for a caller allowed to change its plans (404 when it cannot read it: no enumeration). */
async function plannableTeam(store: ProgrammeStore, principal: Principal, teamId: number): Promise<number> {
  const [t] = await store.db.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, teamId));
  const scope = readableUnits(principal);
  if (!t || (scope && !scope.has(t.unitId))) throw new ProgrammeError(404, `no team ${teamId}`);
  if (!canPublishInto(principal, t.unitId)) throw new ProgrammeError(403, "only a programme lead or a facilitator of the team's unit plans its exercises");
  return t.unitId;
}

/** Plans an exercise (audited). A built-in capability is kept as its dimension ("detection"). */
export async function addPlan(store: ProgrammeStore, principal: Principal, p: NewPlan): Promise<number> {
  await plannableTeam(store, principal, p.teamId);
  const capability = p.capability ? (dimensionOfCapability(p.capability) ?? p.capability) : null;
  return store.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(plannedExercises)
      .values({ teamId: p.teamId, quarter: p.quarter, scenarioId: p.scenarioId ?? null, capability, note: p.note ?? '', createdBy: principal.personId })
      .returning();
    await tx.insert(auditLog).values({
      personId: principal.personId,
      action: 'plan.create',
      subject: `plan ${row!.id}`,
      detail: { teamId: p.teamId, quarter: p.quarter, scenarioId: p.scenarioId ?? null, capability },
    });
    return row!.id;
  });
}

export async function removePlan(store: ProgrammeStore, principal: Principal, id: number): Promise<void> {
  const [p] = await store.db.select().from(plannedExercises).where(eq(plannedExercises.id, id));
  if (!p) throw new ProgrammeError(404, `no planned exercise ${id}`);
  await plannableTeam(store, principal, p.teamId).catch((e: unknown) => {
    // A plan of a team the caller cannot read does not exist for them.
    throw e instanceof ProgrammeError && e.status === 404 ? new ProgrammeError(404, `no planned exercise ${id}`) : e;
  });
  await store.db.transaction(async (tx) => {
    await tx.delete(plannedExercises).where(and(eq(plannedExercises.id, id)));
    await tx
      .insert(auditLog)
      .values({ personId: principal.personId, action: 'plan.delete', subject: `plan ${id}`, detail: { teamId: p.teamId, quarter: p.quarter } });
  });
}

// ---- corrective actions ----

export interface CorrectiveActionRow extends TeamRef {
  id: number;
  itemId: string;
  text: string;
  /** Null for a caller who sees no personal names (auditors). */
  owner: string | null;
  due: string;
  status: ActionStatus;
  capability: string | null;
  /** The score dimension the capability names (lead-rules.ts), null when none. */
  dimension: string | null;
  /** The exercise that raised it, and the moment of its run (sim ms; lead-rules.ts raisedAt). */
  exerciseId: string;
  digest: string;
  exerciseStartedAt: string;
  raisedAtMs: number | null;
  /** The follow-up rule's verdict (lead-rules.ts followUpOf) and the exercise that gave it. */
  followUp: { state: FollowUp; exerciseId: string; digest: string; startedAt: string } | null;
  overdue: boolean;
}

/** Every corrective action the caller may read, overdue first, then by due date. */
export async function correctiveActionsReport(store: ProgrammeStore, principal: Principal): Promise<CorrectiveActionRow[]> {
  const scope = readableUnits(principal);
  if (scope && scope.size === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await store.db.execute(sql`SELECT a.id, a.item_id, a.text, a.owner, a.due, a.status, a.capability, a.dimension, a.raised_at_ms,
        e.exercise_id, e.digest, e.started_at, t.id AS team_id, t.name AS team, u.id AS unit_id, u.name AS unit,
        nx.exercise_id AS next_exercise, nx.digest AS next_digest, nx.started_at AS next_started, nx.met AS next_met
      FROM corrective_actions a JOIN exercises e ON e.id = a.exercise_id JOIN teams t ON t.id = e.team_id JOIN units u ON u.id = t.unit_id
      LEFT JOIN LATERAL (
        SELECT e2.exercise_id, e2.digest, e2.started_at, (e2.outcome->'targetsMet'->>a.dimension)::boolean AS met
        FROM exercises e2 JOIN exercise_coverage c2 ON c2.exercise_id = e2.id AND c2.kind = 'capability' AND c2.tag = a.dimension
        WHERE e2.team_id = e.team_id AND (e2.started_at, e2.id) > (e.started_at, e.id)
        ORDER BY e2.started_at, e2.id LIMIT 1
      ) nx ON a.dimension IS NOT NULL AND a.status <> 'dropped'
      WHERE ${scopeWhere(scope)}
      ORDER BY a.due, a.id`),
  );
  const names = seesNames(principal);
  const today = store.now().toISOString().slice(0, 10);
  const iso = (v: unknown) => new Date(v as string | Date).toISOString();
  const out = rows.map((r): CorrectiveActionRow => {
    const state = r.next_exercise ? followUpOf(r.next_met as boolean | null) : null;
    const status = r.status as ActionStatus;
    return {
      id: Number(r.id),
      itemId: String(r.item_id),
      text: String(r.text),
      owner: names ? String(r.owner) : null,
      due: String(r.due),
      status,
      capability: (r.capability as string | null) ?? null,
      dimension: (r.dimension as string | null) ?? null,
      exerciseId: String(r.exercise_id),
      digest: String(r.digest),
      exerciseStartedAt: iso(r.started_at),
      raisedAtMs: num(r.raised_at_ms),
      teamId: Number(r.team_id),
      team: String(r.team),
      unitId: Number(r.unit_id),
      unit: String(r.unit),
      followUp: state ? { state, exerciseId: String(r.next_exercise), digest: String(r.next_digest), startedAt: iso(r.next_started) } : null,
      overdue: isOverdue(String(r.due), status, state, today),
    };
  });
  // Overdue first; the SQL order (due date, then id) within each.
  return [...out.filter((a) => a.overdue), ...out.filter((a) => !a.overdue)];
}

// ---- one exercise (the page an action links to) ----

export interface ExerciseFacts extends TeamRef {
  exerciseId: string;
  digest: string;
  scenarioId: string;
  startedAt: string;
  severity: number;
  overall: number;
  mttdMs: number | null;
  mttcMs: number | null;
  mttcCensored: boolean;
  notifyMs: number | null;
  targetsMet: number;
  targetsTotal: number;
}

/** A published exercise the caller may read (404 otherwise, as if it did not exist). */
export async function exerciseFacts(store: ProgrammeStore, principal: Principal, digest: string): Promise<ExerciseFacts> {
  const scope = readableUnits(principal);
  const [r] =
    scope && scope.size === 0
      ? []
      : rowsOf<Record<string, unknown>>(
          await store.db.execute(sql`SELECT e.*, t.name AS team, u.id AS unit_id, u.name AS unit
            FROM exercises e JOIN teams t ON t.id = e.team_id JOIN units u ON u.id = t.unit_id
            WHERE e.digest = ${digest} AND ${scopeWhere(scope)}`),
        );
  if (!r) throw new ProgrammeError(404, `no exercise ${digest}`);
  return {
    exerciseId: String(r.exercise_id),
    digest: String(r.digest),
    scenarioId: String(r.scenario_id),
    startedAt: new Date(r.started_at as string).toISOString(),
    severity: Number(r.severity),
    overall: Number(r.overall),
    mttdMs: num(r.mttd_ms),
    mttcMs: num(r.mttc_ms),
    mttcCensored: Boolean(r.mttc_censored),
    notifyMs: num(r.notify_ms),
    targetsMet: Number(r.targets_met),
    targetsTotal: Number(r.targets_total),
    teamId: Number(r.team_id),
    team: String(r.team),
    unitId: Number(r.unit_id),
    unit: String(r.unit),
  };
}
