/** Key times as numbers (against targets) and as a bar per moment on the sim-time axis. */
import { memo } from 'react';
import { keyTimeRows, metricValueWord, type KeyTimeKind, type KeyTimesModel } from '../../../shared/debrief/key-times.ts';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';
import { lazyComponent } from '../routing/lazy-component.tsx';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

export interface KeyTimeBar {
  label: string;
  hours: number;
  kind: KeyTimeKind;
  offset: string;
  wall: string;
}

export interface KeyTimesPlotProps {
  data: KeyTimeBar[];
  end: number;
}

/** recharts arrives with the first chart shown (key-times-plot.tsx); its box is held meanwhile. */
export const KeyTimesPlot = lazyComponent<KeyTimesPlotProps>(
  () => import('./key-times-plot.tsx').then((m) => m.default),
  (props) => <div className="chart-loading" style={{ height: Math.max(160, 26 * props.data.length + 40) }} aria-busy="true" />,
);

export const KeyTimesPanel = memo(function KeyTimesPanel(props: { model: KeyTimesModel; end: number }) {
  const w = useWords();
  // Moments after the end of the exercise (far-off deadlines) stay in the table, not the chart.
  const rows = keyTimeRows(props.model).filter((r) => r.t <= props.end);
  const data = rows.map((r) => ({ label: r.label, hours: r.hours, kind: r.kind, offset: r.offset, wall: r.wall }));
  return (
    <Section id="key-times" title={w.t('debrief.keyTimes')}>
      <table className="debrief-table">
        <thead>
          <tr>
            <th>{w.t('debrief.col.metric')}</th>
            <th className="num">{w.t('debrief.col.actual')}</th>
            <th className="num">{w.t('debrief.col.target')}</th>
            <th>{w.t('debrief.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {props.model.metrics.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.label}</th>
              <td className="num">{m.value === null ? metricValueWord(m, w) : w.duration(m.value)}</td>
              <td className="num">{w.duration(m.target)}</td>
              <td>
                <span className={`tag tag-${m.verdict.status === 'not_applicable' ? 'na' : m.verdict.status}`} data-verdict={m.verdict.status}>
                  {verdictStatusLabel(m.verdict.status, w)}
                </span>{' '}
                <span className="muted small">{w.t('debrief.from', { from: m.from })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="debrief-chart" data-testid="key-times-chart">
        <KeyTimesPlot data={data} end={props.end} />
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
