/**
 * The full timeline for the debrief: room-visible and facilitator-only entries (marked), the
 * facilitator's observations in place, and the row a score reason points at highlighted.
 */
import { memo, useState } from 'react';
import type { TimelineRow } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

export const TimelineSection = memo(function TimelineSection(props: {
  rows: ReadonlyArray<TimelineRow>;
  highlight: string | null;
  onObserve(t: number): void;
}) {
  const w = useWords();
  const [roomOnly, setRoomOnly] = useState(false);
  const rows = roomOnly ? props.rows.filter((r) => r.visibility === 'room') : props.rows;
  return (
    <Section
      id="timeline"
      title={w.t('debrief.timeline')}
      actions={
        <label className="inline small">
          <input type="checkbox" checked={roomOnly} onChange={(e) => setRoomOnly(e.target.checked)} /> {w.t('debrief.timeline.roomOnly')}
        </label>
      }
    >
      <ol className="debrief-timeline" aria-label={w.t('debrief.timeline')} tabIndex={0}>
        {rows.map((r) => (
          <li
            key={r.id}
            id={r.id}
            className={`debrief-timeline-row kind-${r.kind} is-${r.visibility}${props.highlight === r.id ? ' is-highlighted' : ''}`}
            aria-current={props.highlight === r.id ? 'true' : undefined}
          >
            <time className="sim-time" title={r.wall}>
              {r.offset || '—'}
              {r.wall && <span className="muted"> · {r.wall.slice(-5)}</span>}
            </time>
            <span className="timeline-kind">{w.t(`timelineKind.${r.kind}`)}</span>
            <span className="timeline-text">{r.text}</span>
            {r.visibility === 'facilitator' && <span className="tag tag-facilitator">{w.t('debrief.timeline.facilitator')}</span>}
            {r.t !== null && r.kind !== 'observation' && (
              <button
                type="button"
                className="link-button small observe-button"
                aria-label={w.t('debrief.timeline.observe', { offset: r.offset })}
                onClick={() => props.onObserve(r.t!)}
              >
                {w.t('debrief.timeline.note')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
});
