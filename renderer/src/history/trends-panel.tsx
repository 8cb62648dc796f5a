/**
 * Trends for one team (default: the team with most finished runs), optionally one scenario:
 * MTTD, MTTC, time to notify and score per run or by quarter, with the scenario's targets as
 * dashed lines when a single scenario is picked.
 */
import { useMemo } from 'react';
import { mttcForStats, runsOverTime, trendsByQuarter, type HistoryRow, type TrendPoint } from '../../../shared/history/metrics.ts';
import { useAppStore } from '../store/app-store.ts';
import type { MessageKey } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';
import { formatDate, toMinutes } from './format.ts';
import { TrendChart, type TrendDatum } from './trend-chart.tsx';
import { useWidth } from './use-width.ts';

const CHART_HEIGHT = 190;
/**
 * The per-run charts show a team's most recent runs (#18): a team with 1,250 runs made four
 * charts of 1,250 dots each (seconds of layout, and no one can read them); quarters count all.
 */
export const RUNS_SHOWN = 100;
/** Two charts a row; in jsdom (no layout) the fallback width is used. */
const FALLBACK_WIDTH = 560;

type Metric = { id: 'mttd' | 'mttc' | 'timeToNotify' | 'overall'; title: MessageKey; unit: string };
const METRICS: ReadonlyArray<Metric> = [
  { id: 'mttd', title: 'trends.mttd', unit: 'min' },
  { id: 'mttc', title: 'trends.mttc', unit: 'min' },
  { id: 'timeToNotify', title: 'trends.notify', unit: 'min' },
  { id: 'overall', title: 'trends.overall', unit: 'pts' },
];

/** Teams by finished runs, most first (ties alphabetical). */
export function teamsByRuns(rows: ReadonlyArray<HistoryRow>): { team: string; runs: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.scored) counts.set(r.team, (counts.get(r.team) ?? 0) + 1);
  return [...counts].map(([team, runs]) => ({ team, runs })).sort((a, b) => b.runs - a.runs || a.team.localeCompare(b.team));
}

/** The scenario's targets from its most recent scored run (targets can change between versions). */
function targetsOf(rows: ReadonlyArray<HistoryRow>, scenarioId: string | null): { mttd: number; mttc: number } | null {
  if (!scenarioId) return null;
  let latest: HistoryRow | undefined;
  for (const r of rows) if (r.scored && r.scenarioId === scenarioId && (!latest || r.date > latest.date)) latest = r;
  return latest?.targets ?? null;
}

function valueOf(metric: Metric['id'], p: HistoryRow | TrendPoint): number | null {
  // A run never contained is plotted at its censored MTTC (quarterly means already include it).
  const v = metric === 'mttc' && 'mttcCensored' in p ? mttcForStats(p) : p[metric];
  if (v === null) return null;
  return metric === 'overall' ? Math.round(v) : toMinutes(v);
}

export function TrendsPanel(props: { rows: ReadonlyArray<HistoryRow> }) {
  const w = useWords();
  const { trendTeam, trendScenarioId, trendView } = useAppStore((s) => s.history);
  const setTrend = useAppStore((s) => s.setTrend);
  const [gridRef, gridWidth] = useWidth<HTMLDivElement>(FALLBACK_WIDTH * 2 + 16);
  const columns = gridWidth >= 640 ? 2 : 1;
  const chartWidth = Math.max(240, Math.floor((gridWidth - 16 * (columns - 1)) / columns));

  const teams = useMemo(() => teamsByRuns(props.rows), [props.rows]);
  const team = teams.find((t) => t.team === trendTeam)?.team ?? teams[0]?.team ?? null;
  const scenarios = useMemo(() => {
    const byId = new Map<string, string>();
    for (const r of props.rows) if (r.scored && r.team === team) byId.set(r.scenarioId, r.scenarioTitle);
    return [...byId].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title));
  }, [props.rows, team]);
  const scenarioId = scenarios.some((s) => s.id === trendScenarioId) ? trendScenarioId : null;

  const runs = useMemo(() => (team ? runsOverTime(props.rows, team, scenarioId ?? undefined) : []), [props.rows, team, scenarioId]);
  const quarters = useMemo(() => (team ? trendsByQuarter(props.rows, team, scenarioId ?? undefined) : []), [props.rows, team, scenarioId]);
  const targets = useMemo(() => targetsOf(props.rows, scenarioId), [props.rows, scenarioId]);
  // Each chart's points made once per change of what they show: History re-renders on every
  // selection and when the library's tags arrive, and new arrays redrew all four charts each time.
  const data = useMemo(() => {
    const dataFor = (metric: Metric['id']): TrendDatum[] =>
      trendView === 'runs'
        ? // Runs in order, one step each: a time axis would stack several runs of one day on one x.
          runs.slice(-RUNS_SHOWN).map((r, i) => {
            const n = Math.max(0, runs.length - RUNS_SHOWN) + i + 1;
            return { x: `#${n}`, v: valueOf(metric, r), label: w.t('trends.runPoint', { n, date: formatDate(r.date, w), scenario: r.scenarioTitle }) };
          })
        : quarters.map((q) => ({ x: q.quarter, v: valueOf(metric, q), label: w.t('trends.quarterPoint', { quarter: q.quarter, n: q.exercises }) }));
    return new Map(METRICS.map((m) => [m.id, dataFor(m.id)]));
  }, [trendView, runs, quarters, w]);

  if (!team) {
    return (
      <section className="card history-section" aria-labelledby="trends-heading">
        <h2 id="trends-heading">{w.t('trends.title')}</h2>
        <p className="muted">{w.t('trends.none')}</p>
      </section>
    );
  }

  const targetFor = (metric: Metric['id']): number | null => (targets && (metric === 'mttd' || metric === 'mttc') ? toMinutes(targets[metric]) : null);

  return (
    <section className="card history-section" aria-labelledby="trends-heading">
      <header className="history-section-header">
        <h2 id="trends-heading">{w.t('trends.title')}</h2>
        <div className="trend-controls">
          <label className="inline small">
            {w.t('trends.team')}
            <select value={team} onChange={(e) => setTrend({ trendTeam: e.target.value, trendScenarioId: null })} aria-label={w.t('trends.teamLabel')}>
              {teams.map((t) => (
                <option key={t.team} value={t.team}>
                  {w.t('trends.teamOption', { team: t.team, n: t.runs })}
                </option>
              ))}
            </select>
          </label>
          <label className="inline small">
            {w.t('trends.scenario')}
            <select value={scenarioId ?? ''} onChange={(e) => setTrend({ trendScenarioId: e.target.value || null })} aria-label={w.t('trends.scenarioLabel')}>
              <option value="">{w.t('trends.allScenarios')}</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="group" aria-label={w.t('trends.view')}>
            <button
              type="button"
              className={`button ${trendView === 'runs' ? 'is-active' : ''}`}
              aria-pressed={trendView === 'runs'}
              onClick={() => setTrend({ trendView: 'runs' })}
            >
              {w.t('trends.perRun')}
            </button>
            <button
              type="button"
              className={`button ${trendView === 'quarters' ? 'is-active' : ''}`}
              aria-pressed={trendView === 'quarters'}
              onClick={() => setTrend({ trendView: 'quarters' })}
            >
              {w.t('trends.byQuarter')}
            </button>
          </div>
        </div>
      </header>
      <p className="small muted">
        {w.t('trends.summary', {
          team,
          n: runs.length,
          scenario: scenarioId ? (scenarios.find((s) => s.id === scenarioId)?.title ?? scenarioId) : 'none',
          view: trendView,
          q: quarters.length,
        })}
        {!scenarioId && w.t('trends.pickScenario')}
        {trendView === 'runs' && runs.length > RUNS_SHOWN && w.t('trends.lastRuns', { shown: RUNS_SHOWN })}
      </p>
      <div className="trend-grid" ref={gridRef} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {METRICS.map((m) => (
          <TrendChart
            key={m.id}
            id={m.id}
            title={w.t(m.title)}
            unit={m.unit}
            data={data.get(m.id)!}
            target={targetFor(m.id)}
            width={chartWidth}
            height={CHART_HEIGHT}
          />
        ))}
      </div>
    </section>
  );
}
