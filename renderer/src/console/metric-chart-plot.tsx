/** The recharts half of MetricChart (metric-chart.tsx), in the charts chunk. */
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { compactNumber, timeTicks, valueTicks } from '../../../shared/views/chart-ticks.ts';
import { useWords } from '../i18n/words.tsx';

import type { ChartPoint, MetricChartProps } from './metric-chart.tsx';

const offsetOfMinute = (m: number) => formatOffset(m * 60_000);

export default memo(function MetricChartPlot(props: MetricChartProps) {
  // The console's colours follow the page's theme (base.css); the projector's are always dark.
  const stroke = props.dark ? '#7dd3fc' : 'var(--chart-line)';
  const grid = props.dark ? '#1f2a3a' : 'var(--chart-grid)';
  const axis = props.dark ? '#94a3b8' : 'var(--chart-axis)';
  const fontSize = props.fontSize ?? 11;
  const w = useWords();
  // Our own ticks (chart-ticks.ts): nice steps in the metric's unit and whole sim minutes or hours;
  // recharts' own gave 3.85 / 2.75 and T+1h32, and dropped a label when two touched.
  const values = props.points.map((p) => p.v);
  const yTicks = valueTicks(Math.min(...values), Math.max(...values), 4);
  const first = props.points[0]?.m ?? 0;
  const last = props.points.at(-1)?.m ?? 0;
  // The projector's labels are large for their chart (18 px and up): three fit without touching
  // ("T+1hT+1h30m" ran together at 1024×640 in the screen tour).
  const xTicks = timeTicks(first * 60_000, last * 60_000, props.dark ? 3 : 4).map((t) => t / 60_000);
  return (
    <LineChart
      responsive
      data={props.points as ChartPoint[]}
      style={{ width: '100%', height: props.height }}
      margin={{ top: 6, right: Math.round(fontSize * 2.5), bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="m"
        type="number"
        domain={['dataMin', 'dataMax']}
        ticks={xTicks}
        interval={0}
        tickFormatter={offsetOfMinute}
        stroke={axis}
        fontSize={fontSize}
      />
      <YAxis
        stroke={axis}
        fontSize={fontSize}
        width={fontSize * 4}
        domain={[yTicks[0]!, yTicks.at(-1)!]}
        ticks={yTicks}
        interval={0}
        tickFormatter={(v: number) => compactNumber(v, w)}
      />
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
