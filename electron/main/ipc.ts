/**
 * The typed IPC wrappers: the only place that touches ipcMain.
 *
 * `handle` registers one invoke channel: it drops calls from senders the app did not create (or
 * whose frame is not the app's own page), validates the payload with the contract's schema, and
 * answers with the same envelope the browser host uses, `{ ok, result }` / `{ ok, error }`, so an
 * error's code survives the trip (a thrown Error would reach the renderer as text only).
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ApiError, parseRequest, type InvokeChannel, type InvokeResponses } from '../../shared/contract/api.ts';
import { INVOKE_CHANNELS, toErrorShape, type Handler, type Handlers } from '../../host/api-handlers.ts';
import type { ApiEnvelope } from '../../host/web/http-protocol.ts';
import { EVENT_CHANNELS, type MenuCommand } from '../shared/desktop-bridge.ts';

/** The parts of an IPC event the trust check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * The webContents this app created, and what their frames may show.
 *
 * A message is trusted only when it comes from one of them, from its main frame, while that frame
 * shows the app's own page (not something it was navigated to).
 */
export class TrustedSenders {
  private readonly ids = new Set<number>();

  constructor(private readonly isAppUrl: (url: string) => boolean) {}

  add(contents: Pick<WebContents, 'id' | 'once'>): void {
    const id = contents.id;
    this.ids.add(id);
    contents.once('destroyed', () => this.ids.delete(id));
  }

  has(contents: { id: number }): boolean {
    return this.ids.has(contents.id);
  }

  isTrusted(event: SenderEvent): boolean {
    if (!event.sender || !this.ids.has(event.sender.id)) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return this.isAppUrl(frame.url);
  }
}

/** Registers one invoke channel with the trust check, payload validation and the envelope. */
export function handle<K extends InvokeChannel>(channel: K, handler: Handler<K>, trust: (event: SenderEvent) => boolean): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiEnvelope<InvokeResponses[K]>> => {
    if (!trust(event)) {
      // Nothing is run for a sender we did not create; the reason goes to our log, not to it.
      console.warn(`[ipc] refused ${channel} from untrusted sender ${event.senderFrame?.url ?? '(no frame)'}`);
      throw new ApiError('invalid-request', 'untrusted sender');
    }
    try {
      parseRequest(channel, payload);
      return { ok: true, result: await handler(payload) };
    } catch (e) {
      return { ok: false, error: toErrorShape(e) };
    }
  });
}

/** Registers every invoke channel of the contract. */
export function registerInvokeHandlers(handlers: Handlers, trust: (event: SenderEvent) => boolean): () => void {
  for (const channel of INVOKE_CHANNELS) handle(channel, handlers[channel] as Handler<typeof channel>, trust);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * The projector relay: room views from the console window go to the projector window.
 *
 * Only the console may publish; the latest view is kept so a projector that opens later shows
 * the room at once.
 */
export function registerRoomRelay(options: {
  isConsole: (event: IpcMainEvent) => boolean;
  projector: () => Pick<WebContents, 'send' | 'isDestroyed'> | null;
}): { latest: () => unknown; stop: () => void } {
  let latest: unknown = undefined;
  const listener = (event: IpcMainEvent, view: unknown) => {
    if (!options.isConsole(event)) return;
    latest = view;
    const target = options.projector();
    if (target && !target.isDestroyed()) target.send(EVENT_CHANNELS.roomView, view);
  };
  ipcMain.on(EVENT_CHANNELS.publishRoomView, listener);
  return { latest: () => latest, stop: () => ipcMain.removeListener(EVENT_CHANNELS.publishRoomView, listener) };
}

/** Sends a menu command to a window (fire and forget). */
export function sendMenuCommand(target: Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined, command: MenuCommand): void {
  if (target && !target.isDestroyed()) target.send(EVENT_CHANNELS.menuCommand, command);
}
