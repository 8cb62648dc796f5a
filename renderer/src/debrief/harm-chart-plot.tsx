/** The recharts half of the harm chart (harm-over-time.tsx), in the charts chunk. */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { HarmChartProps } from './harm-over-time.tsx';
import { useWords } from '../i18n/words.tsx';
import { compactNumber, timeTicks, valueTicks } from '../../../shared/views/chart-ticks.ts';

const HOUR = 3_600_000;

/** Label rows for the markers: one that would touch the previous label moves up a row (up to three). */
function markerRows(markers: ReadonlyArray<{ t: number }>, horizon: number, gap = 0.02): number[] {
  const last = [-Infinity, -Infinity, -Infinity];
  return markers.map((m) => {
    let row = last.findIndex((t) => m.t - t >= horizon * gap);
    if (row < 0) row = last.indexOf(Math.min(...last));
    last[row] = m.t;
    return row;
  });
}

/**
 * The legend as recharts draws it, with the line samples hidden from screen readers: recharts
 * names each sample "<series> legend icon" in English, and the series name follows as text anyway.
 */
function LegendItems({ payload }: { payload?: ReadonlyArray<{ value?: unknown; color?: string; payload?: { strokeDasharray?: string | number } }> }) {
  return (
    <ul className="recharts-default-legend" style={{ padding: 0, margin: 0, textAlign: 'center' }}>
      {(payload ?? []).map((p, i) => (
        <li key={i} className="recharts-legend-item" style={{ display: 'inline-block', marginRight: 10, whiteSpace: 'nowrap' }}>
          <svg width={14} height={14} viewBox="0 0 32 32" aria-hidden="true" style={{ display: 'inline-block', verticalAlign: 'middle', marginRight: 4 }}>
            <line x1={0} y1={16} x2={32} y2={16} stroke={p.color} strokeWidth={4} strokeDasharray={p.payload?.strokeDasharray} />
          </svg>
          <span style={{ color: p.color }}>{String(p.value ?? '')}</span>
        </li>
      ))}
    </ul>
  );
}

export default function HarmChartPlot(props: HarmChartProps) {
  const w = useWords();
  const hoursLabel = (h: number) => formatOffset(h * HOUR, w);
  const data = props.curve.points.map((p) => ({ h: p.t / HOUR, actual: p.actual[props.harmId] ?? 0, doNothing: p.doNothing[props.harmId] ?? 0 }));
  const font = props.fontSize ?? 11;
  const height = props.height ?? 260;
  // A marker's number and its row step grow with the type (the room's chart is read from afar).
  const markerFont = Math.round(font * 0.9);
  const rowStep = markerFont + 2;
  const rows = markerRows(props.markers, props.curve.horizon, 0.02 * (font / 11));
  const top = 18 + rowStep * Math.max(0, ...rows) + (font - 11);
  // Nice ticks (chart-ticks.ts): "12M", not recharts' raw "12000000"; whole hours on the time axis.
  const yTicks = valueTicks(0, Math.max(0, ...data.map((d) => Math.max(d.actual, d.doNothing))), 4);
  const xTicks = timeTicks(0, props.curve.horizon, 8).map((t) => t / HOUR);
  const yLabel = props.yTickFormat ?? ((v: number) => compactNumber(v, w));
  // Wide enough for the longest number ("12,5 M $US" in French), never narrower than before.
  const yWidth = Math.max(Math.round(52 * (font / 11)), Math.ceil(Math.max(...yTicks.map((v) => yLabel(v).length)) * font * 0.6) + 12);
  return (
    <LineChart
      responsive
      data={data}
      style={{ width: '100%', height: height + top - 18, fontSize: font }}
      margin={{ top, right: Math.round(16 * (font / 11)), bottom: 0, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="h" type="number" domain={[0, props.curve.horizon / HOUR]} ticks={xTicks} interval={0} tickFormatter={hoursLabel} fontSize={font} />
      <YAxis fontSize={font} width={yWidth} domain={[yTicks[0]!, yTicks.at(-1)!]} ticks={yTicks} interval={0} tickFormatter={yLabel} />
      <Tooltip labelFormatter={(h) => hoursLabel(Number(h))} formatter={(v, name) => [w.whole(Number(v)), name]} isAnimationActive={false} />
      {/* This run first, then doing nothing, in every language (recharts sorts by the worded name otherwise). */}
      <Legend content={LegendItems} itemSorter="dataKey" />
      {props.markers.map((m, i) => (
        <ReferenceLine
          key={m.n}
          x={m.t / HOUR}
          stroke="var(--accent)"
          strokeDasharray="2 3"
          label={{ value: String(m.n), position: 'top', offset: 5 + rowStep * rows[i]!, fontSize: markerFont, fill: 'var(--accent)' }}
        />
      ))}
      <Line
        type="linear"
        dataKey="doNothing"
        name={props.names?.doNothing ?? w.t('debrief.harm.doNothing')}
        stroke="var(--chart-axis)"
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        type="linear"
        dataKey="actual"
        name={props.names?.actual ?? w.t('debrief.harm.thisRun')}
        stroke="var(--danger)"
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
