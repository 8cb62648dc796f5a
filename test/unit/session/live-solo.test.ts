/**
 * Solo mode is the same live session with one participant holding every role: the trainee's
 * screen gets a host-projected view (never the journal or the scenario), runs the clock, asks
 * for hints, and its raw messages carry nothing a facilitator would keep back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerMessage, SoloView } from '../../../shared/contract/live.ts';
import type { ExerciseSetup } from '../../../shared/contract/api.ts';
import { JOURNAL_FILE } from '../../../host/storage/exercise-store.ts';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import { ROOT } from '../../helpers.ts';
import type { TestClient } from './live-test-client.ts';
import { useLiveTestHost } from './live-test-host.ts';

const live = useLiveTestHost();
const connect = live.connect;

async function newExercise(overrides: Partial<ExerciseSetup> = {}): Promise<string> {
  return (await live.create({ mode: 'solo', ...overrides })).id;
}

const viewOf = (c: TestClient) => c.last('view')!.view as SoloView;

describe('solo mode: one person holding every role, served by the host', () => {
  it('the trainee runs the clock, takes every team action in their own name, and asks for hints', async () => {
    const id = await newExercise();
    const solo = await connect(id, { kind: 'solo' });
    const welcome = solo.received.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')!;
    expect(welcome.you).toEqual({ kind: 'solo', name: 'Ana' });
    expect(welcome.setup).toBeNull();

    expect(await solo.request({ type: 'clock', action: 'pause' })).toMatchObject({ type: 'ack' });
    expect(await solo.request({ type: 'clock', action: 'jump' })).toMatchObject({ type: 'ack' });
    expect(viewOf(solo).clock.paused).toBe(true);
    expect(viewOf(solo).signals.length).toBe(1);

    // Every team action, including the incident commander's and the communications lead's.
    for (const input of [
      { type: 'ACKNOWLEDGE' },
      { type: 'TRIAGE', severity: 2, incidentType: 'performance_degradation' },
      { type: 'INVESTIGATE', investigationId: 'diff-prompts' },
      { type: 'CONTAIN', containmentId: 'kill-switch' },
      { type: 'COMMUNICATE', audience: 'client', message: 'We are on it', elements: { what_happened: 'Answers are wrong since 10:00' } },
    ])
      expect(await solo.request({ type: 'act', input })).toMatchObject({ type: 'ack' });
    const team = viewOf(solo).response;
    expect(team.triage).toMatchObject({ severity: 2 });
    expect(team.containments.find((c) => c.id === 'kill-switch')!.applied).not.toBeNull();
    expect(team.investigations.find((i) => i.id === 'diff-prompts')!.startedAt).not.toBeNull();
    expect(team.obligations[0]).toMatchObject({ audience: 'client', sentAt: expect.any(Number) });
    const publicLines = solo.received.flatMap((m) => (m.type === 'entries' ? m.public : []));
    expect(publicLines.find((e) => e.text === 'Declared the incident')!.by).toEqual({ name: 'Ana', role: 'solo' });

    // The finding of the trainee's own investigation reaches them without anyone sharing it.
    expect(await solo.request({ type: 'clock', action: 'resume' })).toMatchObject({ type: 'ack' });
    live.clock.advance(31_000); // 31 s of wall at 60× = 31 sim minutes
    await solo.waitFor((m) => m.type === 'view' && (m.view as SoloView).response.investigations.some((i) => i.finding !== null));
    expect(viewOf(solo).findings.map((f) => f.title)).toEqual(['Prompt changed']);
    expect(await solo.request({ type: 'clock', action: 'pause' })).toMatchObject({ type: 'ack' });

    // Hints: the host picks the next one; its text arrives only once asked for.
    expect(viewOf(solo).response.hints).toEqual({ revealed: [], left: 1 });
    expect(await solo.request({ type: 'hint' })).toMatchObject({ type: 'ack' });
    expect(viewOf(solo).hints).toEqual(['Look at prompts.']);
    expect(viewOf(solo).response.hints).toEqual({ revealed: ['Look at prompts.'], left: 0 });
    expect(await solo.request({ type: 'hint' })).toMatchObject({ type: 'refused', message: 'No more hints in this scenario.' });

    // The journal on disk attributes every action to the trainee, clock changes included.
    const journal = await readFile(join(live.dir, 'data', 'exercises', id, JOURNAL_FILE), 'utf8');
    expect(journal).toContain('"by":{"name":"Ana","role":"solo"}');
    expect(journal).not.toContain('"role":"facilitator"');
  });

  it('refuses the facilitator’s inputs and powers, and a facilitator console or a room client', async () => {
    const id = await newExercise();
    const solo = await connect(id, { kind: 'solo' });
    for (const input of [
      { type: 'NOTE', text: 'x' },
      { type: 'ADHOC_INJECT', channel: 'client', source: 'Client', title: 'T', body: 'B' },
      { type: 'REVEAL_HARM' },
      { type: 'REVEAL_HINT', hintId: 'h1' },
      { type: 'END' },
    ])
      expect(await solo.request({ type: 'act', input })).toMatchObject({ type: 'refused', code: 'forbidden' });
    expect(await solo.request({ type: 'room', action: 'open' })).toMatchObject({ type: 'refused', code: 'forbidden' });
    expect(await solo.request({ type: 'share', what: 'briefing', ref: null, on: true })).toMatchObject({ type: 'refused', code: 'forbidden' });

    // The console would receive the whole scenario and journal: a solo exercise does not admit it.
    const console1 = await connect(id, { kind: 'facilitator' });
    expect(console1.received[0]).toMatchObject({ type: 'refused', code: 'forbidden', message: expect.stringMatching(/solo exercise/) });
    expect(console1.raw.join('')).not.toContain('scenarioSource');
    const projector = await connect(id, { kind: 'projector', key: 'k'.repeat(32) });
    expect(projector.received[0]).toMatchObject({ type: 'refused', code: 'forbidden' });

    // And a facilitated exercise has no solo screen; its participants cannot ask for hints.
    const facilitated = await newExercise({ mode: 'facilitated' });
    const wrong = await connect(facilitated, { kind: 'solo' });
    expect(wrong.received[0]).toMatchObject({ type: 'refused', code: 'forbidden' });
    const f = await connect(facilitated, { kind: 'facilitator' });
    expect(await f.request({ type: 'hint' })).toMatchObject({ type: 'refused', code: 'forbidden' });
  });

  it('a reload comes back where it was, paused, and receives only what it missed', async () => {
    const id = await newExercise();
    const solo = await connect(id, { kind: 'solo' });
    live.clock.advance(100);
    await solo.request({ type: 'clock', action: 'pause' });
    for (let i = 0; i < 2; i++) await solo.request({ type: 'clock', action: 'jump' });
    const before = viewOf(solo);
    const seen = Math.max(...solo.received.flatMap((m) => (m.type === 'entries' ? [m.upTo] : [])));
    await solo.close();
    live.clock.advance(10_000);

    const again = await connect(id, { kind: 'solo' }, seen);
    const view = await again.waitFor((m): m is Extract<ServerMessage, { type: 'view' }> => m.type === 'view');
    expect((view.view as SoloView).clock).toMatchObject({ t: before.clock.t, paused: true });
    expect((view.view as SoloView).signals).toEqual(before.signals);
    const missed = again.received.find((m): m is Extract<ServerMessage, { type: 'entries' }> => m.type === 'entries')!;
    expect(missed.public).toEqual([]);

    // A restarted host (a crash) brings it back at the same moment too.
    await again.close();
    await live.restart();
    const third = await connect(id, { kind: 'solo' });
    const v3 = await third.waitFor((m): m is Extract<ServerMessage, { type: 'view' }> => m.type === 'view');
    expect((v3.view as SoloView).clock).toMatchObject({ t: before.clock.t, paused: true });
  });
});

describe('a solo exercise whose journal was damaged on disk', () => {
  it('says so in the view, refuses to save, and works again once recovered', async () => {
    const id = await newExercise();
    const solo = await connect(id, { kind: 'solo' });
    await solo.request({ type: 'clock', action: 'pause' });
    await solo.request({ type: 'act', input: { type: 'ACKNOWLEDGE' } });
    await solo.request({ type: 'act', input: { type: 'COMMUNICATE', audience: 'internal', message: 'first update to the team' } });
    await solo.close();
    // The host is down; a byte flips inside the message's line.
    const path = join(live.dir, 'data', 'exercises', id, JOURNAL_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('first update', 'first updXte'));
    await live.restart();

    const again = await connect(id, { kind: 'solo' });
    const view = (await again.waitFor((m): m is Extract<ServerMessage, { type: 'view' }> => m.type === 'view')).view as SoloView;
    expect(view.journalDamage).toMatch(/checksum mismatch/);
    expect(await again.request({ type: 'act', input: { type: 'TRIAGE', severity: 2, incidentType: 'safety' } })).toMatchObject({
      type: 'refused',
      code: 'not-saved',
    });
    await invokeOverHttp(fetch, live.host.url.replace(/\/$/, ''), 'exercises:salvage', { exerciseId: id }, live.host.launchSecret);
    await again.waitFor((m) => m.type === 'view' && (m.view as SoloView).journalDamage === null);
    expect(await again.request({ type: 'act', input: { type: 'TRIAGE', severity: 2, incidentType: 'safety' } })).toMatchObject({ type: 'ack' });
  });
});

describe('what a solo trainee’s screen receives', () => {
  it('carries no red herring, fault, hidden metric, harm, unasked hint, unfinished finding or scenario source', async () => {
    const source = await readFile(join(ROOT, 'scenarios/silent-bias-drift.yaml'), 'utf8');
    const id = await newExercise({ scenarioId: 'silent-bias-drift', scenarioSource: source, participants: [{ name: 'Ana' }] });
    const solo = await connect(id, { kind: 'solo' });
    await solo.request({ type: 'clock', action: 'pause' });
    // Walk through every inject, start every investigation, and leave one investigation's finding due.
    for (let i = 0; i < 40; i++) {
      const r = await solo.request({ type: 'clock', action: 'jump' });
      if (r.type === 'refused') break;
    }
    const wire = solo.raw.join('\n');
    expect(wire).not.toMatch(/redHerring|red herring|"adhoc"/i);
    expect(wire).not.toContain('scenarioSource');
    expect(wire).not.toContain('CHG0020417 migrated'); // the fault's description
    expect(wire).not.toContain('Applicant-feature pipeline v4.12'); // ditto
    expect(wire).not.toContain('Feature mean, employment_tenure'); // the hidden metric
    expect(wire).not.toContain('Applications wrongly declined'); // harm, never revealed in solo
    expect(wire).not.toContain('Slice the decisions by age band'); // a hint nobody asked for
    expect(wire).not.toContain('The shift is concentrated in thin-file applicants'); // a finding not yet found
    expect(wire).not.toMatch(/"harm":\{|"harm":\[/);
    expect(wire).not.toContain('"rubric"');
    expect(wire).not.toContain('Quiet failure');
    expect(viewOf(solo).signals.length).toBeGreaterThan(3);
    expect(viewOf(solo).metrics.length).toBeGreaterThan(0);
  });
});
