/** The recharts half of TrendChart (trend-chart.tsx), in the charts chunk. */
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendChartProps, TrendDatum } from './trend-chart.tsx';

/** Room per x label ("#1250", "2026-Q1" at 11 px), so labels never touch. */
const LABEL_PX = 56;

export default function TrendChartPlot(props: TrendChartProps) {
  const labels = new Map(props.data.map((d) => [String(d.x), d.label]));
  // Every k-th label, k worked out from the width: recharts' own choice ('preserveEnd') measures
  // each label's text in the DOM, a forced layout per label (100 points × 4 charts was a third of
  // History's first render with 5,000 exercises, #18).
  const fit = Math.max(2, Math.floor((props.width - 80) / LABEL_PX));
  const every = Math.max(0, Math.ceil(props.data.length / fit) - 1);
  return (
    <LineChart width={props.width} height={props.height} data={props.data as TrendDatum[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
      <XAxis dataKey="x" type="category" fontSize={11} padding={{ left: 24, right: 24 }} interval={every} />
      <YAxis fontSize={11} width={40} allowDecimals={false} domain={[0, 'auto']} interval={0} />
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
