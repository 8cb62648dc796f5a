/** The recharts half of MetricChart (metric-chart.tsx), in the charts chunk. */
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatOffset } from '../../../shared/scenario/duration.ts';

import type { ChartPoint, MetricChartProps } from './metric-chart.tsx';

const offsetOfMinute = (m: number) => formatOffset(m * 60_000);

export default memo(function MetricChartPlot(props: MetricChartProps) {
  // The console's colours follow the page's theme (base.css); the projector's are always dark.
  const stroke = props.dark ? '#7dd3fc' : 'var(--chart-line)';
  const grid = props.dark ? '#1f2a3a' : 'var(--chart-grid)';
  const axis = props.dark ? '#94a3b8' : 'var(--chart-axis)';
  const fontSize = props.fontSize ?? 11;
  return (
    <LineChart
      responsive
      data={props.points as ChartPoint[]}
      style={{ width: '100%', height: props.height }}
      margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="m"
        type="number"
        domain={['dataMin', 'dataMax']}
        tickFormatter={offsetOfMinute}
        stroke={axis}
        fontSize={fontSize}
        minTickGap={fontSize * 2}
      />
      <YAxis stroke={axis} fontSize={fontSize} width={fontSize * 4} domain={['auto', 'auto']} />
      <Tooltip
        labelFormatter={(m) => offsetOfMinute(Number(m))}
        formatter={(v) => [`${String(v)}${props.unit ? ` ${props.unit}` : ''}`, props.label]}
        isAnimationActive={false}
        // A long metric name wraps inside the chart instead of pushing the dashboard sideways (the
        // screen tour found a hovered tooltip making the dashboards scroll at 1920×1080).
        wrapperStyle={{ maxWidth: '90%' }}
        contentStyle={{ whiteSpace: 'normal' }}
      />
      <Line type="monotone" dataKey="v" stroke={stroke} strokeWidth={Math.max(2, fontSize / 6)} dot={false} isAnimationActive={false} />
    </LineChart>
  );
});
