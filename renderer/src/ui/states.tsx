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

export function ErrorState(props: { title: string; message: string; children?: ReactNode }) {
  return (
    <div className="state state-error" role="alert">
      <strong>{props.title}</strong>
      <pre className="error-text">{props.message}</pre>
      {props.children}
    </div>
  );
}
