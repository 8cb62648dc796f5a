/**
 * The Electron main process: wiring only. The logic lives in host/ (store, library, handlers).
 *
 * Order matters: the data folder is fixed before `ready`; security rules are installed before the
 * first window; invoke handlers are registered before the renderer can call them.
 */
import { app, dialog, Menu, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers, type SaveRequest, type SaveTarget } from '../../host/api-handlers.ts';
import { renderReport } from '../../shared/debrief/render-report.ts';
import { ExerciseStore } from '../../host/storage/exercise-store.ts';
import { ScenarioLibrary } from '../../host/scenario-library.ts';
import { APP_NAME } from '../../host/paths.ts';
import { hardenSession, hardenWebContents, isAllowedRequest, isAppUrl, type AppOrigin } from './security.ts';
import { registerInvokeHandlers, registerRoomRelay, sendMenuCommand, TrustedSenders } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { WindowManager, type PageLoader } from './windows.ts';
import { printHtmlInHiddenWindow } from './pdf.ts';
import { startWebHost, type WebHost } from '../../host/web/server.ts';

app.setPath('userData', join(app.getPath('appData'), APP_NAME));

const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');
const preload = join(here, '../preload/index.cjs');
const devUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const origin: AppOrigin = {
  fileBase: devUrl ? null : `${pathToFileURL(rendererDir).href}/`,
  devOrigin: devUrl ? new URL(devUrl).origin : null,
};
/**
 * The desktop app runs the same loopback host as `npm run web` (live sessions, WebSocket) and
 * loads its pages from it, so the console and the projector are clients like any other.
 */
let liveHost: WebHost | null = null;

const pages: PageLoader = {
  load: async (win, query) => {
    const base = devUrl ?? liveHost?.url ?? null;
    if (base) {
      const qs = new URLSearchParams(query).toString();
      await win.loadURL(qs ? `${base}?${qs}` : base);
    } else {
      await win.loadFile(join(rendererDir, 'index.html'), { query });
    }
  },
};

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  md: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

if (!app.requestSingleInstanceLock()) {
  // Another Firebreak is running with the same data folder: hand over to it.
  app.quit();
} else {
  const trusted = new TrustedSenders((url) => isAppUrl(url, origin));
  let windows: WindowManager | null = null;
  const relay = registerRoomRelay({
    isConsole: (event) => trusted.isTrusted(event) && windows?.console?.webContents.id === event.sender.id,
    projector: () => windows?.projector?.webContents ?? null,
  });
  windows = new WindowManager({ preload, pages, trusted, latestRoomView: relay.latest, launchSecret: () => liveHost?.launchSecret ?? null });
  const wm = windows;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin, (url) => shell.openExternal(url)));
  app.on('second-instance', () => wm.openConsole());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!wm.console) wm.openConsole();
  });

  void app.whenReady().then(async () => {
    const dataDir = process.env.FIREBREAK_DATA ? resolve(process.env.FIREBREAK_DATA) : app.getPath('userData');
    const builtinDir = app.isPackaged ? join(process.resourcesPath, 'scenarios') : join(app.getAppPath(), 'scenarios');
    const store = new ExerciseStore(dataDir, { app: 'desktop app' });
    const library = new ScenarioLibrary({ builtinDir, userDir: join(dataDir, 'scenarios') });

    const chooseSaveTarget = async (request: SaveRequest): Promise<SaveTarget> => {
      const options: SaveDialogOptions = {
        title:
          request.what === 'report'
            ? 'Export report'
            : request.what === 'guide'
              ? 'Export facilitator guide'
              : request.what === 'msel'
                ? 'Export MSEL'
                : request.what === 'pack'
                  ? 'Export scenario pack'
                  : 'Export exercises',
        defaultPath: join(app.getPath('documents'), request.suggestedName),
        filters: [FILTERS[request.extension] ?? { name: request.extension, extensions: [request.extension] }],
        // The dialog asks before replacing a file (Linux needs the flag; macOS and Windows always ask).
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = wm.console;
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return { kind: 'cancelled' };
      return { kind: 'file', path: r.filePath, confirmedOverwrite: true };
    };

    const handlers = createHandlers({
      store,
      library,
      renderReport,
      printPdf: printHtmlInHiddenWindow,
      chooseSaveTarget,
      openProjector: async (exerciseId) => {
        const live = liveHost ? await liveHost.sessions.get(exerciseId).catch(() => null) : null;
        return wm.openProjector(exerciseId, live?.room.data.projectorKey);
      },
    });
    liveHost = await startWebHost({ port: 0, host: '127.0.0.1', dataDir, staticDir: rendererDir, builtinScenariosDir: builtinDir, handlers, store });
    if (!devUrl) {
      origin.fileBase = null;
      origin.devOrigin = new URL(liveHost.url).origin;
    }
    app.on('before-quit', () => void liveHost?.close());
    // The loopback host sends the CSP header itself.
    hardenSession(session.defaultSession, (url) => isAllowedRequest(url, origin), { cspHeader: false });
    registerInvokeHandlers(liveHost.handlers, (event) => trusted.isTrusted(event));

    const openScenario = async () => {
      const options: OpenDialogOptions = { title: 'Open scenario', filters: [{ name: 'Scenarios', extensions: ['yaml', 'yml'] }], properties: ['openFile'] };
      const parent = wm.console;
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const path = r.filePaths[0];
      if (r.canceled || !path) return;
      const entry = await library.importFile(path);
      sendMenuCommand(wm.openConsole().webContents, { type: 'scenario-opened', entry });
    };

    const menu = buildMenuTemplate({
      send: (command) => sendMenuCommand(wm.console?.webContents, command),
      openScenario: () => {
        openScenario().catch((e: unknown) => dialog.showErrorBox('Could not open the scenario', (e as Error).message));
      },
      isMac: process.platform === 'darwin',
      dev: !app.isPackaged,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
    wm.openConsole();
  });
}
