/**
 * The inject list as an editable table (#21): time or trigger, channel, from, to, title, body,
 * condition, module and questions of every inject, read from the scenario's YAML as written.
 *
 * Each cell's edit is written into the YAML text in place (shared/scenario/inject-table.ts: only
 * that node changes; comments and layout stay), and the author screen then checks the text with
 * the same validator as `firebreak validate`: the problems of a row are shown under it with their
 * line and column, and the preview beside the table follows. A cell whose text cannot be written
 * (a trigger the table does not understand) keeps what was typed and says why.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../../shared/scenario/load.ts';
import { editInject, injectRows, moduleIds, type EditResult, type InjectField, type InjectRow } from '../../../shared/scenario/inject-table.ts';
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
  if (!rows) return <p className="form-problems">{w.t('authorTable.unparsed')}</p>;

  const write = (index: number, field: InjectField, value: string): EditResult => {
    const r = editInject(latest.current, index, field, value);
    if (r.ok && r.text !== latest.current) {
      latest.current = r.text;
      onChange(r.text);
    }
    return r;
  };
  const byTime = (row: InjectRow): string | null => {
    const inj = scenario?.injects.find((i) => i.id === row.id);
    return scenario && inj ? moduleOfInject(scenario, inj) : null;
  };

  return (
    <div className="inject-table-wrap">
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
            <tbody key={row.index} className={mine.length ? 'inject-row inject-row-invalid' : 'inject-row'}>
              <tr>
                <th scope="row" rowSpan={2}>
                  <code>{row.id}</code>
                  <div className="muted">{w.t('authorTable.line', { line: row.line })}</div>
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
