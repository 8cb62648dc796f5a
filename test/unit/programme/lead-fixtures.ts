/**
 * A small organisation for the programme lead's pages (#22): two units, three teams, exercises in
 * several quarters and severities (one never contained), corrective actions that a later exercise
 * verifies or reopens, a hostile action text for the CSV, and planned exercises in every state.
 *
 *   Payments (unit A): Blue  ex-b1 2026-03-02 silent-bias-drift textbook (all targets met)
 *                            ex-b2 2026-05-10 silent-bias-drift plausible-wrong, seed 1 (only investigation met)
 *                            ex-b3 2026-08-01 slow-assistant plausible-wrong (never contained)
 *                      Green ex-g1 2026-04-02 provider-update-leakage textbook (severity 1)
 *   Lending (unit B):  Red   ex-r1 2025-06-01 provider-update-leakage plausible-wrong
 *
 * The store's clock is 2026-12-05 (2026-Q4).
 */
import { makeBundle, serializeBundle } from '../../../host/programme/evidence/bundle.ts';
import { generateInstallationKey } from '../../../host/programme/evidence/installation-key.ts';
import { addPlan } from '../../../host/programme/store/lead-reports.ts';
import type { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import type { Role } from '../../../host/programme/store/schema.ts';
import { finishedExercise, type FixtureOptions } from './exercise-fixtures.ts';

export const LEAD_NOW = new Date('2026-12-05T10:00:00.000Z');

export const HOSTILE_TEXT = '=HYPERLINK("http://evil.example","click"), then "quote"\nand a second line';

const EXERCISES: (FixtureOptions & { unit: 'A' | 'B' })[] = [
  {
    unit: 'A',
    exerciseId: 'ex-b1',
    team: 'Blue',
    createdAt: '2026-03-02T09:00:00.000Z',
    actionItems: [
      // The debrief's suggested plan writes the capability's label (here the English one).
      {
        id: 'a-detect',
        text: 'Add a drift alert on approval rates',
        owner: 'Sam Owner',
        due: '2026-04-01',
        status: 'open',
        capability: 'Detection and monitoring',
      },
      { id: 'a-investigate', text: 'Keep model change records', owner: 'Kim Owner', due: '2026-03-15', status: 'closed', capability: 'investigation' },
      { id: 'a-hostile', text: HOSTILE_TEXT, owner: '@admin', due: '2027-06-30', status: 'open' },
    ],
  },
  // Seed 1: the windowed fairness alert comes at fault age 7h22m, so this team's two-hour wait
  // misses the 8h30m detection target (on seed 3 the alert comes an hour earlier and it would not).
  { unit: 'A', exerciseId: 'ex-b2', team: 'Blue', createdAt: '2026-05-10T09:00:00.000Z', actions: 'plausible-wrong', seed: 1 },
  { unit: 'A', exerciseId: 'ex-b3', team: 'Blue', createdAt: '2026-08-01T09:00:00.000Z', scenario: 'slow-assistant', actions: 'plausible-wrong' },
  {
    unit: 'A',
    exerciseId: 'ex-g1',
    team: 'Green',
    createdAt: '2026-04-02T09:00:00.000Z',
    scenario: 'provider-update-leakage',
    actionItems: [
      {
        id: 'g-comms',
        text: 'Template for the regulator notice',
        owner: 'Gil Owner',
        due: '2027-01-31',
        status: 'open',
        capability: 'Communication et notification',
      },
    ],
  },
  {
    unit: 'B',
    exerciseId: 'ex-r1',
    team: 'Red',
    createdAt: '2025-06-01T09:00:00.000Z',
    scenario: 'provider-update-leakage',
    actions: 'plausible-wrong',
    actionItems: [{ id: 'r-secret', text: 'Lending secret action', owner: 'Rita Lending', due: '2025-07-01', status: 'open', capability: 'containment' }],
  },
];

export interface LeadOrg {
  unitA: number;
  unitB: number;
  tokens: Record<'lead' | 'facA' | 'facB' | 'viewB' | 'auditor', string>;
  digests: Record<string, string>;
  teams: Record<'Blue' | 'Green' | 'Red', number>;
}

/** Builds the organisation in a fresh store (publishing through the store, as the API does). */
export async function seedLeadOrg(store: ProgrammeStore): Promise<LeadOrg> {
  const key = generateInstallationKey();
  const unitA = await store.addUnit('Payments');
  const unitB = await store.addUnit('Lending');
  const person = async (name: string, role: Role, unit: number | null) => {
    const id = await store.addPerson(name);
    await store.grant(id, role, unit);
    return (await store.createToken(id, 'test')).token;
  };
  const tokens = {
    lead: await person('Lena Lead', 'programme_lead', null),
    facA: await person('Fay FacilitatorA', 'facilitator', unitA),
    facB: await person('Finn FacilitatorB', 'facilitator', unitB),
    viewB: await person('Vic ViewerB', 'viewer', unitB),
    auditor: await person('Aud Auditor', 'auditor', null),
  };
  const lead = await store.authenticate(tokens.lead);
  await store.registerKey(lead, key.publicPem);
  const digests: Record<string, string> = {};
  for (const { unit, ...o } of EXERCISES) {
    const r = await store.publish(lead, new TextEncoder().encode(serializeBundle(makeBundle(finishedExercise(o), key))), {
      unitId: unit === 'A' ? unitA : unitB,
    });
    digests[o.exerciseId] = r.digest;
  }
  const all = await store.listExercises(lead);
  const teamId = (name: string) => all.find((e) => e.team === name)!.teamId;
  const teams = { Blue: teamId('Blue'), Green: teamId('Green'), Red: teamId('Red') };
  const facA = await store.authenticate(tokens.facA);
  const facB = await store.authenticate(tokens.facB);
  await addPlan(store, facA, { teamId: teams.Blue, quarter: '2026-Q3', scenarioId: 'slow-assistant', note: 'latency drill' }); // done by ex-b3
  await addPlan(store, facA, { teamId: teams.Green, quarter: '2026-Q3', capability: 'containment' }); // overdue
  await addPlan(store, facA, { teamId: teams.Blue, quarter: '2026-Q4' }); // due
  await addPlan(store, lead, { teamId: teams.Green, quarter: '2027-Q1', scenarioId: 'provider-update-leakage' }); // planned
  await addPlan(store, facB, { teamId: teams.Red, quarter: '2026-Q2', note: 'Lending secret plan' }); // overdue, unit B
  return { unitA, unitB, tokens, digests, teams };
}
