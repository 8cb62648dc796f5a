/**
 * What the Electron preload may put on `window.firebreak`, read without declaring a global.
 *
 * The preload owns the one declaration of `window.firebreak`; the renderer only feature-detects
 * it here, so the two never clash and the browser build works without it.
 */
import type { FirebreakApi } from '../../../shared/contract/api.ts';
import type { DesktopBridge as PreloadBridge, MenuCommand } from '../../../electron/shared/desktop-bridge.ts';

export type { MenuCommand };

/**
 * `window.firebreak` as the renderer sees it: the invoke channels, with the preload's one-way
 * extras optional (feature-detected, so a test's plain fake API works too).
 */
export type DesktopBridge = FirebreakApi & Partial<Pick<PreloadBridge, 'publishRoomView' | 'onRoomView' | 'onMenuCommand' | 'host'>>;

/** `window.firebreak` when running inside Electron (or a test installed a fake), else null. */
export function desktopBridge(): DesktopBridge | null {
  if (typeof window === 'undefined') return null;
  const candidate = (window as unknown as { firebreak?: unknown }).firebreak;
  return candidate && typeof candidate === 'object' ? (candidate as DesktopBridge) : null;
}
