/**
 * The host owns the running exercise: clock changes are journaled, so a reload, a second console
 * and a restarted host all come back at the same sim time and speed; participants' raw messages
 * never carry facilitator-only information.
 */
import { describe, expect, it } from 'vitest';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import type { ParticipantView, ServerMessage } from '../../../shared/contract/live.ts';
import { miniSetup } from '../host/host-helpers.ts';
import { TestClient } from './live-test-client.ts';
import { useLiveTestHost } from './live-test-host.ts';

const live = useLiveTestHost();
const connect = live.connect;

async function newExercise(): Promise<string> {
  return (await live.create()).id;
}

const clockOf = (c: TestClient) => c.last('clock')!.clock;

describe('one authority for a running exercise', () => {
  it('pause, jumps, reload: back at the same sim time, paused, with the signals', async () => {
    const id = await newExercise();
    const console1 = await connect(id, { kind: 'facilitator' });
    const welcome = console1.received.find((m) => m.type === 'welcome')!;
    expect(welcome.type === 'welcome' && welcome.setup?.entries.map((e) => e.input.type)).toEqual(['ASSIGN_ROLE']);

    live.clock.advance(100); // 100 ms of wall at 60× = 6 s of sim time
    expect(await console1.request({ type: 'clock', action: 'pause' })).toMatchObject({ type: 'ack' });
    const pausedAt = clockOf(console1).t;
    expect(pausedAt).toBe(6000);
    for (let i = 0; i < 3; i++) expect(await console1.request({ type: 'clock', action: 'jump' })).toMatchObject({ type: 'ack' });
    // The mini scenario has three signals that come by themselves; a fourth jump says so and stays put.
    const t3 = clockOf(console1).t;
    expect(await console1.request({ type: 'clock', action: 'jump' })).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/Nothing else is scheduled/),
    });
    expect(clockOf(console1).t).toBe(t3);
    const after = clockOf(console1);
    expect(after.paused).toBe(true);
    expect(after.t).toBeGreaterThan(pausedAt);
    live.clock.advance(10_000); // paused: wall time passes, sim time does not
    await console1.close();

    // A reload (a new console) finds the host's state: same time, paused, same journal.
    const console2 = await connect(id, { kind: 'facilitator' });
    expect(clockOf(console2)).toMatchObject({ t: after.t, paused: true, speed: 60 });

    // A crash and restart of the host: the journal brings it back at the same moment, paused.
    await live.restart();
    const console3 = await connect(id, { kind: 'facilitator' });
    expect(clockOf(console3)).toMatchObject({ t: after.t, paused: true, speed: 60 });
    const setup = console3.received.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')!.setup!;
    expect(setup.entries.filter((e) => e.input.type === 'CLOCK')).toHaveLength(4);
  });

  it('two consoles on one exercise see every entry in the same order and neither clashes', async () => {
    const id = await newExercise();
    const a = await connect(id, { kind: 'facilitator' });
    const b = await connect(id, { kind: 'facilitator' });
    await a.request({ type: 'clock', action: 'pause' });
    const [ra, rb] = await Promise.all([
      a.request({ type: 'act', input: { type: 'ACKNOWLEDGE' }, for: 'Ana' }),
      b.request({ type: 'act', input: { type: 'PRESERVE_EVIDENCE', evidenceId: 'logs' }, for: 'Ana' }),
    ]);
    expect(ra).toMatchObject({ type: 'ack' });
    expect(rb).toMatchObject({ type: 'ack' });
    const seqs = (c: TestClient) => c.received.flatMap((m) => (m.type === 'entries' ? (m.full ?? []).map((e) => `${e.seq}:${e.input.type}`) : []));
    await b.waitFor((m) => m.type === 'entries' && (m.full ?? []).some((e) => e.seq === 4));
    await a.waitFor((m) => m.type === 'entries' && (m.full ?? []).some((e) => e.seq === 4));
    expect(seqs(a)).toEqual(seqs(b));
    expect(seqs(a)).toHaveLength(3);
  });

  it('speed changes are journaled and survive a restart', async () => {
    const id = await newExercise();
    const c = await connect(id, { kind: 'facilitator' });
    await c.request({ type: 'clock', action: 'speed', speed: 10 });
    live.clock.advance(1000); // 1 s at 10× = 10 s
    await c.request({ type: 'clock', action: 'pause' });
    expect(clockOf(c)).toMatchObject({ t: 10_000, speed: 10, paused: true });
    await live.restart();
    const again = await connect(id, { kind: 'facilitator' });
    expect(clockOf(again)).toMatchObject({ t: 10_000, speed: 10, paused: true });
  });

  it('at 1× a running clock is checkpointed every 10 wall seconds, so a crash loses at most that', async () => {
    const meta = await invokeOverHttp(fetch, live.host.url.replace(/\/$/, ''), 'exercises:create', miniSetup({ speed: 1 }), live.host.launchSecret);
    const c = await connect(meta.id, { kind: 'facilitator' });
    for (let i = 0; i < 100; i++) live.clock.advance(100); // 10 s of wall at 1×
    await c.waitFor((m) => m.type === 'entries' && (m.full ?? []).some((e) => e.input.type === 'CLOCK'));
    for (let i = 0; i < 25; i++) live.clock.advance(100); // 2.5 s more, not yet checkpointed
    const checkpoint = c.received.flatMap((m) => (m.type === 'entries' ? (m.full ?? []) : [])).find((e) => e.input.type === 'CLOCK')!;
    expect(checkpoint.t).toBe(10_000);
    expect(checkpoint.by).toBeUndefined();
    // The host dies here (no pause): it comes back at the checkpoint, paused, 2.5 s behind, not 12.5.
    await live.restart();
    const again = await connect(meta.id, { kind: 'facilitator' });
    expect(clockOf(again)).toMatchObject({ t: 10_000, paused: true, speed: 1 });
  });

  it('a page that still appends directly gets a clear conflict while the session runs', async () => {
    const id = await newExercise();
    await connect(id, { kind: 'facilitator' });
    await expect(
      invokeOverHttp(
        fetch,
        live.host.url.replace(/\/$/, ''),
        'exercises:append',
        {
          exerciseId: id,
          entries: [{ seq: 2, t: 0, input: { type: 'NOTE', text: 'x' } }],
        },
        live.host.launchSecret,
      ),
    ).rejects.toThrow(/running on this host/);
  });
});

describe('participants and the projector', () => {
  async function openRoom(id: string) {
    const f = await connect(id, { kind: 'facilitator' });
    await f.request({ type: 'clock', action: 'pause' });
    expect(await f.request({ type: 'room', action: 'open' })).toMatchObject({ type: 'ack' });
    const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
    const joinUrl = room.room.joinUrl!;
    const key = joinUrl.split('/').at(-1)!;
    const projectorKey = room.room.projectorUrl!.split('/').at(-1)!;
    return { f, key, projectorKey, lanUrl: joinUrl.slice(0, joinUrl.indexOf('#')), room: room.room };
  }

  async function join(lanUrl: string, id: string, key: string, name: string, role: string): Promise<TestClient> {
    const c = await connect(id, { kind: 'join', key }, 0, lanUrl);
    c.sendRaw(JSON.stringify({ type: 'join', name, role }));
    await c.waitFor((m) => m.type === 'view');
    return c;
  }

  it('opens a room with a join link and QR code; participants act in their role, attributed', async () => {
    const id = await newExercise();
    const { f, key, lanUrl, room } = await openRoom(id);
    expect(room.joinQrSvg).toContain('<svg');
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const comms = await join(lanUrl, id, key, 'Priya', 'communications_lead');

    expect(await tech.request({ type: 'act', input: { type: 'INVESTIGATE', investigationId: 'diff-prompts' } })).toMatchObject({ type: 'ack' });
    const refused = await comms.request({ type: 'act', input: { type: 'CONTAIN', containmentId: 'kill-switch' } });
    expect(refused).toMatchObject({ type: 'refused', code: 'forbidden' });
    const facilitatorOnly = await comms.request({ type: 'act', input: { type: 'REVEAL_HARM' } });
    expect(facilitatorOnly).toMatchObject({ type: 'refused', code: 'forbidden' });
    expect(await comms.request({ type: 'clock', action: 'pause' })).toMatchObject({ type: 'refused', code: 'forbidden' });

    const entry = await f.waitFor((m) => m.type === 'entries' && (m.full ?? []).some((e) => e.input.type === 'INVESTIGATE'));
    expect(entry.type === 'entries' && entry.full![0]!.by).toEqual({ name: 'Tomás', role: 'technical_lead' });
    const seen = await comms.waitFor((m) => m.type === 'entries' && m.public.some((e) => e.text.startsWith('Started investigating')));
    expect(seen.type === 'entries' && seen.public[0]!.by).toEqual({ name: 'Tomás', role: 'technical_lead' });
  });

  it('taking an incident role on joining is a journaled assignment by that person; a second holder of a shared role is assigned too (#16)', async () => {
    const id = await newExercise();
    const { f, key, lanUrl } = await openRoom(id);
    await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const assigned = (person: string) => (m: ServerMessage) =>
      m.type === 'entries' && (m.full ?? []).some((e) => e.input.type === 'ASSIGN_ROLE' && e.input.person === person);
    const first = await f.waitFor(assigned('Tomás'));
    expect(first.type === 'entries' && first.full!.find((e) => e.input.type === 'ASSIGN_ROLE')).toMatchObject({
      input: { type: 'ASSIGN_ROLE', role: 'technical_lead', person: 'Tomás' },
      by: { name: 'Tomás', role: 'technical_lead' },
    });
    await join(lanUrl, id, key, 'Ana', 'technical_lead');
    const second = await f.waitFor(assigned('Ana'));
    expect(second.type === 'entries' && second.full!.find((e) => e.input.type === 'ASSIGN_ROLE')!.input).toEqual({
      type: 'ASSIGN_ROLE',
      role: 'technical_lead',
      person: 'Ana',
    });
  });

  it('a second incident commander or communications lead is refused with a catalogue code; the join list says who holds it (#16)', async () => {
    const id = await newExercise(); // setup: Ana is the incident commander
    const { f, key, lanUrl, room } = await openRoom(id);
    expect(room.roles.find((r) => r.id === 'incident_commander')).toMatchObject({ heldBy: 'Ana' });
    // What a joiner is shown before choosing: the commander's role is held.
    const joiner = await connect(id, { kind: 'join', key }, 0, lanUrl);
    const welcome = joiner.received.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')!;
    expect(welcome.join?.roles.find((r) => r.id === 'incident_commander')).toMatchObject({ heldBy: 'Ana' });
    expect(welcome.join?.roles.find((r) => r.id === 'communications_lead')?.heldBy).toBeUndefined();
    joiner.sendRaw(JSON.stringify({ type: 'join', name: 'Tomás', role: 'incident_commander' }));
    const refused = await joiner.waitFor((m): m is Extract<ServerMessage, { type: 'refused' }> => m.type === 'refused');
    expect(refused.reason).toEqual({ key: 'refusal.host.role_held', values: { role: 'Incident commander', holder: 'Ana' } });
    // Ana herself may take it on her device; a communications lead is then single too.
    await join(lanUrl, id, key, 'Ana', 'incident_commander');
    await join(lanUrl, id, key, 'Priya', 'communications_lead');
    const late = await connect(id, { kind: 'join', key }, 0, lanUrl);
    late.sendRaw(JSON.stringify({ type: 'join', name: 'Lee', role: 'communications_lead' }));
    const again = await late.waitFor((m): m is Extract<ServerMessage, { type: 'refused' }> => m.type === 'refused');
    expect(again.reason).toMatchObject({ key: 'refusal.host.role_held', values: { holder: 'Priya' } });
    // The facilitator cannot move a second person into a held role either.
    const rooms = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.participants.length === 2);
    const ana = rooms.room.participants.find((p) => p.name === 'Ana')!;
    const priya = rooms.room.participants.find((p) => p.name === 'Priya')!;
    expect(await f.request({ type: 'participant', participantId: priya.id, role: 'incident_commander' })).toMatchObject({
      type: 'refused',
      reason: { key: 'refusal.host.role_held' },
    });
    expect(ana.role).toBe('incident_commander');
  });

  it("the facilitator's team actions are entered for a named participant; without one they are refused, nothing journaled (#16)", async () => {
    const id = await newExercise();
    const { f } = await openRoom(id);
    expect(await f.request({ type: 'act', input: { type: 'ACKNOWLEDGE' } })).toMatchObject({
      type: 'refused',
      reason: { key: 'refusal.host.enter_for_whom' },
    });
    expect(await f.request({ type: 'act', input: { type: 'ACKNOWLEDGE' }, for: 'Nobody' })).toMatchObject({
      type: 'refused',
      reason: { key: 'refusal.host.not_a_participant' },
    });
    expect(await f.request({ type: 'act', input: { type: 'ACKNOWLEDGE' }, for: 'ana' })).toMatchObject({ type: 'ack' });
    // The facilitator's own inputs need nobody: they are the facilitator's.
    expect(await f.request({ type: 'act', input: { type: 'NOTE', text: 'mine' } })).toMatchObject({ type: 'ack' });
    const entries = await f.waitFor((m) => m.type === 'entries' && (m.full ?? []).some((e) => e.input.type === 'NOTE'));
    const full = f.received.flatMap((m) => (m.type === 'entries' ? (m.full ?? []) : []));
    expect(entries.type).toBe('entries');
    // The two refused requests journaled nothing: one ACKNOWLEDGE (for Ana) and the note. (Counted by
    // type: clock checkpoints may be journaled meanwhile, as the room's clock runs.)
    expect(full.filter((e) => e.input.type === 'ACKNOWLEDGE' || e.input.type === 'NOTE')).toHaveLength(2);
    expect(full.find((e) => e.input.type === 'ACKNOWLEDGE')!.by).toEqual({
      name: 'Facilitator',
      role: 'facilitator',
      for: { name: 'Ana', role: 'incident_commander' },
    });
    expect(full.find((e) => e.input.type === 'NOTE')!.by).toEqual({ name: 'Facilitator', role: 'facilitator' });
  });

  it('routes signals by role and never sends facilitator-only information to participants or the projector', async () => {
    const id = await newExercise();
    const { f, key, projectorKey, lanUrl } = await openRoom(id);
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const comms = await join(lanUrl, id, key, 'Priya', 'communications_lead');
    const projector = await connect(id, { kind: 'projector', key: projectorKey }, 0, lanUrl);
    // Facilitator-only things happen: a note, an ad-hoc inject, an investigation's finding (unshared).
    await f.request({ type: 'act', input: { type: 'NOTE', text: 'SECRET-NOTE team missed the alert' } });
    await f.request({ type: 'act', input: { type: 'ADHOC_INJECT', channel: 'client', source: 'Client', title: 'Escalation', body: 'Call us' } });
    await tech.request({ type: 'act', input: { type: 'INVESTIGATE', investigationId: 'diff-prompts' } });
    // Jump through everything scheduled (signals, and the finding on the way).
    for (let i = 0; i < 10; i++) if ((await f.request({ type: 'clock', action: 'jump' })).type === 'refused') break;

    const techView = tech.last('view')!.view as ParticipantView;
    const commsView = comms.last('view')!.view as ParticipantView;
    expect(techView.signals.every((s) => s.channel !== 'client')).toBe(true);
    expect(commsView.signals.some((s) => s.channel === 'client')).toBe(true);
    expect(commsView.metrics).toEqual([]);
    expect(techView.metrics.length).toBeGreaterThan(0);
    // The timeline is routed too: a signal not sent to a role is not on its timeline either.
    const signalLines = (v: ParticipantView) => v.timeline.filter((e) => e.kind === 'signal').map((e) => e.text);
    expect(signalLines(techView)).toContain('Monitor: Error rate high');
    expect(signalLines(commsView)).not.toContain('Monitor: Error rate high');
    expect(signalLines(commsView)).toContain('Client: Complaint');
    // Each participant's panels get the team's response; findings only once shared.
    expect(techView.response.investigations.find((i) => i.id === 'diff-prompts')!.startedAt).not.toBeNull();
    expect(techView.response.investigations.find((i) => i.id === 'diff-prompts')!.finding).toBeNull();

    for (const c of [tech, comms, projector]) {
      const wire = c.raw.join('\n');
      expect(wire).not.toContain('SECRET-NOTE');
      expect(wire).not.toMatch(/redHerring|red herring|"adhoc"|adhoc-/i);
      expect(wire).not.toContain('A new prompt went live'); // the finding, not shared
      expect(wire).not.toContain('A prompt change breaks answers'); // the fault
      expect(wire).not.toContain('scenarioSource');
      expect(wire).not.toMatch(/"harm":\{|"harm":\[/);
    }
    // Shared by the facilitator: now it is on the wire.
    const shared = await f.request({ type: 'share', what: 'finding', ref: 'diff-prompts', on: true });
    if (shared.type === 'refused') {
      // the finding may not be due yet; move to it and share again
      await f.request({ type: 'clock', action: 'resume' });
      live.clock.advance(60_000);
      await f.request({ type: 'clock', action: 'pause' });
      expect(await f.request({ type: 'share', what: 'finding', ref: 'diff-prompts', on: true })).toMatchObject({ type: 'ack' });
    }
    await projector.waitFor((m) => m.type === 'view' && m.view.findings.length === 1);
  });

  it("the projector's results slide (#20): harm over time only once harm is revealed, the facilitator's choice kept and switchable after the end, nothing facilitator-only", async () => {
    const id = await newExercise();
    const { f, projectorKey, lanUrl } = await openRoom(id);
    const projector = await connect(id, { kind: 'projector', key: projectorKey }, 0, lanUrl);
    await f.request({ type: 'act', input: { type: 'NOTE', text: 'SECRET-NOTE team missed the alert' } });
    // Before harm is revealed the host will not put harm over time on the room's screen.
    expect(await f.request({ type: 'share', what: 'results-harm', ref: null, on: true })).toMatchObject({
      type: 'refused',
      reason: { key: 'refusal.host.harm_not_revealed' },
    });
    expect(f.last('room')!.room.resultsHarm).toBe(false);
    expect(await f.request({ type: 'act', input: { type: 'REVEAL_HARM' } })).toMatchObject({ type: 'ack' });
    expect(await f.request({ type: 'share', what: 'results-harm', ref: null, on: true })).toMatchObject({ type: 'ack' });
    await f.waitFor((m) => m.type === 'room' && m.room.resultsHarm === true);
    // No results (and so no slide) before the end.
    expect(projector.last('view')!.view.resultsSlide).toBeUndefined();

    expect(await f.request({ type: 'act', input: { type: 'END' } })).toMatchObject({ type: 'ack' });
    await f.waitFor((m) => m.type === 'bye');
    const harmSlide = await projector.waitFor((m) => m.type === 'view' && m.view.resultsSlide === 'harm');
    expect(harmSlide.type === 'view' && harmSlide.view.results?.harm?.curve.harms.map((h) => h.id)).toEqual(['bad-answers', 'leaks']);

    // After the end the console is the debrief: a facilitator client there switches the slide back.
    const debrief = await connect(id, { kind: 'facilitator' });
    await debrief.waitFor((m) => m.type === 'room');
    expect(await debrief.request({ type: 'share', what: 'results-harm', ref: null, on: false })).toMatchObject({ type: 'ack' });
    await projector.waitFor((m) => m.type === 'view' && m.view.resultsSlide === 'summary');
    const wire = projector.raw.join('\n');
    expect(wire).not.toContain('SECRET-NOTE');
    expect(wire).not.toContain('scenarioSource');
    expect(wire).not.toMatch(/redHerring|red herring|"adjust/i);
  });

  it('refuses bad and hostile messages with a clear error and changes nothing', async () => {
    const id = await newExercise();
    const { f, key, lanUrl } = await openRoom(id);
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const before = f.received.length;
    tech.sendRaw('not json');
    tech.sendRaw(JSON.stringify({ type: 'act', id: 'x', input: { type: 'CONTAIN', containmentId: 1 } }));
    tech.sendRaw(JSON.stringify({ type: 'hello', exerciseId: id, auth: { kind: 'facilitator' }, since: 0 }));
    const refusals = await tech.waitFor((m) => m.type === 'refused' && m.message.includes('hello'));
    expect(refusals).toBeDefined();
    expect(tech.received.filter((m) => m.type === 'refused').map((m) => m.type === 'refused' && m.code)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(f.received.slice(before).some((m) => m.type === 'entries')).toBe(false);

    // The facilitator's socket is not reachable on the LAN listener.
    const fake = await connect(id, { kind: 'facilitator' }, 0, lanUrl);
    expect(fake.received[0]).toMatchObject({ type: 'refused', code: 'forbidden' });
    // A foreign Origin is refused at the upgrade.
    await expect(TestClient.open(live.host.url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    // A wrong key is refused.
    const wrong = await connect(id, { kind: 'join', key: 'x'.repeat(32) }, 0, lanUrl);
    expect(wrong.received[0]).toMatchObject({ type: 'refused', code: 'unauthenticated' });
  });

  it('the facilitator removes a participant (their token stops working) and closes the room', async () => {
    const id = await newExercise();
    const { f, key, lanUrl } = await openRoom(id);
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const you = tech.received.find(
      (m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome' && m.you.kind === 'participant' && m.you.token !== null,
    )!;
    const token = you.you.kind === 'participant' ? you.you.token! : '';
    const pid = you.you.kind === 'participant' ? you.you.participantId! : '';
    expect(await f.request({ type: 'participant', participantId: pid, role: null })).toMatchObject({ type: 'ack' });
    await tech.waitFor((m) => m.type === 'bye');
    const back = await connect(id, { kind: 'participant', token }, 0, lanUrl);
    expect(back.received[0]).toMatchObject({ type: 'refused', code: 'unauthenticated' });
    expect(await f.request({ type: 'room', action: 'close' })).toMatchObject({ type: 'ack' });
    expect(live.host.lan.listening).toBe(false);
  });

  it('a participant that reconnects receives what it missed, in order', async () => {
    const id = await newExercise();
    const { f, key, lanUrl } = await openRoom(id);
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const welcome = tech.received.find(
      (m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome' && m.you.kind === 'participant' && m.you.token !== null,
    )!;
    const token = welcome.you.kind === 'participant' ? welcome.you.token! : '';
    const lastSeen = Math.max(...tech.received.flatMap((m) => (m.type === 'entries' ? [m.upTo] : [])));
    await tech.close();
    await f.request({ type: 'act', input: { type: 'ACKNOWLEDGE' }, for: 'Ana' });
    await f.request({ type: 'act', input: { type: 'TRIAGE', severity: 2, incidentType: 'safety' }, for: 'Ana' });
    const back = await connect(id, { kind: 'participant', token }, lastSeen, lanUrl);
    const missed = await back.waitFor((m): m is Extract<ServerMessage, { type: 'entries' }> => m.type === 'entries');
    expect(missed.public.map((e) => e.text)).toEqual(['Declared the incident', 'Triaged: severity 2, safety']);
  });

  it('limits how fast and how large messages may be, and a flood changes nothing', async () => {
    const id = await newExercise();
    const { f, key, lanUrl } = await openRoom(id);
    const tech = await join(lanUrl, id, key, 'Tomás', 'technical_lead');
    const entriesBefore = f.received.filter((m) => m.type === 'entries').length;
    // 100 frames at once: the bucket lets a burst through and refuses the rest.
    for (let i = 0; i < 100; i++) tech.sendRaw(JSON.stringify({ type: 'act', id: `x${i}`, input: { type: 'ASSIGN_ROLE', role: 'scribe', person: 'x' } }));
    await tech.waitFor((m) => m.type === 'refused' && m.code === 'rate-limited');
    const refusedCount = () => tech.received.filter((m) => m.type === 'refused').length;
    while (refusedCount() < 100) await tech.waitFor(() => true, tech.received.length);
    const refused = tech.received.filter((m) => m.type === 'refused');
    expect(refused.filter((m) => m.type === 'refused' && m.code === 'rate-limited').length).toBeGreaterThanOrEqual(50);
    // Each refusal names the request it refuses (a client waiting on x57 hears about x57, not silence).
    const limitedIds = refused.flatMap((m) => (m.type === 'refused' && m.code === 'rate-limited' ? [m.id] : []));
    expect(limitedIds.every((rid) => rid !== null && /^x\d+$/.test(rid))).toBe(true);
    expect(new Set(refused.map((m) => m.type === 'refused' && m.id)).size).toBe(100);
    expect(refused.filter((m) => m.type === 'refused' && m.code === 'forbidden').length).toBeLessThanOrEqual(40); // not this role's call
    expect(f.received.filter((m) => m.type === 'entries').length).toBe(entriesBefore);

    // A frame over the size limit closes the socket (code 1009) before it is parsed.
    const big = await connect(id, { kind: 'join', key }, 0, lanUrl);
    big.sendRaw(JSON.stringify({ type: 'join', name: 'x'.repeat(70 * 1024), role: 'scribe' }));
    await expect(big.waitFor((m) => m.type === 'view')).rejects.toThrow(/1009/);
    expect(f.received.filter((m) => m.type === 'entries').length).toBe(entriesBefore);
  });
});
