/**
 * One metric as a line chart over sim time (threshold-free: the room reads the shape).
 *
 * recharts is loaded with the first chart shown (metric-chart-plot.tsx), not with the page; until
 * then the chart's box is held at its height so nothing jumps.
 */
import { memo } from 'react';
import { lazyComponent } from '../routing/lazy-component.tsx';

export interface ChartPoint {
  m: number;
  v: number;
}

export interface MetricChartProps {
  label: string;
  unit: string;
  points: ReadonlyArray<ChartPoint>;
  height: number | string;
  fontSize?: number;
  dark?: boolean;
}

export const MetricChartPlot = lazyComponent<MetricChartProps>(
  () => import('./metric-chart-plot.tsx').then((m) => m.default),
  (props) => <div className="chart-loading" style={{ height: props.height }} aria-busy="true" />,
);

export const MetricChart = memo(function MetricChart(props: MetricChartProps) {
  return <MetricChartPlot {...props} />;
});
