/**
 * Live dashboards: every scenario metric as a line chart, updated at the throttled chart rate.
 *
 * The facilitator sees all metrics, each marked public (also on the projector) or facilitator
 * only; a solo trainee sees the public ones.
 */
import { useMemo } from 'react';
import { downsample } from '../projector/room-view.ts';
import { useOpenSession, useRunThrottled } from '../session/use-run.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { MetricChart, type ChartPoint } from './metric-chart.tsx';

const MAX_POINTS = 300;

export function MetricsDashboard() {
  const session = useOpenSession();
  const facilitator = session.mode === 'facilitated';
  const minutes = useRunThrottled((run) => run.metricsUpToNow()[0]?.length ?? 0);
  const metrics = session.scenario.metrics.map((m, i) => ({ m, i })).filter(({ m }) => facilitator || m.public);

  const data = useMemo(() => {
    const series = session.run.metricsUpToNow();
    return series.map((values) => (minutes > 0 ? downsample(values, MAX_POINTS).map(([m, v]): ChartPoint => ({ m, v })) : []));
  }, [session, minutes]);

  return (
    <Panel id="metrics" title="Dashboards" className="metrics-panel">
      {metrics.length === 0 ? (
        <Empty>This scenario has no dashboards.</Empty>
      ) : (
        <div className="metric-grid">
          {metrics.map(({ m, i }) => {
            const points = data[i] ?? [];
            const latest = points.at(-1)?.v;
            return (
              <figure key={m.id} className="metric" aria-label={m.label}>
                <figcaption>
                  <span className="metric-label">{m.label}</span>
                  {facilitator && <span className={`tag ${m.public ? 'tag-public' : 'tag-facilitator'}`}>{m.public ? 'public' : 'facilitator only'}</span>}
                  <span className="metric-value">
                    {latest === undefined ? '—' : latest}
                    {m.unit && <small> {m.unit}</small>}
                  </span>
                </figcaption>
                <MetricChart label={m.label} unit={m.unit} points={points} height={120} />
              </figure>
            );
          })}
        </div>
      )}
    </Panel>
  );
}
