/**
 * History screen state that must outlive a visit to a debrief: filters, sort, the trends
 * selection, and the exercises deleted this session (so "Undo" stays available until the app
 * closes).
 */
import type { SortKey } from '../../../shared/history/metrics.ts';
import type { SliceCreator } from './slice.ts';

export interface HistoryFilterState {
  team: string;
  scenarioId: string;
  /** Inclusive YYYY-MM-DD, or ''. */
  from: string;
  to: string;
  search: string;
  /** #21: a framework tag label ("OWASP LLM01:2025"), or ''. */
  tag: string;
}

export interface DeletedExercise {
  id: string;
  /** "Silent bias drift — Blue team, 5 Jan 2026". */
  label: string;
}

export interface HistoryState {
  filter: HistoryFilterState;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  /** Newest first. */
  recentlyDeleted: DeletedExercise[];
  /** null: the default (the team with most runs / every scenario). */
  trendTeam: string | null;
  trendScenarioId: string | null;
  trendView: 'runs' | 'quarters';
}

export interface HistorySlice {
  history: HistoryState;
  setHistoryFilter(patch: Partial<HistoryFilterState>): void;
  clearHistoryFilter(): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortHistoryBy(key: SortKey): void;
  rememberDeleted(item: DeletedExercise): void;
  forgetDeleted(id: string): void;
  setTrend(patch: Partial<Pick<HistoryState, 'trendTeam' | 'trendScenarioId' | 'trendView'>>): void;
}

export const EMPTY_HISTORY_FILTER: HistoryFilterState = { team: '', scenarioId: '', from: '', to: '', search: '', tag: '' };

/** Text columns start A→Z; dates and figures start with the largest (newest, slowest, best). */
const FIRST_DIR: Record<SortKey, 'asc' | 'desc'> = {
  date: 'desc',
  team: 'asc',
  scenarioTitle: 'asc',
  mode: 'asc',
  duration: 'desc',
  mttd: 'asc',
  mttc: 'asc',
  timeToNotify: 'asc',
  overall: 'desc',
};

export const initialHistory = (): HistoryState => ({
  filter: { ...EMPTY_HISTORY_FILTER },
  sort: { key: 'date', dir: 'desc' },
  recentlyDeleted: [],
  trendTeam: null,
  trendScenarioId: null,
  trendView: 'runs',
});

export const createHistorySlice: SliceCreator<HistorySlice> = (set) => ({
  history: initialHistory(),
  setHistoryFilter: (patch) =>
    set((s) => {
      Object.assign(s.history.filter, patch);
    }),
  clearHistoryFilter: () =>
    set((s) => {
      s.history.filter = { ...EMPTY_HISTORY_FILTER };
    }),
  sortHistoryBy: (key) =>
    set((s) => {
      const cur = s.history.sort;
      s.history.sort = cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: FIRST_DIR[key] };
    }),
  rememberDeleted: (item) =>
    set((s) => {
      s.history.recentlyDeleted = [item, ...s.history.recentlyDeleted.filter((x) => x.id !== item.id)];
    }),
  forgetDeleted: (id) =>
    set((s) => {
      s.history.recentlyDeleted = s.history.recentlyDeleted.filter((x) => x.id !== id);
    }),
  setTrend: (patch) =>
    set((s) => {
      Object.assign(s.history, patch);
    }),
});
