/**
 * The scenario library: built-in and opened scenarios, invalid files with located errors, and
 * running exercises to resume.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import type { ExerciseMeta, ScenarioEntry } from '../../../shared/contract/api.ts';
import { errorMessage } from '../api/get-api.ts';
import { PackImportButton } from './pack-buttons.tsx';
import { useApi } from '../app-env.ts';
import { Link } from '../routing/link.tsx';
import { useAppStore } from '../store/app-store.ts';
import { Empty, ErrorState, Loading } from '../ui/states.tsx';
import { RunningExercises } from './running-exercises.tsx';
import { addOpenedScenario, mergeScenarioLists, rememberScenarios, useOpenedScenarios } from './scenario-catalog.ts';
import { ScenarioCard } from './scenario-card.tsx';
import { ScenarioProblems } from './scenario-problems.tsx';
import { LanguagePicker, useWords } from '../i18n/words.tsx';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';

type Loaded =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; scenarios: ScenarioEntry[]; running: ExerciseMeta[]; storeProblems: string[] };

export function LibraryScreen() {
  const w = useWords();
  const api = useApi();
  const pushToast = useAppStore((s) => s.pushToast);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const opened = useOpenedScenarios();
  const [importing, setImporting] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoaded({ state: 'loading' });
    Promise.all([api['scenarios:list']({}), api['exercises:list']({ status: 'running' })])
      .then(([scenarios, list]) => {
        if (cancelled) return;
        rememberScenarios(scenarios);
        setLoaded({
          state: 'ready',
          scenarios,
          running: list.exercises.filter((x) => x.status === 'running'),
          storeProblems: list.problems.map((p) => `${p.file}: ${p.message}`),
        });
      })
      .catch((e: unknown) => {
        if (!cancelled) setLoaded({ state: 'error', message: errorMessage(e) });
      });
    return () => {
      cancelled = true;
    };
  }, [api, reload]);

  const onOpenFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setImporting(true);
    try {
      const entry = await api['scenarios:import']({ fileName: file.name, text: await file.text() });
      addOpenedScenario(entry);
      pushToast(
        entry.ok ? 'info' : 'error',
        entry.ok ? w.t('ui.menu.opened', { title: entry.summary?.title ?? file.name }) : w.t('library.invalidBelow', { file: file.name }),
      );
    } catch (err) {
      pushToast('error', w.t('library.openFailed', { file: file.name, error: errorMessage(err) }));
    } finally {
      setImporting(false);
      input.value = '';
    }
  };

  const all = loaded.state === 'ready' ? mergeScenarioLists(opened, loaded.scenarios) : opened;
  const valid = all.filter((e): e is ScenarioEntry & { summary: NonNullable<ScenarioEntry['summary']> } => e.ok && !!e.summary);
  const invalid = all.filter((e) => !e.ok);

  return (
    <main className="screen library-screen">
      <header className="screen-header">
        <div>
          <h1>Firebreak</h1>
          <p className="muted">{w.t('library.tagline')}</p>
        </div>
        <nav className="header-actions">
          <ColorSchemeToggle />
          <Link to={{ name: 'history' }} className="button">
            {w.t('library.history')}
          </Link>
          <LanguagePicker />
          <PackImportButton onImported={() => setReload((n) => n + 1)} />
          <label className="button button-primary file-button">
            {importing ? w.t('library.opening') : w.t('library.open')}
            <input type="file" accept=".yaml,.yml,text/yaml" onChange={onOpenFile} disabled={importing} aria-label={w.t('library.openFile')} />
          </label>
        </nav>
      </header>

      {loaded.state === 'loading' && <Loading label={w.t('ui.loading.scenarios')} />}
      {loaded.state === 'error' && (
        <ErrorState title={w.t('library.loadFailed')} message={loaded.message}>
          <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
            {w.t('library.tryAgain')}
          </button>
        </ErrorState>
      )}
      {loaded.state === 'ready' && (
        <>
          <RunningExercises exercises={loaded.running} />
          {loaded.storeProblems.length > 0 && (
            <div className="notice notice-warning" role="status">
              {w.t('library.storeProblems', { problems: loaded.storeProblems.join('; ') })}
            </div>
          )}
        </>
      )}

      <section className="library-section" aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">{w.t('library.scenarios')}</h2>
        {loaded.state === 'ready' && valid.length === 0 && <Empty>{w.t('library.empty')}</Empty>}
        <div className="card-grid">
          {valid.map((e) => (
            <ScenarioCard key={e.file} entry={e} />
          ))}
        </div>
      </section>

      {invalid.length > 0 && (
        <section className="library-section" aria-labelledby="invalid-heading">
          <h2 id="invalid-heading">{w.t('library.problems')}</h2>
          {invalid.map((e) => (
            <ScenarioProblems key={e.file} entry={e} />
          ))}
        </section>
      )}
    </main>
  );
}
