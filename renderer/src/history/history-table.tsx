/**
 * The exercises table: sortable headers, a checkbox per row, and the row actions (debrief for a
 * finished run, resume for a running one, delete).
 *
 * Virtualized (@tanstack/react-virtual): only the rows in view (and a few either side) are in the
 * DOM, between two spacer rows that keep the scroll height, so 50,000 exercises cost what 30 do.
 * Rows have one fixed height and the columns fixed widths (table-layout: fixed, <colgroup>), so
 * nothing is measured: no row's content can change the layout of the rows around it.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PublishItem } from '../../../shared/contract/api.ts';
import { PublishTag } from '../programme/publish-tag.tsx';
import type { HistoryRow, SortKey } from '../../../shared/history/metrics.ts';
import { Link } from '../routing/link.tsx';
import { exerciseRoute } from '../routing/routes.ts';
import { DASH, formatDate, formatSpan } from './format.ts';
import type { TargetVerdict } from '../../../shared/scoring/verdict.ts';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';
import type { MessageKey, Words } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';

interface Column {
  key: SortKey | null;
  label: MessageKey;
  /** Fixed width in px (table-layout: fixed); the scenario column takes what is left. */
  /** px at the 14 px base font; in rem, so the column grows with the text at 1920 px and up. */
  width?: number;
  /** Longer name for screen readers and the sort button's title. */
  title?: MessageKey;
  num?: boolean;
}

// Widths leave the scenario column at least ~170 px at 1280 px wide (it was squeezed to a few
// characters once every other column had grown for French).
const COLUMNS: ReadonlyArray<Column> = [
  { key: 'date', label: 'history.col.date', width: 108 },
  { key: 'team', label: 'history.col.team', width: 116 },
  { key: 'scenarioTitle', label: 'history.col.scenario' },
  { key: 'mode', label: 'history.col.mode', width: 92 },
  { key: null, label: 'history.col.status', width: 92 },
  { key: 'duration', label: 'history.col.duration', title: 'history.col.durationTitle', num: true, width: 80 },
  { key: 'mttd', label: 'history.col.mttd', title: 'history.col.mttdTitle', num: true, width: 80 },
  // Wide enough for "not contained" in bold (a missed MTTC) at every size (#20: it read "not contai…").
  { key: 'mttc', label: 'history.col.mttc', title: 'history.col.mttcTitle', num: true, width: 132 },
  { key: 'timeToNotify', label: 'history.col.notify', title: 'history.col.notifyTitle', num: true, width: 80 },
  { key: 'overall', label: 'history.col.score', title: 'history.col.scoreTitle', num: true, width: 56 },
];

/** Every row's height in px (history.css sets the same on `.exercises-table tbody tr`). */
export const HISTORY_ROW_HEIGHT = 38;
const SELECT_WIDTH = 32;
// Wide enough for the French row actions (« Débriefing », « Supprimer »).
const ACTIONS_WIDTH = 184;

export interface HistoryTableProps {
  rows: ReadonlyArray<HistoryRow>;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort(key: SortKey): void;
  selected: ReadonlySet<string>;
  onSelect(ids: ReadonlyArray<string>, on: boolean): void;
  onDelete(row: HistoryRow): void;
  /** #22: each exercise's publish state (published, queued, refused), when asked to publish. */
  publish?: ReadonlyMap<string, PublishItem>;
}

function Timing(props: { ms: number | null; verdict: TargetVerdict | null; what: string; censored?: number | null }) {
  const w = useWords();
  const status = props.verdict?.status ?? null;
  if (props.ms === null && (status === null || status === 'not_applicable')) return <span className="muted">{DASH}</span>;
  const cls = status === 'met' ? 'is-met' : status === 'missed' ? 'is-missed' : '';
  const title =
    props.ms === null && props.censored != null
      ? w.t('history.timing.censored', { what: props.what, span: formatSpan(props.censored, w) })
      : status === null
        ? undefined
        : w.t('history.timing.verdict', { what: props.what, status: verdictStatusLabel(status, w) });
  return (
    <span className={`timing ${cls}`} title={title}>
      {props.ms !== null
        ? formatSpan(props.ms, w)
        : props.censored != null
          ? w.t('history.timing.notContained')
          : status === 'open'
            ? w.t('history.timing.notYetDue')
            : w.t('history.timing.never')}
    </span>
  );
}

export function rowLabel(r: { scenarioTitle: string; team: string; date?: string; createdAt?: string }, w: Words): string {
  return w.t('history.rowLabel', { scenario: r.scenarioTitle, team: r.team, date: formatDate(r.date ?? r.createdAt ?? '', w) });
}

export function HistoryTable(props: HistoryTableProps) {
  const w = useWords();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, selected } = props;
  // Counted once per change of rows or selection, not on every scroll (each one re-renders the
  // table), and not at all while nothing is selected.
  const picked = useMemo(() => (selected.size === 0 ? 0 : rows.reduce((n, r) => (selected.has(r.id) ? n + 1 : n), 0)), [rows, selected]);
  const allOn = rows.length > 0 && picked === rows.length;
  const someOn = picked > 0 && !allOn;
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
      aria-label={w.t('history.scrollable')}
    >
      <table className="history-table exercises-table" aria-label={w.t('history.exercises')} aria-rowcount={props.rows.length + 1}>
        <colgroup>
          <col style={{ width: `${SELECT_WIDTH / 14}rem` }} />
          {COLUMNS.map((c) => (
            <col key={c.label} style={c.width ? { width: `${c.width / 14}rem` } : undefined} />
          ))}
          <col style={{ width: `${ACTIONS_WIDTH / 14}rem` }} />
        </colgroup>
        <thead>
          <tr>
            <th className="select-cell">
              <input
                type="checkbox"
                aria-label={w.t('history.selectAll')}
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
                  title={c.title ? w.t(c.title) : undefined}
                >
                  {c.key === null ? (
                    w.t(c.label)
                  ) : (
                    <button type="button" className={`sort-button ${active ? 'is-sorted' : ''}`} onClick={() => props.onSort(c.key!)}>
                      {w.t(c.label)}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (props.sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
            <th scope="col" className="actions-cell">
              <span className="visually-hidden">{w.t('history.col.actions')}</span>
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
            const label = rowLabel(r, w);
            return (
              <tr key={r.id} data-id={r.id} aria-rowindex={item.index + 2} className={props.selected.has(r.id) ? 'is-selected' : undefined}>
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={w.t('history.select', { label })}
                    checked={props.selected.has(r.id)}
                    onChange={(e) => props.onSelect([r.id], e.currentTarget.checked)}
                  />
                </td>
                <td className="date-cell">{formatDate(r.date, w)}</td>
                <td className="team-cell" title={r.team}>
                  {r.team}
                </td>
                <td className="scenario-cell" title={r.scenarioTitle}>
                  {r.scenarioTitle}
                </td>
                <td className="small">{r.mode === 'solo' ? w.t('history.mode.solo') : w.t('history.mode.facilitated')}</td>
                <td>
                  {props.publish?.get(r.id) && r.status === 'finished' ? (
                    <PublishTag item={props.publish.get(r.id)!} />
                  ) : (
                    <span className={`history-tag status-${r.status}`}>{w.t(`history.rowStatus.${r.status}`)}</span>
                  )}
                </td>
                <td className="num">{formatSpan(r.duration, w)}</td>
                <td className="num">
                  <Timing ms={r.mttd} verdict={r.mttdVerdict} what={w.t('history.col.mttd')} />
                </td>
                <td className="num">
                  <Timing ms={r.mttc} verdict={r.mttcVerdict} what={w.t('history.col.mttc')} censored={r.mttcCensored} />
                </td>
                <td className="num">
                  <Timing ms={r.timeToNotify} verdict={r.notifyVerdict} what={w.t('history.timing.notifyWhat')} />
                </td>
                <td className="num score-cell">{r.overall ?? <span className="muted">{DASH}</span>}</td>
                <td className="actions-cell">
                  {r.status === 'finished' && (
                    <Link to={{ name: 'debrief', exerciseId: r.id }} className="button button-small">
                      {w.t('history.debrief')}
                    </Link>
                  )}
                  {r.status === 'running' && (
                    <Link to={exerciseRoute(r.mode, r.id)} className="button button-small">
                      {w.t('history.resume')}
                    </Link>
                  )}
                  <button
                    type="button"
                    className="button button-small button-quiet danger-text"
                    aria-label={w.t('history.deleteLabel', { label })}
                    onClick={() => props.onDelete(r)}
                  >
                    {w.t('history.delete')}
                  </button>
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
