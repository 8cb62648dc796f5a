/**
 * The room under attack, on the real host: limits per participant (not per socket), a join flood
 * that never keeps a real latecomer out once the facilitator acts, clients that stop reading
 * (dropped, host memory bounded, caught up on reconnect), and a local process without the launch
 * secret. Counts are bounded and every wait is on a message or a state, never on time.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { LobbyInfo, ServerMessage } from '../../../shared/contract/live.ts';
import { MAX_SOCKETS, RATE_BURST } from '../../../host/room/client-limits.ts';
import { MAX_WAITING } from '../../../host/room/waiting-room.ts';
import { TestClient } from './live-test-client.ts';
import { useLiveTestHost, type LiveTestHost } from './live-test-host.ts';

const HEAVY = { timeout: 300_000 };

async function openRoom(live: LiveTestHost, id: string) {
  const f = await live.connect(id, { kind: 'facilitator' });
  await f.request({ type: 'clock', action: 'pause' });
  expect(await f.request({ type: 'room', action: 'open' })).toMatchObject({ type: 'ack' });
  const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
  const joinUrl = room.room.joinUrl!;
  return { f, key: joinUrl.split('/').at(-1)!, lanUrl: joinUrl.slice(0, joinUrl.indexOf('#')) };
}

/** Opens the join link and sends a name; resolves on what came back: in (a view), held (waiting), or refused. */
async function tryJoin(
  live: LiveTestHost,
  lanUrl: string,
  id: string,
  key: string,
  name: string,
): Promise<{ c: TestClient; outcome: 'in' | 'held' | 'refused' }> {
  const c = await live.connect(id, { kind: 'join', key }, 0, lanUrl);
  c.sendRaw(JSON.stringify({ type: 'join', name, role: 'scribe' }));
  const m = await c.waitFor((x) => x.type === 'view' || x.type === 'held' || x.type === 'refused').catch(() => ({ type: 'refused' as const }));
  return { c, outcome: m.type === 'view' ? 'in' : m.type === 'held' ? 'held' : 'refused' };
}

const lobbyOf = (f: TestClient): LobbyInfo | undefined => f.last('lobby')?.lobby;

describe('limits per participant', () => {
  const live = useLiveTestHost();

  it('ten sockets of one participant: at most a few stay open, and together they act no faster than one', HEAVY, async () => {
    const { id } = await live.create();
    const { f, key, lanUrl } = await openRoom(live, id);
    const first = await tryJoin(live, lanUrl, id, key, 'Mallory');
    expect(first.outcome).toBe('in');
    const token = first.c.last('welcome')!.you;
    if (token.kind !== 'participant' || !token.token) throw new Error('no token');
    const sockets = [first.c];
    for (let i = 0; i < 9; i++) sockets.push(await live.connect(id, { kind: 'participant', token: token.token }, 0, lanUrl));
    // Each new socket replaced the oldest beyond the cap: only the newest stay, the rest were told why.
    const open = sockets.filter((s) => s.closed === null && !s.received.some((m) => m.type === 'bye'));
    expect(open.length).toBeLessThanOrEqual(MAX_SOCKETS.participant);
    for (const s of sockets.slice(0, -MAX_SOCKETS.participant)) {
      const bye = await s.waitFor((m) => m.type === 'bye');
      expect(bye).toMatchObject({ reason: expect.stringContaining('another tab or device') });
    }

    // The open ones flood together: the shared bucket lets at most one burst through.
    const entriesBefore = f.received.filter((m) => m.type === 'entries').length;
    const flood = 60;
    for (const s of open) for (let i = 0; i < flood; i++) s.send({ type: 'act', input: { type: 'NOTE', text: `spam ${i}` } });
    // Every frame is answered: an ack, a refusal for this role, or a rate-limit refusal (which has no id).
    const answered = (s: TestClient) => s.received.filter((m) => m.type === 'ack' || m.type === 'refused').length;
    for (const s of open) while (answered(s) < flood) await s.waitFor(() => true, s.received.length);
    // Handled (journaled, or refused on its merits) versus refused for the rate: one burst for the person.
    const handled = open.flatMap((s) => s.received.filter((m) => m.type === 'ack' || (m.type === 'refused' && m.code !== 'rate-limited'))).length;
    expect(handled).toBeGreaterThan(0);
    expect(handled).toBeLessThanOrEqual(RATE_BURST + 5); // one burst (and what refills meanwhile), not one per socket
    const limited = open.flatMap((s) => s.received.filter((m) => m.type === 'refused' && m.code === 'rate-limited')).length;
    expect(limited).toBe(open.length * flood - handled);
    const acked = open.flatMap((s) => s.received.filter((m) => m.type === 'ack')).length;
    // The facilitator saw exactly the acknowledged ones journaled.
    while (f.received.filter((m) => m.type === 'entries').length - entriesBefore < acked) await f.waitFor(() => true, f.received.length);
  });

  it('a local process without the launch secret cannot act as the facilitator or watch as one', async () => {
    const { id } = await live.create();
    for (const auth of [{ kind: 'facilitator' as const }, { kind: 'facilitator' as const, secret: 'B'.repeat(32) }]) {
      const c = await TestClient.connect(live.host.url, id, auth);
      const refused = await c.waitFor((m) => m.type === 'refused');
      expect(refused).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('launch secret') });
      expect(c.received.some((m) => m.type === 'welcome')).toBe(false);
    }
    const ok = await live.connect(id, { kind: 'facilitator' });
    expect(ok.last('welcome')?.setup).not.toBeNull();
  });
});

describe('a join flood', () => {
  const live = useLiveTestHost();

  it('500 fake joiners never keep a real latecomer out once the facilitator acts', HEAVY, async () => {
    const { id } = await live.create();
    const { f, key, lanUrl } = await openRoom(live, id);
    const outcomes = { in: 0, held: 0, refused: 0 };
    for (let batch = 0; batch < 500; batch += 50) {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => tryJoin(live, lanUrl, id, key, `bot ${batch + i}`)));
      for (const r of results) outcomes[r.outcome]++;
    }
    // A few within the address's join rate came straight in; the waiting room holds a bounded number; the rest were refused.
    expect(outcomes.in).toBeLessThan(30);
    expect(outcomes.held).toBe(MAX_WAITING);
    expect(outcomes.refused).toBe(500 - outcomes.in - MAX_WAITING);
    // Refused sockets may still be closing: a handful over what is kept.
    expect(live.host.liveStats().sockets).toBeLessThanOrEqual(20 + outcomes.in + MAX_WAITING);
    while ((lobbyOf(f)?.count ?? 0) < MAX_WAITING) await f.waitFor(() => true, f.received.length);

    // The facilitator sends every waiting joiner away at once, then lets the latecomer in by name.
    expect(await f.request({ type: 'admission', action: 'turn-away', who: 'all' })).toMatchObject({ type: 'ack' });
    expect(lobbyOf(f)?.count).toBe(0);
    const latecomer = await tryJoin(live, lanUrl, id, key, 'Real Latecomer');
    if (latecomer.outcome === 'held') {
      while (!lobbyOf(f)?.waiting.some((w) => w.name === 'Real Latecomer')) await f.waitFor(() => true, f.received.length);
      const who = lobbyOf(f)!.waiting.find((w) => w.name === 'Real Latecomer')!.id;
      expect(await f.request({ type: 'admission', action: 'admit', who })).toMatchObject({ type: 'ack' });
    }
    await latecomer.c.waitFor((m) => m.type === 'view');
    expect(latecomer.c.last('welcome')?.you).toMatchObject({ kind: 'participant', name: 'Real Latecomer' });
    const room = await f.waitFor(
      (m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.participants.some((p) => p.name === 'Real Latecomer'),
    );
    expect(room.room.participants.length).toBe(outcomes.in + 1);
  });

  it('in manual mode everyone waits; admit all lets them in, and closing the room sends the waiting away', HEAVY, async () => {
    const { id } = await live.create();
    const { f, key, lanUrl } = await openRoom(live, id);
    expect(await f.request({ type: 'admission', action: 'mode', mode: 'manual' })).toMatchObject({ type: 'ack' });
    const a = await tryJoin(live, lanUrl, id, key, 'Ana');
    const b = await tryJoin(live, lanUrl, id, key, 'Ben');
    expect([a.outcome, b.outcome]).toEqual(['held', 'held']);
    expect(await f.request({ type: 'admission', action: 'admit', who: 'all' })).toMatchObject({ type: 'ack' });
    await a.c.waitFor((m) => m.type === 'view');
    await b.c.waitFor((m) => m.type === 'view');
    const c = await tryJoin(live, lanUrl, id, key, 'Cy');
    expect(c.outcome).toBe('held');
    expect(await f.request({ type: 'room', action: 'close' })).toMatchObject({ type: 'ack' });
    expect(await c.c.waitFor((m) => m.type === 'bye')).toMatchObject({ reason: expect.stringContaining('closed the room') });
    // The projector link was rotated with the join link.
    const closed = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && !m.room.open);
    expect(closed.room.projectorUrl).not.toBe(undefined);
  });
});

describe('clients that stop reading', () => {
  const CAP = 64 * 1024;
  const live = useLiveTestHost({ live: { maxBufferedBytes: CAP, joinBurst: 100 } });

  it('40 sockets that never read are dropped with host memory bounded; a reader keeps up; a dropped one catches up on reconnect', HEAVY, async () => {
    const { id } = await live.create({ speed: 1 });
    const { f, key, lanUrl } = await openRoom(live, id);
    expect(await f.request({ type: 'clock', action: 'resume' })).toMatchObject({ type: 'ack' });
    const slow: TestClient[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await tryJoin(live, lanUrl, id, key, `slow ${i}`);
      expect(r.outcome).toBe('in');
      (r.c.ws as unknown as { _socket: Socket })._socket.pause(); // reads nothing from here on
      slow.push(r.c);
    }
    const reader = (await tryJoin(live, lanUrl, id, key, 'Reader')).c;
    const slowToken = (slow[0]!.last('welcome')!.you as { token: string }).token;

    // Traffic: the clock runs, and every participant is sent its view four times a (fake) second.
    let peak = 0;
    const bound = 40 * (CAP + 64 * 1024) + 256 * 1024; // each socket: its cap plus one message in flight
    for (let i = 0; i < 20_000 && live.host.liveStats().droppedSlow < 40; i++) {
      const before = f.received.length;
      live.clock.advance(250);
      peak = Math.max(peak, live.host.liveStats().bufferedBytes);
      // The clock moved (the console heard it at once), or a checkpoint is being written: wait for it.
      if (f.received.length === before) await f.waitFor(() => true, before);
      await new Promise((r) => setImmediate(r)); // let the sockets write what the kernel takes
    }
    await f.request({ type: 'act', input: { type: 'NOTE', text: 'after the drop' } });
    expect(live.host.liveStats().droppedSlow).toBe(40);
    expect(peak).toBeLessThanOrEqual(bound);
    expect(live.host.liveStats().bufferedBytes).toBeLessThan(CAP);
    // The reader got everything, in order.
    const last = f.last('entries')!.upTo;
    while (reader.received.filter((m) => m.type === 'entries').at(-1)?.upTo !== last) await reader.waitFor(() => true, reader.received.length);

    // A dropped participant's page reconnects with the last seq it saw and gets what it missed.
    const back = await live.connect(id, { kind: 'participant', token: slowToken }, 1, lanUrl);
    const missed = await back.waitFor((m): m is Extract<ServerMessage, { type: 'entries' }> => m.type === 'entries');
    expect(missed.upTo).toBe(last);
  });
  it('a console whose first messages together exceed the cap is served, not dropped as a slow reader (the UI bench console never loaded)', async () => {
    // The cap is 64 kB here: a journal of notes larger than that arrives in one tick's writes.
    const { id } = await live.create({ speed: 1 });
    const f = await live.connect(id, { kind: 'facilitator' });
    await f.request({ type: 'clock', action: 'pause' });
    for (let i = 0; i < 30; i++) await f.request({ type: 'act', input: { type: 'NOTE', text: `note ${i} `.padEnd(3000, 'x') } });
    const again = await live.connect(id, { kind: 'facilitator' });
    // Its welcome carries the whole journal (over the cap on its own), then the clock and the room.
    const welcome = await again.waitFor((m) => m.type === 'welcome');
    expect(JSON.stringify(welcome).length).toBeGreaterThan(CAP);
    await again.waitFor((m) => m.type === 'room');
    expect(await again.request({ type: 'act', input: { type: 'NOTE', text: 'still here' } })).toMatchObject({ type: 'ack' });
    expect(live.host.liveStats().droppedSlow).toBe(0);
  });
});
