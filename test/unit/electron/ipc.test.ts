/**
 * The main-process IPC wrapper, with Electron mocked (importing the real module would try to
 * download the Electron binary).
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  return {
    handlers,
    listeners,
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
      on: (channel: string, fn: Listener) => listeners.set(channel, fn),
      removeListener: (channel: string) => listeners.delete(channel),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }));

import { invokeSchemas } from '../../../shared/contract/api.ts';
import type { Handlers } from '../../../host/api-handlers.ts';
import { handle, registerInvokeHandlers, registerRoomRelay, sendMenuCommand, TrustedSenders, type SenderEvent } from '../../../electron/main/ipc.ts';

const APP_URL = 'file:///opt/Firebreak/resources/app.asar/out/renderer/index.html';
const isAppUrl = (url: string) => url.startsWith('file:///opt/Firebreak/resources/app.asar/out/renderer/');

function fakeContents(id: number) {
  const destroyed: (() => void)[] = [];
  return {
    id,
    once: (event: string, fn: () => void) => {
      if (event === 'destroyed') destroyed.push(fn);
    },
    destroy: () => destroyed.forEach((fn) => fn()),
  };
}

function event(senderId: number, url = APP_URL, parent: unknown = null): SenderEvent {
  return { sender: { id: senderId }, senderFrame: { url, parent } } as unknown as SenderEvent;
}

afterEach(() => {
  electron.handlers.clear();
  electron.listeners.clear();
});

describe('TrustedSenders', () => {
  const trusted = new TrustedSenders(isAppUrl);
  const ours = fakeContents(1);
  trusted.add(ours as never);

  it.each([
    ['our window showing our page', event(1), true],
    ['a webContents we did not create', event(2), false],
    ['our window navigated elsewhere', event(1, 'https://evil.example/'), false],
    ['a subframe of our window', event(1, APP_URL, { url: APP_URL }), false],
    ['an event without a frame (navigated away mid-call)', { sender: { id: 1 }, senderFrame: null } as unknown as SenderEvent, false],
  ])('%s → %s', (_what, e, expected) => {
    expect(trusted.isTrusted(e)).toBe(expected);
  });

  it('forgets a window when it is destroyed', () => {
    const t = new TrustedSenders(isAppUrl);
    const c = fakeContents(9);
    t.add(c as never);
    expect(t.isTrusted(event(9))).toBe(true);
    c.destroy();
    expect(t.isTrusted(event(9))).toBe(false);
  });
});

describe('handle()', () => {
  const trusted = new TrustedSenders(isAppUrl);
  trusted.add(fakeContents(1) as never);
  const trust = (e: SenderEvent) => trusted.isTrusted(e);

  it('runs the handler for a trusted sender with a valid payload and wraps the result', async () => {
    const handler = vi.fn(async () => ({ deleted: 'ex-1' }));
    handle('exercises:delete', handler, trust);
    await expect(electron.handlers.get('exercises:delete')!(event(1), { exerciseId: 'ex-1' })).resolves.toEqual({ ok: true, result: { deleted: 'ex-1' } });
    expect(handler).toHaveBeenCalledWith({ exerciseId: 'ex-1' });
  });

  it('rejects an untrusted sender without running the handler', async () => {
    const handler = vi.fn(async () => ({ deleted: 'ex-1' }));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    handle('exercises:delete', handler, trust);
    await expect(electron.handlers.get('exercises:delete')!(event(2), { exerciseId: 'ex-1' })).rejects.toThrow('untrusted sender');
    await expect(electron.handlers.get('exercises:delete')!(event(1, 'https://evil.example/'), { exerciseId: 'ex-1' })).rejects.toThrow('untrusted sender');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    [undefined, '(payload)'],
    [{ exerciseId: '../../etc' }, 'exerciseId'],
    [{ exerciseId: 'ex-1', extra: 1 }, 'extra'],
  ])('answers a bad payload %j with invalid-request naming %s, without running the handler', async (payload, field) => {
    const handler = vi.fn(async () => ({ deleted: 'x' }));
    handle('exercises:delete', handler, trust);
    const r = await electron.handlers.get('exercises:delete')!(event(1), payload);
    expect(r).toEqual({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(field) } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps an error code across the boundary', async () => {
    const { ApiError } = await import('../../../shared/contract/api.ts');
    handle(
      'exercises:load',
      async () => {
        throw new ApiError('not-found', 'no exercise "ex-1"');
      },
      trust,
    );
    await expect(electron.handlers.get('exercises:load')!(event(1), { exerciseId: 'ex-1' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no exercise "ex-1"' },
    });
  });

  it('registers every contract channel, and unregisters them', () => {
    const handlers = Object.fromEntries(Object.keys(invokeSchemas).map((c) => [c, vi.fn()])) as unknown as Handlers;
    const stop = registerInvokeHandlers(handlers, trust);
    expect([...electron.handlers.keys()].sort()).toEqual(Object.keys(invokeSchemas).sort());
    stop();
    expect(electron.handlers.size).toBe(0);
  });
});

describe('projector relay and menu commands', () => {
  it('relays room views from the console only, and remembers the latest', () => {
    const projector = { send: vi.fn(), isDestroyed: () => false };
    const relay = registerRoomRelay({ isConsole: (e) => e.sender.id === 1, projector: () => projector });
    const publish = electron.listeners.get('room:publish')!;
    publish({ sender: { id: 1 } }, { phase: 'detected' });
    publish({ sender: { id: 2 } }, { phase: 'forged' });
    expect(projector.send.mock.calls).toEqual([['room:view', { phase: 'detected' }]]);
    expect(relay.latest()).toEqual({ phase: 'detected' });
    relay.stop();
    expect(electron.listeners.has('room:publish')).toBe(false);
  });

  it('sends menu commands on menu:command, and not to a destroyed window', () => {
    const live = { send: vi.fn(), isDestroyed: () => false };
    const dead = { send: vi.fn(), isDestroyed: () => true };
    sendMenuCommand(live, { type: 'new-exercise' });
    sendMenuCommand(dead, { type: 'new-exercise' });
    sendMenuCommand(null, { type: 'new-exercise' });
    expect(live.send).toHaveBeenCalledWith('menu:command', { type: 'new-exercise' });
    expect(dead.send).not.toHaveBeenCalled();
  });
});
