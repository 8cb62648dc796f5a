/**
 * The readiness figures kept ready (#22, readiness-cells.ts) on BOTH databases: after publishes,
 * a republish that replaces an exercise, a new team in a new unit and a reindex, the readiness
 * report read from the cells is exactly the report computed straight from the exercises, for
 * every caller (the lead, facilitators and viewers of one unit, several units, every unit, the
 * auditor) and every quarter × severity filter; and the cells kept publish by publish are the
 * cells a rebuild from scratch makes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { makeBundle, serializeBundle } from '../../../host/programme/evidence/bundle.ts';
import { generateInstallationKey, type InstallationKey } from '../../../host/programme/evidence/installation-key.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { readinessReport, recomputedReadiness } from '../../../host/programme/store/lead-reports.ts';
import { rowsOf } from '../../../host/programme/store/migrations.ts';
import { ProgrammeStore, type Principal } from '../../../host/programme/store/programme-store.ts';
import { REBUILD_READINESS_CELLS } from '../../../host/programme/store/readiness-cells.ts';
import { DATABASE_KINDS, testDatabase } from './databases.ts';
import { finishedExercise, type FixtureOptions } from './exercise-fixtures.ts';
import { LEAD_NOW, seedLeadOrg, type LeadOrg } from './lead-fixtures.ts';

describe.each(DATABASE_KINDS)('readiness kept ready on %s', (kind) => {
  let store: ProgrammeStore;
  let dataDir: string;
  let cleanupDb: () => Promise<void>;
  let org: LeadOrg;
  let key: InstallationKey;
  let lead: Principal;
  let unitC: number;
  const callers: Record<string, Principal> = {};

  beforeAll(async () => {
    const made = await testDatabase(kind, 'readiness_cells');
    cleanupDb = made.cleanup;
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-cells-'));
    store = new ProgrammeStore(await openDatabase(made.target), dataDir, () => LEAD_NOW);
    org = await seedLeadOrg(store);
    lead = await store.authenticate(org.tokens.lead);
    key = generateInstallationKey();
    await store.registerKey(lead, key.publicPem);
    unitC = await store.addUnit('Research');
    for (const [name, tok] of Object.entries(org.tokens)) callers[name] = await store.authenticate(tok);
    // A viewer of two of the three units, and one of every unit (by grants, not an org-wide role).
    const viewer = async (name: string, units: number[]) => {
      const id = await store.addPerson(name);
      for (const u of units) await store.grant(id, 'viewer', u);
      return store.authenticate((await store.createToken(id, 'test')).token);
    };
    callers.viewAB = await viewer('Val ViewerAB', [org.unitA, org.unitB]);
    callers.viewAll = await viewer('Wes ViewerAll', [org.unitA, org.unitB, unitC]);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    await cleanupDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  const publish = async (o: FixtureOptions, unitId: number) =>
    store.publish(lead, new TextEncoder().encode(serializeBundle(makeBundle(finishedExercise(o), key))), { unitId });

  const cells = async () =>
    rowsOf<Record<string, unknown>>(await store.db.execute(sql`SELECT * FROM readiness_cells ORDER BY level, key, quarter, severity`)).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : typeof v === 'string' && k !== 'level' && k !== 'quarter' ? Number(v) : v])),
    );

  /** The cells kept so far equal a rebuild from scratch, and every caller's report equals the recomputation. */
  async function expectKeptReadinessExact(): Promise<void> {
    const kept = await cells();
    expect(kept.length).toBeGreaterThan(0);
    await store.db.transaction(async (tx) => {
      for (const s of REBUILD_READINESS_CELLS) await tx.execute(sql.raw(s));
    });
    expect(await cells()).toEqual(kept);
    const all = await recomputedReadiness(store, lead);
    const quarters = [null, ...all.quarters];
    const severities = [null, ...all.severities];
    expect(all.quarters.length).toBeGreaterThan(1);
    for (const [name, who] of Object.entries(callers))
      for (const quarter of quarters)
        for (const severity of severities) {
          const filter = { quarter, severity };
          expect({ name, filter, report: await readinessReport(store, who, filter) }).toEqual({
            name,
            filter,
            report: await recomputedReadiness(store, who, filter),
          });
        }
  }

  it('equals the straightforward recomputation after publishes', async () => {
    await publish({ exerciseId: 'ex-y1', team: 'Yellow', createdAt: '2026-09-15T09:00:00.000Z', actions: 'plausible-wrong' }, unitC);
    await publish({ exerciseId: 'ex-b4', team: 'Blue', createdAt: '2026-10-01T09:00:00.000Z', seed: 5 }, org.unitA);
    await expectKeptReadinessExact();
    const r = await readinessReport(store, lead);
    expect(r.overall.exercises).toBe(7);
    expect(r.overall.neverContained).toBeGreaterThan(0); // censored, counted beside the median
  }, 300_000);

  it('equals it after a republish that replaces an exercise, and after a reindex', async () => {
    const before = await readinessReport(store, lead);
    // The same exercise with its debrief edited: a new digest replaces the old one, counted once.
    const again = await publish(
      {
        exerciseId: 'ex-y1',
        team: 'Yellow',
        createdAt: '2026-09-15T09:00:00.000Z',
        actions: 'plausible-wrong',
        actionItems: [{ id: 'y', text: 'Rotate the key', owner: 'Yan', due: '2026-12-01', status: 'open' }],
      },
      unitC,
    );
    expect(again.status).toBe('republished');
    expect((await readinessReport(store, lead)).overall).toEqual(before.overall);
    await expectKeptReadinessExact();
    await store.reindex();
    expect((await readinessReport(store, lead)).overall).toEqual(before.overall);
    await expectKeptReadinessExact();
  }, 600_000);
});
