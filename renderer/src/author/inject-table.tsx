/**
 * The inject list as an editable table (#21): time or trigger, channel, from, to, title, body,
 * condition, module and questions of every inject, read from the scenario's YAML as written.
 *
 * Each cell's edit is written into the YAML text in place (shared/scenario/inject-table.ts: only
 * that node changes; comments and layout stay), and the author screen then checks the text with
 * the same validator as `firebreak validate`: the problems of a row are shown under it with their
 * line and column, and the preview beside the table follows. A cell whose text cannot be written
 * (a trigger the table does not understand) keeps what was typed and says why.
 *
 * Rows are added (at the end, or below a row), deleted and moved up or down with the buttons in
 * each row's header: whole items of the YAML list are spliced, the rest of the file kept. A delete
 * that would leave a dangling reference is refused with the name of the inject that refers to it;
 * a delete can be undone until the text changes again. After each of these the focus goes where
 * the author works next (the new row's title, the moved row's button, the Add button).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../../shared/scenario/load.ts';
import {
  addInject,
  deleteInject,
  editInject,
  injectRows,
  moduleIds,
  moveInject,
  type EditResult,
  type InjectField,
  type InjectRow,
} from '../../../shared/scenario/inject-table.ts';
import { moduleOfInject } from '../../../shared/scenario/exercise-plan.ts';
import { CHANNELS, type Scenario } from '../../../shared/scenario/schema.ts';
import { channelLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';

/** How long typing in a cell pauses before the cell is written into the YAML. */
const WRITE_AFTER_MS = 250;

/** The YAML key each column writes (for marking a cell whose field has a problem). */
const FIELD_KEY: Record<InjectField, string> = {
  when: 'trigger',
  channel: 'channel',
  from: 'source',
  to: 'roles',
  title: 'title',
  body: 'body',
  condition: 'when',
  module: 'modules',
  questions: 'questions',
};

export interface InjectTableProps {
  text: string;
  /** The problems of the current text (empty while it validates or is being checked). */
  problems: ReadonlyArray<Problem>;
  /** The scenario as last validated, for each inject's module by time (null while invalid). */
  scenario: Scenario | null;
  onChange: (text: string) => void;
  onGoToProblem: (p: Problem) => void;
}

export function InjectTable({ text, problems, scenario, onChange, onGoToProblem }: InjectTableProps) {
  const w = useWords();
  const rows = useMemo(() => injectRows(text), [text]);
  const modules = useMemo(() => moduleIds(text), [text]);
  // Cells write against the latest text, not the one they were rendered with.
  const latest = useRef(text);
  latest.current = text;
  const wrap = useRef<HTMLDivElement>(null);
  // The accessible name of the control to focus once the text has been re-rendered.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const [status, setStatus] = useState<{ message: string; refused: boolean; undo?: { before: string; after: string } } | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    const named = (e: HTMLElement) => (e.getAttribute('aria-label') ?? e.textContent) === focusNext;
    const el = Array.from(wrap.current?.querySelectorAll<HTMLElement>('button, input, textarea, select') ?? []).find(named);
    // Not there yet (the new text has not come back): try again on the next render of the text.
    if (!el) return;
    el.focus();
    setFocusNext(null);
  }, [focusNext, text]);
  if (!rows) return <p className="form-problems">{w.t('authorTable.unparsed')}</p>;

  const write = (index: number, field: InjectField, value: string): EditResult => {
    const r = editInject(latest.current, index, field, value);
    if (r.ok && r.text !== latest.current) {
      latest.current = r.text;
      onChange(r.text);
    }
    return r;
  };
  const apply = (next: string) => {
    latest.current = next;
    onChange(next);
  };
  const add = (after: number | null) => {
    const r = addInject(latest.current, after, { title: w.t('authorTable.newTitle'), body: w.t('authorTable.newBody') });
    if (!r.ok) return setStatus({ message: r.message, refused: true });
    apply(r.text);
    setStatus({ message: w.t('authorTable.added', { id: r.id }), refused: false });
    setFocusNext(`${w.t('authorTable.title')} (${r.id})`);
  };
  const remove = (row: InjectRow) => {
    const before = latest.current;
    const r = deleteInject(before, row.index);
    if (!r.ok) {
      const message = r.referencedBy ? w.t('authorTable.deleteRefused', { id: row.id, by: w.list(r.referencedBy) }) : r.message;
      return setStatus({ message, refused: true });
    }
    apply(r.text);
    setStatus({ message: w.t('authorTable.deleted', { id: row.id }), refused: false, undo: { before, after: r.text } });
    setFocusNext(w.t('authorTable.undoDelete'));
  };
  const move = (row: InjectRow, direction: 'up' | 'down') => {
    const r = moveInject(latest.current, row.index, direction);
    if (!r.ok) return setStatus({ message: r.message, refused: true });
    apply(r.text);
    setStatus(null);
    const to = direction === 'up' ? row.index - 1 : row.index + 1;
    // At the top or the bottom the button it was on is disabled: the focus goes to the other one.
    const next = to === 0 ? 'down' : to === rows.length - 1 ? 'up' : direction;
    setFocusNext(w.t(next === 'up' ? 'authorTable.moveUp' : 'authorTable.moveDown', { id: row.id }));
  };
  const undo = status?.undo && status.undo.after === text ? status.undo : null;
  // Rows are keyed by id (and its occurrence), so a moved row keeps its cells' state.
  const seen = new Map<string, number>();
  const keyOf = (row: InjectRow) => {
    const n = (seen.get(row.id) ?? 0) + 1;
    seen.set(row.id, n);
    return `${row.id}#${n}`;
  };
  const byTime = (row: InjectRow): string | null => {
    const inj = scenario?.injects.find((i) => i.id === row.id);
    return scenario && inj ? moduleOfInject(scenario, inj) : null;
  };

  return (
    <div className="inject-table-wrap" ref={wrap}>
      <div className="inject-table-actions">
        <button type="button" className="button button-small" onClick={() => add(null)}>
          {w.t('authorTable.add')}
        </button>
        {status && (
          <p className={status.refused ? 'inject-cell-refused' : 'muted'} role={status.refused ? 'alert' : 'status'}>
            {status.message}{' '}
            {undo && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  apply(undo.before);
                  setStatus(null);
                }}
              >
                {w.t('authorTable.undoDelete')}
              </button>
            )}
          </p>
        )}
      </div>
      <table className="inject-table" aria-label={w.t('authorTable.label')}>
        <colgroup>
          {[8, 11, 10, 11, 9, 27, 12, 12].map((pc, i) => (
            <col key={i} style={{ width: `${pc}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{w.t('authorTable.inject')}</th>
            <th scope="col">{w.t('authorTable.when')}</th>
            <th scope="col">{w.t('authorTable.channel')}</th>
            <th scope="col">{w.t('authorTable.from')}</th>
            <th scope="col">{w.t('authorTable.to')}</th>
            <th scope="col">{w.t('authorTable.title')}</th>
            <th scope="col">{w.t('authorTable.condition')}</th>
            <th scope="col">{w.t('authorTable.module')}</th>
          </tr>
        </thead>
        {rows.map((row) => {
          const mine = problems.filter((p) => p.path === `injects.${row.index}` || p.path.startsWith(`injects.${row.index}.`));
          const bad = (field: InjectField) => mine.some((p) => p.path.startsWith(`injects.${row.index}.${FIELD_KEY[field]}`));
          const cell = (field: InjectField, label: string, input: 'line' | 'area' = 'line', hint?: string) => (
            <Cell
              key={`${row.index}-${field}`}
              value={row[field]}
              label={`${label} (${row.id})`}
              input={input}
              invalid={bad(field)}
              disabled={!row.editable}
              hint={hint}
              placeholder={input === 'area' ? (hint ? `${label}: ${hint}` : label) : undefined}
              onWrite={(v) => write(row.index, field, v)}
            />
          );
          const derived = byTime(row);
          return (
            <tbody key={keyOf(row)} className={mine.length ? 'inject-row inject-row-invalid' : 'inject-row'}>
              <tr>
                <th scope="row" rowSpan={2}>
                  <code>{row.id}</code>
                  <div className="muted">{w.t('authorTable.line', { line: row.line })}</div>
                  <div className="inject-row-tools">
                    <RowButton label={w.t('authorTable.moveUp', { id: row.id })} text="↑" disabled={row.index === 0} onClick={() => move(row, 'up')} />
                    <RowButton
                      label={w.t('authorTable.moveDown', { id: row.id })}
                      text="↓"
                      disabled={row.index === rows.length - 1}
                      onClick={() => move(row, 'down')}
                    />
                    <RowButton label={w.t('authorTable.insertBelow', { id: row.id })} text="+" onClick={() => add(row.index)} />
                    <RowButton label={w.t('authorTable.delete', { id: row.id })} text="✕" disabled={rows.length < 2} danger onClick={() => remove(row)} />
                  </div>
                </th>
                <td>{cell('when', w.t('authorTable.when'), 'line', w.t('authorTable.whenHint'))}</td>
                <td>
                  <Choice
                    label={`${w.t('authorTable.channel')} (${row.id})`}
                    value={row.channel}
                    disabled={!row.editable}
                    invalid={bad('channel')}
                    options={CHANNELS.map((c) => [c, channelLabel(c, w)] as const)}
                    onWrite={(v) => write(row.index, 'channel', v)}
                  />
                </td>
                <td>{cell('from', w.t('authorTable.from'))}</td>
                <td>{cell('to', w.t('authorTable.to'), 'line', w.t('authorTable.toHint'))}</td>
                <td>{cell('title', w.t('authorTable.title'))}</td>
                <td>{cell('condition', w.t('authorTable.condition'), 'line', w.t('authorTable.conditionHint'))}</td>
                <td>
                  <Choice
                    label={`${w.t('authorTable.module')} (${row.id})`}
                    value={row.module}
                    disabled={!row.editable || (modules.length === 0 && row.module === '')}
                    invalid={false}
                    options={[
                      ['', derived ? w.t('authorTable.byTimeIn', { module: derived }) : w.t('authorTable.byTime')] as const,
                      ...modules.map((m) => [m, m] as const),
                    ]}
                    onWrite={(v) => write(row.index, 'module', v)}
                  />
                </td>
              </tr>
              <tr>
                <td colSpan={4}>{cell('body', w.t('authorTable.body'), 'area')}</td>
                <td colSpan={3}>{cell('questions', w.t('authorTable.questions'), 'area', w.t('authorTable.questionsHint'))}</td>
              </tr>
              {(mine.length > 0 || !row.editable) && (
                <tr className="inject-row-problems">
                  <td colSpan={8}>
                    {!row.editable && <p className="muted">{w.t('authorTable.flow')}</p>}
                    <ul aria-label={w.t('authorTable.rowProblems', { id: row.id })}>
                      {mine.map((p, i) => (
                        <li key={i}>
                          <button type="button" className="link-button" onClick={() => onGoToProblem(p)}>
                            {w.t('authorTable.at', { line: p.line, column: p.column })}
                          </button>{' '}
                          <code>{p.path}</code> {p.message}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** A small row tool: a symbol on screen, its full name for screen readers and as a tooltip. */
function RowButton(props: { label: string; text: string; disabled?: boolean; danger?: boolean; onClick: () => void }) {
  const { label, text, disabled, danger, onClick } = props;
  return (
    <button
      type="button"
      className={danger ? 'button button-small danger-text' : 'button button-small'}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <span aria-hidden="true">{text}</span>
    </button>
  );
}

/**
 * A text cell: shows the file's value, writes what is typed after a short pause, and keeps the
 * typed text while it has the focus (the file's form of it, e.g. "a, b" for a list, comes back on
 * leaving the cell).
 */
function Cell(props: {
  value: string;
  label: string;
  input: 'line' | 'area';
  invalid: boolean;
  disabled: boolean;
  hint?: string;
  placeholder?: string;
  onWrite: (value: string) => EditResult;
}) {
  const { value, label, input, invalid, disabled, hint, placeholder, onWrite } = props;
  const [draft, setDraft] = useState(value);
  const [refused, setRefused] = useState<string | null>(null);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const v = pending.current;
    pending.current = null;
    if (v === null) return;
    const r = onWrite(v);
    setRefused(r.ok ? null : r.message);
  };
  const change = (v: string) => {
    setDraft(v);
    pending.current = v;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, WRITE_AFTER_MS);
  };
  const common = {
    'aria-label': label,
    'aria-invalid': invalid || refused !== null,
    title: hint,
    placeholder,
    disabled,
    value: draft,
    spellCheck: false,
    onFocus: () => void (focused.current = true),
    onBlur: () => {
      flush();
      focused.current = false;
      setDraft(value);
    },
  };
  let field: ReactNode;
  if (input === 'area') field = <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} />;
  else
    field = (
      <input
        {...common}
        type="text"
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') flush();
        }}
      />
    );
  return (
    <div className="inject-cell">
      {field}
      {refused && (
        <p className="inject-cell-refused" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}

function Choice(props: {
  label: string;
  value: string;
  disabled: boolean;
  invalid: boolean;
  options: ReadonlyArray<readonly [string, string]>;
  onWrite: (value: string) => EditResult;
}) {
  const { label, value, disabled, invalid, options, onWrite } = props;
  const [refused, setRefused] = useState<string | null>(null);
  const known = options.some(([v]) => v === value);
  return (
    <div className="inject-cell">
      <select
        aria-label={label}
        aria-invalid={invalid || refused !== null}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const r = onWrite(e.target.value);
          setRefused(r.ok ? null : r.message);
        }}
      >
        {!known && <option value={value}>{value}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {refused && (
        <p className="inject-cell-refused" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}
