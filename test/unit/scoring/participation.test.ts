/**
 * Who played (#16): the facilitator's own team actions are the facilitator's, never the team's
 * (definition `team_input`); the report's "Participants and roles" comes from the journal.
 */
import { describe, expect, it } from 'vitest';
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import { buildReportModel } from '../../../shared/debrief/report-model.ts';
import { reportMarkdown } from '../../../shared/debrief/report-markdown.ts';
import type { Attribution } from '../../../shared/engine/inputs.ts';
import { whoPlayed } from '../../../shared/engine/participation.ts';
import { runOf, type RunHarness } from '../../run-harness.ts';

const FACILITATOR: Attribution = { name: 'Facilitator', role: 'facilitator' };
const forDana: Attribution = { ...FACILITATOR, for: { name: 'Dana', role: 'incident_commander' } };

/** The pricing textbook's first hour, taken by whoever `who` is. */
function play(who: Attribution | null): RunHarness {
  const h = runOf('stale-pricing-data').by(who);
  h.at('fs+5m').declare().triage(1, 'data_integration');
  h.at('fs+10m').preserve('preserve-stale-snapshot').contain('stop-all-sales');
  h.at('fs+15m').communicate('internal', 'Sales stopped', { what_happened: 'Fares published wrong', next_update: 'In thirty minutes' });
  return h;
}

describe("the facilitator's own inputs are not the team's (#16, definition team_input)", () => {
  it('team actions the facilitator takes in their own name change nothing and score as doing nothing; entered for a named participant they count', () => {
    const own = play(FACILITATOR);
    const nobody = runOf('stale-pricing-data');
    const ownCard = own.card();
    const nothing = nobody.card();
    expect(ownCard.dimensions.map((d) => [d.dimension, d.score])).toEqual(nothing.dimensions.map((d) => [d.dimension, d.score]));
    expect(ownCard.overall).toBe(nothing.overall);
    // Recorded and shown to the facilitator, not lost: one line per input, and no detection.
    const ctx = own.context();
    expect(ctx.timeline.filter((e) => e.event.code === 'input.facilitator_own')).toHaveLength(5);
    expect(ctx.detectedAt).toBeNull();
    expect(ctx.containments['stop-all-sales']!.status).not.toBe('in_effect');

    const entered = play(forDana).card();
    const team = play(null).card();
    expect(entered.overall).toBe(team.overall);
    expect(entered.overall).toBeGreaterThan(nothing.overall + 30);
  });

  it('a role assignment by the facilitator is entered for the person it names, so it counts', () => {
    const h = runOf('stale-pricing-data').by(FACILITATOR);
    for (const role of h.scenario.rubric.requiredRoles) h.assign(role, `Person ${role}`);
    h.by(null).at('fs').declare();
    const roles = h
      .card()
      .dimensions.find((d) => d.dimension === 'documentation')!
      .reasons.find((r) => r.code === 'documentation.roles')!;
    expect(roles.params).toMatchObject({ missing: [] });
  });
});

describe('the report lists who played, from the journal (#16)', () => {
  it('not the names typed at setup nobody heard from, but the people who joined, took roles and acted', () => {
    const h = runOf('stale-pricing-data');
    const priya: Attribution = { name: 'Priya', role: 'communications_lead' };
    const sam: Attribution = { name: 'Sam', role: 'technical_lead' };
    h.by(priya).assign('communications_lead', 'Priya');
    h.by(sam).assign('technical_lead', 'Sam');
    h.at('fs+5m').by(sam).declare().triage(1, 'data_integration').contain('stop-all-sales');
    h.at('fs+10m').by(priya).communicate('internal', 'Sales stopped', { what_happened: 'Fares published wrong' });
    h.at('fs+12m').by(forDana).communicate('client', 'We stopped sales', { what_happened: 'Fares published wrong' });
    h.at('fs+13m').by(FACILITATOR).input({ type: 'NOTE', text: 'the room argued' });
    h.card();
    const entries = h.run.entries;
    const meta = {
      team: 'Blue team',
      mode: 'facilitated',
      participants: [{ name: 'Lee' }, { name: 'Tom' }, { name: 'Kai', role: 'scribe' }],
      createdAt: '2026-03-09T09:00:00Z',
    } as unknown as ExerciseMeta;
    const header = {
      format: 'firebreak-journal/2',
      exerciseId: 'ex-1',
      scenarioId: h.scenario.id,
      scenarioVersion: h.scenario.version,
      scenarioSource: '',
      seed: 1,
      createdAt: '2026-03-09T09:00:00Z',
    } as const;
    const model = buildReportModel({ scenario: h.scenario, header, entries, meta });
    expect(model.overview.participants).toEqual([
      { name: 'Priya', role: 'communications_lead', assignedAt: 0, actions: 1 },
      { name: 'Sam', role: 'technical_lead', assignedAt: 0, actions: 3 },
      { name: 'Dana', role: 'incident_commander', assignedAt: null, actions: 1 },
    ]);
    const md = reportMarkdown(model);
    const section = md.slice(md.indexOf('### Participants and roles'), md.indexOf('###', md.indexOf('### Participants and roles') + 5));
    expect(section).not.toMatch(/Lee|Tom|Kai|Facilitator/);
    expect(whoPlayed(entries).map((p) => p.name)).toEqual(['Priya', 'Sam', 'Dana']);
  });
});
