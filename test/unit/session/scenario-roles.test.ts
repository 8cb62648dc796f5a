/**
 * A scenario says which roles a room has and what each may see and do: it changes a built-in
 * role's permissions, defines roles of its own, routes injects to them; the host offers those
 * roles to joiners and enforces them; the facilitator's override is limited to them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParticipantView, ServerMessage } from '../../../shared/contract/live.ts';
import { formatProblem, loadScenario } from '../../../shared/scenario/load.ts';
import { ROOT } from '../../helpers.ts';
import type { TestClient } from './live-test-client.ts';
import { useLiveTestHost } from './live-test-host.ts';

/** stale-pricing-data with a room of its own: a narrower communications lead and a revenue analyst. */
async function withRoles(): Promise<string> {
  const base = await readFile(join(ROOT, 'scenarios/stale-pricing-data.yaml'), 'utf8');
  return `${base.trimEnd()}
roles:
  - id: communications_lead
    actions: [COMMUNICATE]
  - id: revenue_analyst
    label: Revenue analyst
    channels: [dashboard, ticket]
    dashboards: true
    actions: [INVESTIGATE, PRESERVE_EVIDENCE]
    audiences: [internal]
`;
}

describe('the scenario’s roles, validated', () => {
  it('a new role needs a label, and an inject may only route to a role that exists', async () => {
    const base = await readFile(join(ROOT, 'scenarios/stale-pricing-data.yaml'), 'utf8');
    const bad = `${base.trimEnd()}\nroles:\n  - id: revenue_analyst\n    actions: [INVESTIGATE]\n  - id: revenue_analyst\n    label: Twice\n`;
    const r = loadScenario(bad.replace('id: gds-maintenance\n', 'id: gds-maintenance\n    roles: [pricing_quant]\n'), 'x.yaml');
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/roles\.0\.label.*new role.*needs a label/);
    expect(text).toMatch(/roles\.1\.id.*duplicate id "revenue_analyst"/);
    expect(text).toMatch(/injects\.\d+\.roles\.0.*unknown role "pricing_quant"/);
    expect(loadScenario(await withRoles(), 'ok.yaml').ok).toBe(true);
  });
});

describe('the scenario’s roles in a live room', () => {
  const live = useLiveTestHost();

  it('offers the scenario’s roles to joiners, routes and permits by them, and attributes with their labels', async () => {
    const meta = await live.create({ scenarioId: 'stale-pricing-data', scenarioSource: await withRoles(), participants: [] });
    const f = await live.connect(meta.id, { kind: 'facilitator' });
    await f.request({ type: 'clock', action: 'pause' });
    await f.request({ type: 'room', action: 'open' });
    const room = (await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open)).room;
    expect(room.roles).toContainEqual({ id: 'revenue_analyst', label: 'Revenue analyst' });
    const joinUrl = room.joinUrl!;
    const key = joinUrl.split('/').at(-1)!;
    const lan = joinUrl.slice(0, joinUrl.indexOf('#'));

    async function join(name: string, role: string): Promise<TestClient> {
      const c = await live.connect(meta.id, { kind: 'join', key }, 0, lan);
      const welcome = c.received.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')!;
      expect(welcome.join!.title).toBe('$14 fares at 4 a.m.');
      expect(welcome.join!.roles.map((r) => r.id)).toEqual([
        'incident_commander',
        'technical_lead',
        'communications_lead',
        'scribe',
        'client_liaison',
        'data_lead',
        'revenue_analyst',
        // #19: every live room seats evaluators (they rate objectives, take no team action).
        'evaluator',
      ]);
      c.sendRaw(JSON.stringify({ type: 'join', name, role }));
      await c.waitFor((m) => m.type === 'view' || m.type === 'refused');
      return c;
    }

    const analyst = await join('Ravi', 'revenue_analyst');
    const comms = await join('Lee', 'communications_lead');
    for (let i = 0; i < 4; i++) await f.request({ type: 'clock', action: 'jump' });
    const view = analyst.last('view')!.view as ParticipantView;
    expect(view.role).toBe('revenue_analyst');
    expect(view.roleLabels.revenue_analyst).toBe('Revenue analyst');
    expect(view.actions.allowed).toEqual(['INVESTIGATE', 'PRESERVE_EVIDENCE']);
    expect(view.metrics.length).toBeGreaterThan(0);
    expect(view.signals.every((s) => s.channel === 'dashboard' || s.channel === 'ticket')).toBe(true);

    // The host enforces the scenario's table: the analyst cannot contain; the narrowed comms lead cannot declare.
    expect(await analyst.request({ type: 'act', input: { type: 'CONTAIN', containmentId: 'stop-all-sales' } })).toMatchObject({
      type: 'refused',
      code: 'forbidden',
      message: 'the revenue analyst cannot do CONTAIN; ask the facilitator',
    });
    expect(await comms.request({ type: 'act', input: { type: 'ACKNOWLEDGE' } })).toMatchObject({ type: 'refused', code: 'forbidden' });
    expect(await analyst.request({ type: 'act', input: { type: 'INVESTIGATE', investigationId: 'check-inventory-feed' } })).toMatchObject({ type: 'ack' });
    const line = await comms.waitFor((m) => m.type === 'view' && (m.view as ParticipantView).timeline.some((e) => e.text.includes('Ravi')));
    expect((line as Extract<ServerMessage, { type: 'view' }>).view.timeline.find((e) => e.text.includes('Ravi'))!.text).toMatch(
      /Started investigating: .* \(Ravi, Revenue analyst\)/,
    );

    // Only the exercise's roles: an unknown one is refused, to a joiner and to the facilitator's override.
    const stranger = await join('Eve', 'pricing_quant');
    expect(stranger.received.some((m) => m.type === 'refused' && /no role "pricing_quant"/.test(m.message))).toBe(true);
    const pid = (await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.participants.length === 2)).room
      .participants[0]!.id;
    expect(await f.request({ type: 'participant', participantId: pid, role: 'pricing_quant' })).toMatchObject({ type: 'refused', code: 'invalid' });
    expect(await f.request({ type: 'participant', participantId: pid, role: 'revenue_analyst' })).toMatchObject({ type: 'ack' });
  });
});
