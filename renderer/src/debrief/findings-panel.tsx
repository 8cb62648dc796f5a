/** Strengths and areas for improvement, by capability, with the engine's reasons. */
import { memo } from 'react';
import type { CapabilityAnalysis } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';

export const FindingsPanel = memo(function FindingsPanel(props: { analysis: ReadonlyArray<CapabilityAnalysis> }) {
  const strengths = props.analysis.filter((a) => a.met);
  const areas = props.analysis.filter((a) => !a.met);
  return (
    <Section id="findings" title="Strengths and areas for improvement">
      <div className="findings-grid">
        <div>
          <h3>Strengths</h3>
          {strengths.length === 0 ? (
            <p className="muted">No target was met.</p>
          ) : (
            <ul className="findings-list" aria-label="Strengths">
              {strengths.map((a) => (
                <li key={a.dimension}>
                  <strong>{a.capability}.</strong> {a.strengths.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Areas for improvement</h3>
          {areas.length === 0 ? (
            <p className="muted">Every target was met.</p>
          ) : (
            <ul className="findings-list" aria-label="Areas for improvement">
              {areas.map((a) => (
                <li key={a.dimension}>
                  <strong>{a.capability}.</strong> {a.areas.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
});
