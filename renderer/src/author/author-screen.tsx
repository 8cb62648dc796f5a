/**
 * Scenario preview and editor (#21), reached from the setup screen: the scenario's YAML as text,
 * checked as you type by the same validator as `firebreak validate` (problems at line and column,
 * each a button that puts the cursor there), and beside it a dry run like `firebreak preview`: when
 * each signal fires if nobody acts, each harm's and each dashboard's curve, and the
 * `validate --check` warnings (for the do-nothing team: the renderer has no team files).
 *
 * Editing keeps the author's comments and layout, in the text or in the inject table (#21: each
 * cell rewrites only its own node of the YAML). *Save* writes a scenario of the user's folder
 * back over its own file (the host validates it first and refuses when the file changed since);
 * *Save a copy* keeps a copy in the user's scenario folder (never over another file: the host
 * numbers the name), so a built-in is never changed. The preview shows the whole timeline, the answer included: it is for authors
 * and facilitators, and setup offers it only in facilitated mode.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioEntry } from '../../../shared/contract/api.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { loadScenario, type Problem } from '../../../shared/scenario/load.ts';
import { previewScenario, type PreviewResult } from '../../../shared/scenario/preview.ts';
import { CHANNELS, type Channel, type Scenario } from '../../../shared/scenario/schema.ts';
import { errorMessage } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';
import { addOpenedScenario, findScenario } from '../library/scenario-catalog.ts';
import { Link } from '../routing/link.tsx';
import { useAppStore } from '../store/app-store.ts';
import { ErrorState, Loading } from '../ui/states.tsx';
import './author.css';
import { channelLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';
import { InjectTable } from './inject-table.tsx';

/** How long typing must pause before the text is checked and the dry run replayed. */
const CHECK_AFTER_MS = 350;
/** Sample points of the preview's curves (from T+0 to the horizon). */
const PREVIEW_POINTS = 61;

type Checked =
  | { state: 'checking' }
  | { state: 'invalid'; problems: Problem[] }
  | { state: 'valid'; scenario: Scenario; preview: PreviewResult | null; previewError: string | null };

/** Validates the text and, when it loads, dry-runs it (do-nothing team, every variant). */
export function checkScenarioText(text: string, fileName: string): Checked {
  const r = loadScenario(text, fileName);
  if (!r.ok) return { state: 'invalid', problems: r.problems };
  try {
    return { state: 'valid', scenario: r.scenario, preview: previewScenario(r.scenario, null, 1, PREVIEW_POINTS), previewError: null };
  } catch (e) {
    return { state: 'valid', scenario: r.scenario, preview: null, previewError: errorMessage(e) };
  }
}

/** The character offset of a 1-based line and column in the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(text.length, at + Math.max(0, column - 1));
}

export function AuthorScreen({ file }: { file: string }) {
  const api = useApi();
  const navigate = useAppStore((s) => s.navigate);
  const [entry, setEntry] = useState<ScenarioEntry | null | 'loading'>('loading');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked>({ state: 'checking' });
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [savedInPlace, setSavedInPlace] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  // #21: the inject table or the whole text; both edit the same YAML text.
  const [view, setView] = useState<'table' | 'text'>('table');
  // The file's text as last read or saved: what an in-place save must find on disk.
  const [base, setBase] = useState('');
  const [lastValid, setLastValid] = useState<Scenario | null>(null);
  const w = useWords();
  const editor = useRef<HTMLTextAreaElement>(null);
  const fileName =
    file
      .replace(/^builtin:/, '')
      .split('/')
      .pop() || 'scenario.yaml';

  useEffect(() => {
    let cancelled = false;
    // Another file in the same screen (Edit the saved copy): nothing of the last one's saves shows.
    setSaved(null);
    setSavedInPlace(null);
    setSaveError(null);
    setLastValid(null);
    findScenario(api, file)
      .then((e) => {
        if (cancelled) return;
        setEntry(e ?? null);
        if (e) {
          setText(e.source);
          setBase(e.source);
        }
      })
      .catch((e: unknown) => !cancelled && setLoadError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, file]);

  useEffect(() => {
    if (entry === 'loading' || entry === null) return;
    setChecked({ state: 'checking' });
    const timer = setTimeout(() => {
      const c = checkScenarioText(text, fileName);
      setChecked(c);
      if (c.state === 'valid') setLastValid(c.scenario);
    }, CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text, entry, fileName]);

  if (loadError) {
    return (
      <main className="screen screen-narrow">
        <ErrorState title="Scenario not available" message={loadError} />
      </main>
    );
  }
  if (entry === 'loading') return <Loading what="scenario" />;
  if (entry === null) {
    return (
      <main className="screen screen-narrow">
        <ErrorState title="Scenario not available" message={`No scenario named ${file} is available.`}>
          <Link to={{ name: 'library' }} className="button">
            Back to the library
          </Link>
        </ErrorState>
      </main>
    );
  }

  const goTo = (p: Problem) => {
    if (view !== 'text') {
      // The text area appears on the next render; then the cursor goes to the problem.
      setView('text');
      setTimeout(() => goTo(p), 0);
      return;
    }
    const el = editor.current;
    if (!el) return;
    const at = offsetOf(text, p.line, p.column);
    el.focus();
    el.setSelectionRange(at, at);
    // Bring the line into view: the textarea scrolls by lines of its computed line height.
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (p.line - 3) * lineHeight);
  };

  const onSave = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const name = checked.state === 'valid' ? `${checked.scenario.id}.yaml` : fileName;
      const result = await api['scenarios:import']({ fileName: name, text });
      if (!result.ok) setSaveError(`Not saved: the scenario has ${result.problems.length} problem(s).`);
      else {
        addOpenedScenario(result);
        setSaved(result.file);
      }
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  // #21: a scenario in the user's folder is saved over its own file (validated by the host first;
  // a file changed by someone else since it was opened is a conflict, not overwritten).
  const onSaveInPlace = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const result = await api['scenarios:save']({ file: entry.file, text, base });
      if (!result.ok) setSaveError(`Not saved: the scenario has ${result.problems.length} problem(s).`);
      else {
        setBase(text);
        setSaved(null);
        setSavedInPlace(result.file);
      }
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const edited = text !== base;
  return (
    <main className="screen author-screen">
      <header className="screen-header">
        <div>
          <Link to={{ name: 'setup', file }}>← Setup</Link>
          <h1>Preview and edit: {entry.summary?.title ?? fileName}</h1>
          <p className="muted">
            The preview shows the whole timeline, the answer included: for authors and facilitators, not for players.{' '}
            {entry.builtIn ? 'Saving keeps a copy in your scenario folder; the original is not changed.' : w.t('authorTable.noteUser')}
          </p>
        </div>
      </header>
      <div className={view === 'table' ? 'author-columns author-columns-table' : 'author-columns'}>
        <section className="author-editor" aria-label="Scenario YAML">
          <div className="author-view" role="group" aria-label={w.t('authorTable.view')}>
            <button type="button" className="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              {w.t('authorTable.viewTable')}
            </button>
            <button type="button" className="button" aria-pressed={view === 'text'} onClick={() => setView('text')}>
              {w.t('authorTable.viewText')}
            </button>
          </div>
          {view === 'text' ? (
            <label className="field">
              <span>
                Scenario YAML <span className="muted">({fileName})</span>
              </span>
              <textarea ref={editor} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} wrap="off" rows={28} />
            </label>
          ) : (
            <InjectTable
              text={text}
              problems={checked.state === 'invalid' ? checked.problems : []}
              scenario={checked.state === 'valid' ? checked.scenario : lastValid}
              onChange={(t) => {
                setText(t);
                setSavedInPlace(null);
              }}
              onGoToProblem={goTo}
            />
          )}
          <ProblemsList checked={checked} onGo={goTo} />
          <div className="form-actions">
            {!entry.builtIn && (
              <button type="button" className="button button-primary" disabled={!edited || checked.state !== 'valid' || saving} onClick={onSaveInPlace}>
                {saving ? 'Saving…' : w.t('authorTable.save')}
              </button>
            )}
            <button
              type="button"
              className={entry.builtIn ? 'button button-primary' : 'button'}
              disabled={(entry.builtIn && !edited) || checked.state !== 'valid' || saving}
              onClick={onSave}
            >
              {saving ? 'Saving…' : 'Save a copy to the library'}
            </button>
            <button type="button" className="button" disabled={!edited} onClick={() => setText(base)}>
              Undo all changes
            </button>
            {saved && (
              <>
                <button type="button" className="button" onClick={() => navigate({ name: 'setup', file: saved })}>
                  Set up the saved copy
                </button>
                <button type="button" className="button" onClick={() => navigate({ name: 'author', file: saved })}>
                  {w.t('authorTable.editCopy')}
                </button>
              </>
            )}
          </div>
          {saved && (
            <p role="status" className="author-saved">
              Saved as {saved}.
            </p>
          )}
          {savedInPlace && (
            <p role="status" className="author-saved">
              {w.t('authorTable.savedInPlace', { file: savedInPlace })}
            </p>
          )}
          {saveError && (
            <p role="alert" className="form-problems">
              {saveError}
            </p>
          )}
        </section>
        <section className="author-preview" aria-label="Preview">
          <h2>Preview</h2>
          {checked.state === 'checking' && <p className="muted">Checking…</p>}
          {checked.state === 'invalid' && <p className="muted">Fix the problems on the left to see the timeline.</p>}
          {checked.state === 'valid' && <PreviewPanel scenario={checked.scenario} preview={checked.preview} error={checked.previewError} />}
        </section>
      </div>
    </main>
  );
}

function ProblemsList({ checked, onGo }: { checked: Checked; onGo: (p: Problem) => void }) {
  if (checked.state !== 'invalid') {
    return (
      <p className="author-status" role="status">
        {checked.state === 'checking' ? 'Checking…' : 'No problems: the scenario validates.'}
      </p>
    );
  }
  return (
    <div role="status">
      <p className="author-problem-count">
        {checked.problems.length} problem{checked.problems.length === 1 ? '' : 's'}:
      </p>
      <ul className="author-problems" aria-label="Problems">
        {checked.problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="link-button" onClick={() => onGo(p)}>
              line {p.line}, column {p.column}
            </button>{' '}
            {p.path && <code>{p.path}</code>} {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Row {
  id: string;
  title: string;
  channel: string;
  redHerring: boolean;
  at: number | null;
}

function PreviewPanel({ scenario: s, preview, error }: { scenario: Scenario; preview: PreviewResult | null; error: string | null }) {
  const [variantIndex, setVariantIndex] = useState(0);
  const v = preview?.variants[Math.min(variantIndex, (preview?.variants.length ?? 1) - 1)];
  const idle = v?.teams[0];
  const rows = useMemo<Row[]>(() => {
    if (!idle) return [];
    const out = s.injects
      .filter((i) => i.id in idle.injects)
      .map((i) => ({ id: i.id, title: i.title, channel: i.channel, redHerring: i.redHerring, at: idle.injects[i.id] ?? null }));
    return out.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity));
  }, [s, idle]);
  if (error || !preview || !idle || !v) return <p className="form-problems">The dry run failed: {error ?? 'no result'}</p>;
  const horizon = s.clock.horizon;
  return (
    <>
      {preview.variants.length > 1 && (
        <label className="field">
          <span>Variant</span>
          <select value={variantIndex} onChange={(e) => setVariantIndex(Number(e.target.value))}>
            {preview.variants.map((x, i) => (
              <option key={x.variant ?? i} value={i}>
                {s.variants.find((y) => y.id === x.variant)?.label ?? x.variant}
              </option>
            ))}
          </select>
        </label>
      )}
      <h3>Timeline if nobody acts</h3>
      <svg className="author-strip" viewBox="0 0 1000 40" role="img" aria-label={`Signals over ${formatOffset(horizon)}`}>
        <line x1="0" y1="20" x2="1000" y2="20" className="author-axis" />
        {s.faults.map((f) =>
          f.startsAt >= 0 && f.startsAt <= horizon ? (
            <rect key={f.id} x={(f.startsAt / horizon) * 1000 - 2} y="4" width="4" height="32" className="author-fault" />
          ) : null,
        )}
        {rows.map((r) =>
          r.at === null ? null : (
            <circle key={r.id} cx={(r.at / horizon) * 1000} cy="20" r="6" className={r.redHerring ? 'author-dot author-dot-herring' : 'author-dot'} />
          ),
        )}
      </svg>
      <p className="muted">T+0 to {formatOffset(horizon)}. Bars: faults starting; dots: signals (hollow: red herrings).</p>
      <table className="author-timeline" aria-label="Signals if nobody acts">
        <thead>
          <tr>
            <th>When</th>
            <th>Channel</th>
            <th>Signal</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.at === null ? 'muted' : undefined}>
              <td>{r.at === null ? 'never' : formatOffset(r.at)}</td>
              <td>{(CHANNELS as ReadonlyArray<string>).includes(r.channel) ? channelLabel(r.channel as Channel) : r.channel}</td>
              <td>
                {r.title}
                {r.redHerring && <span className="author-tag">red herring</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Harm if nobody acts</h3>
      <ul className="author-curves" aria-label="Harm if nobody acts">
        {idle.harm.map((h) => (
          <li key={h.id}>
            <Spark values={h.values} label={h.label} />
            <span>
              {h.label}: <strong>{Math.round(h.values.at(-1) ?? 0).toLocaleString('en-GB')}</strong> {h.unit} at {formatOffset(horizon)}
            </span>
          </li>
        ))}
      </ul>
      <h3>Dashboards if nobody acts</h3>
      <ul className="author-curves" aria-label="Metrics if nobody acts">
        {idle.metrics.map((m) => {
          const xs = m.values.filter((x): x is number => x !== null);
          return (
            <li key={m.id}>
              <Spark values={m.values} label={m.label} />
              <span>
                {m.label}: {xs.length ? `${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))}` : '—'} {m.unit}
              </span>
            </li>
          );
        })}
      </ul>
      <h3>Checks (validate --check)</h3>
      {preview.warnings.length === 0 ? (
        <p className="muted">No warnings.</p>
      ) : (
        <ul className="author-warnings" aria-label="Warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>
              <code>{w.path.join('.')}</code> {w.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100).toLocaleString('en-GB');

/** A small line chart of a curve sampled from T+0 to the horizon (null: after the run ended). */
function Spark({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const xs = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (xs.length < 2) return <svg className="author-spark" viewBox="0 0 120 28" aria-hidden="true" />;
  const lo = Math.min(...xs.map((p) => p[1]));
  const hi = Math.max(...xs.map((p) => p[1]));
  const span = hi - lo || 1;
  const points = xs.map(([i, v]) => `${((i / (values.length - 1)) * 118 + 1).toFixed(1)},${(26 - ((v - lo) / span) * 24).toFixed(1)}`).join(' ');
  return (
    <svg className="author-spark" viewBox="0 0 120 28" role="img" aria-label={`${label} over time`}>
      <polyline points={points} className="author-spark-line" />
    </svg>
  );
}
