/** A titled, collapsible section of the console. Collapse state lives in the panels slice. */
import type { ReactNode } from 'react';
import { useAppStore } from '../store/app-store.ts';

export function Panel(props: { id: string; title: string; badge?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  const collapsed = useAppStore((s) => s.panels.collapsed[props.id] ?? false);
  const toggle = useAppStore((s) => s.togglePanel);
  return (
    // Named by its title directly (not by a heading id, which two screens in one document would share).
    <section className={`panel ${props.className ?? ''}`} aria-label={props.title} data-panel={props.id}>
      <header className="panel-header">
        <h2>
          <button type="button" className="panel-toggle" aria-expanded={!collapsed} onClick={() => toggle(props.id)}>
            {props.title}
          </button>
          {props.badge}
        </h2>
        {props.actions}
      </header>
      {!collapsed && <div className="panel-body">{props.children}</div>}
    </section>
  );
}
