/** Filters for the exercises table: search, team, scenario, framework tag and a date range (UTC dates). */
import { useAppStore } from '../store/app-store.ts';
import { EMPTY_HISTORY_FILTER } from '../store/history-slice.ts';

export function HistoryFilters(props: {
  teams: ReadonlyArray<string>;
  scenarios: ReadonlyArray<{ id: string; title: string }>;
  /** Framework tags of the listed exercises' scenarios (from the scenario library). */
  tags?: ReadonlyArray<string>;
}) {
  const filter = useAppStore((s) => s.history.filter);
  const set = useAppStore((s) => s.setHistoryFilter);
  const clear = useAppStore((s) => s.clearHistoryFilter);
  const active = (Object.keys(EMPTY_HISTORY_FILTER) as (keyof typeof filter)[]).some((k) => filter[k] !== '');
  return (
    <div className="history-filters" role="search" aria-label="Filter exercises">
      <label className="field filter-search">
        <span>Search</span>
        <input
          type="search"
          placeholder="Team, scenario, quarter…"
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
          aria-label="Search exercises"
        />
      </label>
      <label className="field">
        <span>Team</span>
        <select value={filter.team} onChange={(e) => set({ team: e.target.value })} aria-label="Filter by team">
          <option value="">All teams</option>
          {props.teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Scenario</span>
        <select value={filter.scenarioId} onChange={(e) => set({ scenarioId: e.target.value })} aria-label="Filter by scenario">
          <option value="">All scenarios</option>
          {props.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {(props.tags?.length ?? 0) > 0 && (
        <label className="field">
          <span>Framework tag</span>
          <select value={filter.tag} onChange={(e) => set({ tag: e.target.value })} aria-label="Filter by framework tag">
            <option value="">All tags</option>
            {props.tags!.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>From</span>
        <input type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} aria-label="From date" />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} aria-label="To date" />
      </label>
      <button type="button" className="button filter-clear" onClick={clear} disabled={!active}>
        Clear filters
      </button>
    </div>
  );
}
