/** The preload bridge, with Electron mocked: what page code gets as window.firebreak. */
const mock = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, (...a: unknown[]) => void>();
  return {
    exposed,
    listeners,
    invoke: vi.fn(),
    send: vi.fn(),
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (mock.exposed[key] = api) },
  ipcRenderer: {
    invoke: mock.invoke,
    send: mock.send,
    on: (channel: string, fn: (...a: unknown[]) => void) => mock.listeners.set(channel, fn),
    removeListener: (channel: string) => mock.listeners.delete(channel),
  },
}));

import { invokeSchemas } from '../../../shared/contract/api.ts';
import type { DesktopBridge } from '../../../electron/shared/desktop-bridge.ts';

beforeAll(async () => {
  await import('../../../electron/preload/index.ts');
});

const bridge = () => mock.exposed.firebreak as DesktopBridge;

describe('preload bridge', () => {
  it('exposes exactly one method per contract channel plus the event helpers', () => {
    const keys = Object.keys(bridge()).sort();
    expect(keys).toEqual([...Object.keys(invokeSchemas), 'host', 'onMenuCommand', 'onRoomView', 'publishRoomView'].sort());
  });

  it('unwraps a success and rejects with { code, message } on failure', async () => {
    mock.invoke.mockResolvedValueOnce({ ok: true, result: { deleted: 'ex-1' } });
    await expect(bridge()['exercises:delete']({ exerciseId: 'ex-1' })).resolves.toEqual({ deleted: 'ex-1' });
    expect(mock.invoke).toHaveBeenLastCalledWith('exercises:delete', { exerciseId: 'ex-1' });

    mock.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'conflict', message: 'seq 3: entry 3 is already in the journal' } });
    await expect(bridge()['exercises:append']({ exerciseId: 'ex-1', entries: [{ seq: 3, t: 0, input: { type: 'CLOCK' } }] })).rejects.toEqual({
      name: 'ApiError',
      code: 'conflict',
      message: 'seq 3: entry 3 is already in the journal',
    });
  });

  it('passes menu commands and room views without the IPC event, and unsubscribes', () => {
    const commands: unknown[] = [];
    const off = bridge().onMenuCommand((c) => commands.push(c));
    mock.listeners.get('menu:command')!({ sender: 'secret' }, { type: 'new-exercise' });
    expect(commands).toEqual([{ type: 'new-exercise' }]);
    off();
    expect(mock.listeners.has('menu:command')).toBe(false);

    const views: unknown[] = [];
    bridge().onRoomView((v) => views.push(v));
    mock.listeners.get('room:view')!({ sender: 'secret' }, { phase: 'triaged' });
    expect(views).toEqual([{ phase: 'triaged' }]);

    bridge().publishRoomView({ phase: 'contained' });
    expect(mock.send).toHaveBeenCalledWith('room:publish', { phase: 'contained' });
  });
});
