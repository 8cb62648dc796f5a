/** A titled section of the debrief page. */
import type { ReactNode } from 'react';

export function Section(props: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card debrief-section" aria-labelledby={`debrief-${props.id}`} data-section={props.id}>
      <header className="debrief-section-header">
        <h2 id={`debrief-${props.id}`}>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
