/**
 * kill -9 of the host in the middle of a stream of actions, many times: after a restart, every
 * action the host acknowledged is in the journal, exactly once, in the order it was acknowledged,
 * and the exercise carries on from there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '../../shared/engine/journal.ts';
import { invokeOverHttp } from '../../host/web/http-protocol.ts';
import type { ServerMessage } from '../../shared/contract/live.ts';
import { TestClient } from '../unit/session/live-test-client.ts';
import { miniSetup } from '../unit/host/host-helpers.ts';
import { E2E_SECRET, newDataDir, useHosts } from './harness.ts';

const TRIALS = 8;

describe('kill -9 of the host mid-session', () => {
  const hosts = useHosts();

  // Each trial starts two hosts (one killed): about 5 s each on a quiet machine, 15 s at one core
  // beside a busy loop (8 trials passed the 120 s default there), so the budget is per trial.
  it(`loses no acknowledged action (${TRIALS} trials)`, { timeout: TRIALS * 60_000 }, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      let host = await hosts.start(newDataDir());
      const meta = await invokeOverHttp(fetch, host.url, 'exercises:create', miniSetup({ speed: 60 }), E2E_SECRET);
      const f = await TestClient.connect(`${host.url}/`, meta.id, { kind: 'facilitator', secret: E2E_SECRET });
      await f.request({ type: 'room', action: 'open' });
      const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
      const lan = room.room.joinUrl!.slice(0, room.room.joinUrl!.indexOf('#'));
      const key = room.room.joinUrl!.split('/').at(-1)!;
      const p = await TestClient.connect(lan, meta.id, { kind: 'join', key });
      p.sendRaw(JSON.stringify({ type: 'join', name: 'Lee', role: 'communications_lead' }));
      const welcome = await p.waitFor(
        (m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome' && m.you.kind === 'participant' && m.you.token !== null,
      );
      const token = welcome.you.kind === 'participant' ? welcome.you.token! : '';

      // Two clients stream actions; the host is killed after a number of acks that varies by trial.
      const acked: Array<{ seq: number; text: string }> = [];
      const killAfter = 3 + ((trial * 7) % 17);
      let dead = false;
      const stream = async (c: TestClient, make: (i: number) => Record<string, unknown>, tag: string) => {
        for (let i = 0; !dead; i++) {
          const text = `${tag}-${i}`;
          const a = await c.request({ type: 'act', input: make(i) }).catch(() => null);
          if (!a || a.type !== 'ack') return;
          acked.push({ seq: a.seq!, text });
        }
      };
      const killing = (async () => {
        while (acked.length < killAfter) await f.waitFor(() => true, f.received.length);
        dead = true;
        await host.kill();
      })();
      await Promise.all([
        stream(f, (i) => ({ type: 'NOTE', text: `f-${i}` }), 'f'),
        stream(p, (i) => ({ type: 'COMMUNICATE', audience: 'client', message: `p-${i}` }), 'p'),
        killing,
      ]);

      const journal = parseJournal(readFileSync(join(host.dataDir, 'exercises', meta.id, 'journal.jsonl'), 'utf8'));
      const textOf = (seq: number) => {
        const input = journal.entries[seq - 1]?.input;
        return input?.type === 'NOTE' ? input.text : input?.type === 'COMMUNICATE' ? input.message : null;
      };
      for (const a of acked) expect(textOf(a.seq), `trial ${trial}: acked seq ${a.seq}`).toBe(a.text);
      const texts = journal.entries.flatMap((e) => (e.input.type === 'NOTE' ? [e.input.text] : e.input.type === 'COMMUNICATE' ? [e.input.message] : []));
      expect(new Set(texts).size).toBe(texts.length);

      // Restart on the same port: the participant's token still works and the exercise goes on.
      host = await hosts.start(host.dataDir, host.port);
      const back = await TestClient.connect(lan, meta.id, { kind: 'participant', token });
      const next = await back.request({ type: 'act', input: { type: 'COMMUNICATE', audience: 'client', message: 'after restart' } });
      expect(next).toMatchObject({ type: 'ack', seq: journal.entries.length + 1 });
      await back.close();
      await host.stop();
    }
  });
});
