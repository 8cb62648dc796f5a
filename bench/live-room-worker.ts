/**
 * The live bench's room (bench/live.ts), run in a worker thread: the facilitator and the 300
 * participants' sockets, the actions and the timing. In a room each device reads and renders on
 * its own; simulated on the host's thread, the 300 clients' frame reading and patching sat in
 * the host's event loop and was timed as if the host did it (a third of that thread's busy time
 * at 300 clients). Here the host's thread does only the host's work, as in a room; the clients
 * still share one thread between them, so their side is, if anything, slower than 300 devices.
 * Both ends of every measured interval are read on this thread (one clock).
 *
 * Messages: in `workerData` what to run; out `{ type: 'acting' }` when the measured actions start,
 * `{ type: 'device', joinUrl }` when it waits for a page to join (the bench's screenshot; answered
 * `admit` until the page is in, then `go`), and `{ type: 'result', ... }`; then `close` ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openRoom, roleOf, sendUntilAccepted, viewShows, type Client } from './live-clients.ts';

export interface RoomTask {
  hostUrl: string;
  launchSecret: string | null;
  source: string;
  clients: number;
  actions: number;
  floorActions: number;
  idleMs: number;
  /** Leave one place for a participant's page (the bench's screenshot). */
  device: boolean;
}

export interface RoomResult {
  type: 'result';
  exerciseId: string;
  floor: number[];
  latencies: number[];
  perClient: number[];
  running: boolean;
  /** How many messages were sent (the last one reads `bench-<sent>`). */
  sent: number;
}

const task = workerData as RoomTask;
const port = parentPort!;
const next = (type: string) =>
  new Promise<void>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      port.off('message', on);
      resolve();
    };
    port.on('message', on);
  });

const { meta, f, joinOne: joinRoom, joinUrl } = await openRoom(task.hostUrl, task.launchSecret, task.source);
const people: Client[] = [];
const joinOne = (i: number, role = roleOf(i)) => joinRoom(people, i, role);
let sent = 0;
/** Messages by the client liaisons in turn (the commander alone before they join); each done when every client's view shows it. */
const act = async (actions: number): Promise<number[]> => {
  const liaisons = people.filter((_, i) => roleOf(i) === 'client_liaison');
  const senders = liaisons.length > 0 ? liaisons : [people[0]!];
  const latencies: number[] = [];
  for (let n = 0; n < actions; n++) {
    const sender = senders[n % senders.length]!;
    const target = ++sent;
    const shown = people.map((c) => viewShows(c, target));
    const t0 = performance.now();
    void sendUntilAccepted(sender, { type: 'act', id: `a${target}`, input: { type: 'COMMUNICATE', audience: 'client', message: `bench-${target}` } });
    await Promise.all(shown);
    latencies.push(performance.now() - t0);
  }
  return latencies;
};
await joinOne(0);
f.ws.send(JSON.stringify({ type: 'clock', id: 'r', action: 'resume' }));
const floor = await act(task.floorActions);
for (let i = 1; i < (task.device ? task.clients - 1 : task.clients); i++) await joinOne(i);
if (task.device) {
  // The page joins through the waiting room: the facilitator lets it in when asked.
  const admitting = (m: { type: string }) => {
    if (m.type === 'admit') void sendUntilAccepted(f, { type: 'admission', id: `adm-page-${Date.now()}`, action: 'admit', who: 'all' }).catch(() => undefined);
  };
  port.on('message', admitting);
  const go = next('go');
  port.postMessage({ type: 'device', joinUrl });
  await go;
  port.off('message', admitting);
}
port.postMessage({ type: 'acting' });
const latencies = await act(task.actions);
// Idle with the clock running: what each client receives per second.
const bytes0 = people.map((c) => c.bytes);
const tIdle = performance.now();
await new Promise((r) => setTimeout(r, task.idleMs));
const idleSeconds = (performance.now() - tIdle) / 1000;
const perClient = people.map((c, i) => (c.bytes - bytes0[i]!) / idleSeconds / 1000);
const running = await new Promise<boolean>((resolve) => {
  const off = f.onMessage((m) => {
    if (m.type !== 'clock') return;
    off();
    resolve(!m.clock.paused);
  });
});
const closing = next('close');
port.postMessage({ type: 'result', exerciseId: meta.id, floor, latencies, perClient, running, sent } satisfies RoomResult);
await closing;
for (const c of [f, ...people]) c.ws.close();
await new Promise((r) => setTimeout(r, 200));
process.exit(0);
