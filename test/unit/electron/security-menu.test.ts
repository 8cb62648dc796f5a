/** Window hardening, the menu template and projector placement, with Electron mocked. */
vi.mock('electron', () => ({ BrowserWindow: class {}, screen: {}, ipcMain: {} }));

import type { MenuItemConstructorOptions, WebContents } from 'electron';
import { hardenWebContents, isAllowedRequest, isAppUrl, isSafeExternalUrl, secureWebPreferences, type AppOrigin } from '../../../electron/main/security.ts';
import { buildMenuTemplate } from '../../../electron/main/menu.ts';
import { pickProjectorDisplay } from '../../../electron/main/windows.ts';
import type { MenuCommand } from '../../../electron/shared/desktop-bridge.ts';

const built: AppOrigin = { fileBase: 'file:///opt/Firebreak/out/renderer/', devOrigin: null };
const dev: AppOrigin = { fileBase: null, devOrigin: 'http://localhost:5173' };

describe('window security', () => {
  it('uses sandboxed, isolated, Node-free web preferences', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it.each([
    ['file:///opt/Firebreak/out/renderer/index.html?view=projector', built, true],
    ['file:///opt/Firebreak/out/renderer/../../secret.html', built, false],
    ['file:///etc/passwd', built, false],
    ['https://evil.example/', built, false],
    ['http://localhost:5173/?view=projector', dev, true],
    ['http://localhost:5174/', dev, false],
    ['not a url', built, false],
  ])('isAppUrl(%s)', (url, origin, expected) => {
    expect(isAppUrl(url, origin)).toBe(expected);
  });

  it.each([
    ['https://example.com/x', true],
    ['http://example.com/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['https://user:pw@example.com/', false],
  ])('isSafeExternalUrl(%s) → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('allows only local requests (no remote content)', () => {
    expect(isAllowedRequest('file:///opt/Firebreak/out/renderer/assets/app.js', built)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', built)).toBe(true);
    expect(isAllowedRequest('https://fonts.example.com/font.woff2', built)).toBe(false);
    expect(isAllowedRequest('file:///home/ana/.ssh/id_rsa', built)).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('file:///etc/passwd', dev)).toBe(false);
  });

  it('denies window.open (web links go to the system browser) and cancels navigation away', () => {
    let openHandler!: (d: { url: string }) => { action: string };
    const on = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (name: string, fn: (e: { preventDefault(): void }, url: string) => void) => on.set(name, fn),
    } as unknown as WebContents;
    const openExternal = vi.fn(async () => undefined);
    hardenWebContents(contents, built, openExternal);

    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);

    const away = { preventDefault: vi.fn() };
    on.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    on.get('will-navigate')!(home, 'file:///opt/Firebreak/out/renderer/index.html');
    expect(home.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    on.get('will-attach-webview')!(webview, '');
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('application menu', () => {
  function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return template.flatMap((m) => [m, ...items((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
  }

  it('sends typed commands for the UI items and uses roles for the rest', () => {
    const sent: MenuCommand[] = [];
    const openScenario = vi.fn();
    const template = buildMenuTemplate({ send: (c) => sent.push(c), openScenario, isMac: false, dev: false });
    const all = items(template);
    const click = (label: string) => (all.find((i) => i.label === label)!.click as () => void)();
    click('&New exercise');
    click('&Open scenario…');
    click('&Export report…');
    click('&Projector');
    click('&Keyboard shortcuts');
    click('&About Firebreak');
    expect(sent.map((c) => c.type)).toEqual(['new-exercise', 'export-report', 'toggle-projector', 'show-shortcuts', 'show-about']);
    expect(openScenario).toHaveBeenCalledOnce();
    const roles = all.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'quit', 'copy', 'paste']));
    expect(roles).not.toContain('toggleDevTools');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('has the app menu on macOS and developer tools only in dev', () => {
    const mac = buildMenuTemplate({ send: () => undefined, openScenario: () => undefined, isMac: true, dev: true });
    expect(mac[0]!.label).toBe('Firebreak');
    expect(items(mac).map((i) => i.role)).toContain('toggleDevTools');
  });
});

describe('projector display', () => {
  const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } };
  const beamer = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 } };
  const small = { id: 3, bounds: { x: -800, y: 0, width: 800, height: 600 } };

  it('picks a display the console is not on (the largest), or none with one display', () => {
    expect(pickProjectorDisplay([laptop], 1)).toBeNull();
    expect(pickProjectorDisplay([laptop, beamer], 1)).toEqual(beamer);
    expect(pickProjectorDisplay([laptop, beamer], 2)).toEqual(laptop);
    expect(pickProjectorDisplay([laptop, small, beamer], 1)).toEqual(beamer);
  });
});
