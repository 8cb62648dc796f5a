/**
 * Readiness figures kept ready (#22): the table `readiness_cells` holds, for every team, every unit
 * and the whole organisation, the readiness figures (lead-reports.ts ReadinessFigures, the same
 * SQL aggregates) of every quarter × severity and of "every quarter" (quarter '*') and "every
 * severity" (severity 0). The readiness page then reads about two hundred finished rows instead of
 * taking medians over every exercise on each request.
 *
 * The cells are never stale: they are recomputed in the transaction that stores or replaces a
 * published exercise (its team's, its unit's and the organisation's rows, under a lock so that
 * concurrent publishers on PostgreSQL each recompute after the other's commit), rebuilt whole by
 * `firebreak server reindex` and by the migration that made the table. They are computed with
 * exactly the SQL a request used to run, so the figures are the same numbers (exact medians with
 * percentile_cont, never-contained runs counted beside the median).
 *
 * Plain SQL text (no imports) so migrations.ts can use it.
 */

/** The level of a cell: a team (key: team id), a unit (key: unit id), the organisation (key 0). */
export type CellLevel = 't' | 'u' | 'o';
/** The quarter of a cell that covers every quarter, and the severity of one that covers every severity. */
export const EVERY_QUARTER = '*';
export const EVERY_SEVERITY = 0;

/** The aggregates every readiness group has, over exercises `e` (the column names figuresOf reads). */
export const FIGURES_SQL = `count(*) AS n,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.mttd_ms) AS mttd,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.mttc_ms) FILTER (WHERE NOT e.mttc_censored) AS mttc,
  count(*) FILTER (WHERE e.mttc_censored) AS never_contained,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.notify_ms) AS notify,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.mttd_target_ms) AS mttd_target,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.mttc_target_ms) AS mttc_target,
  count(*) FILTER (WHERE e.mttd_verdict = 'met') AS mttd_met,
  count(*) FILTER (WHERE e.mttd_verdict IN ('met', 'missed')) AS mttd_judged,
  count(*) FILTER (WHERE e.mttc_verdict = 'met') AS mttc_met,
  count(*) FILTER (WHERE e.mttc_verdict IN ('met', 'missed')) AS mttc_judged,
  count(*) FILTER (WHERE e.notify_verdict = 'met') AS notify_met,
  count(*) FILTER (WHERE e.notify_verdict IN ('met', 'missed')) AS notify_judged,
  coalesce(sum(e.targets_met), 0) AS met, coalesce(sum(e.targets_total), 0) AS total`;

/** The figure columns, in FIGURES_SQL's order. */
export const FIGURE_COLUMNS =
  'n, mttd, mttc, never_contained, notify, mttd_target, mttc_target, mttd_met, mttd_judged, mttc_met, mttc_judged, notify_met, notify_judged, met, total';

export const CREATE_READINESS_CELLS = `CREATE TABLE readiness_cells (level text NOT NULL CHECK (level IN ('t', 'u', 'o')), key integer NOT NULL,
  quarter text NOT NULL, severity integer NOT NULL,
  n bigint NOT NULL, mttd double precision, mttc double precision, never_contained bigint NOT NULL, notify double precision,
  mttd_target double precision, mttc_target double precision, mttd_met bigint NOT NULL, mttd_judged bigint NOT NULL,
  mttc_met bigint NOT NULL, mttc_judged bigint NOT NULL, notify_met bigint NOT NULL, notify_judged bigint NOT NULL,
  met bigint NOT NULL, total bigint NOT NULL,
  PRIMARY KEY (level, key, quarter, severity))`;

const KEY_OF: Record<CellLevel, string> = { t: 'e.team_id', u: 't.unit_id', o: '0' };

/**
 * The statement that computes one level's cells over the exercises `where` selects (SQL over
 * `e` exercises and `t` teams): each key's quarter × severity, quarter, severity and whole groups.
 */
function insertCells(level: CellLevel, where: string): string {
  const k = KEY_OF[level];
  const q = "coalesce(e.quarter, '')";
  // The organisation's key is a constant, not grouped by (a bare 0 would read as a column position).
  const by = level === 'o' ? '' : `${k}, `;
  return `INSERT INTO readiness_cells (level, key, quarter, severity, ${FIGURE_COLUMNS})
    SELECT '${level}', ${k}, CASE WHEN GROUPING(${q}) = 1 THEN '${EVERY_QUARTER}' ELSE ${q} END,
      CASE WHEN GROUPING(e.severity) = 1 THEN ${EVERY_SEVERITY} ELSE e.severity END, ${FIGURES_SQL}
    FROM exercises e JOIN teams t ON t.id = e.team_id WHERE ${where}
    GROUP BY GROUPING SETS ((${by}${q}, e.severity), (${by}${q}), (${by}e.severity), (${level === 'o' ? '' : k}))`;
}

/** Every cell, recomputed from the exercises (the migration and reindex). */
export const REBUILD_READINESS_CELLS: readonly string[] = ['DELETE FROM readiness_cells', ...(['t', 'u', 'o'] as const).map((l) => insertCells(l, 'TRUE'))];

/** Any constant: the lock under which cells are recomputed, so concurrent publishes recompute one after the other. */
export const READINESS_LOCK = 0x46_42_52_43; // "FBRC"

/** The statements that recompute the cells of one team, its unit and the organisation. */
export function refreshCellsOf(teamId: number, unitId: number): string[] {
  const team = Math.trunc(teamId);
  const unit = Math.trunc(unitId);
  return [
    `DELETE FROM readiness_cells WHERE (level = 't' AND key = ${team}) OR (level = 'u' AND key = ${unit}) OR level = 'o'`,
    insertCells('t', `e.team_id = ${team}`),
    insertCells('u', `t.unit_id = ${unit}`),
    insertCells('o', 'TRUE'),
  ];
}
