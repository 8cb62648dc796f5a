/**
 * Carries RoomViews from the console to the projector window.
 *
 * Electron: `window.firebreak.publishRoomView` / `onRoomView` when the preload provides them.
 * Browser: a BroadcastChannel('firebreak-room') between same-origin windows. Tests pass an
 * in-memory transport instead.
 */
import { desktopBridge } from '../api/desktop-bridge.ts';
import { asRoomView, type RoomView } from './room-view.ts';

export interface RoomTransport {
  publish(view: RoomView): void;
  /** Listens for views of one exercise; returns the unsubscribe function. */
  subscribe(exerciseId: string, listener: (view: RoomView) => void): () => void;
}

export const ROOM_CHANNEL = 'firebreak-room';

function filtered(exerciseId: string, listener: (view: RoomView) => void) {
  return (data: unknown) => {
    const view = asRoomView(data);
    if (view && view.exerciseId === exerciseId) listener(view);
  };
}

export function broadcastRoomTransport(): RoomTransport | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let sender: BroadcastChannel | null = null;
  return {
    publish(view) {
      sender ??= new BroadcastChannel(ROOM_CHANNEL);
      sender.postMessage(view);
    },
    subscribe(exerciseId, listener) {
      const ch = new BroadcastChannel(ROOM_CHANNEL);
      const handle = filtered(exerciseId, listener);
      ch.onmessage = (ev: MessageEvent) => handle(ev.data);
      return () => ch.close();
    },
  };
}

function desktopRoomTransport(): RoomTransport | null {
  const bridge = desktopBridge();
  if (!bridge?.publishRoomView || !bridge.onRoomView) return null;
  const { publishRoomView, onRoomView } = bridge;
  return {
    publish: (view) => publishRoomView(view),
    subscribe(exerciseId, listener) {
      const off = onRoomView(filtered(exerciseId, listener));
      return typeof off === 'function' ? off : () => {};
    },
  };
}

/** The transport for this environment: the desktop bridge if present, else BroadcastChannel. */
export function defaultRoomTransport(): RoomTransport | null {
  return desktopRoomTransport() ?? broadcastRoomTransport();
}

/** A same-process transport (tests, and a console previewing its own room view). */
export function memoryRoomTransport(): RoomTransport & { last: RoomView | null } {
  const listeners = new Set<(data: unknown) => void>();
  const t = {
    last: null as RoomView | null,
    publish(view: RoomView) {
      t.last = view;
      // Simulate the structured clone a real channel does.
      const copy: unknown = JSON.parse(JSON.stringify(view));
      for (const l of [...listeners]) l(copy);
    },
    subscribe(exerciseId: string, listener: (view: RoomView) => void) {
      const l = filtered(exerciseId, listener);
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
  return t;
}
