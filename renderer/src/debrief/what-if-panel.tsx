/** The exact what-ifs: the team's own journal replayed with one decision changed. */
import { memo } from 'react';
import { biggestLever, type WhatIfAnalysis } from '../../../shared/debrief/what-if.ts';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

export const WhatIfPanel = memo(function WhatIfPanel(props: { analysis: WhatIfAnalysis }) {
  const w = useWords();
  const base = props.analysis.baseline.overall;
  const lever = biggestLever(props.analysis);
  return (
    <Section id="what-if" title={w.t('debrief.whatIf')}>
      <p className="small muted">{w.t('debrief.whatIf.intro')}</p>
      <p className="what-if-lever" data-testid="biggest-lever">
        <strong>{w.t('debrief.whatIf.lever')}</strong>
        {lever ? lever.sentence : w.t('debrief.whatIf.noLever')}
      </p>
      {props.analysis.items.length === 0 ? (
        <p className="muted">{w.t('debrief.whatIf.none')}</p>
      ) : (
        <table className="debrief-table what-if-table">
          <thead>
            <tr>
              <th>{w.t('debrief.col.whatIf')}</th>
              <th>{w.t('debrief.col.finding')}</th>
              <th className="num">{w.t('debrief.col.overall')}</th>
            </tr>
          </thead>
          <tbody>
            {props.analysis.items.map((x) => (
              <tr key={x.id} data-what-if={x.id} className={lever?.id === x.id ? 'is-lever' : undefined}>
                <th scope="row">{x.title}</th>
                <td className="what-if-sentence">{x.sentence}</td>
                <td className="num">{x.outcome ? `${base} → ${x.outcome.overall}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
});
