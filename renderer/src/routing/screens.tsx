/**
 * The screens, each in a chunk of its own: the first page loads the shell and the screen it opens
 * on, not the engine, the charts and every other screen (issue #12: initial JavaScript < 400 kB).
 *
 * While a screen's chunk loads, the route shows the loading state the screen itself starts with
 * (the same sentence, spinner and frame), so nothing flashes or jumps when it arrives.
 */
import type { MessageKey } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';
import { Loading } from '../ui/states.tsx';
import { lazyComponent } from './lazy-component.tsx';

function ScreenLoading({ label, frame }: { label: MessageKey; frame?: string }) {
  const w = useWords();
  const state = <Loading label={w.t(label)} />;
  return frame ? <main className={frame}>{state}</main> : state;
}

/** A route's fallback: an element, so its hooks are its own and not the lazy wrapper's. */
const loading = (label: MessageKey, frame?: string) => () => <ScreenLoading label={label} frame={frame} />;

export const LibraryScreen = lazyComponent(
  () => import('../library/library-screen.tsx').then((m) => m.LibraryScreen),
  loading('ui.loading.scenarios', 'screen library-screen'),
);
export const SetupScreen = lazyComponent(() => import('../setup/setup-screen.tsx').then((m) => m.SetupScreen), loading('ui.loading.scenario'));
export const ExerciseScreen = lazyComponent(() => import('../console/exercise-screen.tsx').then((m) => m.ExerciseScreen), loading('ui.loading.exercise'));
export const SoloScreen = lazyComponent(() => import('../solo/solo-screen.tsx').then((m) => m.SoloScreen), loading('ui.loading.exercise'));
export const ProjectorScreen = lazyComponent(
  () => import('../projector/projector-screen.tsx').then((m) => m.ProjectorScreen),
  loading('ui.loading.screen', 'screen screen-narrow'),
);
export const ParticipantScreen = lazyComponent(
  () => import('../participant/participant-screen.tsx').then((m) => m.ParticipantScreen),
  loading('ui.loading.screen', 'screen screen-narrow'),
);

/**
 * The debrief, History and the author word messages the first screen never needs: their part of
 * the English catalogue (shared/i18n/catalogue-parts.ts) comes with them, so they render worded.
 */
function withLaterMessages<T>(screen: Promise<T>): Promise<T> {
  return Promise.all([screen, import('../../../shared/i18n/later-english.ts')]).then(([s]) => s);
}

export const DebriefScreen = lazyComponent(
  () => withLaterMessages(import('../debrief/debrief-screen.tsx').then((m) => m.DebriefScreen)),
  loading('debrief.loading.debrief', 'screen'),
);
export const AuthorScreen = lazyComponent(
  () => withLaterMessages(import('../author/author-screen.tsx').then((m) => m.AuthorScreen)),
  loading('ui.loading.scenario'),
);
export const HistoryScreen = lazyComponent(
  () => withLaterMessages(import('../history/history-screen.tsx').then((m) => m.HistoryScreen)),
  loading('ui.loading.exercises', 'screen history-screen'),
);

/** Loads every screen (component tests call it once, so screens render as if bundled together). */
export async function preloadScreens(): Promise<void> {
  await Promise.all(
    [LibraryScreen, SetupScreen, AuthorScreen, ExerciseScreen, SoloScreen, ProjectorScreen, ParticipantScreen, DebriefScreen, HistoryScreen].map((s) =>
      s.preload(),
    ),
  );
}
