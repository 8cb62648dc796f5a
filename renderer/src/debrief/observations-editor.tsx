/**
 * Facilitator observations, each optionally tied to a sim time ("7h05m" from the start). Start
 * one with a capability ("Containment: …") to file it under that capability in the report.
 */
import { useState } from 'react';
import type { DebriefEdits } from '../../../shared/contract/api.ts';
import { formatDuration, parseDuration } from '../../../shared/scenario/duration.ts';
import { Section } from './section.tsx';

type Observation = DebriefEdits['observations'][number];

function TimeField(props: { label: string; t: number | null; onChange(t: number | null): void }) {
  const [text, setText] = useState(props.t === null ? '' : formatDuration(props.t));
  const [bad, setBad] = useState(false);
  return (
    <input
      aria-label={props.label}
      aria-invalid={bad}
      className="time-field"
      placeholder="e.g. 7h05m"
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        if (v.trim() === '') {
          setBad(false);
          props.onChange(null);
          return;
        }
        const ms = parseDuration(v.replace(/^T\+/i, ''));
        setBad(ms === null);
        if (ms !== null) props.onChange(ms);
      }}
    />
  );
}

export function ObservationsEditor(props: {
  observations: ReadonlyArray<Observation>;
  onChange(list: Observation[]): void;
  newId(): string;
  onShow(id: string): void;
}) {
  const set = (i: number, patch: Partial<Observation>) => props.onChange(props.observations.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Section
      id="observations"
      title="Facilitator observations"
      actions={
        <button type="button" className="button" onClick={() => props.onChange([...props.observations, { id: props.newId(), t: null, text: '' }])}>
          Add observation
        </button>
      }
    >
      {props.observations.length === 0 ? (
        <p className="muted">None yet. Add one here, or from a moment on the timeline.</p>
      ) : (
        <ul className="observation-list">
          {props.observations.map((o, i) => (
            <li key={o.id} className="observation-row">
              <TimeField label={`Time of observation ${i + 1}`} t={o.t} onChange={(t) => set(i, { t })} />
              <textarea aria-label={`Observation ${i + 1}`} value={o.text} maxLength={5000} rows={2} onChange={(e) => set(i, { text: e.target.value })} />
              {o.t !== null && (
                <button type="button" className="link-button" onClick={() => props.onShow(`obs-${o.id}`)}>
                  Show
                </button>
              )}
              <button
                type="button"
                className="button button-quiet"
                aria-label={`Remove observation ${i + 1}`}
                onClick={() => props.onChange(props.observations.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
