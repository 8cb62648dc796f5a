/**
 * A real browser host for live-session tests: a temporary data folder, the host on a random
 * loopback port with a fake wall clock (tests move time by hand), its LAN listener on loopback
 * too, and the test's sockets, all closed after each test. `restart()` stops the host the way a
 * crash leaves it (nothing more is written) and starts a new one on the same data.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ExerciseMeta, ExerciseSetup } from '../../../shared/contract/api.ts';
import { startWebHost, type WebHost } from '../../../host/web/server.ts';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import { FakeWallClock } from '../../../renderer/src/session/wall-clock.ts';
import { ROOT } from '../../helpers.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { TestClient } from './live-test-client.ts';

export interface LiveTestHost {
  readonly host: WebHost;
  readonly clock: FakeWallClock;
  /** The temporary folder (data/ holds the store). */
  readonly dir: string;
  /** Connects to /live on the loopback listener (or `baseUrl`), closed after the test. */
  connect(exerciseId: string, auth: Parameters<typeof TestClient.connect>[2], since?: number, baseUrl?: string): Promise<TestClient>;
  /** Creates an exercise over HTTP (the mini scenario at 60× unless overridden). */
  create(overrides?: Partial<ExerciseSetup>): Promise<ExerciseMeta>;
  restart(): Promise<void>;
}

/** Call at the top of a test file (or a describe): one fresh host per test. */
export function useLiveTestHost(options: { live?: Parameters<typeof startWebHost>[0]['live'] } = {}): LiveTestHost {
  let root: { dir: string; cleanup: () => Promise<void> };
  let host: WebHost;
  let clock: FakeWallClock;
  const clients: TestClient[] = [];

  async function start(): Promise<void> {
    clock = new FakeWallClock();
    host = await startWebHost({
      port: 0,
      dataDir: join(root.dir, 'data'),
      staticDir: join(root.dir, 'static'),
      builtinScenariosDir: join(ROOT, 'test/fixtures'),
      timer: clock,
      lan: { bindHost: '127.0.0.1', advertiseHost: '127.0.0.1' },
      ...(options.live ? { live: options.live } : {}),
    });
  }

  beforeEach(async () => {
    root = await tempDir();
    await mkdir(join(root.dir, 'static'), { recursive: true });
    await start();
  });
  afterEach(async () => {
    // Ended without a closing handshake: a socket that stopped reading would never finish one.
    for (const c of clients.splice(0)) c.ws.terminate();
    await host.close();
    await root.cleanup();
  });

  return {
    get host() {
      return host;
    },
    get clock() {
      return clock;
    },
    get dir() {
      return root.dir;
    },
    async connect(exerciseId, auth, since = 0, baseUrl = host.url) {
      // The console and the solo screen present the launch secret, as the page opened from the host's link does.
      const withKey =
        (auth.kind === 'facilitator' || auth.kind === 'solo') && !('secret' in auth) && host.launchSecret ? { ...auth, secret: host.launchSecret } : auth;
      const c = await TestClient.connect(baseUrl, exerciseId, withKey, since);
      clients.push(c);
      return c;
    },
    create(overrides = {}) {
      return invokeOverHttp(fetch, host.url.replace(/\/$/, ''), 'exercises:create', miniSetup({ speed: 60, ...overrides }), host.launchSecret);
    },
    async restart() {
      await host.close();
      await start();
    },
  };
}
