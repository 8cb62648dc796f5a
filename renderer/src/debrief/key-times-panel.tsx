/** Key times as numbers (against targets) and as a bar per moment on the sim-time axis. */
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatOffset } from '../../../shared/scenario/duration.ts';
import { keyTimeRows, type KeyTimeKind, type KeyTimesModel } from '../../../shared/debrief/key-times.ts';
import { Section } from './section.tsx';

const COLOR: Record<KeyTimeKind, string> = {
  fault: '#b42318',
  'false-alarm': '#b42318',
  signal: '#9a6700',
  detection: '#2563eb',
  triage: '#2563eb',
  decision: '#2563eb',
  containment: '#1a7f37',
  recovery: '#1a7f37',
  notification: '#7c3aed',
  deadline: '#5d6878',
  resolution: '#1c2430',
  end: '#1c2430',
};

const HOUR = 3_600_000;

export const KeyTimesPanel = memo(function KeyTimesPanel(props: { model: KeyTimesModel; end: number }) {
  // Moments after the end of the exercise (far-off deadlines) stay in the table, not the chart.
  const rows = keyTimeRows(props.model).filter((r) => r.t <= props.end);
  const data = rows.map((r) => ({ label: r.label, hours: r.hours, kind: r.kind, offset: r.offset, wall: r.wall }));
  return (
    <Section id="key-times" title="Key times">
      <table className="debrief-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Actual</th>
            <th className="num">Target</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {props.model.metrics.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.label}</th>
              <td className="num">{m.value === null ? 'never' : formatDuration(m.value)}</td>
              <td className="num">{formatDuration(m.target)}</td>
              <td>
                <span className={`tag ${m.met ? 'tag-met' : 'tag-missed'}`}>{m.met ? 'met' : 'missed'}</span> <span className="muted small">from {m.from}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="debrief-chart" data-testid="key-times-chart">
        <BarChart
          responsive
          layout="vertical"
          data={data}
          style={{ width: '100%', height: Math.max(160, 26 * data.length + 40) }}
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" dataKey="hours" domain={[0, props.end / HOUR]} tickFormatter={(h: number) => formatOffset(h * HOUR)} fontSize={11} />
          <YAxis type="category" dataKey="label" width={220} fontSize={11} interval={0} />
          <Tooltip
            formatter={(_v, _n, item) => [`${(item.payload as { offset: string }).offset} · ${(item.payload as { wall: string }).wall}`, 'When']}
            isAnimationActive={false}
          />
          <Bar dataKey="hours" isAnimationActive={false} barSize={10}>
            {data.map((d) => (
              <Cell key={d.label} fill={COLOR[d.kind]} />
            ))}
          </Bar>
        </BarChart>
      </div>
      <ul className="key-times-list small">
        {keyTimeRows(props.model).map((r) => (
          <li key={r.id}>
            <span className="key-time-label">{r.label}</span> <time>{r.offset}</time> <span className="muted">{r.wall}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
});
