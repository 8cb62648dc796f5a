/**
 * One readiness figure over time as a line chart: per run (x = run #1, #2, … in date order) or by
 * quarter (x = quarter),
 * with a dashed reference line at the scenario's target when there is one.
 */
import { useWords } from '../i18n/words.tsx';
import { memo } from 'react';
import { formatDuration, MINUTE } from '../../../shared/scenario/duration.ts';
import { lazyComponent } from '../routing/lazy-component.tsx';

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

/** recharts arrives with the first chart shown (trend-chart-plot.tsx); its box is held meanwhile. */
export const TrendChartPlot = lazyComponent<TrendChartProps>(
  () => import('./trend-chart-plot.tsx').then((m) => m.default),
  (props) => <div className="chart-loading" style={{ width: props.width, height: props.height }} aria-busy="true" />,
);

export const TrendChart = memo(function TrendChart(props: TrendChartProps) {
  const w = useWords();
  const points = props.data.filter((d) => d.v !== null).length;
  return (
    <figure className="trend-chart" data-testid={`trend-chart-${props.id}`} data-points={points}>
      <figcaption>
        {props.title} <span className="small muted">({w.t('trend.unit', { unit: props.unit })})</span>
        {props.target !== null && (
          <span className="trend-target small">
            {w.t('trend.target', { target: props.unit === 'min' ? formatDuration(props.target * MINUTE, w) : w.number(props.target) })}
          </span>
        )}
      </figcaption>
      {points === 0 ? (
        <p className="trend-empty small muted" style={{ height: props.height }}>
          {w.t('trend.empty')}
        </p>
      ) : (
        <TrendChartPlot {...props} />
      )}
    </figure>
  );
});
