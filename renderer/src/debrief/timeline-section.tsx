/**
 * The full timeline for the debrief: room-visible and facilitator-only entries (marked), the
 * facilitator's observations in place, and the row a score reason points at highlighted.
 */
import { memo, useState } from 'react';
import type { TimelineRow } from '../../../shared/debrief/report-model.ts';
import { Section } from './section.tsx';

export const TimelineSection = memo(function TimelineSection(props: {
  rows: ReadonlyArray<TimelineRow>;
  highlight: string | null;
  onObserve(t: number): void;
}) {
  const [roomOnly, setRoomOnly] = useState(false);
  const rows = roomOnly ? props.rows.filter((r) => r.visibility === 'room') : props.rows;
  return (
    <Section
      id="timeline"
      title="Timeline"
      actions={
        <label className="inline small">
          <input type="checkbox" checked={roomOnly} onChange={(e) => setRoomOnly(e.target.checked)} /> Only what the room saw
        </label>
      }
    >
      <ol className="debrief-timeline" aria-label="Timeline" tabIndex={0}>
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
            <span className="timeline-kind">{r.kind}</span>
            <span className="timeline-text">{r.text}</span>
            {r.visibility === 'facilitator' && <span className="tag tag-facilitator">facilitator</span>}
            {r.t !== null && r.kind !== 'observation' && (
              <button
                type="button"
                className="link-button small observe-button"
                aria-label={`Add an observation at ${r.offset}`}
                onClick={() => props.onObserve(r.t!)}
              >
                + note
              </button>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
});
