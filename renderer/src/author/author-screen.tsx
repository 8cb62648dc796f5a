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
import { richText, useWords } from '../i18n/words.tsx';
import type { Words } from '../../../shared/i18n/words.ts';
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
  const w = useWords();
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
        <ErrorState heading={1} title={w.t('setup.unavailable')} message={loadError} />
      </main>
    );
  }
  if (entry === 'loading') return <Loading label={w.t('ui.loading.scenario')} />;
  if (entry === null) {
    return (
      <main className="screen screen-narrow">
        <ErrorState heading={1} title={w.t('setup.unavailable')} message={w.t('author.missing', { file })}>
          <Link to={{ name: 'library' }} className="button">
            {w.t('ui.backToLibrary')}
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
      if (!result.ok) setSaveError(w.t('author.notSaved', { n: result.problems.length }));
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
      if (!result.ok) setSaveError(w.t('author.notSaved', { n: result.problems.length }));
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
          <Link to={{ name: 'setup', file }}>{w.t('author.backToSetup')}</Link>
          <h1>{w.t('author.title', { title: entry.summary?.title ?? fileName })}</h1>
          <p className="muted">{entry.builtIn ? w.t('author.intro') : w.t('authorTable.introUser')}</p>
        </div>
      </header>
      <div className={view === 'table' ? 'author-columns author-columns-table' : 'author-columns'}>
        <section className="author-editor" aria-label={w.t('author.yaml')}>
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
                {w.t('author.yaml')} <span className="muted">({fileName})</span>
              </span>
              {/* YAML's indentation is its structure: lines never wrap, the text box scrolls sideways. */}
              <textarea ref={editor} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} wrap="off" rows={28} data-scrolls-sideways="" />
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
                {saving ? w.t('author.saving') : w.t('authorTable.save')}
              </button>
            )}
            <button
              type="button"
              className={entry.builtIn ? 'button button-primary' : 'button'}
              disabled={(entry.builtIn && !edited) || checked.state !== 'valid' || saving}
              onClick={onSave}
            >
              {saving ? w.t('author.saving') : w.t('author.save')}
            </button>
            <button type="button" className="button" disabled={!edited} onClick={() => setText(base)}>
              {w.t('author.undo')}
            </button>
            {saved && (
              <>
                <button type="button" className="button" onClick={() => navigate({ name: 'setup', file: saved })}>
                  {w.t('author.setUpSaved')}
                </button>
                <button type="button" className="button" onClick={() => navigate({ name: 'author', file: saved })}>
                  {w.t('authorTable.editCopy')}
                </button>
              </>
            )}
          </div>
          {saved && (
            <p role="status" className="author-saved">
              {w.t('author.savedAs', { file: saved })}
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
        <section className="author-preview" aria-label={w.t('author.preview')}>
          <h2>{w.t('author.preview')}</h2>
          {checked.state === 'checking' && <p className="muted">{w.t('author.checking')}</p>}
          {checked.state === 'invalid' && <p className="muted">{w.t('author.fixFirst')}</p>}
          {checked.state === 'valid' && <PreviewPanel scenario={checked.scenario} preview={checked.preview} error={checked.previewError} />}
        </section>
      </div>
    </main>
  );
}

function ProblemsList({ checked, onGo }: { checked: Checked; onGo: (p: Problem) => void }) {
  const w = useWords();
  if (checked.state !== 'invalid') {
    return (
      <p className="author-status" role="status">
        {checked.state === 'checking' ? w.t('author.checking') : w.t('author.valid')}
      </p>
    );
  }
  return (
    <div role="status">
      <p className="author-problem-count">{w.t('author.problemCount', { n: checked.problems.length })}</p>
      <ul className="author-problems" aria-label={w.t('author.problems')}>
        {checked.problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="link-button" onClick={() => onGo(p)}>
              {w.t('author.at', { line: p.line, column: p.column })}
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
  const w = useWords();
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
  if (error || !preview || !idle || !v) return <p className="form-problems">{w.t('author.dryRunFailed', { error: error ?? w.t('author.noResult') })}</p>;
  const horizon = s.clock.horizon;
  return (
    <>
      {preview.variants.length > 1 && (
        <label className="field">
          <span>{w.t('author.variant')}</span>
          <select value={variantIndex} onChange={(e) => setVariantIndex(Number(e.target.value))}>
            {preview.variants.map((x, i) => (
              <option key={x.variant ?? i} value={i}>
                {s.variants.find((y) => y.id === x.variant)?.label ?? x.variant}
              </option>
            ))}
          </select>
        </label>
      )}
      <h3>{w.t('author.timelineIdle')}</h3>
      <svg className="author-strip" viewBox="0 0 1000 40" role="img" aria-label={w.t('author.signalsOver', { duration: formatOffset(horizon, w) })}>
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
      <p className="muted">{w.t('author.stripLegend', { end: formatOffset(horizon, w) })}</p>
      <table className="author-timeline" aria-label={w.t('author.signalsIdle')}>
        <thead>
          <tr>
            <th>{w.t('author.col.when')}</th>
            <th>{w.t('author.col.channel')}</th>
            <th>{w.t('author.col.signal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.at === null ? 'muted' : undefined}>
              <td>{r.at === null ? w.t('author.never') : formatOffset(r.at, w)}</td>
              <td>{(CHANNELS as ReadonlyArray<string>).includes(r.channel) ? channelLabel(r.channel as Channel, w) : r.channel}</td>
              <td>
                {r.title}
                {r.redHerring && <span className="author-tag">{w.t('author.redHerring')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{w.t('author.harmIdle')}</h3>
      <ul className="author-curves" aria-label={w.t('author.harmIdle')}>
        {idle.harm.map((h) => (
          <li key={h.id}>
            <Spark values={h.values} label={h.label} />
            <span>
              {richText(w, 'author.harmAt', {
                label: h.label,
                value: <strong>{w.whole(h.values.at(-1) ?? 0)}</strong>,
                unit: h.unit,
                at: formatOffset(horizon, w),
              })}
            </span>
          </li>
        ))}
      </ul>
      <h3>{w.t('author.dashboardsIdle')}</h3>
      <ul className="author-curves" aria-label={w.t('author.metricsIdle')}>
        {idle.metrics.map((m) => {
          const xs = m.values.filter((x): x is number => x !== null);
          return (
            <li key={m.id}>
              <Spark values={m.values} label={m.label} />
              <span>
                {xs.length
                  ? w.t('author.range', { label: m.label, from: fmt(Math.min(...xs), w), to: fmt(Math.max(...xs), w), unit: m.unit })
                  : w.t('author.noRange', { label: m.label, unit: m.unit })}
              </span>
            </li>
          );
        })}
      </ul>
      <h3>{w.t('author.checks')}</h3>
      {preview.warnings.length === 0 ? (
        <p className="muted">{w.t('author.noWarnings')}</p>
      ) : (
        <ul className="author-warnings" aria-label={w.t('author.warnings')}>
          {preview.warnings.map((warning, i) => (
            <li key={i}>
              <code>{warning.path.join('.')}</code> {warning.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A dashboard figure as the language writes it: whole from 100 up, else two decimals at most. */
const fmt = (x: number, w: Words) => (Math.abs(x) >= 100 ? w.whole(x) : w.number(x, 2));

/** A small line chart of a curve sampled from T+0 to the horizon (null: after the run ended). */
function Spark({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const w = useWords();
  const xs = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (xs.length < 2) return <svg className="author-spark" viewBox="0 0 120 28" aria-hidden="true" />;
  const lo = Math.min(...xs.map((p) => p[1]));
  const hi = Math.max(...xs.map((p) => p[1]));
  const span = hi - lo || 1;
  const points = xs.map(([i, v]) => `${((i / (values.length - 1)) * 118 + 1).toFixed(1)},${(26 - ((v - lo) / span) * 24).toFixed(1)}`).join(' ');
  return (
    <svg className="author-spark" viewBox="0 0 120 28" role="img" aria-label={w.t('author.overTime', { label })}>
      <polyline points={points} className="author-spark-line" />
    </svg>
  );
}
