/**
 * Hardening for every window and session the app creates.
 *
 * Windows: sandboxed, context-isolated, no Node; no `window.open` (http/https links go to the
 * system browser instead), no navigation away from the app's own page, no <webview>. Session: no
 * permissions, no request to anything but the app's own files (or the dev server), and the CSP
 * header on whatever the dev server sends (file:// pages carry it in their meta tag).
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { APP_CSP } from '../../host/csp.ts';

/** Where the app's pages come from: the built files, or electron-vite's dev server. */
export interface AppOrigin {
  /** file:// URL of the built renderer folder (ends with "/"), or null in dev. */
  fileBase: string | null;
  /** The dev server origin (http://localhost:5173), or null when built. */
  devOrigin: string | null;
}

export function isAppUrl(url: string, origin: AppOrigin): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (origin.devOrigin !== null && u.origin === origin.devOrigin) return true;
  if (origin.fileBase !== null && u.protocol === 'file:') {
    return `file://${u.pathname}`.startsWith(origin.fileBase);
  }
  return false;
}

/** Requests a page may make: its own files and dev server, inline data, and devtools. */
export function isAllowedRequest(url: string, origin: AppOrigin): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:') || url.startsWith('chrome-extension:')) return true;
  if (origin.devOrigin !== null && (url.startsWith(origin.devOrigin.replace(/^http/, 'ws')) || url.startsWith(`${origin.devOrigin}/`))) return true;
  if (url.startsWith('file:')) return isAppUrl(url, origin);
  return false;
}

/** Only web links may be handed to the operating system. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** webPreferences for every app window. */
export function secureWebPreferences(preload: string | null): WebPreferences {
  return {
    ...(preload ? { preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
  };
}

/**
 * Applies the per-window rules to any webContents (call it from app 'web-contents-created').
 *
 * `openExternal` is shell.openExternal, passed in so tests can watch it.
 */
export function hardenWebContents(contents: WebContents, origin: AppOrigin, openExternal: (url: string) => Promise<void>): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide rules: no permissions, only requests `allow` accepts, and the CSP header on pages
 * served over HTTP (built pages are file:// and carry the policy in their meta tag; the dev
 * server's pages keep the relaxed dev policy vite gives them, so the header is not added there).
 */
export function hardenSession(session: Session, allow: (url: string) => boolean, options: { cspHeader: boolean }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allow(details.url) }));
  if (options.cspHeader) {
    session.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders };
      if (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame') headers['Content-Security-Policy'] = [APP_CSP];
      callback({ responseHeaders: headers });
    });
  }
}
