/**
 * The action panels, grouped in tabs so they fit at 1280×720: Respond, Investigate, Communicate,
 * and Facilitate (facilitator console) or Hints (solo).
 */
import type { ReactNode } from 'react';
import { useOpenSession } from '../session/use-run.ts';
import { SoloHints } from '../solo/hint-button.tsx';
import { useAppStore } from '../store/app-store.ts';
import type { ActionTab } from '../store/panels-slice.ts';
import { AdhocInjectForm } from './facilitator/adhoc-inject-form.tsx';
import { HintsControl } from './facilitator/hints-control.tsx';
import { NoteForm } from './facilitator/note-form.tsx';
import { RoomControls } from './facilitator/room-controls.tsx';
import { CommunicationsPanel } from './panels/communications-panel.tsx';
import { ContainmentPanel } from './panels/containment-panel.tsx';
import { DeclarePanel } from './panels/declare-panel.tsx';
import { EvidencePanel } from './panels/evidence-panel.tsx';
import { InvestigationPanel } from './panels/investigation-panel.tsx';
import { ResolvePanel } from './panels/resolve-panel.tsx';
import { RolesPanel } from './panels/roles-panel.tsx';
import { RootCausePanel } from './panels/root-cause-panel.tsx';
import { TriagePanel } from './panels/triage-panel.tsx';

function tabsFor(facilitated: boolean): Array<{ id: ActionTab; label: string; render(): ReactNode }> {
  return [
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
    facilitated
      ? {
          id: 'facilitate',
          label: 'Facilitate',
          render: () => (
            <>
              <AdhocInjectForm />
              <NoteForm />
              <HintsControl />
              <RoomControls />
            </>
          ),
        }
      : { id: 'facilitate', label: 'Hints', render: () => <SoloHints /> },
  ];
}

export function ActionTabs() {
  const session = useOpenSession();
  const active = useAppStore((s) => s.panels.actionTab);
  const setTab = useAppStore((s) => s.setActionTab);
  const tabs = tabsFor(session.mode === 'facilitated');
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
