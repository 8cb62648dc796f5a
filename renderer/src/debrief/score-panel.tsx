/**
 * The score card: overall and per dimension, each against its target, with the one-line reason
 * and a link to the moment on the timeline. Engine and adjusted scores sit side by side.
 */
import { memo } from 'react';
import type { ScoreRow } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';

export interface ScorePanelProps {
  rows: ReadonlyArray<ScoreRow>;
  engineOverall: number;
  adjustedOverall: number;
  onShow(timelineId: string): void;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

export const ScorePanel = memo(function ScorePanel(props: ScorePanelProps) {
  const w = useWords();
  const adjusted = props.rows.some((r) => r.delta !== 0);
  return (
    <Section id="scores" title={w.t('debrief.scores')}>
      <div className="debrief-overall">
        <div>
          <div className="muted small">{w.t('debrief.engineScore')}</div>
          <div className="debrief-big" data-testid="engine-overall">
            {props.engineOverall}
            <span className="muted">/100</span>
          </div>
        </div>
        {adjusted && (
          <div>
            <div className="muted small">{w.t('debrief.afterAdjustments')}</div>
            <div className="debrief-big" data-testid="adjusted-overall">
              {props.adjustedOverall}
              <span className="muted">/100</span>
            </div>
          </div>
        )}
      </div>
      <table className="debrief-table score-table">
        <thead>
          <tr>
            <th>{w.t('debrief.col.capability')}</th>
            <th className="num">{w.t('debrief.col.weight')}</th>
            <th className="num">{w.t('debrief.col.engine')}</th>
            <th className="num">{w.t('debrief.col.adjusted')}</th>
            <th>{w.t('debrief.col.target')}</th>
            <th>{w.t('debrief.col.why')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.dimension} data-dimension={r.dimension}>
              <th scope="row">{r.capability}</th>
              <td className="num">{r.weight}</td>
              <td className="num">{r.engine}</td>
              <td className="num">
                {r.delta === 0 ? (
                  r.adjusted
                ) : (
                  <span title={r.adjustmentReasons.join('; ')}>
                    {r.adjusted} <span className="muted small">({signed(r.delta)})</span>
                  </span>
                )}
              </td>
              <td>
                <span className={`tag ${r.met ? 'tag-met' : 'tag-missed'}`}>{verdictStatusLabel(r.met ? 'met' : 'missed', w)}</span>
              </td>
              <td>
                {r.reason}{' '}
                {r.refIds[0] && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => props.onShow(r.refIds[0]!)}
                    aria-label={w.t('debrief.showOnTimelineFor', { what: r.capability.toLowerCase() })}
                  >
                    {w.t('debrief.showOnTimeline')}
                  </button>
                )}
                {r.adjustmentReasons.length > 0 && (
                  <div className="small facilitator-note">{w.t('debrief.facilitatorNote', { text: r.adjustmentReasons.join('; ') })}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
});
