/** Filters for the exercises table: search, team, scenario, framework tag and a date range (UTC dates). */
import { useWords } from '../i18n/words.tsx';
import { DateField } from '../ui/date-field.tsx';
import { useAppStore } from '../store/app-store.ts';
import { EMPTY_HISTORY_FILTER } from '../store/history-slice.ts';

export function HistoryFilters(props: {
  teams: ReadonlyArray<string>;
  scenarios: ReadonlyArray<{ id: string; title: string }>;
  /** Framework tags of the listed exercises' scenarios (from the scenario library). */
  tags?: ReadonlyArray<string>;
}) {
  const w = useWords();
  const filter = useAppStore((s) => s.history.filter);
  const set = useAppStore((s) => s.setHistoryFilter);
  const clear = useAppStore((s) => s.clearHistoryFilter);
  const active = (Object.keys(EMPTY_HISTORY_FILTER) as (keyof typeof filter)[]).some((k) => filter[k] !== '');
  return (
    <div className="history-filters" role="search" aria-label={w.t('history.filters')}>
      <label className="field filter-search">
        <span>{w.t('history.search')}</span>
        <input
          type="search"
          placeholder={w.t('history.searchPlaceholder')}
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
          aria-label={w.t('history.searchLabel')}
        />
      </label>
      <label className="field">
        <span>{w.t('history.team')}</span>
        <select value={filter.team} onChange={(e) => set({ team: e.target.value })} aria-label={w.t('history.byTeam')}>
          <option value="">{w.t('history.allTeams')}</option>
          {props.teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{w.t('history.scenario')}</span>
        <select value={filter.scenarioId} onChange={(e) => set({ scenarioId: e.target.value })} aria-label={w.t('history.byScenario')}>
          <option value="">{w.t('history.allScenarios')}</option>
          {props.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {(props.tags?.length ?? 0) > 0 && (
        <label className="field">
          <span>{w.t('history.tag')}</span>
          <select value={filter.tag} onChange={(e) => set({ tag: e.target.value })} aria-label={w.t('history.byTag')}>
            <option value="">{w.t('history.allTags')}</option>
            {props.tags!.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="field">
        <span>{w.t('history.from')}</span>
        <DateField value={filter.from} max={filter.to || undefined} onChange={(from) => set({ from })} label={w.t('history.fromLabel')} />
      </div>
      <div className="field">
        <span>{w.t('history.to')}</span>
        <DateField value={filter.to} min={filter.from || undefined} onChange={(to) => set({ to })} label={w.t('history.toLabel')} />
      </div>
      <button type="button" className="button filter-clear" onClick={clear} disabled={!active}>
        {w.t('history.clearFilters')}
      </button>
    </div>
  );
}
