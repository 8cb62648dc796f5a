/**
 * 30 participants on loopback send actions at once: every acknowledged action is in the journal
 * exactly once, and every client sees the entries in the one order the journal has.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../host/web/server.ts';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import { FakeWallClock } from '../../../renderer/src/session/wall-clock.ts';
import { parseJournal } from '../../../shared/engine/journal.ts';
import type { ServerMessage } from '../../../shared/contract/live.ts';
import { ROOT } from '../../helpers.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { TestClient } from './live-test-client.ts';

const CLIENTS = 30;
const EACH = 5;

let root: { dir: string; cleanup: () => Promise<void> };
let host: WebHost;
const clients: TestClient[] = [];

beforeEach(async () => {
  root = await tempDir();
  await mkdir(join(root.dir, 'static'), { recursive: true });
  host = await startWebHost({
    port: 0,
    dataDir: join(root.dir, 'data'),
    staticDir: join(root.dir, 'static'),
    builtinScenariosDir: join(ROOT, 'test/fixtures'),
    timer: new FakeWallClock(),
    lan: { bindHost: '127.0.0.1', advertiseHost: '127.0.0.1' },
    // All of them join from 127.0.0.1 at once: above the waiting room's per-address rate.
    live: { joinBurst: CLIENTS },
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await host.close();
  await root.cleanup();
});

it(`${CLIENTS} participants acting concurrently: each acknowledged action once, one order for all`, async () => {
  const meta = await invokeOverHttp(fetch, host.url.replace(/\/$/, ''), 'exercises:create', miniSetup(), host.launchSecret);
  const f = await TestClient.connect(host.url, meta.id, { kind: 'facilitator', secret: host.launchSecret! });
  clients.push(f);
  await f.request({ type: 'room', action: 'open' });
  const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
  const joinUrl = room.room.joinUrl!;
  const lan = joinUrl.slice(0, joinUrl.indexOf('#'));
  const key = joinUrl.split('/').at(-1)!;

  const people: TestClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c = await TestClient.connect(lan, meta.id, { kind: 'join', key });
    clients.push(c);
    c.sendRaw(JSON.stringify({ type: 'join', name: `P${i}`, role: 'client_liaison' }));
    await c.waitFor((m) => m.type === 'view');
    people.push(c);
  }
  const startFrom = people.map((c) => c.received.length);

  const answers = await Promise.all(
    people.flatMap((c, i) =>
      Array.from({ length: EACH }, (_, k) => c.request({ type: 'act', input: { type: 'COMMUNICATE', audience: 'client', message: `m-${i}-${k}` } })),
    ),
  );
  expect(answers.every((a) => a.type === 'ack')).toBe(true);
  const ackedSeqs = answers.map((a) => (a.type === 'ack' ? a.seq! : -1));
  expect(new Set(ackedSeqs).size).toBe(CLIENTS * EACH);

  const journal = parseJournal(await readFile(join(root.dir, 'data', 'exercises', meta.id, 'journal.jsonl'), 'utf8'));
  const messages = journal.entries.flatMap((e) => (e.input.type === 'COMMUNICATE' ? [e.input.message] : []));
  expect(messages).toHaveLength(CLIENTS * EACH);
  expect(new Set(messages).size).toBe(CLIENTS * EACH);
  for (const seq of ackedSeqs) expect(journal.entries[seq - 1]!.input.type).toBe('COMMUNICATE');

  // Every client saw every entry, in the journal's order.
  const lastSeq = Math.max(...ackedSeqs);
  await Promise.all(people.map((c) => c.waitFor((m) => m.type === 'entries' && m.public.some((e) => e.seq === lastSeq))));
  const order = journal.entries.filter((e) => e.input.type === 'COMMUNICATE').map((e) => e.seq);
  people.forEach((c, i) => {
    const seen = c.received.slice(startFrom[i]).flatMap((m) => (m.type === 'entries' ? m.public.map((e) => e.seq) : []));
    expect(seen).toEqual(order);
  });
}, 30_000);
