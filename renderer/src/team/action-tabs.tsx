/**
 * The action panels, grouped in tabs so they fit at 1280×720: Respond, Investigate, Communicate,
 * and one tab the screen adds (Facilitate on the console, Hints on the solo screen).
 */
import type { ReactNode } from 'react';
import { useAppStore } from '../store/app-store.ts';
import type { ActionTab } from '../store/panels-slice.ts';
import { CommunicationsPanel } from './panels/communications-panel.tsx';
import { ContainmentPanel } from './panels/containment-panel.tsx';
import { DeclarePanel } from './panels/declare-panel.tsx';
import { EvidencePanel } from './panels/evidence-panel.tsx';
import { InvestigationPanel } from './panels/investigation-panel.tsx';
import { ResolvePanel } from './panels/resolve-panel.tsx';
import { RolesPanel } from './panels/roles-panel.tsx';
import { RootCausePanel } from './panels/root-cause-panel.tsx';
import { TriagePanel } from './panels/triage-panel.tsx';

interface Tab {
  id: ActionTab;
  label: string;
  render(): ReactNode;
}

const TEAM_TABS: Tab[] = [
  {
    id: 'respond',
    label: 'Respond',
    render: () => (
      <>
        <DeclarePanel />
        <TriagePanel />
        <ContainmentPanel />
        <RolesPanel />
        <ResolvePanel />
      </>
    ),
  },
  {
    id: 'investigate',
    label: 'Investigate',
    render: () => (
      <>
        <InvestigationPanel />
        <EvidencePanel />
        <RootCausePanel />
      </>
    ),
  },
  { id: 'communicate', label: 'Communicate', render: () => <CommunicationsPanel /> },
];

/** `extra`: the screen's own last tab (its id is always "facilitate", so the shortcut keys find it). */
export function ActionTabs({ extra }: { extra: { label: string; render(): ReactNode } }) {
  const active = useAppStore((s) => s.panels.actionTab);
  const setTab = useAppStore((s) => s.setActionTab);
  const tabs: Tab[] = [...TEAM_TABS, { id: 'facilitate', ...extra }];
  const current = tabs.find((t) => t.id === active) ?? tabs[0]!;
  return (
    <div className="action-tabs">
      <div role="tablist" aria-label="Actions" className="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`tabpanel-${t.id}`}
            className={`tab ${t.id === current.id ? 'is-active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="tabpanel">
        {current.render()}
      </div>
    </div>
  );
}
