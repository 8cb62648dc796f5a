/** Harm over time, this run against doing nothing, with the decisions marked and listed. */
import { memo } from 'react';
import type { HarmCurve } from '../../../shared/debrief/harm-curve.ts';
import type { HarmRow } from '../../../shared/debrief/report-model.ts';
import { lazyComponent } from '../routing/lazy-component.tsx';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

export interface HarmChartProps {
  curve: HarmCurve;
  harmId: string;
  label: string;
  markers: { n: number; t: number; label: string }[];
  /** The axis and marker type size in px (11 on the debrief; the room's projector reads 18 from the back). */
  fontSize?: number;
  /** The plot's height in px (260 on the debrief). */
  height?: number;
  /** The value axis's numbers in the harm's unit ("$2M" for money; default "2M"). */
  yTickFormat?: (v: number) => string;
  /** The two lines' names in the legend (default "This run" and "Do nothing"; the room's slide adds the final figures). */
  names?: { actual: string; doNothing: string };
}

/** recharts arrives with the first chart shown (harm-chart-plot.tsx); its box is held meanwhile. */
export const HarmChartPlot = lazyComponent<HarmChartProps>(
  () => import('./harm-chart-plot.tsx').then((m) => m.default),
  () => <div className="chart-loading" style={{ height: 260 }} aria-busy="true" />,
);

function HarmChart(props: HarmChartProps) {
  return (
    <div className="debrief-chart" data-testid={`harm-chart-${props.harmId}`}>
      <HarmChartPlot {...props} />
    </div>
  );
}

export const HarmOverTime = memo(function HarmOverTime(props: {
  curve: HarmCurve;
  rows: ReadonlyArray<HarmRow>;
  costs: { revenueLost: number; userHoursWithoutService: number };
  currency: string;
}) {
  const w = useWords();
  const markers = props.curve.markers.filter((m) => m.major).map((m, i) => ({ n: i + 1, t: m.t, label: m.label }));
  return (
    <Section id="harm" title={w.t('debrief.harm')}>
      <table className="debrief-table">
        <thead>
          <tr>
            <th>{w.t('debrief.col.harm')}</th>
            <th className="num">{w.t('debrief.harm.thisRun')}</th>
            <th className="num">{w.t('debrief.harm.doNothing')}</th>
            <th className="num">{w.t('debrief.col.best')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((h) => (
            <tr key={h.id}>
              <th scope="row">{h.label}</th>
              <td className="num" data-testid={`harm-actual-${h.id}`}>
                <strong>{h.actualText}</strong>
              </td>
              <td className="num">{h.doNothingText}</td>
              <td className="num">{h.bestText}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(props.costs.revenueLost > 0 || props.costs.userHoursWithoutService > 0) && (
        <p className="small muted">
          {w.t('report.costs', { revenue: w.money(props.costs.revenueLost, props.currency), hours: w.whole(props.costs.userHoursWithoutService) })}
        </p>
      )}
      {/* A harm that stays at zero in this run and when doing nothing (another variant's harm) has no story to chart. */}
      {props.curve.harms
        .filter((h) => props.curve.points.some((p) => (p.actual[h.id] ?? 0) > 0 || (p.doNothing[h.id] ?? 0) > 0))
        .map((h) => (
          <div key={h.id}>
            <h3>{h.label}</h3>
            <HarmChart curve={props.curve} harmId={h.id} label={h.label} markers={markers} />
          </div>
        ))}
      {markers.length > 0 && (
        <ol className="decision-markers small">
          {markers.map((m) => (
            <li key={m.n}>
              <time>{w.offset(m.t)}</time> {m.label}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
});
