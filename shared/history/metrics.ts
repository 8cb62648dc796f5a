/**
 * Readiness metrics across exercises: the table, filters, trends by quarter and the aggregates
 * incident programmes report (mean and median time to detect, contain and notify by severity,
 * share of exercises meeting each target, improvement-plan items open and closed).
 *
 * Pure functions over History rows (one per exercise, made from its meta by `toRow`), so history
 * lists and computes without replaying journals, and the host can send the rows alone (#18: a
 * meta is ~1.6 kB; 50,000 of them were 80 MB for a screen that shows a dozen at a time).
 */
import type { ExerciseMeta } from '../contract/api.ts';
import { outcomeVerdicts, type TargetVerdict } from '../scoring/verdict.ts';

export interface HistoryRow {
  id: string;
  date: string;
  quarter: string;
  team: string;
  scenarioId: string;
  scenarioTitle: string;
  mode: ExerciseMeta['mode'];
  status: ExerciseMeta['status'];
  /** Sim time the exercise covered. */
  duration: number;
  severity: number | null;
  mttd: number | null;
  mttc: number | null;
  /** Never contained: detection to the horizon (MTTC censored there); null when contained or unknown. */
  mttcCensored: number | null;
  /** False when the run was never contained; null when not known (unfinished, older record). */
  contained: boolean | null;
  timeToNotify: number | null;
  /** Time to notify each required external audience (null: not notified). */
  notifyByAudience: Partial<Record<string, number | null>>;
  overall: number | null;
  /** The score card's verdicts on the MTTD, MTTC and time-to-notify targets (null: not scored). */
  mttdVerdict: TargetVerdict | null;
  mttcVerdict: TargetVerdict | null;
  notifyVerdict: TargetVerdict | null;
  /** A finished run with a score card (the runs aggregates and trends measure). */
  scored: boolean;
  /** The MTTD and MTTC targets the run was scored against (null: not scored). */
  targets: { mttd: number; mttc: number } | null;
  /** Improvement-plan items open and closed (null: no plan recorded). */
  plan: { open: number; closed: number } | null;
}

/** "2026-Q3" for an ISO date. */
export function quarterOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function toRow(m: ExerciseMeta): HistoryRow {
  const o = m.outcome;
  const v = o ? outcomeVerdicts(o) : null;
  return {
    id: m.id,
    date: m.createdAt,
    quarter: quarterOf(m.createdAt),
    team: m.team,
    scenarioId: m.scenarioId,
    scenarioTitle: m.scenarioTitle,
    mode: m.mode,
    status: m.status,
    duration: m.lastT,
    severity: o?.severity ?? null,
    mttd: o?.mttd ?? null,
    mttc: o?.mttc ?? null,
    mttcCensored: o?.mttcCensored ?? null,
    contained: o ? (o.mttc !== null ? true : o.mttcCensored !== undefined && o.mttcCensored !== null ? false : null) : null,
    timeToNotify: o?.timeToNotify ?? null,
    notifyByAudience: { ...(o?.timeToNotifyByAudience ?? {}) },
    overall: o?.overall ?? null,
    // The verdicts scoring recorded (or derived once for older outcomes): never re-judged here.
    mttdVerdict: v?.mttd ?? null,
    mttcVerdict: v?.mttc ?? null,
    notifyVerdict: v?.timeToNotify ?? null,
    scored: m.status === 'finished' && o !== null,
    targets: o ? { mttd: o.targets.mttd, mttc: o.targets.mttc } : null,
    plan: m.plan ? { open: m.plan.open, closed: m.plan.closed } : null,
  };
}

export interface HistoryFilter {
  team?: string;
  scenarioId?: string;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  search?: string;
}

export type SortKey = 'date' | 'team' | 'scenarioTitle' | 'mode' | 'duration' | 'mttd' | 'mttc' | 'timeToNotify' | 'overall';

export function filterRows(rows: ReadonlyArray<HistoryRow>, f: HistoryFilter): HistoryRow[] {
  const q = f.search?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.team || r.team === f.team) &&
      (!f.scenarioId || r.scenarioId === f.scenarioId) &&
      (!f.from || r.date.slice(0, 10) >= f.from) &&
      (!f.to || r.date.slice(0, 10) <= f.to) &&
      (!q || `${r.team} ${r.scenarioTitle} ${r.mode} ${r.quarter} ${r.id}`.toLowerCase().includes(q)),
  );
}

/** Sorts with empty values last whatever the direction, so unfinished runs never lead a ranking. */
export function sortRows(rows: ReadonlyArray<HistoryRow>, key: SortKey, dir: 'asc' | 'desc'): HistoryRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  // Dates are ISO strings of one format: their code-unit order is their order. Other text (teams,
  // scenarios) is ranked once by the locale's collation and then compared as numbers: 50,000 rows
  // sorted with a localeCompare per comparison took longer than the rest of History's first paint.
  const byDate = (a: HistoryRow, b: HistoryRow) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  let value: (r: HistoryRow) => number | null;
  if (key === 'date') return [...rows].sort((a, b) => byDate(a, b) * sign);
  if (key === 'team' || key === 'scenarioTitle' || key === 'mode') {
    const collator = new Intl.Collator();
    const ranks = new Map([...new Set(rows.map((r) => String(r[key])))].sort(collator.compare).map((text, i) => [text, i]));
    value = (r) => (r[key] === null ? null : ranks.get(String(r[key]))!);
  } else value = (r) => r[key];
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * sign || byDate(a, b);
  });
}

export function mean(xs: ReadonlyArray<number>): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function median(xs: ReadonlyArray<number>): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const present = (xs: ReadonlyArray<number | null>) => xs.filter((x): x is number => x !== null);

/**
 * MTTC for averages: a run never contained counts at its censored value (detection to the
 * horizon), so means and medians are not flattered by leaving the worst runs out.
 */
export function mttcForStats(r: Pick<HistoryRow, 'mttc' | 'mttcCensored'>): number | null {
  return r.mttc ?? r.mttcCensored;
}

export interface Stat {
  n: number;
  mean: number | null;
  median: number | null;
}

function stat(xs: ReadonlyArray<number | null>): Stat {
  const v = present(xs);
  return { n: v.length, mean: mean(v), median: median(v) };
}

/** Share of rows meeting a target among those judged (met or missed; open and not applicable are not). */
function share(xs: ReadonlyArray<TargetVerdict | null>): { met: number; of: number; share: number | null } {
  const judged = xs.filter((x) => x?.status === 'met' || x?.status === 'missed');
  const met = judged.filter((x) => x!.status === 'met').length;
  return { met, of: judged.length, share: judged.length ? met / judged.length : null };
}

export interface Aggregates {
  exercises: number;
  finished: number;
  bySeverity: { severity: number; exercises: number; detect: Stat; contain: Stat; notify: Stat }[];
  targets: { mttd: ReturnType<typeof share>; mttc: ReturnType<typeof share>; notify: ReturnType<typeof share> };
  /** Time to notify per external audience, over the runs that had to notify it. */
  notifyByAudience: { audience: string; notify: Stat; notified: number; of: number }[];
  plan: { open: number; closed: number };
}

/** The programme view over finished exercises (running and abandoned ones are counted, not measured). */
export function aggregate(all: ReadonlyArray<HistoryRow>): Aggregates {
  const rows = all.filter((r) => r.scored);
  const severities = [...new Set(rows.map((r) => r.severity!))].sort((a, b) => a - b);
  return {
    exercises: all.length,
    finished: rows.length,
    bySeverity: severities.map((severity) => {
      const rs = rows.filter((r) => r.severity === severity);
      return {
        severity,
        exercises: rs.length,
        detect: stat(rs.map((r) => r.mttd)),
        contain: stat(rs.map(mttcForStats)),
        notify: stat(rs.map((r) => r.timeToNotify)),
      };
    }),
    targets: { mttd: share(rows.map((r) => r.mttdVerdict)), mttc: share(rows.map((r) => r.mttcVerdict)), notify: share(rows.map((r) => r.notifyVerdict)) },
    notifyByAudience: audiencesOf(rows).map((audience) => {
      const xs = rows.filter((r) => audience in r.notifyByAudience).map((r) => r.notifyByAudience[audience] ?? null);
      return { audience, notify: stat(xs), notified: present(xs).length, of: xs.length };
    }),
    plan: planTotals(all),
  };
}

/** Every audience some row was timed for, sorted (one pass, no array per row). */
function audiencesOf(rows: ReadonlyArray<HistoryRow>): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const a in r.notifyByAudience) seen.add(a);
  return [...seen].sort();
}

function planTotals(rows: ReadonlyArray<HistoryRow>): { open: number; closed: number } {
  let open = 0;
  let closed = 0;
  for (const r of rows) {
    open += r.plan?.open ?? 0;
    closed += r.plan?.closed ?? 0;
  }
  return { open, closed };
}

export interface TrendPoint {
  quarter: string;
  exercises: number;
  mttd: number | null;
  /** Mean MTTC, never-contained runs counted at their censored value. */
  mttc: number | null;
  timeToNotify: number | null;
  overall: number | null;
}

/** One team's finished exercises by quarter: mean MTTD, MTTC, time to notify and score. */
export function trendsByQuarter(all: ReadonlyArray<HistoryRow>, team: string, scenarioId?: string): TrendPoint[] {
  const rows = all.filter((r) => r.scored && r.team === team && (!scenarioId || r.scenarioId === scenarioId));
  const quarters = [...new Set(rows.map((r) => r.quarter))].sort();
  return quarters.map((quarter) => {
    const rs = rows.filter((r) => r.quarter === quarter);
    return {
      quarter,
      exercises: rs.length,
      mttd: mean(present(rs.map((r) => r.mttd))),
      mttc: mean(present(rs.map(mttcForStats))),
      timeToNotify: mean(present(rs.map((r) => r.timeToNotify))),
      overall: mean(present(rs.map((r) => r.overall))),
    };
  });
}

/** One team's finished runs in date order (for a per-exercise trend line). */
export function runsOverTime(all: ReadonlyArray<HistoryRow>, team: string, scenarioId?: string): HistoryRow[] {
  return sortRows(
    all.filter((r) => r.scored && r.team === team && (!scenarioId || r.scenarioId === scenarioId)),
    'date',
    'asc',
  );
}

const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));

/** The metrics table as CSV (RFC 4180), times in minutes. */
export function rowsToCsv(rows: ReadonlyArray<HistoryRow>): string {
  const header = [
    'date',
    'quarter',
    'team',
    'scenario',
    'mode',
    'status',
    'duration_min',
    'severity',
    'mttd_min',
    'mttc_min',
    'time_to_notify_min',
    'mttc_censored_min',
    'contained',
    'overall',
    'mttd_verdict',
    'mttc_verdict',
    'notify_verdict',
    'exercise_id',
  ];
  const lines = rows.map((r) =>
    [
      r.date,
      r.quarter,
      r.team,
      r.scenarioTitle,
      r.mode,
      r.status,
      minutes(r.duration),
      r.severity,
      minutes(r.mttd),
      minutes(r.mttc),
      minutes(r.timeToNotify),
      minutes(r.mttcCensored),
      r.contained,
      r.overall,
      r.mttdVerdict?.status ?? null,
      r.mttcVerdict?.status ?? null,
      r.notifyVerdict?.status ?? null,
      r.id,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
