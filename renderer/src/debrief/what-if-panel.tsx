/** The exact what-ifs: the team's own journal replayed with one decision changed. */
import { memo } from 'react';
import type { WhatIfAnalysis } from '../../../shared/debrief/what-if.ts';
import { Section } from './section.tsx';

export const WhatIfPanel = memo(function WhatIfPanel(props: { analysis: WhatIfAnalysis }) {
  const base = props.analysis.baseline.overall;
  return (
    <Section id="what-if" title="What if…">
      <p className="small muted">
        Each line replays this exercise's journal with one decision changed. The simulation is deterministic, so these are exact figures, not estimates.
      </p>
      {props.analysis.items.length === 0 ? (
        <p className="muted">No what-ifs apply to this run.</p>
      ) : (
        <table className="debrief-table what-if-table">
          <thead>
            <tr>
              <th>What if</th>
              <th>Finding</th>
              <th className="num">Overall</th>
            </tr>
          </thead>
          <tbody>
            {props.analysis.items.map((w) => (
              <tr key={w.id} data-what-if={w.id}>
                <th scope="row">{w.title}</th>
                <td className="what-if-sentence">{w.sentence}</td>
                <td className="num">{w.outcome ? `${base} → ${w.outcome.overall}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
});
