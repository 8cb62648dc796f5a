/**
 * One readiness figure over time as a line chart: per run (x = run #1, #2, … in date order) or by
 * quarter (x = quarter),
 * with a dashed reference line at the scenario's target when there is one.
 */
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, MINUTE } from '../../../shared/scenario/duration.ts';

export interface TrendDatum {
  /** "#3" (per run) or "2026-Q1" (by quarter). */
  x: string;
  v: number | null;
  /** Tooltip line for this point, e.g. "Silent bias drift · 5 Jan 2026". */
  label: string;
}

export interface TrendChartProps {
  id: string;
  title: string;
  /** "min" or "pts". */
  unit: string;
  data: ReadonlyArray<TrendDatum>;
  /** Dashed reference line (same unit as the data), or null. */
  target: number | null;
  width: number;
  height: number;
}

export const TrendChart = memo(function TrendChart(props: TrendChartProps) {
  const points = props.data.filter((d) => d.v !== null).length;
  const labels = new Map(props.data.map((d) => [String(d.x), d.label]));
  return (
    <figure className="trend-chart" data-testid={`trend-chart-${props.id}`} data-points={points}>
      <figcaption>
        {props.title} <span className="small muted">({props.unit === 'min' ? 'minutes' : 'points'})</span>
        {props.target !== null && (
          <span className="trend-target small"> · target {props.unit === 'min' ? formatDuration(props.target * MINUTE) : props.target}</span>
        )}
      </figcaption>
      {points === 0 ? (
        <p className="trend-empty small muted" style={{ height: props.height }}>
          No figures to plot.
        </p>
      ) : (
        <LineChart width={props.width} height={props.height} data={props.data as TrendDatum[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis dataKey="x" type="category" fontSize={11} padding={{ left: 24, right: 24 }} />
          <YAxis fontSize={11} width={40} allowDecimals={false} domain={[0, 'auto']} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(x) => labels.get(String(x)) ?? String(x)}
            formatter={(v) => [`${String(v)} ${props.unit}`, props.title]}
          />
          {props.target !== null && <ReferenceLine y={props.target} stroke="#b42318" strokeDasharray="6 4" ifOverflow="extendDomain" />}
          <Line type="linear" dataKey="v" stroke="#2563eb" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      )}
    </figure>
  );
});
