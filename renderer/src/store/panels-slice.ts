/** Layout state: which panels are collapsed, which tab is open, the shortcuts overlay. */
import type { SliceCreator } from './slice.ts';

export type ActionTab = 'respond' | 'investigate' | 'communicate' | 'facilitate';

export interface PanelsState {
  shortcutsOpen: boolean;
  collapsed: Record<string, boolean>;
  actionTab: ActionTab;
}

export interface PanelsSlice {
  panels: PanelsState;
  setShortcutsOpen(open: boolean): void;
  togglePanel(id: string): void;
  setActionTab(tab: ActionTab): void;
}

export const initialPanels = (): PanelsState => ({ shortcutsOpen: false, collapsed: {}, actionTab: 'respond' });

export const createPanelsSlice: SliceCreator<PanelsSlice> = (set) => ({
  panels: initialPanels(),
  setShortcutsOpen: (open) =>
    set((s) => {
      s.panels.shortcutsOpen = open;
    }),
  togglePanel: (id) =>
    set((s) => {
      s.panels.collapsed[id] = !s.panels.collapsed[id];
    }),
  setActionTab: (tab) =>
    set((s) => {
      s.panels.actionTab = tab;
    }),
});
