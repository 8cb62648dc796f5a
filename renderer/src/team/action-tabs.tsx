/**
 * The action panels, grouped in tabs so they fit at 1280×720: Respond, Investigate, Communicate,
 * and one tab the screen adds (Facilitate on the console, Hints on the solo screen). A
 * participant's screen shows only the panels of the actions their role takes.
 */
import type { KeyboardEvent, ReactNode } from 'react';
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
import { owed, owedText, owedTone } from './owed.ts';
import { useTeam, useTeamActs, type TeamActs } from './team-context.tsx';
import { shallowEqual } from '../session/use-run.ts';
import type { TeamActionType } from '../../../shared/contract/live.ts';
import { useWords } from '../i18n/words.tsx';
import { type Words } from '../../../shared/i18n/words.ts';

interface Tab {
  id: ActionTab;
  label: string;
  render(): ReactNode;
}

type TabKey = 'tab.respond' | 'tab.investigate' | 'tab.communicate';

/** Each panel, with the action it is for: a participant's screen leaves out what their role does not do. */
const TEAM_TABS: Array<{ id: ActionTab; label: TabKey; panels: Array<{ needs: TeamActionType; render(): ReactNode }> }> = [
  {
    id: 'respond',
    label: 'tab.respond',
    panels: [
      { needs: 'ACKNOWLEDGE', render: () => <DeclarePanel key="declare" /> },
      { needs: 'TRIAGE', render: () => <TriagePanel key="triage" /> },
      { needs: 'CONTAIN', render: () => <ContainmentPanel key="contain" /> },
      { needs: 'ASSIGN_ROLE', render: () => <RolesPanel key="roles" /> },
      { needs: 'RESOLVE', render: () => <ResolvePanel key="resolve" /> },
    ],
  },
  {
    id: 'investigate',
    label: 'tab.investigate',
    panels: [
      { needs: 'INVESTIGATE', render: () => <InvestigationPanel key="investigate" /> },
      { needs: 'PRESERVE_EVIDENCE', render: () => <EvidencePanel key="evidence" /> },
      { needs: 'DECLARE_ROOT_CAUSE', render: () => <RootCausePanel key="root-cause" /> },
    ],
  },
  { id: 'communicate', label: 'tab.communicate', panels: [{ needs: 'COMMUNICATE', render: () => <CommunicationsPanel key="communicate" /> }] },
];

/** Notices owed, on the Communicate tab, so an overdue update is seen from any tab. */
function OwedBadge() {
  const w = useWords();
  const o = useTeam((t) => owed(t), shallowEqual);
  const tone = owedTone(o);
  if (tone === null) return null;
  // The colour follows the state (anything overdue), never the wording.
  return <span className={`badge badge-${tone}`}>{owedText(o, w)}</span>;
}

function teamTabs(allowed: TeamActs['allowed'], w: Words): Tab[] {
  return TEAM_TABS.flatMap((t) => {
    const panels = t.panels.filter((p) => allowed === 'all' || allowed.includes(p.needs));
    return panels.length === 0 ? [] : [{ id: t.id, label: w.t(t.label), render: () => <>{panels.map((p) => p.render())}</> }];
  });
}

/** `extra`: the screen's own last tab, if any (its id is always "facilitate", so the shortcut keys find it). */
export function ActionTabs({ extra }: { extra?: { label: string; render(): ReactNode } }) {
  const w = useWords();
  const active = useAppStore((s) => s.panels.actionTab);
  const setTab = useAppStore((s) => s.setActionTab);
  const { allowed } = useTeamActs();
  const tabs: Tab[] = [...teamTabs(allowed, w), ...(extra ? [{ id: 'facilitate' as const, ...extra }] : [])];
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (!current) return <p className="muted">{w.t('tab.noActions')}</p>;
  // The ARIA tabs pattern: one tab in the Tab order (the selected one); arrows, Home and End move
  // between tabs and select them.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === current.id);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="action-tabs">
      <div role="tablist" aria-label={w.t('tab.actions')} className="tablist" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            className={`tab ${t.id === current.id ? 'is-active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'communicate' && <OwedBadge />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="tabpanel" tabIndex={0}>
        {current.render()}
      </div>
    </div>
  );
}
