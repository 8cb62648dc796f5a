/** The recharts half of the key-times chart (key-times-panel.tsx), in the charts chunk. */
import { useWords } from '../i18n/words.tsx';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { KeyTimeKind } from '../../../shared/debrief/key-times.ts';
import type { KeyTimesPlotProps } from './key-times-panel.tsx';

const COLOR: Record<KeyTimeKind, string> = {
  fault: 'var(--danger)',
  'false-alarm': 'var(--danger)',
  signal: 'var(--warning)',
  detection: 'var(--accent)',
  triage: 'var(--accent)',
  decision: 'var(--accent)',
  containment: 'var(--ok)',
  recovery: 'var(--ok)',
  notification: 'var(--facilitator)',
  deadline: 'var(--muted)',
  resolution: 'var(--text)',
  end: 'var(--text)',
};

const HOUR = 3_600_000;

export default function KeyTimesPlot({ data, end }: KeyTimesPlotProps) {
  const w = useWords();
  return (
    <BarChart
      responsive
      layout="vertical"
      data={data}
      style={{ width: '100%', height: Math.max(160, 26 * data.length + 40) }}
      margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" dataKey="hours" domain={[0, end / HOUR]} tickFormatter={(h: number) => formatOffset(h * HOUR, w)} fontSize={11} />
      <YAxis type="category" dataKey="label" width={220} fontSize={11} interval={0} />
      <Tooltip
        formatter={(_v, _n, item) => [`${(item.payload as { offset: string }).offset} · ${(item.payload as { wall: string }).wall}`, w.t('keyTime.when')]}
        isAnimationActive={false}
      />
      <Bar dataKey="hours" isAnimationActive={false} barSize={10}>
        {data.map((d) => (
          <Cell key={d.label} fill={COLOR[d.kind]} />
        ))}
      </Bar>
    </BarChart>
  );
}
