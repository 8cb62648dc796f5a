/**
 * The console window and the projector window.
 *
 * The projector opens on request, full screen on a second display when there is one (any display
 * other than the console's), windowed beside the console otherwise. Both load the same renderer
 * page; the projector's has `?view=projector&exerciseId=…` and gets the room view relayed from
 * the console (ipc.ts registerRoomRelay).
 */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Display, type Rectangle } from 'electron';
import { secureWebPreferences } from './security.ts';
import type { TrustedSenders } from './ipc.ts';
import { EVENT_CHANNELS, PROJECTOR_QUERY } from '../shared/desktop-bridge.ts';

export interface PageLoader {
  /** Loads the renderer page with a query string (loadFile when built, loadURL in dev). */
  load(window: BrowserWindow, query: Record<string, string>): Promise<void>;
}

/** The display for the projector: one the console is not on, preferring the largest. */
export function pickProjectorDisplay(
  displays: ReadonlyArray<Pick<Display, 'id' | 'bounds'>>,
  consoleDisplayId: number | null,
): Pick<Display, 'id' | 'bounds'> | null {
  const others = displays.filter((d) => d.id !== consoleDisplayId);
  if (others.length === 0 || displays.length < 2) return null;
  return [...others].sort((a, b) => b.bounds.width * b.bounds.height - a.bounds.width * a.bounds.height)[0]!;
}

/** The preload reads the launch secret from its renderer's arguments (electron/preload/index.ts). */
function secretArguments(secret: string | null): string[] {
  return secret ? [`--firebreak-launch-secret=${secret}`] : [];
}

export class WindowManager {
  console: BrowserWindow | null = null;
  projector: BrowserWindow | null = null;
  private projectorExercise: string | null = null;

  constructor(
    private readonly options: {
      preload: string;
      pages: PageLoader;
      trusted: TrustedSenders;
      /** Sends the latest room view to a projector that has just loaded. */
      latestRoomView: () => unknown;
      /** The loopback host's launch secret, handed to each window's preload (never put in a URL). */
      launchSecret?: () => string | null;
    },
  ) {}

  private create(bounds: Partial<Rectangle>, extra: BrowserWindowConstructorOptions = {}): BrowserWindow {
    const win = new BrowserWindow({
      ...bounds,
      show: false,
      backgroundColor: '#111418',
      title: 'Firebreak',
      webPreferences: { ...secureWebPreferences(this.options.preload), additionalArguments: secretArguments(this.options.launchSecret?.() ?? null) },
      ...extra,
    });
    this.options.trusted.add(win.webContents);
    win.once('ready-to-show', () => win.show());
    return win;
  }

  openConsole(): BrowserWindow {
    if (this.console && !this.console.isDestroyed()) {
      this.console.focus();
      return this.console;
    }
    const win = this.create({ width: 1440, height: 900 }, { minWidth: 960, minHeight: 600 });
    this.console = win;
    win.on('closed', () => {
      this.console = null;
      // The projector has nothing to show without the console.
      if (this.projector && !this.projector.isDestroyed()) this.projector.close();
    });
    void this.options.pages.load(win, {});
    return win;
  }

  /** Opens (or focuses) the projector for an exercise. Returns true when a window is showing. */
  async openProjector(exerciseId: string, key?: string): Promise<boolean> {
    // The projector is a client of the host's live session; the key lets it in.
    const query = { ...PROJECTOR_QUERY, exerciseId, ...(key ? { key } : {}) };
    if (this.projector && !this.projector.isDestroyed()) {
      if (this.projectorExercise !== exerciseId) {
        this.projectorExercise = exerciseId;
        await this.options.pages.load(this.projector, query);
      }
      this.projector.focus();
      return true;
    }
    const consoleDisplay = this.console ? screen.getDisplayMatching(this.console.getBounds()).id : null;
    const target = pickProjectorDisplay(screen.getAllDisplays(), consoleDisplay);
    const win = target
      ? this.create({ ...target.bounds }, { fullscreen: true, autoHideMenuBar: true })
      : this.create({ width: 1280, height: 720 }, { autoHideMenuBar: true });
    win.setTitle('Firebreak — projector');
    this.projector = win;
    this.projectorExercise = exerciseId;
    win.on('closed', () => {
      this.projector = null;
      this.projectorExercise = null;
    });
    win.webContents.on('did-finish-load', () => {
      const view = this.options.latestRoomView();
      if (view !== undefined && !win.isDestroyed()) win.webContents.send(EVENT_CHANNELS.roomView, view);
    });
    await this.options.pages.load(win, query);
    return true;
  }

  closeProjector(): void {
    if (this.projector && !this.projector.isDestroyed()) this.projector.close();
  }
}
