/**
 * The renderer's one LiveClient, against a scripted host: answers matched to their requests
 * whatever their order, requests in flight when the socket drops, resuming from the last seq held,
 * and frames a hostile or broken host sends (reported, never thrown at the screen).
 */
import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../shared/contract/live.ts';
import { LiveClient, type LiveSnapshot } from '../../../renderer/src/live/live-client.ts';
import type { LiveConnector, LiveSocketEvents } from '../../../renderer/src/live/live-connection.ts';

/** A host the test drives by hand: every socket the client opens, what it sent, and a way to answer. */
function scriptedHost() {
  const sockets: Array<{ events: LiveSocketEvents; sent: ClientMessage[]; closed: boolean }> = [];
  const timers: Array<() => void> = [];
  const connector: LiveConnector = (events) => {
    const socket = { events, sent: [] as ClientMessage[], closed: false };
    sockets.push(socket);
    return { send: (t) => socket.sent.push(JSON.parse(t) as ClientMessage), close: () => void (socket.closed = true) };
  };
  const current = () => sockets.at(-1)!;
  return {
    sockets,
    connector,
    /** Reconnect timers the client asked for (run them to reconnect). */
    timers,
    after: (_ms: number, fn: () => void) => void timers.push(fn),
    open: () => current().events.open(),
    send: (m: ServerMessage | string) => current().events.message(typeof m === 'string' ? m : JSON.stringify(m)),
    drop: () => current().events.closed(),
    sent: () => current().sent,
  };
}

const CLOCK = { t: 60_000, paused: false, speed: 60, over: false, horizon: 3_600_000 };
const view = (sentCount: number) => ({ clock: { ...CLOCK, wall: '09:01', offset: '+1m' }, response: { sentCount }, timeline: [] });

function participantClient(host: ReturnType<typeof scriptedHost>) {
  const problems: string[] = [];
  const client = new LiveClient({
    connector: host.connector,
    exerciseId: 'ex-1',
    auth: () => ({ kind: 'participant', token: 'tok_0123456789abcdef' }),
    idPrefix: 't',
    after: host.after,
    onProblem: (p) => problems.push(p),
  });
  const seen: LiveSnapshot[] = [];
  client.subscribe((next) => seen.push(next));
  client.start();
  host.open();
  return { client, problems, seen };
}

describe('LiveClient', () => {
  it('says hello with the last seq it holds, and matches answers to their requests in whatever order they come', async () => {
    const host = scriptedHost();
    const { client } = participantClient(host);
    expect(host.sent()[0]).toMatchObject({ type: 'hello', exerciseId: 'ex-1', since: 0 });

    const first = client.request({ type: 'act', input: { type: 'ACKNOWLEDGE', note: 's0' } });
    const second = client.request({ type: 'act', input: { type: 'ACKNOWLEDGE', note: 's1' } });
    const [a, b] = host.sent().slice(1) as Array<{ id: string }>;
    expect(a!.id).not.toBe(b!.id);
    // The host answers the second first: a refusal, then the first's ack.
    host.send({ type: 'refused', id: b!.id, code: 'rejected', message: 'already acknowledged' });
    host.send({ type: 'ack', id: a!.id, seq: 7 });
    expect(await first).toEqual({ type: 'ack', id: a!.id, seq: 7 });
    expect(await second).toMatchObject({ type: 'refused', id: b!.id, code: 'rejected' });
    // An answer for no request of ours changes nothing and ends nothing.
    host.send({ type: 'ack', id: 'someone-else', seq: 8 });
    expect(client.snapshot.ended).toBeNull();
  });

  it('a dropped socket answers every request in flight as not saved, then reconnects and resumes after the last seq it had', async () => {
    const host = scriptedHost();
    const { client } = participantClient(host);
    host.send({ type: 'entries', upTo: 5, full: null, public: [{ seq: 5, t: 1000, by: null, text: 'Acknowledged' }] });
    const inFlight = [client.request({ type: 'act', input: { type: 'ACKNOWLEDGE', note: 's0' } }), client.request({ type: 'hint' })];
    host.drop();
    expect(client.snapshot.status).toBe('reconnecting');
    for (const answer of await Promise.all(inFlight)) expect(answer).toMatchObject({ type: 'refused', code: 'not-saved' });
    // While down, a new request is refused at once (nothing waits for a socket that is not there).
    expect(await client.request({ type: 'hint' })).toMatchObject({ type: 'refused', code: 'not-saved' });

    expect(host.timers).toHaveLength(1);
    host.timers[0]!();
    host.open();
    expect(host.sockets).toHaveLength(2);
    expect(host.sent()[0]).toMatchObject({ type: 'hello', since: 5 });
    expect(client.snapshot.status).toBe('open');
    // The host sends what was missed, and a repeat of what the client had is not shown twice.
    host.send({
      type: 'entries',
      upTo: 6,
      full: null,
      public: [
        { seq: 5, t: 1000, by: null, text: 'Acknowledged' },
        { seq: 6, t: 2000, by: null, text: 'Investigated' },
      ],
    });
    expect(client.snapshot.entries.map((e) => e.seq)).toEqual([5, 6]);
  });

  it('reports a hostile or broken frame, keeps what it showed, and goes on reading', () => {
    const host = scriptedHost();
    const { client, problems, seen } = participantClient(host);
    host.send({ type: 'view', view: view(1) as never, version: 1 });
    expect(client.snapshot.view).toMatchObject({ response: { sentCount: 1 } });

    const hostile = [
      'not json at all',
      '[1,2,3]',
      JSON.stringify({ type: 'explode', payload: 'x' }),
      JSON.stringify({ type: 'entries', upTo: 'lots', full: null, public: [] }),
      JSON.stringify({ type: 'entries', upTo: 3, full: null, public: [{ seq: 'x' }] }),
      JSON.stringify({ type: 'view', view: { no: 'clock' } }),
      JSON.stringify({ type: 'refused', id: 7, code: 'rejected' }),
      // A patch that cannot apply (null where a patch belongs) and one that removes the clock.
      JSON.stringify({ type: 'viewPatch', base: 1, version: 2, patch: { s: { clock: null } } }),
    ];
    for (const frame of hostile) expect(() => host.send(frame)).not.toThrow();
    expect(problems).toHaveLength(hostile.length);
    expect(client.snapshot.problems).toBe(hostile.length);
    expect(client.snapshot.problem).toMatch(/patch/);
    // The screen still shows the last good view, and the client asked for the whole view again.
    expect(client.snapshot.view).toMatchObject({ response: { sentCount: 1 } });
    expect(host.sent().filter((m) => m.type === 'resync')).toHaveLength(1);
    expect(seen.every((s) => s.view === null || typeof s.view.clock.t === 'number')).toBe(true);
    expect(client.snapshot.ended).toBeNull();

    // A patch that removes the clock is refused the same way, after the host resends the whole view.
    host.send({ type: 'view', view: view(2) as never, version: 3 });
    host.send({ type: 'viewPatch', base: 3, version: 4, patch: { d: ['clock'] } });
    expect(client.snapshot.view).toMatchObject({ response: { sentCount: 2 }, clock: { t: 60_000 } });
    expect(problems.at(-1)).toMatch(/no readable view/);

    // And it goes on: the next good view and patch are shown.
    host.send({ type: 'view', view: view(2) as never, version: 5 });
    host.send({ type: 'viewPatch', base: 5, version: 6, patch: { s: { response: { s: { sentCount: { v: 3 } } } } } });
    expect(client.snapshot.view).toMatchObject({ response: { sentCount: 3 } });
  });

  it('a patch for a version it does not hold asks for the whole view once and keeps the last one meanwhile', () => {
    const host = scriptedHost();
    const { client } = participantClient(host);
    host.send({ type: 'view', view: view(1) as never, version: 1 });
    host.send({ type: 'viewPatch', base: 2, version: 3, patch: { s: { response: { s: { sentCount: { v: 9 } } } } } });
    host.send({ type: 'viewPatch', base: 3, version: 4, patch: { s: { response: { s: { sentCount: { v: 10 } } } } } });
    expect(client.snapshot.view).toMatchObject({ response: { sentCount: 1 } });
    expect(host.sent().filter((m) => m.type === 'resync')).toHaveLength(1);
  });

  it('the facilitator keeps the whole journal in seq order: a repeat or a gap is not applied', () => {
    const host = scriptedHost();
    const client = new LiveClient({ connector: host.connector, exerciseId: 'ex-1', auth: () => ({ kind: 'facilitator' }), idPrefix: 'c', after: host.after });
    client.start();
    host.open();
    const entry = (seq: number) => ({ seq, t: seq * 1000, input: { type: 'ACKNOWLEDGE' as const, note: `s${seq}` } });
    host.send({ type: 'welcome', exerciseId: 'ex-1', you: { kind: 'facilitator' }, setup: { scenarioSource: '', seed: 1, entries: [entry(1), entry(2)] } });
    expect(client.snapshot.ready).toBe(true);
    host.send({ type: 'entries', upTo: 4, full: [entry(2), entry(3), entry(5)], public: [] });
    expect(client.snapshot.journal.map((e) => e.seq)).toEqual([1, 2, 3]);
    host.send({ type: 'clock', clock: CLOCK });
    expect(client.snapshot.clock).toEqual(CLOCK);
    // Snapshots are frozen: a screen cannot change what the client holds.
    expect(Object.isFrozen(client.snapshot)).toBe(true);
  });

  it('a refusal before it has anything to show ends the console client; credentials the host does not know end a room client', () => {
    const host = scriptedHost();
    const refusedLater: string[] = [];
    const console = new LiveClient({
      connector: host.connector,
      exerciseId: 'ex-1',
      auth: () => ({ kind: 'facilitator' }),
      idPrefix: 'c',
      after: host.after,
      onRefused: (t) => refusedLater.push(t),
    });
    console.start();
    host.open();
    host.send({ type: 'refused', id: null, code: 'rejected', message: 'This exercise is finished.' });
    expect(console.snapshot.ended).toMatchObject({ kind: 'refused', code: 'rejected' });
    host.drop();
    expect(host.timers).toHaveLength(0);
    expect(refusedLater).toEqual([]);

    const room = scriptedHost();
    const { client } = participantClient(room);
    // A refused join is not the end (the page may send it again)…
    room.send({ type: 'refused', id: null, code: 'invalid', message: 'name: enter your name' });
    expect(client.snapshot.ended).toBeNull();
    // …an unknown token is.
    room.send({ type: 'refused', id: null, code: 'unauthenticated', message: 'Unknown participant.' });
    expect(client.snapshot.ended).toMatchObject({ kind: 'refused', code: 'unauthenticated', text: 'Unknown participant.' });
  });

  it('goodbye: finished, or the host’s reason; no reconnect after it', () => {
    const host = scriptedHost();
    const { client } = participantClient(host);
    host.send({ type: 'held', reason: 'The facilitator will let you in.' });
    expect(client.snapshot.held).toBe('The facilitator will let you in.');
    host.send({ type: 'bye', reason: 'You were removed from the room.' });
    expect(client.snapshot.ended).toEqual({ kind: 'bye', text: 'You were removed from the room.' });
    host.drop();
    expect(client.snapshot.status).toBe('closed');
    expect(host.timers).toHaveLength(0);
  });
});
