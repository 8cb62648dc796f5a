/**
 * Facilitator observations, each optionally tied to a sim time ("7h05m" from the start). Start
 * one with a capability ("Containment: …") to file it under that capability in the report.
 */
import { useState } from 'react';
import type { DebriefEdits } from '../../../shared/contract/api.ts';
import { formatDuration, parseDuration } from '../../../shared/scenario/duration.ts';
import { Section } from './section.tsx';
import { useWords } from '../i18n/words.tsx';

type Observation = DebriefEdits['observations'][number];

function TimeField(props: { label: string; t: number | null; onChange(t: number | null): void }) {
  const [text, setText] = useState(props.t === null ? '' : formatDuration(props.t));
  const [bad, setBad] = useState(false);
  const w = useWords();
  return (
    <input
      aria-label={props.label}
      aria-invalid={bad}
      className="time-field"
      placeholder={w.t('debrief.observations.timePlaceholder')}
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
  const w = useWords();
  const set = (i: number, patch: Partial<Observation>) => props.onChange(props.observations.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Section
      id="observations"
      title={w.t('debrief.observations')}
      actions={
        <button type="button" className="button" onClick={() => props.onChange([...props.observations, { id: props.newId(), t: null, text: '' }])}>
          {w.t('debrief.observations.add')}
        </button>
      }
    >
      {props.observations.length === 0 ? (
        <p className="muted">{w.t('debrief.observations.none')}</p>
      ) : (
        <ul className="observation-list">
          {props.observations.map((o, i) => (
            <li key={o.id} className="observation-row">
              <TimeField label={w.t('debrief.observations.time', { n: i + 1 })} t={o.t} onChange={(t) => set(i, { t })} />
              <textarea
                aria-label={w.t('debrief.observations.text', { n: i + 1 })}
                value={o.text}
                maxLength={5000}
                rows={2}
                onChange={(e) => set(i, { text: e.target.value })}
              />
              {o.t !== null && (
                <button type="button" className="link-button" onClick={() => props.onShow(`obs-${o.id}`)}>
                  {w.t('debrief.observations.show')}
                </button>
              )}
              <button
                type="button"
                className="button button-quiet"
                aria-label={w.t('debrief.observations.remove', { n: i + 1 })}
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
