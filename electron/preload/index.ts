/**
 * The preload bridge: `window.firebreak`, one small named method per contract channel.
 *
 * Runs sandboxed (only `electron`'s renderer modules are available), so it imports types only
 * from the contract. Invoke results arrive as envelopes; a failure rejects with a plain
 * `{ code, message }` (custom Error fields would not cross the context bridge). The raw IPC event
 * is never handed to page code.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { InvokeChannel, InvokeRequest, InvokeResponses } from '../../shared/contract/api.ts';
import type { ApiEnvelope } from '../../host/web/http-protocol.ts';
import type { DesktopBridge, MenuCommand } from '../shared/desktop-bridge.ts';

// Literal names (not imported) so the sandboxed bundle stays free of other modules.
const MENU_COMMAND = 'menu:command';
const PUBLISH_ROOM_VIEW = 'room:publish';
const ROOM_VIEW = 'room:view';

async function invoke<K extends InvokeChannel>(channel: K, request: InvokeRequest<K>): Promise<InvokeResponses[K]> {
  const envelope = (await ipcRenderer.invoke(channel, request)) as ApiEnvelope<InvokeResponses[K]>;
  if (envelope.ok) return envelope.result;
  // A plain object survives the context bridge with its code; an Error subclass would not.
  return Promise.reject({ name: 'ApiError', code: envelope.error.code, message: envelope.error.message });
}

function subscribe<T>(channel: string, callback: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: T) => callback(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

/** The host's launch secret, handed over by main as a command-line argument of this renderer only. */
const SECRET_ARG = '--firebreak-launch-secret=';
const launchSecret = process.argv.find((a) => a.startsWith(SECRET_ARG))?.slice(SECRET_ARG.length);

const api = {
  host: 'desktop',
  ...(launchSecret ? { launchSecret } : {}),
  'scenarios:list': (r) => invoke('scenarios:list', r),
  'scenarios:import': (r) => invoke('scenarios:import', r),
  'scenarios:save': (r) => invoke('scenarios:save', r),
  'scenarios:exportPack': (r) => invoke('scenarios:exportPack', r),
  'scenarios:importPack': (r) => invoke('scenarios:importPack', r),
  'exercises:create': (r) => invoke('exercises:create', r),
  'exercises:append': (r) => invoke('exercises:append', r),
  'exercises:list': (r) => invoke('exercises:list', r),
  'exercises:rows': (r) => invoke('exercises:rows', r),
  'exercises:load': (r) => invoke('exercises:load', r),
  'exercises:finish': (r) => invoke('exercises:finish', r),
  'exercises:saveDebrief': (r) => invoke('exercises:saveDebrief', r),
  'exercises:record': (r) => invoke('exercises:record', r),
  'exercises:delete': (r) => invoke('exercises:delete', r),
  'exercises:restore': (r) => invoke('exercises:restore', r),
  'exercises:exportArchive': (r) => invoke('exercises:exportArchive', r),
  'exercises:importArchive': (r) => invoke('exercises:importArchive', r),
  'report:export': (r) => invoke('report:export', r),
  'report:progress': (r) => invoke('report:progress', r),
  'guide:export': (r) => invoke('guide:export', r),
  'msel:export': (r) => invoke('msel:export', r),
  'projector:open': (r) => invoke('projector:open', r),
  'exercises:salvage': (r) => invoke('exercises:salvage', r),
  'exercises:removeEmpty': (r) => invoke('exercises:removeEmpty', r),
  'programme:settings': (r) => invoke('programme:settings', r),
  'programme:saveSettings': (r) => invoke('programme:saveSettings', r),
  'programme:publish': (r) => invoke('programme:publish', r),
  'programme:status': (r) => invoke('programme:status', r),
  'programme:teamActions': (r) => invoke('programme:teamActions', r),
  onMenuCommand: (callback: (command: MenuCommand) => void) => subscribe<MenuCommand>(MENU_COMMAND, callback),
  publishRoomView: (view: unknown) => ipcRenderer.send(PUBLISH_ROOM_VIEW, view),
  onRoomView: (callback: (view: unknown) => void) => subscribe<unknown>(ROOM_VIEW, callback),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('firebreak', api);

export type { DesktopBridge };
