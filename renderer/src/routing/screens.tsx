/**
 * The screens, each in a chunk of its own: the first page loads the shell and the screen it opens
 * on, not the engine, the charts and every other screen (issue #12: initial JavaScript < 400 kB).
 */
import { useWords } from '../i18n/words.tsx';
import { lazyComponent } from './lazy-component.tsx';

function Loading() {
  const w = useWords();
  return (
    <main className="screen screen-narrow" aria-busy="true">
      <p className="muted">{w.t('ui.loading.screen')}</p>
    </main>
  );
}

export const LibraryScreen = lazyComponent(() => import('../library/library-screen.tsx').then((m) => m.LibraryScreen), Loading);
export const SetupScreen = lazyComponent(() => import('../setup/setup-screen.tsx').then((m) => m.SetupScreen), Loading);
export const ExerciseScreen = lazyComponent(() => import('../console/exercise-screen.tsx').then((m) => m.ExerciseScreen), Loading);
export const SoloScreen = lazyComponent(() => import('../solo/solo-screen.tsx').then((m) => m.SoloScreen), Loading);
export const ProjectorScreen = lazyComponent(() => import('../projector/projector-screen.tsx').then((m) => m.ProjectorScreen), Loading);
export const ParticipantScreen = lazyComponent(() => import('../participant/participant-screen.tsx').then((m) => m.ParticipantScreen), Loading);
export const DebriefScreen = lazyComponent(() => import('../debrief/debrief-screen.tsx').then((m) => m.DebriefScreen), Loading);
export const AuthorScreen = lazyComponent(() => import('../author/author-screen.tsx').then((m) => m.AuthorScreen), Loading);
export const HistoryScreen = lazyComponent(() => import('../history/history-screen.tsx').then((m) => m.HistoryScreen), Loading);

/** Loads every screen (component tests call it once, so screens render as if bundled together). */
export async function preloadScreens(): Promise<void> {
  await Promise.all(
    [LibraryScreen, SetupScreen, AuthorScreen, ExerciseScreen, SoloScreen, ProjectorScreen, ParticipantScreen, DebriefScreen, HistoryScreen].map((s) =>
      s.preload(),
    ),
  );
}
