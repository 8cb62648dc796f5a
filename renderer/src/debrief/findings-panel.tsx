/** Strengths and areas for improvement, by capability, with the engine's reasons. */
import { memo } from 'react';
import type { CapabilityAnalysis } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

export const FindingsPanel = memo(function FindingsPanel(props: { analysis: ReadonlyArray<CapabilityAnalysis> }) {
  const w = useWords();
  const strengths = props.analysis.filter((a) => a.met);
  const areas = props.analysis.filter((a) => !a.met);
  return (
    <Section id="findings" title={w.t('debrief.findings')}>
      <div className="findings-grid">
        <div>
          <h3>{w.t('debrief.strengths')}</h3>
          {strengths.length === 0 ? (
            <p className="muted">{w.t('debrief.noStrength')}</p>
          ) : (
            <ul className="findings-list" aria-label={w.t('debrief.strengths')}>
              {strengths.map((a) => (
                <li key={a.dimension}>
                  <strong>{a.capability}.</strong> {a.strengths.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{w.t('debrief.areas')}</h3>
          {areas.length === 0 ? (
            <p className="muted">{w.t('debrief.noArea')}</p>
          ) : (
            <ul className="findings-list" aria-label={w.t('debrief.areas')}>
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
