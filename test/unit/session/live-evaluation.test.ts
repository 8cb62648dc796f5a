/**
 * HSEEP in the live room (#19): an evaluator joins from their own device and rates objectives
 * (journaled, attributed, durable before the ack, checked by the engine); only evaluators rate;
 * the room stays open after the end for everyone's hot wash, while the console moves on to the
 * debrief, whose own records go through the same session.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import type { ParticipantView, ServerMessage } from '../../../shared/contract/live.ts';
import { parseJournal } from '../../../shared/engine/journal.ts';
import { ViewTracker } from '../../../renderer/src/live/view-tracker.ts';
import type { TestClient } from './live-test-client.ts';
import { useLiveTestHost } from './live-test-host.ts';

const live = useLiveTestHost();

const journal = async (id: string) => parseJournal(await readFile(join(live.dir, 'data', 'exercises', id, 'journal.jsonl'), 'utf8')).entries;

/** The participant's current view, rebuilt from the view and its patches as the page does. */
function viewOf(c: TestClient): ParticipantView {
  const t = new ViewTracker<ParticipantView>();
  let v: ParticipantView | null = null;
  for (const m of c.received) if (m.type === 'view' || m.type === 'viewPatch') v = t.receive(m, () => undefined) ?? v;
  return v!;
}

async function openRoom(id: string) {
  const f = await live.connect(id, { kind: 'facilitator' });
  await f.request({ type: 'clock', action: 'pause' });
  expect(await f.request({ type: 'room', action: 'open' })).toMatchObject({ type: 'ack' });
  const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
  const joinUrl = room.room.joinUrl!;
  return { f, key: joinUrl.split('/').at(-1)!, lanUrl: joinUrl.slice(0, joinUrl.indexOf('#')), room: room.room };
}

async function joinRoom(lanUrl: string, id: string, key: string, name: string, role: string): Promise<TestClient> {
  const c = await live.connect(id, { kind: 'join', key }, 0, lanUrl);
  c.sendRaw(JSON.stringify({ type: 'join', name, role }));
  await c.waitFor((m) => m.type === 'view');
  return c;
}

describe('evaluators, ratings and the hot wash in a live room', () => {
  it('an evaluator rates objectives from their device; ratings are validated, attributed and durable before the ack', async () => {
    const id = (await live.create()).id;
    const { f, key, lanUrl, room } = await openRoom(id);
    expect(room.roles.map((r) => r.id)).toContain('evaluator');
    const evaluator = await joinRoom(lanUrl, id, key, 'Eve', 'evaluator');
    const tech = await joinRoom(lanUrl, id, key, 'Tomás', 'technical_lead');

    // The evaluator's view lists the objectives; nobody else's does. The evaluator takes no team action.
    expect(viewOf(evaluator).evaluation?.objectives).toEqual([{ id: 'o1', text: 'Detect the fault', capability: null, capabilityLabel: null }]);
    expect(viewOf(evaluator).actions.allowed).toEqual([]);
    expect(viewOf(tech).evaluation).toBeNull();
    expect(await evaluator.request({ type: 'act', input: { type: 'ACKNOWLEDGE' } })).toMatchObject({ type: 'refused', code: 'forbidden' });

    // A participant who is not an evaluator may not rate.
    expect(await tech.request({ type: 'act', input: { type: 'RATE', objectiveId: 'o1', rating: 'P' } })).toMatchObject({ type: 'refused', code: 'forbidden' });

    const ack = await evaluator.request({
      type: 'act',
      input: { type: 'RATE', objectiveId: 'o1', rating: 'S', observation: 'Saw the alert, slow to declare' },
    });
    expect(ack).toMatchObject({ type: 'ack' });
    // On disk before the ack came back.
    const rated = (await journal(id)).filter((e) => e.input.type === 'RATE');
    expect(rated).toEqual([
      expect.objectContaining({
        input: { type: 'RATE', objectiveId: 'o1', rating: 'S', observation: 'Saw the alert, slow to declare' },
        by: { name: 'Eve', role: 'evaluator' },
      }),
    ]);
    expect(ack.type === 'ack' && ack.seq).toBe(rated[0]!.seq);

    // The host checks what the engine checks: the objective exists, the moment observed has happened.
    const before = (await journal(id)).length;
    expect(await evaluator.request({ type: 'act', input: { type: 'RATE', objectiveId: 'o9', rating: 'P' } })).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/unknown objective "o9"/),
    });
    expect(await evaluator.request({ type: 'act', input: { type: 'RATE', objectiveId: 'o1', rating: 'P', at: 99 * 3_600_000 } })).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/has not happened yet/),
    });
    // A rating off the scale never reaches the session.
    const from = evaluator.received.length;
    evaluator.send({ type: 'act', input: { type: 'RATE', objectiveId: 'o1', rating: 'X' } });
    expect(await evaluator.waitFor((m) => m.type === 'refused', from)).toMatchObject({ code: 'invalid', message: expect.stringMatching(/rating/) });
    expect(await journal(id)).toHaveLength(before);

    // The facilitator rates from the console; the evaluator's screen lists both ratings.
    expect(await f.request({ type: 'act', input: { type: 'RATE', objectiveId: 'o1', rating: 'M' } })).toMatchObject({ type: 'ack' });
    await evaluator.waitFor(() => viewOf(evaluator).evaluation!.ratings.length === 2);
    expect(viewOf(evaluator).evaluation!.ratings.map((r) => `${r.by}:${r.rating}`)).toEqual(['Eve:S', 'Facilitator:M']);
  });

  it('after the end the room stays for the hot wash; the console goes to the debrief, whose records go through the session', async () => {
    const id = (await live.create()).id;
    const { f, key, lanUrl } = await openRoom(id);
    const evaluator = await joinRoom(lanUrl, id, key, 'Eve', 'evaluator');
    const tech = await joinRoom(lanUrl, id, key, 'Tomás', 'technical_lead');
    const hotWash = { type: 'HOT_WASH' as const, wentWell: 'Clear roles', improve: 'Declare sooner', playbookChange: 'Page on the first alert', confidence: 3 };

    expect(await tech.request({ type: 'act', input: hotWash })).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/opens when the exercise ends/),
    });
    expect(viewOf(tech).hotWash.open).toBe(false);

    expect(await f.request({ type: 'act', input: { type: 'END' } })).toMatchObject({ type: 'ack' });
    await f.waitFor((m) => m.type === 'bye' && m.reason === 'finished');
    await tech.waitFor(() => viewOf(tech).hotWash.open);
    expect(tech.received.some((m) => m.type === 'bye')).toBe(false);

    expect(await tech.request({ type: 'act', input: hotWash })).toMatchObject({ type: 'ack' });
    expect(await tech.request({ type: 'act', input: { ...hotWash, wentWell: '', improve: '', playbookChange: '', confidence: undefined } })).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/write something/),
    });
    // Nothing but the hot wash and ratings is taken now.
    expect(await tech.request({ type: 'act', input: { type: 'ACKNOWLEDGE' } })).toMatchObject({ type: 'refused' });
    expect(await evaluator.request({ type: 'act', input: { type: 'RATE', objectiveId: 'o1', rating: 'U' } })).toMatchObject({ type: 'ack' });
    await tech.waitFor(() => viewOf(tech).hotWash.submittedBy.includes('Tomás'));

    // The facilitator's own hot wash, from the debrief over the API: the session writes it.
    const url = live.host.url.replace(/\/$/, '');
    const rec = await invokeOverHttp(
      fetch,
      url,
      'exercises:record',
      { exerciseId: id, input: { ...hotWash, wentWell: 'The room talked' }, by: { name: 'Facilitator', role: 'facilitator' } },
      live.host.launchSecret,
    );
    const entries = await journal(id);
    expect(rec.seq).toBe(entries.length);
    expect(entries.filter((e) => e.input.type === 'HOT_WASH').map((e) => e.by?.name)).toEqual(['Tomás', 'Facilitator']);
    const meta = await invokeOverHttp(fetch, url, 'exercises:load', { exerciseId: id }, live.host.launchSecret);
    expect(meta.meta.status).toBe('finished');
  });
});
