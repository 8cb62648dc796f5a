/**
 * The exercises table: sortable headers, a checkbox per row, and the row actions (debrief for a
 * finished run, resume for a running one, delete).
 *
 * Virtualized (@tanstack/react-virtual): only the rows in view (and a few either side) are in the
 * DOM, between two spacer rows that keep the scroll height, so 50,000 exercises cost what 30 do.
 * Rows have one fixed height and the columns fixed widths (table-layout: fixed, <colgroup>), so
 * nothing is measured: no row's content can change the layout of the rows around it.
 */
import { useCallback, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import type { HistoryRow, SortKey } from '../../../shared/history/metrics.ts';
import { Link } from '../routing/link.tsx';
import { exerciseRoute } from '../routing/routes.ts';
import { DASH, formatDate, formatSpan } from './format.ts';
import type { TargetVerdict } from '../../../shared/scoring/verdict.ts';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';

interface Column {
  key: SortKey | null;
  label: string;
  /** Fixed width in px (table-layout: fixed); the scenario column takes what is left. */
  width?: number;
  /** Longer name for screen readers and the sort button's title. */
  title?: string;
  num?: boolean;
}

const COLUMNS: ReadonlyArray<Column> = [
  { key: 'date', label: 'Date', width: 150 },
  { key: 'team', label: 'Team', width: 130 },
  { key: 'scenarioTitle', label: 'Scenario' },
  { key: 'mode', label: 'Mode', width: 96 },
  { key: null, label: 'Status', width: 100 },
  { key: 'duration', label: 'Duration', title: 'Sim time covered', num: true, width: 84 },
  { key: 'mttd', label: 'MTTD', title: 'Time to detect', num: true, width: 76 },
  { key: 'mttc', label: 'MTTC', title: 'Time to contain', num: true, width: 124 },
  { key: 'timeToNotify', label: 'Notify', title: 'Time to notify', num: true, width: 76 },
  { key: 'overall', label: 'Score', title: 'Overall score', num: true, width: 64 },
];

/** Every row's height in px (history.css sets the same on `.exercises-table tbody tr`). */
export const HISTORY_ROW_HEIGHT = 38;
const SELECT_WIDTH = 32;
const ACTIONS_WIDTH = 176;

export interface HistoryTableProps {
  rows: ReadonlyArray<HistoryRow>;
  metas: ReadonlyMap<string, ExerciseMeta>;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort(key: SortKey): void;
  selected: ReadonlySet<string>;
  onSelect(ids: ReadonlyArray<string>, on: boolean): void;
  onDelete(meta: ExerciseMeta): void;
}

function Timing(props: { ms: number | null; verdict: TargetVerdict | null; what: string; censored?: number | null }) {
  const status = props.verdict?.status ?? null;
  if (props.ms === null && (status === null || status === 'not_applicable')) return <span className="muted">{DASH}</span>;
  const cls = status === 'met' ? 'is-met' : status === 'missed' ? 'is-missed' : '';
  const title =
    props.ms === null && props.censored != null
      ? `${props.what}: never contained; counted as more than ${formatSpan(props.censored)} (censored at the horizon) in means and targets`
      : status === null
        ? undefined
        : `${props.what}: target ${verdictStatusLabel(status)}`;
  return (
    <span className={`timing ${cls}`} title={title}>
      {props.ms !== null ? formatSpan(props.ms) : props.censored != null ? 'not contained' : status === 'open' ? 'not yet due' : 'never'}
    </span>
  );
}

const STATUS_LABEL: Record<HistoryRow['status'], string> = { running: 'Running', finished: 'Finished', abandoned: 'Abandoned' };

export function rowLabel(r: { scenarioTitle: string; team: string; date?: string; createdAt?: string }): string {
  return `${r.scenarioTitle} — ${r.team}, ${formatDate(r.date ?? r.createdAt ?? '')}`;
}

export function HistoryTable(props: HistoryTableProps) {
  const allOn = props.rows.length > 0 && props.rows.every((r) => props.selected.has(r.id));
  const someOn = !allOn && props.rows.some((r) => props.selected.has(r.id));
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows } = props;
  // Stable unless the rows change: the virtualizer recomputes every row's position when it does.
  const getItemKey = useCallback((i: number) => rows[i]!.id, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HISTORY_ROW_HEIGHT,
    getItemKey,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    // A wide table scrolls inside its own box (never the page), by keyboard too; only the rows in
    // view are rendered.
    <div
      ref={scrollRef}
      className="table-scroll exercises-scroll"
      data-virtual-scroll=""
      data-scrolls-sideways=""
      tabIndex={0}
      role="region"
      aria-label="Exercises, scrollable"
    >
      <table className="history-table exercises-table" aria-label="Exercises" aria-rowcount={props.rows.length + 1}>
        <colgroup>
          <col style={{ width: SELECT_WIDTH }} />
          {COLUMNS.map((c) => (
            <col key={c.label} style={c.width ? { width: c.width } : undefined} />
          ))}
          <col style={{ width: ACTIONS_WIDTH }} />
        </colgroup>
        <thead>
          <tr>
            <th className="select-cell">
              <input
                type="checkbox"
                aria-label="Select all shown exercises"
                checked={allOn}
                ref={(el) => {
                  if (el) el.indeterminate = someOn && !allOn;
                }}
                onChange={(e) =>
                  props.onSelect(
                    props.rows.map((r) => r.id),
                    e.currentTarget.checked,
                  )
                }
              />
            </th>
            {COLUMNS.map((c) => {
              const active = c.key !== null && props.sort.key === c.key;
              return (
                <th
                  key={c.label}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  title={c.title}
                >
                  {c.key === null ? (
                    c.label
                  ) : (
                    <button type="button" className={`sort-button ${active ? 'is-sorted' : ''}`} onClick={() => props.onSort(c.key!)}>
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (props.sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
            <th scope="col" className="actions-cell">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length + 2} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const r = props.rows[item.index]!;
            const meta = props.metas.get(r.id);
            const label = rowLabel(r);
            return (
              <tr key={r.id} data-id={r.id} aria-rowindex={item.index + 2} className={props.selected.has(r.id) ? 'is-selected' : undefined}>
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${label}`}
                    checked={props.selected.has(r.id)}
                    onChange={(e) => props.onSelect([r.id], e.currentTarget.checked)}
                  />
                </td>
                <td className="date-cell">{formatDate(r.date)}</td>
                <td className="team-cell" title={r.team}>
                  {r.team}
                </td>
                <td className="scenario-cell" title={r.scenarioTitle}>
                  {r.scenarioTitle}
                </td>
                <td className="small">{r.mode === 'solo' ? 'Solo' : 'Facilitated'}</td>
                <td>
                  <span className={`history-tag status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                </td>
                <td className="num">{formatSpan(r.duration)}</td>
                <td className="num">
                  <Timing ms={r.mttd} verdict={r.mttdVerdict} what="MTTD" />
                </td>
                <td className="num">
                  <Timing ms={r.mttc} verdict={r.mttcVerdict} what="MTTC" censored={r.mttcCensored} />
                </td>
                <td className="num">
                  <Timing ms={r.timeToNotify} verdict={r.notifyVerdict} what="Time to notify the first external audience; notification deadlines" />
                </td>
                <td className="num score-cell">{r.overall ?? <span className="muted">{DASH}</span>}</td>
                <td className="actions-cell">
                  {r.status === 'finished' && (
                    <Link to={{ name: 'debrief', exerciseId: r.id }} className="button button-small">
                      Debrief
                    </Link>
                  )}
                  {r.status === 'running' && meta && (
                    <Link to={exerciseRoute(meta.mode, r.id)} className="button button-small">
                      Resume
                    </Link>
                  )}
                  {meta && (
                    <button
                      type="button"
                      className="button button-small button-quiet danger-text"
                      aria-label={`Delete ${label}`}
                      onClick={() => props.onDelete(meta)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length + 2} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
