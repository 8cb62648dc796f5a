/**
 * The app shell: picks the screen for the current route.
 *
 * Every screen is a module of its own, loaded when first shown (routing/screens.tsx), so the first
 * page does not wait for the engine, the charts and every other screen.
 */
import { useEffect } from 'react';
import { useMenuCommands } from './api/menu-commands.ts';
import { AppEnvContext, type AppEnv } from './app-env.ts';
import { ShortcutsOverlay } from './console/shortcuts-overlay.tsx';
import { syncRouteWithHash } from './routing/hash-sync.ts';
import { Link } from './routing/link.tsx';
import type { Route } from './routing/routes.ts';
import {
  AuthorScreen,
  DebriefScreen,
  ExerciseScreen,
  HistoryScreen,
  LibraryScreen,
  ParticipantScreen,
  ProjectorScreen,
  SetupScreen,
  SoloScreen,
} from './routing/screens.tsx';
import { useAppStore } from './store/app-store.ts';
import { Toasts } from './ui/toasts.tsx';
import { LanguageProvider, useWords } from './i18n/words.tsx';

function Screen({ route }: { route: Route }) {
  const w = useWords();
  switch (route.name) {
    case 'library':
      return <LibraryScreen />;
    case 'setup':
      return <SetupScreen file={route.file} />;
    case 'author':
      return <AuthorScreen file={route.file} />;
    case 'console':
      return <ExerciseScreen exerciseId={route.exerciseId} />;
    case 'solo':
      return <SoloScreen exerciseId={route.exerciseId} />;
    case 'projector':
      return <ProjectorScreen exerciseId={route.exerciseId} projectorKey={route.key} />;
    case 'join':
      return <ParticipantScreen exerciseId={route.exerciseId} joinKey={route.key} />;
    case 'debrief':
      return <DebriefScreen exerciseId={route.exerciseId} />;
    case 'history':
      return <HistoryScreen />;
    case 'not-found':
      return (
        <main className="screen screen-narrow">
          <h1>{w.t('ui.notFound.title')}</h1>
          <p>
            {w.t('ui.notFound.text', { path: route.hash })} <Link to={{ name: 'library' }}>{w.t('ui.notFound.link')}</Link>
          </p>
        </main>
      );
  }
}

export function App({ env }: { env: AppEnv }) {
  const route = useAppStore((s) => s.route);
  useEffect(() => syncRouteWithHash(useAppStore), []);
  useMenuCommands(env);
  const projector = route.name === 'projector';
  useEffect(() => {
    document.documentElement.dataset.theme = projector ? 'ops' : 'calm';
  }, [projector]);
  return (
    <AppEnvContext.Provider value={env}>
      <LanguageProvider>
        <Screen route={route} />
        {!projector && <ShortcutsOverlay />}
        {!projector && <Toasts />}
      </LanguageProvider>
    </AppEnvContext.Provider>
  );
}
