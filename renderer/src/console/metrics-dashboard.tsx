/**
 * Live dashboards: metrics as line charts. `MetricGrid` draws what it is given; the console's
 * `MetricsDashboard` gives it every metric of the run at the throttled chart rate (marked public
 * or facilitator only); the solo screen gives it the public metrics the host sent.
 */
import { useMemo } from 'react';
import { downsample } from '../projector/room-view.ts';
import { useOpenSession, useRunThrottled } from '../session/use-run.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { useWords } from '../i18n/words.tsx';
import { MetricChart, type ChartPoint } from './metric-chart.tsx';

const MAX_POINTS = 300;

export interface DashboardMetric {
  id: string;
  label: string;
  unit: string;
  points: ReadonlyArray<ChartPoint>;
  /** The console marks each metric public (also on the projector) or facilitator only. */
  audience?: 'public' | 'facilitator';
}

export function MetricGrid({ metrics }: { metrics: ReadonlyArray<DashboardMetric> }) {
  const w = useWords();
  return (
    <Panel id="metrics" title={w.t('metrics.title')} className="metrics-panel">
      {metrics.length === 0 ? (
        <Empty>{w.t('metrics.none')}</Empty>
      ) : (
        <div className="metric-grid">
          {metrics.map((m) => {
            const latest = m.points.at(-1)?.v;
            return (
              <figure key={m.id} className="metric" aria-label={m.label}>
                <figcaption>
                  <span className="metric-label">{m.label}</span>
                  {m.audience && (
                    <span className={`tag ${m.audience === 'public' ? 'tag-public' : 'tag-facilitator'}`}>
                      {m.audience === 'public' ? w.t('metrics.public') : w.t('metrics.facilitatorOnly')}
                    </span>
                  )}
                  <span className="metric-value">
                    {latest === undefined ? '—' : w.number(latest, 2)}
                    {m.unit && <small> {m.unit}</small>}
                  </span>
                </figcaption>
                <MetricChart label={m.label} unit={m.unit} points={m.points} height={120} />
              </figure>
            );
          })}
        </div>
      )}
    </Panel>
  );
}

/** The console's dashboards: every metric of the run, each marked public or facilitator only. */
export function MetricsDashboard() {
  const session = useOpenSession();
  const minutes = useRunThrottled((run) => run.metricsUpToNow()[0]?.length ?? 0);
  const metrics = useMemo((): DashboardMetric[] => {
    const series = session.run.metricsUpToNow();
    return session.scenario.metrics.map((m, i) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      points: minutes > 0 ? downsample(series[i] ?? [], MAX_POINTS).map(([at, v]): ChartPoint => ({ m: at, v })) : [],
      audience: m.public ? 'public' : 'facilitator',
    }));
  }, [session, minutes]);
  return <MetricGrid metrics={metrics} />;
}
