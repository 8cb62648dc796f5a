/** The exact what-ifs: the team's own journal replayed with one decision changed. */
import { memo } from 'react';
import { biggestLever, type WhatIfAnalysis } from '../../../shared/debrief/what-if.ts';
import { Section } from './section.tsx';

export const WhatIfPanel = memo(function WhatIfPanel(props: { analysis: WhatIfAnalysis }) {
  const base = props.analysis.baseline.overall;
  const lever = biggestLever(props.analysis);
  return (
    <Section id="what-if" title="What if…">
      <p className="small muted">
        Each line replays this exercise's journal with one decision changed. The simulation is deterministic, so these are exact figures, not estimates.
      </p>
      <p className="what-if-lever" data-testid="biggest-lever">
        <strong>Biggest lever: </strong>
        {lever ? lever.sentence : 'none of the alternatives simulated would have improved the outcome.'}
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
              <tr key={w.id} data-what-if={w.id} className={lever?.id === w.id ? 'is-lever' : undefined}>
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
