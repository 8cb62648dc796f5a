/**
 * The application menu, as a template built from plain callbacks (tested without Electron).
 *
 * Items that belong to the UI send a MenuCommand to the console window; the rest are Electron
 * roles (edit, zoom, full screen, quit), which keep their platform shortcuts and behaviour.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/desktop-bridge.ts';

export interface MenuActions {
  /** Sends a command to the console window. */
  send: (command: MenuCommand) => void;
  /** File ▸ Open scenario…: main shows the Open dialog and reads the file. */
  openScenario: () => void;
  isMac: boolean;
  /** Adds Reload and Developer Tools (unpackaged builds only). */
  dev: boolean;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const { send, isMac } = actions;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Firebreak',
      submenu: [
        { label: 'About Firebreak', click: () => send({ type: 'show-about' }) },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: '&New exercise', accelerator: 'CmdOrCtrl+N', click: () => send({ type: 'new-exercise' }) },
        { label: '&Open scenario…', accelerator: 'CmdOrCtrl+O', click: () => actions.openScenario() },
        { type: 'separator' },
        { label: '&Export report…', accelerator: 'CmdOrCtrl+E', click: () => send({ type: 'export-report' }) },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: '&View',
      submenu: [
        { label: '&Projector', accelerator: 'CmdOrCtrl+Shift+P', click: () => send({ type: 'toggle-projector' }) },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.dev ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: '&Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', click: () => send({ type: 'show-shortcuts' }) },
        ...(isMac ? [] : [{ type: 'separator' } as const, { label: '&About Firebreak', click: () => send({ type: 'show-about' }) }]),
      ],
    },
  );
  return template;
}
