/** What the host projects for the room and for each role (host/session/projection.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { participantView, projectorView, publicEntries, roleMay, type ProjectionInput } from '../../../host/session/projection.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { MINUTE } from '../../../shared/scenario/duration.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';
import { DEFAULT_ROUTING } from '../../../shared/contract/live.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { roomResults } from '../../../shared/views/room-results.ts';

function drillRun(): ExerciseRun {
  const r = loadScenario(readFileSync(join(ROOT, 'test/component/fixtures/drill.yaml'), 'utf8'));
  if (!r.ok) throw new Error('fixture does not load');
  return new ExerciseRun(r.scenario, 7);
}

const input = (run: ExerciseRun, over: Partial<ProjectionInput['share']> = {}): ProjectionInput => ({
  exerciseId: 'x',
  team: 'Blue',
  clock: { t: run.now, paused: false, speed: 60, over: run.over, horizon: run.horizon },
  share: { sharedFindings: [], spotlight: null, briefing: false, ...over },
  entries: run.entries.map((e) => ({ ...e, by: { name: 'Ana', role: 'technical_lead' } })),
});

describe('the projector view', () => {
  it('carries no red-herring marker, harm, hidden entry, private metric or unshared finding', () => {
    const run = drillRun();
    run.apply({ type: 'NOTE', text: 'Team ignored the disk alert' }, 15 * MINUTE);
    run.apply({ type: 'ADHOC_INJECT', channel: 'internal', source: 'CTO', title: 'Any update?', body: 'Need status.' }, 16 * MINUTE);
    // Investigated once the fault is there (an earlier look reads normal): the finding shows the defect.
    run.apply({ type: 'INVESTIGATE', investigationId: 'diff-prompts' }, 60 * MINUTE);
    run.advanceTo(95 * MINUTE);
    const view = projectorView(run, input(run));
    const json = JSON.stringify(view);
    expect(view.signals.map((s) => s.title)).toEqual(['Any update?', 'Disk 85% full', 'Error rate high']);
    expect(json).not.toMatch(/red.?herring/i);
    expect(json).not.toContain('adhoc');
    expect(view.harm).toBeNull();
    expect(json).not.toContain('Bad answers');
    expect(json).not.toContain('Fault begins');
    expect(json).not.toContain('Team ignored');
    expect(json).not.toContain('Facilitator inject');
    expect(json).not.toContain('Prompt changed');
    expect(view.metrics.map((m) => m.id)).toEqual(['errors']);
    expect(view.phaseLabel).toBe('Normal operations'); // an investigation alone is not detection (declaring, triaging, containing or notifying is)
    // Actions are attributed in the room's timeline.
    expect(view.timeline.find((e) => e.kind === 'action')?.text).toMatch(/Started investigating: .* \(Ana, Technical lead\)/);

    const quiet = drillRun();
    quiet.advanceTo(70 * MINUTE);
    expect(quiet.phase).toBe('quietFailure');
    expect(projectorView(quiet, input(quiet)).phaseLabel).toBe('Normal operations');

    expect(projectorView(run, input(run, { sharedFindings: ['diff-prompts'] })).findings.map((f) => f.title)).toEqual(['Prompt changed']);
    run.apply({ type: 'REVEAL_HARM' });
    expect(projectorView(run, input(run)).harm?.map((h) => h.label)).toEqual(['Bad answers']);
  });

  it('shows the briefing only when asked, and a spotlight by signal index', () => {
    const run = drillRun();
    run.advanceTo(70 * MINUTE);
    expect(projectorView(run, input(run, { briefing: true })).briefing?.title).toBe('Drill incident');
    expect(projectorView(run, input(run)).briefing).toBeNull();
    expect(projectorView(run, input(run, { spotlight: 1 })).spotlight?.title).toBe(run.context.signals[1]!.title);
  });
});

describe('the results view for the room (#20)', () => {
  it('appears when the exercise is over, reads the score card, hides when the facilitator turns it off, and carries nothing facilitator-only', () => {
    const run = drillRun();
    run.apply({ type: 'NOTE', text: 'Team ignored the disk alert' }, 15 * MINUTE);
    run.advanceTo(95 * MINUTE);
    expect(projectorView(run, input(run)).results).toBeNull(); // not before the end
    run.apply({ type: 'ACKNOWLEDGE' });
    run.apply({ type: 'RESOLVE' });
    expect(run.over).toBe(true);
    const card = scoreFinishedRun(run);
    const view = projectorView(run, input(run));
    // Harm over time only once the facilitator has revealed harm: not here.
    expect(view.results).toEqual({ ...roomResults(run.scenario, card), harm: null });
    expect(view.results!.overall).toBe(card.overall);
    expect(view.results!.dimensions.map((d) => d.verdict)).toEqual(card.dimensions.map((d) => d.verdict.status));
    expect(view.results!.targets.find((x) => x.id === 'mttd')!.verdict).toBe(card.verdicts.mttd.status);
    // Never contained: the room reads "never", not the censored span the score counts.
    expect(card.mttc).toBeNull();
    expect(view.results!.targets.find((x) => x.id === 'mttc')).toMatchObject({ value: null, verdict: 'missed' });
    // The same for a participant's device; off when the facilitator chose not to share it.
    expect(participantView(run, input(run), 'technical_lead', []).results).toEqual(view.results);
    expect(projectorView(run, input(run, { results: false })).results).toBeNull();
    const json = JSON.stringify(view.results);
    expect(json).not.toContain('Team ignored');
    expect(json).not.toMatch(/adjust|fault|herring|note/i);
  });

  it("carries harm over time with the team's decisions once the facilitator has revealed harm", () => {
    const run = drillRun();
    run.apply({ type: 'NOTE', text: 'Team ignored the disk alert' }, 15 * MINUTE);
    run.advanceTo(95 * MINUTE);
    run.apply({ type: 'REVEAL_HARM' });
    run.apply({ type: 'ACKNOWLEDGE' });
    run.apply({ type: 'RESOLVE' });
    const harm = projectorView(run, input(run)).results!.harm!;
    expect(harm.curve.harms.length).toBeGreaterThan(0);
    expect(harm.curve.points.at(-1)!.t).toBe(harm.curve.horizon);
    // The team's decisions, numbered, as messages each page words in its language.
    expect(harm.decisions.map((d) => [d.n, d.msg.key])).toEqual([
      [1, 'input.ACKNOWLEDGE'],
      [2, 'input.RESOLVE'],
    ]);
    expect(participantView(run, input(run), 'technical_lead', []).results!.harm).toEqual(harm);
    expect(JSON.stringify(harm)).not.toMatch(/Team ignored|adjust|herring|note/i);
    expect(harm.currency).toBe(run.scenario.currency);
  });

  it('puts the slide the facilitator chose on the projector: harm over time only while the results carry it', () => {
    const run = drillRun();
    run.advanceTo(95 * MINUTE);
    run.apply({ type: 'REVEAL_HARM' });
    run.apply({ type: 'ACKNOWLEDGE' });
    run.apply({ type: 'RESOLVE' });
    expect(projectorView(run, input(run)).resultsSlide).toBe('summary');
    expect(projectorView(run, input(run, { resultsHarm: true })).resultsSlide).toBe('harm');
    // Participants' devices show the score card and harm over time together: no slide on their view.
    expect(participantView(run, input(run, { resultsHarm: true }), 'technical_lead', []).resultsSlide).toBeUndefined();

    // Harm never revealed: the score card, whatever was asked.
    const hidden = drillRun();
    hidden.advanceTo(95 * MINUTE);
    hidden.apply({ type: 'ACKNOWLEDGE' });
    hidden.apply({ type: 'RESOLVE' });
    const view = projectorView(hidden, input(hidden, { resultsHarm: true }));
    expect(view.results!.harm).toBeNull();
    expect(view.resultsSlide).toBe('summary');
  });
});

describe('role views', () => {
  it('routes signals and dashboards by role, and lists only the role’s actions', () => {
    const run = drillRun();
    run.apply({ type: 'ADHOC_INJECT', channel: 'client', source: 'Client', title: 'Where is my answer?', body: 'Escalating.' }, 5 * MINUTE);
    run.advanceTo(70 * MINUTE);
    const comms = participantView(run, input(run), 'communications_lead', []);
    const tech = participantView(run, input(run), 'technical_lead', []);
    const ic = participantView(run, input(run), 'incident_commander', []);
    expect(comms.signals.map((s) => s.channel)).toEqual(['client']);
    expect(comms.metrics).toEqual([]);
    expect(comms.actions.allowed).toEqual(['ACKNOWLEDGE', 'COMMUNICATE', 'PLAN_NOTICE']); // a dated plan keeps a notice not yet due open
    expect(comms.actions.allowed).not.toContain('INVESTIGATE');
    expect(tech.signals.some((s) => s.channel === 'client')).toBe(false);
    expect(tech.metrics.map((m) => m.id)).toEqual(['errors']);
    expect(tech.actions.allowed).toContain('INVESTIGATE');
    expect(tech.response.investigations.map((i) => i.id)).toContain('diff-prompts');
    expect(ic.signals).toHaveLength(run.context.signals.length);
    expect(ic.actions.allowed).toContain('TRIAGE');
  });

  it('a per-inject route overrides the channel rule (data, as a scenario will give it)', () => {
    const run = drillRun();
    run.advanceTo(70 * MINUTE);
    const alert = run.context.signals.find((s) => s.channel === 'monitoring_alert')!;
    const routing = { roles: DEFAULT_ROUTING.roles, injects: { [alert.id]: ['communications_lead' as const] } };
    const comms = participantView(run, { ...input(run), routing }, 'communications_lead', []);
    const tech = participantView(run, { ...input(run), routing }, 'technical_lead', []);
    expect(comms.signals.map((s) => s.title)).toContain(alert.title);
    expect(tech.signals.map((s) => s.title)).not.toContain(alert.title);
    expect(projectorView(run, { ...input(run), routing }).signals.map((s) => s.title)).toContain(alert.title);
  });

  it('keeps facilitator inputs and other roles’ calls away from participants', () => {
    expect(roleMay('incident_commander', { type: 'REVEAL_HARM' })).toMatch(/facilitator/);
    expect(roleMay('incident_commander', { type: 'NOTE', text: 'x' })).toMatch(/facilitator/);
    expect(roleMay('communications_lead', { type: 'CONTAIN', containmentId: 'x' })).toMatch(/cannot/);
    expect(roleMay('client_liaison', { type: 'COMMUNICATE', audience: 'public', message: 'x' })).toMatch(/does not write to public/);
    expect(roleMay('client_liaison', { type: 'COMMUNICATE', audience: 'client', message: 'x' })).toBeNull();
    expect(roleMay(null, { type: 'ACKNOWLEDGE' })).toMatch(/pick a role/);
  });

  it('public journal entries drop notes, ad-hoc injects and clock entries but keep who did what', () => {
    const run = drillRun();
    const entries = [
      { seq: 1, t: 0, input: { type: 'NOTE' as const, text: 'secret' }, by: { name: 'F', role: 'facilitator' } },
      { seq: 2, t: 0, input: { type: 'CLOCK' as const, paused: true } },
      { seq: 3, t: 0, input: { type: 'ACKNOWLEDGE' as const }, by: { name: 'Ana', role: 'incident_commander' } },
    ];
    expect(publicEntries(run, entries)).toEqual([{ seq: 3, t: 0, by: { name: 'Ana', role: 'incident_commander' }, text: 'Declared the incident' }]);
  });
});

describe('routing from the scenario', () => {
  it("an inject with roles goes to those roles' feeds whatever its channel", async () => {
    const { routingFor } = await import('../../../host/session/projection.ts');
    const source = readFileSync(join(ROOT, 'test/component/fixtures/drill.yaml'), 'utf8').replace(
      'title: Disk 85% full, body: Log volume filling., redHerring: true }',
      'title: Disk 85% full, body: Log volume filling., redHerring: true, roles: [communications_lead] }',
    );
    const r = loadScenario(source);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const run = new ExerciseRun(r.scenario, 7);
    run.advanceTo(30 * MINUTE);
    const routing = routingFor(run.scenario);
    expect(routing.injects).toEqual({ noise: ['communications_lead'] });
    const view = (role: 'communications_lead' | 'technical_lead') => participantView(run, { ...input(run), routing }, role, []).signals.map((s) => s.title);
    expect(view('communications_lead')).toContain('Disk 85% full');
    expect(view('technical_lead')).not.toContain('Disk 85% full');
  });
});
