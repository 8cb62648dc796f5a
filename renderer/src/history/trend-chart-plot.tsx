/** The recharts half of TrendChart (trend-chart.tsx), in the charts chunk. */
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendChartProps, TrendDatum } from './trend-chart.tsx';

export default function TrendChartPlot(props: TrendChartProps) {
  const labels = new Map(props.data.map((d) => [String(d.x), d.label]));
  return (
    <LineChart width={props.width} height={props.height} data={props.data as TrendDatum[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
      <XAxis dataKey="x" type="category" fontSize={11} padding={{ left: 24, right: 24 }} />
      <YAxis fontSize={11} width={40} allowDecimals={false} domain={[0, 'auto']} />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(x) => labels.get(String(x)) ?? String(x)}
        formatter={(v) => [`${String(v)} ${props.unit}`, props.title]}
      />
      {props.target !== null && <ReferenceLine y={props.target} stroke="var(--danger)" strokeDasharray="6 4" ifOverflow="extendDomain" />}
      <Line type="linear" dataKey="v" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
    </LineChart>
  );
}
