/**
 * What the desktop app adds to the contract: fire-and-forget channels and `window.firebreak`.
 *
 * The invoke channels are the contract's (shared/contract/api.ts). These are the one-way messages:
 * menu commands from main to the console window, and the room view relayed from the console to
 * the projector window. Types only at runtime, so the preload and the renderer can both import it.
 */
import type { ApiErrorShape, FirebreakApi, ScenarioEntry } from '../../shared/contract/api.ts';

/** Main → renderer: an application-menu item was chosen. */
export type MenuCommand =
  | { type: 'new-exercise' }
  /** Main showed the Open dialog, read the file as bytes and added it to the library. */
  | { type: 'scenario-opened'; entry: ScenarioEntry }
  | { type: 'export-report' }
  | { type: 'toggle-projector' }
  | { type: 'show-shortcuts' }
  | { type: 'show-about' };

export type MenuCommandType = MenuCommand['type'];

/** One-way channel names. */
export const EVENT_CHANNELS = {
  /** main → console: MenuCommand */
  menuCommand: 'menu:command',
  /** console → main: the room view (whatever the renderer shows on the projector) */
  publishRoomView: 'room:publish',
  /** main → projector: the latest room view */
  roomView: 'room:view',
} as const;

/**
 * `window.firebreak` in the desktop app: the contract's invoke methods plus the one-way ones.
 *
 * Invoke methods reject with a plain `{ code, message }` object (ApiErrorShape): custom fields on
 * an Error do not survive the context bridge, plain objects do.
 */
export type DesktopBridge = FirebreakApi & {
  readonly host: 'desktop';
  /** The loopback host's launch secret: the console's live socket presents it (host/room/admission.ts). */
  readonly launchSecret?: string;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** Console window: sends the room view to the projector (main relays it). */
  publishRoomView(view: unknown): void;
  /** Projector window: receives room views; returns the unsubscribe function. */
  onRoomView(callback: (view: unknown) => void): () => void;
};

export type BridgeError = ApiErrorShape;

/** The query string the projector window's page is loaded with. */
export const PROJECTOR_QUERY = { view: 'projector' } as const;
