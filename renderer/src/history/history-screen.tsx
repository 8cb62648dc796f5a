/**
 * Exercise history (`#/history`): every exercise kept on this machine with its readiness figures,
 * filters and sort, delete with undo, archives in and out, the metrics as CSV, trends for a team,
 * the programme summary, and two runs side by side.
 *
 * Files the store could not read are listed by name above the table; they never hide the others.
 */
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { InvokeResponses } from '../../../shared/contract/api.ts';
import { filterRows, rowsToCsv, sortRows, type HistoryRow } from '../../../shared/history/metrics.ts';
import { errorMessage, isDesktop } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';
import { AsyncButton } from '../ui/async-button.tsx';
import { Link } from '../routing/link.tsx';
import { useAppStore } from '../store/app-store.ts';
import { ErrorState, Loading } from '../ui/states.tsx';
import { AggregatesPanel } from './aggregates-panel.tsx';
import { ComparePanel } from './compare-panel.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { downloadText } from './download-text.ts';
import { isoDay } from './format.ts';
import { HistoryFilters } from './history-filters.tsx';
import { HistoryTable, rowLabel } from './history-table.tsx';
import { TrendsPanel } from './trends-panel.tsx';
import { useExerciseList } from './use-exercise-list.ts';
import './history.css';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';
import { richText, useWords } from '../i18n/words.tsx';
import { PublishNotices, PublishSelected } from '../programme/history-publish.tsx';
import { PublishSettings } from '../programme/publish-settings.tsx';
import { usePublishStatus } from '../programme/use-publish-status.ts';

/**
 * #21: each scenario's framework tags, by scenario id, from the scenario library (the exercise's
 * meta does not carry them). Exercises of a scenario the library no longer lists have no tags.
 */
function useScenarioTags(): ReadonlyMap<string, string[]> {
  const api = useApi();
  const [tags, setTags] = useState<ReadonlyMap<string, string[]>>(new Map());
  useEffect(() => {
    let cancelled = false;
    api['scenarios:list']({})
      .then((entries) => {
        if (cancelled) return;
        setTags(new Map(entries.flatMap((e) => (e.ok && e.summary ? [[e.summary.id, e.summary.frameworkTags ?? []] as const] : []))));
      })
      .catch(() => undefined); // the filter is optional: without the library, History still lists everything
    return () => {
      cancelled = true;
    };
  }, [api]);
  return tags;
}

/**
 * Rows by id, built on the first lookup: History looks rows up only to compare two or to name a
 * refused publication, so opening it with 50,000 exercises builds no index.
 */
function lazyIndex(rows: ReadonlyArray<HistoryRow>): Pick<ReadonlyMap<string, HistoryRow>, 'get' | 'has'> {
  let index: Map<string, HistoryRow> | null = null;
  const built = () => {
    if (!index) {
      index = new Map();
      for (const r of rows) index.set(r.id, r);
    }
    return index;
  };
  return { get: (id) => built().get(id), has: (id) => built().has(id) };
}

type ImportResult = InvokeResponses['exercises:importArchive'] & { fileName: string };

export function HistoryScreen() {
  const { list, reload } = useExerciseList();
  const w = useWords();

  return (
    <main className="screen history-screen">
      <header className="screen-header">
        <div>
          <h1>{w.t('history.title')}</h1>
          <p className="muted">{w.t('history.tagline')}</p>
        </div>
        <nav className="header-actions">
          <ColorSchemeToggle />
          <Link to={{ name: 'library' }} className="button">
            {w.t('history.library')}
          </Link>
        </nav>
      </header>
      {list.status === 'loading' && <Loading label={w.t('ui.loading.exercises')} />}
      {list.status === 'error' && (
        <ErrorState title={w.t('history.listFailed')} message={list.message}>
          <button type="button" className="button" onClick={reload}>
            {w.t('history.tryAgain')}
          </button>
        </ErrorState>
      )}
      {list.status === 'ready' && <HistoryBody rows={list.rows} problems={list.problems} reload={reload} />}
    </main>
  );
}

function HistoryBody(props: { rows: HistoryRow[]; problems: InvokeResponses['exercises:list']['problems']; reload(): void }) {
  const api = useApi();
  const w = useWords();
  const { filter, sort, recentlyDeleted } = useAppStore((s) => s.history);
  const sortHistoryBy = useAppStore((s) => s.sortHistoryBy);
  const rememberDeleted = useAppStore((s) => s.rememberDeleted);
  const forgetDeleted = useAppStore((s) => s.forgetDeleted);
  const pushToast = useAppStore((s) => s.pushToast);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pendingDelete, setPendingDelete] = useState<HistoryRow | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [lastDeleted, setLastDeleted] = useState<{ id: string; label: string } | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [compare, setCompare] = useState<[string, string] | null>(null);
  const publishing = usePublishStatus();

  const allRows = props.rows;
  // One pass over the rows for the filters' choices, with no array or tuple per row (50,000 rows).
  const byId = useMemo(() => lazyIndex(allRows), [allRows]);
  const { teams, scenarios } = useMemo(() => {
    const teamSet = new Set<string>();
    const titles = new Map<string, string>();
    for (const r of allRows) {
      teamSet.add(r.team);
      titles.set(r.scenarioId, r.scenarioTitle);
    }
    return {
      teams: [...teamSet].sort((a, b) => a.localeCompare(b)),
      scenarios: [...titles].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
    };
  }, [allRows]);
  const scenarioTags = useScenarioTags();
  const tags = useMemo(
    () => [...new Set(scenarios.flatMap((s) => scenarioTags.get(s.id) ?? []))].sort((a, b) => a.localeCompare(b)),
    [scenarios, scenarioTags],
  );
  // The library's tags arrive after the rows: they re-filter (and re-sort, re-aggregate) the rows
  // only when a tag filter is set, not on every opening.
  const tagsForFilter = filter.tag ? scenarioTags : null;
  const rows = useMemo(
    () =>
      sortRows(
        filterRows(allRows, {
          team: filter.team || undefined,
          scenarioId: filter.scenarioId || undefined,
          from: filter.from || undefined,
          to: filter.to || undefined,
          search: filter.search || undefined,
        }).filter((r) => !tagsForFilter || (tagsForFilter.get(r.scenarioId) ?? []).includes(filter.tag)),
        sort.key,
        sort.dir,
      ),
    [allRows, filter, sort, tagsForFilter],
  );
  const filtered = rows.length !== allRows.length;

  /** Actions apply to the selected rows that are shown. */
  // Nothing selected (the usual case) costs nothing: no pass over 50,000 rows on every render.
  const chosen = useMemo(() => (selected.size === 0 ? [] : rows.filter((r) => selected.has(r.id))), [rows, selected]);
  const comparable = chosen.length === 2 && chosen[0]!.scenarioId === chosen[1]!.scenarioId;
  const compareWhy = chosen.length !== 2 ? w.t('history.compareWhy.pick') : comparable ? w.t('history.compareWhy.ok') : w.t('history.compareWhy.different');
  const comparing = compare && byId.has(compare[0]) && byId.has(compare[1]) ? ([byId.get(compare[0])!, byId.get(compare[1])!] as const) : null;

  const select = (ids: ReadonlyArray<string>, on: boolean) =>
    setSelected((cur) => {
      const next = new Set(cur);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  async function confirmDelete() {
    if (!pendingDelete) return;
    const meta = pendingDelete;
    const label = rowLabel(meta, w);
    setDeleting(true);
    try {
      await api['exercises:delete']({ exerciseId: meta.id });
      rememberDeleted({ id: meta.id, label });
      setLastDeleted({ id: meta.id, label });
      select([meta.id], false);
      props.reload();
    } catch (e) {
      pushToast('error', w.t('history.deleteFailed', { label, error: errorMessage(e) }));
    } finally {
      setDeleting(false);
      setPendingDelete(null);
    }
  }

  async function restore(item: { id: string; label: string }) {
    setRestoring(item.id);
    try {
      await api['exercises:restore']({ exerciseId: item.id });
      forgetDeleted(item.id);
      setLastDeleted((cur) => (cur?.id === item.id ? null : cur));
      pushToast('info', w.t('history.restored', { label: item.label }));
      props.reload();
    } catch (e) {
      pushToast('error', w.t('history.restoreFailed', { label: item.label, error: errorMessage(e) }));
    } finally {
      setRestoring(null);
    }
  }

  async function exportArchive() {
    const ids = chosen.map((r) => r.id);
    if (ids.length === 0) return;
    setBusy('export');
    try {
      const res = await api['exercises:exportArchive']({ exerciseIds: ids });
      if (res.savedTo !== null) pushToast('info', w.t('history.archiveSaved', { n: ids.length, path: res.savedTo }));
      else if (isDesktop()) pushToast('info', w.t('history.exportCancelled'));
      else {
        downloadText(res.text, res.fileName, 'application/json');
        pushToast('info', w.t('history.archiveDownloaded', { file: res.fileName, n: ids.length }));
      }
    } catch (e) {
      pushToast('error', w.t('history.archiveFailed', { error: errorMessage(e) }));
    } finally {
      setBusy(null);
    }
  }

  async function importArchive(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy('import');
    setImported(null);
    try {
      const res = await api['exercises:importArchive']({ text: await file.text() });
      setImported({ ...res, fileName: file.name });
      props.reload();
    } catch (err) {
      pushToast('error', w.t('history.importFailed', { file: file.name, error: errorMessage(err) }));
    } finally {
      setBusy(null);
      input.value = '';
    }
  }

  function exportCsv() {
    const fileName = `firebreak-metrics-${isoDay(new Date())}.csv`;
    downloadText(rowsToCsv(rows), fileName, 'text/csv');
    pushToast('info', w.t('history.csvDownloaded', { file: fileName, n: rows.length }));
  }

  return (
    <>
      {props.problems.length > 0 && (
        <section className="history-problems" role="alert" aria-labelledby="history-problems-heading">
          <h2 id="history-problems-heading">{w.t('history.problems', { n: props.problems.length })}</h2>
          <p className="small">{w.t('history.problemsNote')}</p>
          <ul>
            {props.problems.map((p) => (
              <li key={`${p.file}\n${p.message}`}>
                <code>{p.file}</code> — {p.message}
              </li>
            ))}
          </ul>
          <RemoveEmptyFolders ids={props.problems.flatMap((p) => (p.emptyExerciseId ? [p.emptyExerciseId] : []))} reload={props.reload} />
        </section>
      )}

      {lastDeleted && (
        <div className="notice history-undo" role="status">
          <span>{richText(w, 'history.trashed', { label: <strong>{lastDeleted.label}</strong> })}</span>
          <button type="button" className="button button-small" onClick={() => void restore(lastDeleted)} disabled={restoring !== null}>
            {w.t('history.undo')}
          </button>
          <button type="button" className="toast-close" aria-label={w.t('ui.dismiss')} onClick={() => setLastDeleted(null)}>
            ×
          </button>
        </div>
      )}

      {imported && <ImportNotice result={imported} onDismiss={() => setImported(null)} />}

      <PublishSettings onSaved={() => void publishing.reload()} />

      <section className="card history-section history-exercises" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading" className="visually-hidden">
          {w.t('history.exercises')}
        </h2>
        <HistoryFilters teams={teams} scenarios={scenarios} tags={tags} />
        <div className="history-toolbar">
          <span className="small muted" role="status" data-testid="row-count">
            {filtered ? w.t('history.countFiltered', { shown: rows.length, n: allRows.length }) : w.t('history.count', { n: allRows.length })}
            {chosen.length > 0 && w.t('history.selected', { n: chosen.length })}
          </span>
          <div className="history-toolbar-actions">
            <button type="button" className="button" disabled={!comparable} title={compareWhy} onClick={() => setCompare([chosen[0]!.id, chosen[1]!.id])}>
              {w.t('history.compare')}
            </button>
            <button
              type="button"
              className="button"
              disabled={chosen.length === 0 || busy !== null}
              aria-busy={busy === 'export'}
              onClick={() => void exportArchive()}
            >
              {busy === 'export'
                ? w.t('history.exporting')
                : chosen.length > 0
                  ? w.t('history.exportArchiveN', { n: chosen.length })
                  : w.t('history.exportArchive')}
            </button>
            <label className={`button file-button ${busy !== null ? 'is-disabled' : ''}`}>
              {busy === 'import' ? w.t('history.importing') : w.t('history.importArchive')}
              <input
                type="file"
                accept=".json,application/json"
                onChange={(e) => void importArchive(e)}
                disabled={busy !== null}
                aria-label={w.t('history.importArchiveFile')}
              />
            </label>
            <button type="button" className="button" disabled={rows.length === 0} onClick={exportCsv}>
              {w.t('history.exportCsv')}
            </button>
            <PublishSelected chosen={chosen} publishing={publishing} />
          </div>
        </div>
        <PublishNotices publishing={publishing} metas={byId} />
        {allRows.length === 0 ? (
          <p className="muted history-empty">{richText(w, 'history.empty', { link: <Link to={{ name: 'library' }}>{w.t('history.emptyLink')}</Link> })}</p>
        ) : rows.length === 0 ? (
          <p className="muted history-empty">{w.t('history.noMatch')}</p>
        ) : (
          <HistoryTable
            rows={rows}
            sort={sort}
            onSort={sortHistoryBy}
            selected={selected}
            onSelect={select}
            onDelete={setPendingDelete}
            publish={publishing.byId}
          />
        )}
        {recentlyDeleted.length > 0 && (
          <div className="recently-deleted" aria-labelledby="recently-deleted-heading">
            <h3 id="recently-deleted-heading">{w.t('history.recentlyDeleted')}</h3>
            <p className="small muted">{w.t('history.recentlyDeletedNote')}</p>
            <ul>
              {recentlyDeleted.map((d) => (
                <li key={d.id}>
                  <span>{d.label}</span>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={w.t('history.restoreLabel', { label: d.label })}
                    onClick={() => void restore(d)}
                    disabled={restoring !== null}
                  >
                    {restoring === d.id ? w.t('history.restoring') : w.t('history.restore')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {comparing && <ComparePanel a={comparing[0]} b={comparing[1]} onClose={() => setCompare(null)} />}

      <div className="history-lower">
        <TrendsPanel rows={allRows} />
        <AggregatesPanel rows={rows} filtered={filtered} />
      </div>

      {pendingDelete && (
        <ConfirmDialog
          title={w.t('history.deleteTitle')}
          confirmLabel={deleting ? w.t('history.deleting') : w.t('history.delete')}
          danger
          busy={deleting}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        >
          <p>
            {richText(w, 'history.deleteBody', { label: <strong>{rowLabel(pendingDelete, w)}</strong>, status: w.t(`history.status.${pendingDelete.status}`) })}
          </p>
          <p className="small muted">{w.t('history.deleteUndo')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function ImportNotice(props: { result: ImportResult; onDismiss(): void }) {
  const r = props.result;
  const w = useWords();
  return (
    <div className={`notice history-import ${r.problems.length ? 'notice-warning' : ''}`} role="status" data-testid="import-result">
      <div>
        {richText(w, 'history.imported', { imported: <strong>{w.t('history.importedCount', { n: r.imported.length })}</strong>, file: r.fileName })}
        {r.skipped.length > 0 && w.t('history.importSkipped', { n: r.skipped.length })}
        {r.problems.length > 0 && w.t('history.importProblems', { n: r.problems.length })}
        {r.problems.length > 0 && (
          <ul>
            {r.problems.map((p) => (
              <li key={`${p.file}\n${p.message}`}>
                <code>{p.file}</code> — {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="toast-close" aria-label={w.t('ui.dismiss')} onClick={props.onDismiss}>
        ×
      </button>
    </div>
  );
}

/** Offers to remove the empty folders failed creations left behind (listed once, never removed unasked). */
function RemoveEmptyFolders(props: { ids: string[]; reload(): void }) {
  const api = useApi();
  const w = useWords();
  if (props.ids.length === 0) return null;
  return (
    <AsyncButton
      label={w.t('history.removeEmpty', { n: props.ids.length })}
      busyLabel={w.t('history.removing')}
      run={() => api['exercises:removeEmpty']({ exerciseIds: props.ids })}
      onDone={props.reload}
    />
  );
}
