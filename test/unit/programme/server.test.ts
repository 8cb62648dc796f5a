/**
 * The programme server (#22) on BOTH databases: PGlite (the embedded default) and a real
 * PostgreSQL server on a throwaway cluster. Publishing verifies, replays and re-scores; hostile
 * bundles are refused with a reason and change nothing; every route is checked per role; tokens
 * that expired or were revoked are refused; the index rebuilds from the bundles; a schema newer
 * than the code is refused.
 */
import { sign } from 'node:crypto';
import { readdir, rename, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { bundleDigest, makeBundle, serializeBundle, type Bundle } from '../../../host/programme/evidence/bundle.ts';
import { generateInstallationKey } from '../../../host/programme/evidence/installation-key.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { LATEST_SCHEMA, migrate, rowsOf, SchemaTooNew } from '../../../host/programme/store/migrations.ts';
import { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import { BUNDLE_CONTENT_TYPE, buildServer } from '../../../host/programme/server/app.ts';
import { crc32Hex } from '../../../shared/engine/crc32.ts';
import { DATABASE_KINDS, testDatabase } from './databases.ts';
import { finishedExercise } from './exercise-fixtures.ts';

const keyA = generateInstallationKey(); // facilitator A's installation (registered)
const stranger = generateInstallationKey(); // never registered

const blueFiles = finishedExercise({
  exerciseId: 'ex-blue-1',
  team: 'Blue',
  actionItems: [
    { id: 'a1', text: 'Add a drift alert on approval rates', owner: 'Sam Owner', due: '2026-04-01', status: 'open', capability: 'detection' },
    { id: 'a2', text: 'Write the rollback runbook', owner: 'Kim Owner', due: '2026-03-15', status: 'closed' },
  ],
});
const blue = serializeBundle(makeBundle(blueFiles, keyA));
const greenFiles = finishedExercise({ exerciseId: 'ex-green-1', team: 'Green', actions: 'plausible-wrong' });
const green = serializeBundle(makeBundle(greenFiles, keyA));

/** A journal line edited by someone who recomputed its CRC, re-signed with the registered key. */
function tamperedLine(): string {
  const lines = blueFiles['journal.jsonl']!.split('\n');
  const t = (i: number) => (JSON.parse(lines[i]!) as { t: number }).t;
  // An entry moved one second later (as if the team acted later), still before the next one.
  const i = lines.findIndex((l, n) => n > 1 && n < lines.length - 2 && t(n + 1) - t(n) > 2000);
  const o = JSON.parse(lines[i]!) as Record<string, unknown>;
  delete o.crc;
  o.t = (o.t as number) + 1000;
  const body = JSON.stringify(o);
  lines[i] = `${body.slice(0, -1)},"crc":"${crc32Hex(body)}"}`;
  return serializeBundle(makeBundleUnchecked({ ...blueFiles, 'journal.jsonl': lines.join('\n') }));
}

/** makeBundle refuses a damaged journal; a hostile client would sign one anyway. */
function makeBundleUnchecked(files: Record<string, string>): Bundle {
  const good = makeBundle(blueFiles, keyA);
  const digest = bundleDigest(good.exerciseId, files);
  const value = sign(null, Buffer.from(`firebreak-bundle/1 ${digest}`), keyA.privateKey).toString('base64');
  return { ...good, files: files as Bundle['files'], digest, signature: { ...good.signature, value } };
}

describe.each(DATABASE_KINDS)('programme server on %s', (kind) => {
  let store: ProgrammeStore;
  let app: FastifyInstance;
  let dataDir: string;
  let cleanupDb: () => Promise<void>;
  const tok: Record<string, string> = {};
  let unitA = 0;
  let unitB = 0;
  let revocableId = 0;

  beforeAll(async () => {
    const made = await testDatabase(kind, 'programme_server');
    cleanupDb = made.cleanup;
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-programme-'));
    store = new ProgrammeStore(await openDatabase(made.target), dataDir);
    app = buildServer(store);
    unitA = await store.addUnit('Payments');
    unitB = await store.addUnit('Lending');
    const person = async (name: string, role: Parameters<ProgrammeStore['grant']>[1], unit: number | null) => {
      const id = await store.addPerson(name);
      await store.grant(id, role, unit);
      return id;
    };
    const lead = await person('Lena Lead', 'programme_lead', null);
    const facA = await person('Fay FacilitatorA', 'facilitator', unitA);
    const facB = await person('Finn FacilitatorB', 'facilitator', unitB);
    const evalA = await person('Eve EvaluatorA', 'evaluator', unitA);
    const viewB = await person('Vic ViewerB', 'viewer', unitB);
    const auditor = await person('Aud Auditor', 'auditor', null);
    for (const [name, id] of Object.entries({ lead, facA, facB, evalA, viewB, auditor })) tok[name] = (await store.createToken(id, 'test')).token;
    tok.expired = (await store.createToken(facA, 'old', new Date(Date.now() - 60_000))).token;
    const r = await store.createToken(facA, 'to revoke');
    tok.revocable = r.token;
    revocableId = r.id;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await cleanupDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { ...(who ? { authorization: `Bearer ${tok[who]}` } : {}), ...(typeof body === 'string' ? { 'content-type': BUNDLE_CONTENT_TYPE } : {}) },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });

  /** Everything a refused publish must leave as it was. */
  const snapshot = async () => ({
    counts: await store.counts(),
    audit: rowsOf(await store.db.execute(sql`SELECT count(*) AS n FROM audit_log`)),
    files: await readdir(store.bundlesDir).catch(() => []),
  });

  it('answers health without a token and refuses every other route without one', async () => {
    const h = await call('GET', '/api/v1/health');
    expect(h.statusCode).toBe(200);
    expect(h.json()).toMatchObject({ ok: true, database: kind });
    for (const url of ['/api/v1/exercises', '/api/v1/corrective-actions', '/api/v1/audit']) expect((await call('GET', url)).statusCode).toBe(401);
  });

  it('publishes a bundle from a registered installation, re-scored by the server, once however often it is sent', async () => {
    expect((await call('POST', '/api/v1/keys', 'facA', { publicKey: keyA.publicPem })).json()).toEqual({ keyId: keyA.keyId });
    const first = await call('POST', '/api/v1/bundles', 'facA', blue);
    expect(first.statusCode, first.body).toBe(201);
    const claimed = JSON.parse(blueFiles['outcome.json']!);
    expect(first.json()).toMatchObject({ status: 'published', exerciseId: 'ex-blue-1', team: 'Blue', unit: 'Payments', overall: Math.round(claimed.overall) });
    const again = await call('POST', '/api/v1/bundles', 'facA', blue);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('already-published');
    const [twice1, twice2] = await Promise.all([call('POST', '/api/v1/bundles', 'facA', green), call('POST', '/api/v1/bundles', 'facA', green)]);
    expect([twice1.statusCode, twice2.statusCode].sort()).toEqual([200, 201]);
    expect(await store.counts()).toEqual({ exercises: 2, correctiveActions: 2 });
    // The server's bundle is the one published, byte for byte.
    const digest = first.json().digest as string;
    expect((await call('GET', `/api/v1/exercises/${digest}/bundle`, 'auditor')).body).toBe(blue);
  });

  it.each<[string, () => string, number, RegExp]>([
    [
      'a forged digest (content changed, digest recomputed, signature kept)',
      () => {
        const b = JSON.parse(blue) as Bundle;
        const files = { ...b.files, 'debrief.json': b.files['debrief.json']!.replace('drift alert', 'nothing') };
        return serializeBundle({ ...b, files, digest: bundleDigest(b.exerciseId, files) });
      },
      422,
      /signature does not verify/,
    ],
    ['a tampered journal line (CRC recomputed, re-signed)', tamperedLine, 422, /chain is broken/],
    [
      'a valid signature from an unknown key',
      () => serializeBundle(makeBundle(finishedExercise({ exerciseId: 'ex-x', team: 'Blue' }), stranger)),
      422,
      /not registered|not a trusted key/,
    ],
    [
      'a claimed score the replay does not give',
      () => {
        const files = finishedExercise({ exerciseId: 'ex-claim', team: 'Blue' });
        const claimed = { ...JSON.parse(files['outcome.json']!), overall: 99 };
        return serializeBundle(makeBundle({ ...files, 'outcome.json': JSON.stringify(claimed) }, keyA));
      },
      422,
      /claimed score is not what the journal replays to \(overall: claimed 99/,
    ],
    ['an oversized bundle', () => `{"format":"firebreak-bundle/1","pad":"${'x'.repeat(17 * 1024 * 1024)}"}`, 413, /too large/i],
    ['not a bundle at all', () => 'hello', 422, /not JSON/],
  ])(
    'refuses %s with a reason and changes nothing',
    async (_what, make, status, reason) => {
      const before = await snapshot();
      const r = await call('POST', '/api/v1/bundles', 'facA', make());
      expect(r.statusCode, r.body).toBe(status);
      const body = r.json() as { error: string; problems: string[] };
      expect([body.error, ...body.problems].join(' ')).toMatch(reason);
      expect(await snapshot()).toEqual(before);
    },
    60_000,
  );

  it('authorises every route per role', async () => {
    const list = async (who: string) =>
      ((await call('GET', '/api/v1/exercises', who)).json().exercises as { exerciseId: string; participants: unknown }[]) ?? [];
    expect((await list('lead')).map((e) => e.exerciseId).sort()).toEqual(['ex-blue-1', 'ex-green-1']);
    expect((await list('evalA')).length).toBe(2);
    expect(await list('facB')).toEqual([]);
    expect(await list('viewB')).toEqual([]);
    const audited = await list('auditor');
    expect(audited.length).toBe(2);
    // Outside the team's unit (auditor, programme lead) participants are a stable pseudonym; in it, names.
    const pseudonymised = [{ name: expect.stringMatching(/^Participant [A-Z2-9]{6}$/), role: 'incident-commander' }];
    expect(audited.every((e) => JSON.stringify(e.participants).includes('Ada') === false)).toBe(true);
    expect(audited[0]!.participants).toEqual(pseudonymised);
    expect((await list('lead'))[0]!.participants).toEqual(audited[0]!.participants); // the same pseudonym for everyone outside
    expect((await list('evalA'))[0]!.participants).toEqual([{ name: 'Ada Lovelace', role: 'incident-commander' }]);

    const blueRow = (await store.listExercises((await store.authenticate(tok.lead)) as never)).find((e) => e.exerciseId === 'ex-blue-1')!;
    const bundleUrl = `/api/v1/exercises/${blueRow.digest}/bundle`;
    const readinessUrl = `/api/v1/teams/${blueRow.teamId}/readiness`;
    const expectations: [string, string, string, unknown, number][] = [
      // route, method, who, body, status
      [bundleUrl, 'GET', 'facB', undefined, 404],
      [bundleUrl, 'GET', 'viewB', undefined, 404],
      [bundleUrl, 'GET', 'evalA', undefined, 200],
      [readinessUrl, 'GET', 'facB', undefined, 404],
      [readinessUrl, 'GET', 'viewB', undefined, 404],
      [readinessUrl, 'GET', 'auditor', undefined, 200],
      ['/api/v1/teams/999999/readiness', 'GET', 'lead', undefined, 404],
      [`/api/v1/bundles?unit=${unitA}`, 'POST', 'facB', blue, 403],
      [`/api/v1/bundles?unit=999999`, 'POST', 'facB', blue, 403], // a unit that does not exist reads the same
      ['/api/v1/bundles', 'POST', 'auditor', blue, 403],
      ['/api/v1/bundles', 'POST', 'evalA', blue, 403],
      ['/api/v1/bundles', 'POST', 'viewB', blue, 403],
      [`/api/v1/bundles?unit=${unitA}`, 'POST', 'lead', blue, 200],
      // Unit B's facilitator cannot move or replace unit A's exercise, even with its bundle.
      [`/api/v1/bundles?unit=${unitB}`, 'POST', 'facB', blue, 409],
      [`/api/v1/bundles?unit=${unitB}`, 'POST', 'lead', blue, 409],
      ['/api/v1/audit', 'GET', 'facA', undefined, 403],
      ['/api/v1/audit', 'GET', 'viewB', undefined, 403],
      ['/api/v1/audit', 'GET', 'auditor', undefined, 200],
      ['/api/v1/audit', 'GET', 'lead', undefined, 200],
      ['/api/v1/units', 'POST', 'facA', { name: 'Shadow' }, 403],
      ['/api/v1/units', 'POST', 'auditor', { name: 'Shadow' }, 403],
      ['/api/v1/teams', 'POST', 'facA', { name: 'Red', unitId: unitA }, 403],
      ['/api/v1/keys', 'POST', 'auditor', { publicKey: stranger.publicPem }, 403],
      ['/api/v1/keys', 'POST', 'viewB', { publicKey: stranger.publicPem }, 403],
      ['/api/v1/exercises', 'GET', 'expired', undefined, 401],
    ];
    for (const [url, method, who, body, status] of expectations) {
      const r = await call(method as 'GET', url, who, body);
      expect(r.statusCode, `${method} ${url} as ${who}: ${r.body}`).toBe(status);
    }
    expect((await call('GET', '/api/v1/exercises', 'expired')).json().error).toMatch(/expired/);
    expect((await call('GET', '/api/v1/teams/abc/readiness', 'lead')).statusCode).toBe(400); // schema: the field is named
  });

  it('corrective actions: listed per unit, changed only by a lead or the unit facilitator; auditors see no owners', async () => {
    const actions = (await call('GET', '/api/v1/corrective-actions', 'facA')).json().actions as {
      id: number;
      itemId: string;
      status: string;
      owner: string | null;
    }[];
    // Overdue first (#22): a1 is open and its due date has passed; a2 is done.
    expect(actions.map((a) => [a.itemId, a.status])).toEqual([
      ['a1', 'open'],
      ['a2', 'done'],
    ]);
    const a1 = actions.find((a) => a.itemId === 'a1')!;
    expect((await call('GET', '/api/v1/corrective-actions', 'facB')).json().actions).toEqual([]);
    expect(((await call('GET', '/api/v1/corrective-actions', 'auditor')).json().actions as { owner: unknown }[]).every((a) => a.owner === null)).toBe(true);
    expect((await call('PATCH', `/api/v1/corrective-actions/${a1.id}`, 'facB', { status: 'done' })).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/corrective-actions/${a1.id}`, 'evalA', { status: 'done' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/corrective-actions/${a1.id}`, 'auditor', { status: 'done' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/corrective-actions/${a1.id}`, 'facA', { status: 'finished' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/v1/corrective-actions/${a1.id}`, 'facA', { status: 'in_progress' })).statusCode).toBe(200);
  });

  it("gives a team's readiness from the server's own scores", async () => {
    const lead = await store.authenticate(tok.lead);
    const ex = (await store.listExercises(lead)).find((e) => e.exerciseId === 'ex-blue-1')!;
    const r = (await call('GET', `/api/v1/teams/${ex.teamId}/readiness`, 'evalA')).json();
    const claimed = JSON.parse(blueFiles['outcome.json']!);
    expect(r).toMatchObject({ team: 'Blue', unit: 'Payments', exercises: 1, medianMttdMs: claimed.mttd, medianNotifyMs: claimed.timeToNotify });
    expect(r.targetsTotal).toBeGreaterThan(0);
    expect(r.shareOfTargetsMet).toBeCloseTo(r.targetsMet / r.targetsTotal);
  });

  it('refuses a revoked token', async () => {
    expect((await call('GET', '/api/v1/exercises', 'revocable')).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/tokens/${revocableId}`, 'facB')).statusCode).toBe(404); // not theirs
    expect((await call('DELETE', `/api/v1/tokens/${revocableId}`, 'revocable')).statusCode).toBe(200);
    const r = await call('GET', '/api/v1/exercises', 'revocable');
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toMatch(/revoked/);
  });

  it('rebuilds the index from the bundles (reindex), keeping status changes made on the server', async () => {
    const lead = await store.authenticate(tok.lead);
    const before = { exercises: await store.listExercises(lead), actions: await store.listCorrectiveActions(lead) };
    await store.db.execute(sql`DELETE FROM corrective_actions`);
    await store.db.execute(sql`DELETE FROM exercises`);
    const r = await store.reindex();
    expect(r).toEqual({ indexed: 2, refused: [], unacknowledged: [] });
    const strip = <T extends { publishedAt?: string; id?: number }>(xs: T[]) => xs.map(({ publishedAt: _p, id: _i, ...rest }) => rest);
    expect(strip(await store.listExercises(lead))).toEqual(strip(before.exercises));
    expect(strip(await store.listCorrectiveActions(lead))).toEqual(strip(before.actions));
    expect((await store.listCorrectiveActions(lead)).find((a) => a.itemId === 'a1')!.status).toBe('in_progress');
  });

  it('a server killed between writing a bundle and committing it: reindex skips that never-acknowledged bundle; killed after the commit: it finishes the receipt', async () => {
    const lead = await store.authenticate(tok.lead);
    const listed = async () => (await store.listExercises(lead)).map((e) => e.exerciseId).sort();
    const before = await listed();
    const hexOf = (digest: string) => digest.slice('sha256:'.length);
    // Killed before the commit: the bundle file and its pending receipt are on disk, no index row.
    const orphan = makeBundle(finishedExercise({ exerciseId: 'ex-orphan-1', team: 'Blue' }), keyA);
    const orphanHex = hexOf(orphan.digest);
    await writeFile(join(store.bundlesDir, `${orphanHex}.fbbundle`), serializeBundle(orphan));
    await writeFile(
      join(store.bundlesDir, `${orphanHex}.receipt.pending.json`),
      JSON.stringify({ unit: 'Payments', team: 'Blue', publishedBy: 'Fay FacilitatorA', publishedAt: new Date().toISOString() }),
    );
    // Killed after the commit, before the receipt's rename: indexed, receipt still pending.
    const files = await readdir(store.bundlesDir);
    const committed = files.find((f) => f.endsWith('.receipt.json'))!;
    await rename(join(store.bundlesDir, committed), join(store.bundlesDir, committed.replace('.receipt.json', '.receipt.pending.json')));

    const r = await store.reindex();
    expect(r.unacknowledged).toEqual([`${orphanHex}.fbbundle`]);
    expect(r.refused).toEqual([]);
    expect(await listed()).toEqual(before); // the orphan is not published; the committed one still is
    const after = await readdir(store.bundlesDir);
    expect(after).toContain(committed); // its receipt is final again
    expect(after).toContain(`${orphanHex}.fbbundle`); // left in place, not deleted
    // A later publish of the same bundle, acknowledged this time, is indexed and its receipt made final.
    const again = await call('POST', '/api/v1/bundles', 'facA', serializeBundle(orphan));
    expect(again.statusCode, again.body).toBe(201);
    expect(await readdir(store.bundlesDir)).toContain(`${orphanHex}.receipt.json`);
    expect(await listed()).toContain('ex-orphan-1');
  });

  it('refuses a database whose schema is newer than the code, changing nothing', async () => {
    await store.db.execute(sql`INSERT INTO programme_schema (version) VALUES (999)`);
    try {
      await expect(migrate(store.db)).rejects.toThrow(SchemaTooNew);
      await expect(migrate(store.db)).rejects.toThrow(new RegExp(`schema version 999, newer than this Firebreak knows \\(${LATEST_SCHEMA}\\)`));
    } finally {
      await store.db.execute(sql`DELETE FROM programme_schema WHERE version = 999`);
    }
    expect(await migrate(store.db)).toEqual([]);
  });
});
