/**
 * The desktop application menu, handled in the renderer.
 *
 * Main sends MenuCommands through `window.firebreak.onMenuCommand` (absent in the browser). Most
 * are handled here; screens that own a command (the debrief's "Export report") register with
 * `onMenuCommand(type, handler)` and get it while mounted.
 */
import { useEffect } from 'react';
import { currentWords } from '../i18n/words.tsx';
import type { AppEnv } from '../app-env.ts';
import { addOpenedScenario } from '../library/scenario-catalog.ts';
import { currentSession } from '../session/current-session.ts';
import { useAppStore } from '../store/app-store.ts';
import { errorMessage } from './get-api.ts';
import { desktopBridge, type MenuCommand } from './desktop-bridge.ts';

type Handler = (command: MenuCommand) => void;
const screenHandlers = new Map<MenuCommand['type'], Set<Handler>>();

/** Lets a screen take a menu command while it is mounted; returns the unregister function. */
export function onMenuCommand(type: MenuCommand['type'], handler: Handler): () => void {
  const set = screenHandlers.get(type) ?? new Set<Handler>();
  set.add(handler);
  screenHandlers.set(type, set);
  return () => set.delete(handler);
}

export function handleMenuCommand(command: MenuCommand, env: AppEnv): void {
  const store = useAppStore.getState();
  const claimed = screenHandlers.get(command.type);
  if (claimed && claimed.size > 0) {
    for (const h of [...claimed]) h(command);
    return;
  }
  switch (command.type) {
    case 'new-exercise':
      store.navigate({ name: 'library' });
      return;
    case 'scenario-opened':
      addOpenedScenario(command.entry);
      store.navigate({ name: 'library' });
      store.pushToast(
        command.entry.ok ? 'info' : 'error',
        command.entry.ok
          ? currentWords().t('ui.menu.opened', { title: command.entry.summary?.title ?? command.entry.file })
          : currentWords().t('ui.menu.invalid', { file: command.entry.file }),
      );
      return;
    case 'toggle-projector': {
      const session = currentSession();
      if (!session || session.mode !== 'facilitated') {
        store.pushToast('info', currentWords().t('ui.menu.projectorNeedsExercise'));
        return;
      }
      env
        .openProjector(session.exerciseId)
        .catch((e: unknown) => store.pushToast('error', currentWords().t('clock.projectorFailed', { error: errorMessage(e) })));
      return;
    }
    case 'show-shortcuts':
      store.setShortcutsOpen(true);
      return;
    case 'show-about':
      store.pushToast('info', currentWords().t('ui.menu.about'));
      return;
    case 'export-report':
      store.pushToast('info', currentWords().t('ui.menu.reportsFromDebrief'));
      return;
  }
}

/** Subscribes the app to the desktop menu (no-op in the browser). */
export function useMenuCommands(env: AppEnv): void {
  useEffect(() => {
    const subscribe = desktopBridge()?.onMenuCommand;
    if (!subscribe) return;
    return subscribe((command) => handleMenuCommand(command, env));
  }, [env]);
}
