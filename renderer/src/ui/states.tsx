/** Loading, empty and error states, the same everywhere. */
import type { ReactNode } from 'react';

/** A loading state; `label` is the catalogue's whole sentence ("Loading the scenario…"). */
export function Loading(props: { label: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {props.label}
    </div>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <div className="state state-empty">{props.children}</div>;
}

/**
 * A failure, said where it happened. `heading: 1` when the error is the whole screen (a screen
 * always has a level-one heading); inside a screen that has its own, the title is bold text.
 */
export function ErrorState(props: { title: string; message: string; heading?: 1; children?: ReactNode }) {
  return (
    <div className="state state-error" role="alert">
      {props.heading === 1 ? <h1 className="state-title">{props.title}</h1> : <strong>{props.title}</strong>}
      <pre className="error-text">{props.message}</pre>
      {props.children}
    </div>
  );
}
