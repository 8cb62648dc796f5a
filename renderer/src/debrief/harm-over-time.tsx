/** Harm over time, this run against doing nothing, with the decisions marked and listed. */
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { HarmCurve } from '../../../shared/debrief/harm-curve.ts';
import type { HarmRow } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';

const HOUR = 3_600_000;
const hoursLabel = (h: number) => formatOffset(h * HOUR);
const num = (n: number) => Math.round(n).toLocaleString('en-US');

/** Label rows for the markers: one that would touch the previous label moves up a row (up to three). */
function markerRows(markers: ReadonlyArray<{ t: number }>, horizon: number): number[] {
  const last = [-Infinity, -Infinity, -Infinity];
  return markers.map((m) => {
    let row = last.findIndex((t) => m.t - t >= horizon * 0.02);
    if (row < 0) row = last.indexOf(Math.min(...last));
    last[row] = m.t;
    return row;
  });
}

function HarmChart(props: { curve: HarmCurve; harmId: string; label: string; markers: { n: number; t: number; label: string }[] }) {
  const data = props.curve.points.map((p) => ({ h: p.t / HOUR, actual: p.actual[props.harmId] ?? 0, doNothing: p.doNothing[props.harmId] ?? 0 }));
  const rows = markerRows(props.markers, props.curve.horizon);
  const top = 18 + 12 * Math.max(0, ...rows);
  return (
    <div className="debrief-chart" data-testid={`harm-chart-${props.harmId}`}>
      <LineChart responsive data={data} style={{ width: '100%', height: 260 + top - 18 }} margin={{ top, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="h" type="number" domain={[0, props.curve.horizon / HOUR]} tickFormatter={hoursLabel} fontSize={11} minTickGap={24} />
        <YAxis fontSize={11} width={52} />
        <Tooltip
          labelFormatter={(h) => hoursLabel(Number(h))}
          formatter={(v, name) => [num(Number(v)), name === 'actual' ? 'This run' : 'Do nothing']}
          isAnimationActive={false}
        />
        <Legend formatter={(v: string) => (v === 'actual' ? 'This run' : 'Do nothing')} />
        {props.markers.map((m, i) => (
          <ReferenceLine
            key={m.n}
            x={m.t / HOUR}
            stroke="#2563eb"
            strokeDasharray="2 3"
            label={{ value: String(m.n), position: 'top', offset: 5 + 12 * rows[i]!, fontSize: 10, fill: '#2563eb' }}
          />
        ))}
        <Line type="linear" dataKey="doNothing" stroke="#8a94a3" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <Line type="linear" dataKey="actual" stroke="#b42318" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}

export const HarmOverTime = memo(function HarmOverTime(props: {
  curve: HarmCurve;
  rows: ReadonlyArray<HarmRow>;
  costs: { revenueLost: number; userHoursWithoutService: number };
}) {
  const markers = props.curve.markers.filter((m) => m.major).map((m, i) => ({ n: i + 1, t: m.t, label: m.label }));
  return (
    <Section id="harm" title="Harm over time">
      <table className="debrief-table">
        <thead>
          <tr>
            <th>Harm</th>
            <th className="num">This run</th>
            <th className="num">Do nothing</th>
            <th className="num">Best achievable</th>
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
          Cost of containment: ${num(props.costs.revenueLost)} lost revenue, {num(props.costs.userHoursWithoutService)} user-hours without service.
        </p>
      )}
      {props.curve.harms.map((h) => (
        <div key={h.id}>
          <h3>{h.label}</h3>
          <HarmChart curve={props.curve} harmId={h.id} label={h.label} markers={markers} />
        </div>
      ))}
      {markers.length > 0 && (
        <ol className="decision-markers small">
          {markers.map((m) => (
            <li key={m.n}>
              <time>{formatOffset(m.t)}</time> {m.label}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
});
