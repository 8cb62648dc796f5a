/**
 * The programme lead's figures and pages (#22) on BOTH databases (PGlite and a real PostgreSQL
 * server): readiness per team and unit by quarter and severity with never-contained runs counted,
 * the coverage matrix with "not exercised in 12 months", the schedule and its reminders, the
 * corrective actions (overdue first, verified/reopened by the next exercise of the capability,
 * CSV for issue trackers), the OpenAPI document, and authorisation: a facilitator of unit A sees
 * nothing of unit B on any page, API or CSV. The figures are the same on both databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { MIGRATIONS } from '../../../host/programme/store/migrations.ts';
import { openDatabase } from '../../../host/programme/store/database.ts';
import { ProgrammeStore } from '../../../host/programme/store/programme-store.ts';
import { buildServer } from '../../../host/programme/server/app.ts';
import { csvCell, toCsv } from '../../../host/programme/server/csv.ts';
import { ACTIONS_CSV_HEADER } from '../../../host/programme/server/lead-api.ts';
import { PAGES_CSP } from '../../../host/programme/server/lead-pages.tsx';
import { dimensionOfCapability, followUpOf, isOverdue, isStale, planStatus, quarterOf } from '../../../host/programme/store/lead-rules.ts';
import { DATABASE_KINDS, testDatabase } from './databases.ts';
import { HOSTILE_TEXT, LEAD_NOW, seedLeadOrg, type LeadOrg } from './lead-fixtures.ts';

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records), to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"'); // every field is quoted
    let field = '';
    i++;
    for (;;) {
      if (text[i] === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (text[i] === '"') break;
      else field += text[i++];
    }
    i++;
    row.push(field);
    if (text[i] === ',') i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

describe('the lead rules (lead-rules.ts)', () => {
  it('names a dimension from an id, a built-in capability or its label in either language', () => {
    expect(dimensionOfCapability('detection')).toBe('detection');
    expect(dimensionOfCapability('detection_monitoring')).toBe('detection');
    expect(dimensionOfCapability(' Detection and monitoring ')).toBe('detection');
    expect(dimensionOfCapability('Détection et supervision')).toBe('detection');
    expect(dimensionOfCapability('Communication et notification')).toBe('communication');
    expect(dimensionOfCapability('our own capability')).toBeNull();
    expect(dimensionOfCapability(undefined)).toBeNull();
  });
  it('verifies on a met target, reopens on a missed one, waits otherwise', () => {
    expect(followUpOf(true)).toBe('verified');
    expect(followUpOf(false)).toBe('reopened');
    expect(followUpOf(null)).toBeNull();
  });
  it('says what is due, overdue, stale', () => {
    expect(quarterOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(planStatus('2026-Q3', '2026-Q4', false)).toBe('overdue');
    expect(planStatus('2026-Q4', '2026-Q4', false)).toBe('due');
    expect(planStatus('2027-Q1', '2026-Q4', false)).toBe('planned');
    expect(planStatus('2026-Q3', '2026-Q4', true)).toBe('done');
    expect(isStale(null, LEAD_NOW)).toBe(true);
    expect(isStale(new Date('2025-12-05T10:00:00Z'), LEAD_NOW)).toBe(true);
    expect(isStale(new Date('2025-12-06T00:00:00Z'), LEAD_NOW)).toBe(false);
    expect(isOverdue('2026-04-01', 'open', null, '2026-12-05')).toBe(true);
    expect(isOverdue('2026-04-01', 'done', null, '2026-12-05')).toBe(false);
    expect(isOverdue('2026-04-01', 'done', 'reopened', '2026-12-05')).toBe(true);
    expect(isOverdue('2026-04-01', 'dropped', 'reopened', '2026-12-05')).toBe(false);
    expect(isOverdue('next sprint', 'open', null, '2026-12-05')).toBe(false);
  });
});

describe('CSV for issue trackers (csv.ts)', () => {
  it('quotes every field, doubles quotes, keeps line breaks inside a field, ends records with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"\nbye']])).toBe('"a","b"\r\n"x, y","say ""hi""\nbye"\r\n');
    expect(parseCsv(toCsv(['a'], [[null], [3], [true]]))).toEqual([['a'], [''], ['3'], ['true']]);
  });
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote so a spreadsheet reads it as text', (cell) => {
    expect(csvCell(cell)).toBe(`"'${cell}"`);
  });
  it('leaves other cells alone', () => {
    expect(csvCell('2026-04-01')).toBe('"2026-04-01"');
    expect(csvCell('a=b')).toBe('"a=b"');
  });
});

const results: Record<string, unknown> = {};

describe.each(DATABASE_KINDS)('the lead pages and figures on %s', (kind) => {
  let store: ProgrammeStore;
  let app: FastifyInstance;
  let dataDir: string;
  let cleanupDb: () => Promise<void>;
  let org: LeadOrg;

  beforeAll(async () => {
    const made = await testDatabase(kind, 'programme_lead');
    cleanupDb = made.cleanup;
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-lead-'));
    store = new ProgrammeStore(await openDatabase(made.target), dataDir, () => LEAD_NOW);
    app = buildServer(store);
    org = await seedLeadOrg(store);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await cleanupDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  const get = (url: string, who?: keyof LeadOrg['tokens'], headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...(who ? { authorization: `Bearer ${org.tokens[who]}` } : {}), ...headers } });

  it('gives readiness per team and unit against the median of what the caller reads, never-contained runs counted', async () => {
    const r = await get('/api/v1/readiness', 'facA');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = r.json();
    results[`${kind}:readiness:facA`] = body;
    expect(body.scope).toBe('readable_units');
    expect(body.units.map((u: { unit: string }) => u.unit)).toEqual(['Payments']);
    expect(body.teams.map((t: { team: string }) => t.team)).toEqual(['Blue', 'Green']);
    const blue = body.teams[0];
    // ex-b1 and ex-b2 were contained (5,100,000 and 72,780,000 ms); ex-b3 never was: counted, not dropped.
    expect(blue).toMatchObject({ exercises: 3, neverContained: 1, medianMttcMs: 38_940_000, medianMttdMs: 23_340_000, mttdMet: 1, mttdJudged: 3 });
    // Unit A's four runs: MTTD 23,340,000, 32,520,000, 2,160,000, 3,480,000 → median 13,410,000.
    expect(body.overall).toMatchObject({ exercises: 4, neverContained: 1, medianMttdMs: 13_410_000 });
    expect(body.overall.shareOfTargetsMet).toBeCloseTo(body.overall.targetsMet / body.overall.targetsTotal);
    expect(body.byQuarter.map((q: { quarter: string; exercises: number }) => [q.quarter, q.exercises])).toEqual([
      ['2026-Q1', 1],
      ['2026-Q2', 2],
      ['2026-Q3', 1],
    ]);
    expect(body.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    // Nothing of unit B, not even in the median it is compared with.
    expect(JSON.stringify(body)).not.toMatch(/Lending|Red/);

    const lead = (await get('/api/v1/readiness', 'lead')).json();
    results[`${kind}:readiness:lead`] = lead;
    expect(lead.scope).toBe('organisation');
    expect(lead.overall.exercises).toBe(5);
    expect(lead.byQuarter[0]).toMatchObject({ quarter: '2025-Q2', exercises: 1 });
  });

  it('filters readiness by quarter and by severity (each breakdown ignores only its own filter)', async () => {
    const q2 = (await get('/api/v1/readiness?quarter=2026-Q2', 'facA')).json();
    expect(q2.filter).toEqual({ quarter: '2026-Q2', severity: null });
    expect(q2.teams.map((t: { team: string; exercises: number }) => [t.team, t.exercises])).toEqual([
      ['Blue', 1],
      ['Green', 1],
    ]);
    expect(q2.byQuarter.length).toBe(3); // the trend keeps every quarter
    expect(q2.bySeverity.map((s: { severity: number; exercises: number }) => [s.severity, s.exercises])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const sev1 = (await get('/api/v1/readiness?severity=1', 'facA')).json();
    expect(sev1.teams.map((t: { team: string; exercises: number }) => [t.team, t.exercises])).toEqual([
      ['Blue', 0], // a team with no exercise in the filter is listed, not hidden
      ['Green', 1],
    ]);
    expect((await get('/api/v1/readiness?quarter=2026-5', 'facA')).statusCode).toBe(400);
    results[`${kind}:readiness:q2`] = q2;
  });

  it('gives the coverage matrix with "not exercised in 12 months" flagged', async () => {
    const cov = (await get('/api/v1/coverage', 'lead')).json();
    results[`${kind}:coverage`] = cov;
    const cell = (team: string, k: string, tag: string) =>
      cov.cells.find((c: { teamId: number; kind: string; tag: string }) => c.teamId === org.teams[team as 'Blue'] && c.kind === k && c.tag === tag);
    expect(cov.asOf).toBe('2026-12-05');
    expect(cov.columns.capability.slice(0, 6)).toEqual(['detection', 'triage', 'containment', 'investigation', 'communication', 'documentation']);
    expect(cell('Blue', 'capability', 'detection')).toMatchObject({ lastExercised: '2026-08-01', stale: false });
    expect(cell('Red', 'capability', 'detection')).toMatchObject({ lastExercised: '2025-06-01', stale: true });
    expect(cell('Blue', 'incident_type', 'bias_fairness')).toMatchObject({ lastExercised: '2026-05-10', stale: false });
    expect(cell('Green', 'incident_type', 'bias_fairness')).toMatchObject({ lastExercised: null, stale: true });
    expect(cell('Green', 'incident_type', 'privacy_data_leakage')).toMatchObject({ lastExercised: '2026-04-02', stale: false });
    expect(cov.columns.framework).toContain('OWASP LLM02:2025');
    expect(cell('Green', 'framework', 'OWASP LLM02:2025')).toMatchObject({ lastExercised: '2026-04-02' });
    const facA = (await get('/api/v1/coverage', 'facA')).json();
    expect(facA.teams.map((t: { team: string }) => t.team)).toEqual(['Blue', 'Green']);
    expect(facA.cells.every((c: { teamId: number }) => c.teamId !== org.teams.Red)).toBe(true);
  });

  it('keeps a schedule: planned exercises with reminders of what is due and overdue, added and removed with an audit entry', async () => {
    const s = (await get('/api/v1/schedule', 'facA')).json();
    results[`${kind}:schedule`] = s;
    expect(s.currentQuarter).toBe('2026-Q4');
    expect(s.plans.map((p: { team: string; quarter: string; status: string; doneBy: string | null }) => [p.team, p.quarter, p.status, p.doneBy])).toEqual([
      ['Green', '2026-Q3', 'overdue', null],
      ['Blue', '2026-Q4', 'due', null],
      ['Green', '2027-Q1', 'planned', null],
      ['Blue', '2026-Q3', 'done', 'ex-b3'],
    ]);
    const post = (who: keyof LeadOrg['tokens'], body: object) =>
      app.inject({ method: 'POST', url: '/api/v1/schedule', headers: { authorization: `Bearer ${org.tokens[who]}` }, payload: body });
    expect((await post('facB', { teamId: org.teams.Blue, quarter: '2027-Q2' })).statusCode).toBe(404); // unit A is invisible to B
    expect((await post('viewB', { teamId: org.teams.Red, quarter: '2027-Q2' })).statusCode).toBe(403);
    expect((await post('auditor', { teamId: org.teams.Red, quarter: '2027-Q2' })).statusCode).toBe(403);
    expect((await post('facA', { teamId: org.teams.Blue, quarter: '2027-5' })).statusCode).toBe(400);
    const made = await post('facA', { teamId: org.teams.Blue, quarter: '2027-Q2', capability: 'Containment' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    const audit = (await get('/api/v1/audit', 'lead')).json().entries as { action: string; subject: string; detail: { capability?: string } }[];
    expect(audit.find((e) => e.action === 'plan.create' && e.subject === `plan ${id}`)?.detail.capability).toBe('containment');
    const del = (who: keyof LeadOrg['tokens']) =>
      app.inject({ method: 'DELETE', url: `/api/v1/schedule/${id}`, headers: { authorization: `Bearer ${org.tokens[who]}` } });
    expect((await del('facB')).statusCode).toBe(404);
    expect((await del('facA')).statusCode).toBe(200);
    expect(((await get('/api/v1/audit', 'lead')).json().entries as { action: string }[])[0]!.action).toBe('plan.delete');
  });

  it('lists corrective actions overdue first, each with the exercise and moment that raised it, verified or reopened by the next exercise', async () => {
    const actions = (await get('/api/v1/corrective-actions', 'lead')).json().actions as {
      itemId: string;
      overdue: boolean;
      exerciseId: string;
      raisedAtMs: number;
      dimension: string | null;
      followUp: { state: string; exerciseId: string } | null;
    }[];
    results[`${kind}:actions`] = actions;
    expect(actions.map((a) => [a.itemId, a.overdue])).toEqual([
      ['r-secret', true],
      ['a-detect', true],
      ['a-investigate', false],
      ['g-comms', false],
      ['a-hostile', false],
    ]);
    const by = (id: string) => actions.find((a) => a.itemId === id)!;
    // ex-b2 (the next Blue exercise) missed detection's target and met investigation's.
    expect(by('a-detect')).toMatchObject({ dimension: 'detection', exerciseId: 'ex-b1', followUp: { state: 'reopened', exerciseId: 'ex-b2' } });
    expect(by('a-investigate')).toMatchObject({ dimension: 'investigation', followUp: { state: 'verified', exerciseId: 'ex-b2' } });
    expect(by('g-comms')).toMatchObject({ dimension: 'communication', followUp: null }); // no later Green exercise
    expect(by('a-hostile')).toMatchObject({ dimension: null, followUp: null });
    // Raised at detection's moment, before the end of the run (where an action of no dimension is raised).
    expect(by('a-detect').raisedAtMs).toBeGreaterThan(0);
    expect(by('a-detect').raisedAtMs).toBeLessThan(by('a-hostile').raisedAtMs);

    const facA = (await get('/api/v1/corrective-actions', 'facA')).json().actions as { itemId: string }[];
    expect(facA.map((a) => a.itemId)).not.toContain('r-secret');
    const auditor = (await get('/api/v1/corrective-actions', 'auditor')).json().actions as { owner: string | null }[];
    expect(auditor.every((a) => a.owner === null)).toBe(true);
  });

  it('exports the corrective actions as formula-safe RFC 4180 CSV, scoped like the page', async () => {
    const r = await get('/api/v1/corrective-actions.csv', 'facA');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="corrective-actions.csv"/);
    const rows = parseCsv(r.body);
    expect(rows[0]).toEqual([...ACTIONS_CSV_HEADER]);
    const col = (name: string) => ACTIONS_CSV_HEADER.indexOf(name as (typeof ACTIONS_CSV_HEADER)[number]);
    const hostile = rows.find((x) => x[col('action')]!.includes('HYPERLINK'))!;
    expect(hostile[col('action')]).toBe(`'${HOSTILE_TEXT}`); // read back whole, quotes and line break included, as text
    expect(hostile[col('owner')]).toBe("'@admin");
    const detect = rows.find((x) => x[col('action')] === 'Add a drift alert on approval rates')!;
    expect([detect[col('follow_up')], detect[col('follow_up_exercise')], detect[col('overdue')], detect[col('raised_by_exercise')]]).toEqual([
      'reopened',
      'ex-b2',
      'true',
      'ex-b1',
    ]);
    expect(r.body).not.toMatch(/Lending|secret/);
    const b = (await get('/api/v1/corrective-actions.csv', 'facB')).body;
    expect(parseCsv(b).map((x) => x[col('action')])).toEqual(['action', 'Lending secret action']);
    const audited = parseCsv((await get('/api/v1/corrective-actions.csv', 'auditor')).body);
    expect(audited.slice(1).every((x) => x[col('owner')] === '')).toBe(true);
    expect((await get('/api/v1/corrective-actions.csv')).statusCode).toBe(401);
  });

  it('serves the pages as HTML under a strict CSP, with no script and no inline style, in English and French', async () => {
    for (const url of ['/readiness', '/coverage', '/schedule', '/actions', `/exercises/${org.digests['ex-b1']}`]) {
      const r = await get(url, 'lead');
      expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy']).toBe(PAGES_CSP);
      expect(PAGES_CSP).not.toMatch(/unsafe-inline|script-src/);
      expect(r.body).toMatch(/^<!doctype html><html lang="en">/);
      expect(r.body).not.toMatch(/<script|\sstyle="|\son[a-z]+="/i);
    }
    const readiness = (await get('/readiness', 'lead')).body;
    expect(readiness).toContain('Organisation');
    expect(readiness).toContain('1 never contained');
    const fr = (await get('/readiness?lang=fr', 'lead')).body;
    expect(fr).toMatch(/<html lang="fr">/);
    expect(fr).toContain('MTTC médian');
    expect(fr).toContain('1 jamais confiné');
    expect((await get('/coverage', 'lead', { 'accept-language': 'fr-FR,fr;q=0.9' })).body).toContain('non exercé depuis 12 mois');
    const actions = (await get('/actions', 'lead')).body;
    expect(actions).toContain(`href="/exercises/${org.digests['ex-b1']}"`);
    expect(actions).toContain('Reopened by ex-b2');
    expect(actions).toContain('Verified by ex-b2');
    // React escapes what a participant typed: the hostile text is text, not markup.
    expect(actions).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    const schedule = (await get('/schedule', 'lead')).body;
    expect(schedule).toContain('Green (Payments): overdue, planned for 2026-Q3');
    expect((await get('/assets/lead.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  it('shows a facilitator of unit A nothing of unit B on any page, and B nothing of A', async () => {
    const pages = ['/readiness', '/readiness?quarter=2025-Q2', '/coverage', '/schedule', '/actions'];
    for (const url of pages) {
      const a = await get(url, 'facA');
      expect(a.statusCode).toBe(200);
      expect(a.body, `${url} as facA`).not.toMatch(/Lending|Red|secret/);
      for (const who of ['facB', 'viewB'] as const) {
        const b = await get(url, who);
        expect(b.statusCode).toBe(200);
        expect(b.body, `${url} as ${who}`).not.toMatch(/Payments|Blue|Green|ex-b1|drift alert/);
      }
    }
    for (const who of ['facB', 'viewB'] as const) {
      const page = await get(`/exercises/${org.digests['ex-b1']}`, who);
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).not.toMatch(/Blue|Payments/);
    }
    expect((await get(`/exercises/${org.digests['ex-r1']}`, 'facA')).statusCode).toBe(404);
    // #22 sign-in: a browser with no credential is sent to sign in, and back to the page after.
    const anonymous = await get('/readiness');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Freadiness');
  });

  it("migration 2 fills in readiness's columns for exercises indexed before it as publishing does", async () => {
    const before = (await get('/api/v1/readiness', 'lead')).json();
    await store.db.execute(
      sql`UPDATE exercises SET quarter = NULL, mttd_target_ms = NULL, mttc_target_ms = NULL, mttd_verdict = NULL, mttc_verdict = NULL, notify_verdict = NULL`,
    );
    const backfill = MIGRATIONS.find((m) => m.version === 2)!.statements.find((x) => x.startsWith('UPDATE exercises'))!;
    await store.db.execute(sql.raw(backfill));
    expect((await get('/api/v1/readiness', 'lead')).json()).toEqual(before);
  });

  it('shows an auditor the audit log without any personal name (people by their pseudonym, no token labels), the lead with them', async () => {
    const people = ['Lena Lead', 'Fay FacilitatorA', 'Finn FacilitatorB', 'Vic ViewerB', 'Aud Auditor'];
    // A token labelled with its owner's name, as people do.
    const lena = (await store.authenticate(org.tokens.lead)).personId!;
    await store.createToken(lena, "Lena Lead's laptop");
    type Entry = { action: string; subject: string };
    const seen = (await get('/api/v1/audit', 'auditor')).json().entries as Entry[];
    expect(seen.some((e) => e.action === 'token.create')).toBe(true);
    const created = seen.filter((e) => e.action === 'person.create');
    expect(created).toHaveLength(people.length);
    for (const e of created) expect(e.subject).toMatch(/^Participant [A-Z2-9]{6}$/);
    const text = JSON.stringify(seen);
    for (const n of people) expect(text).not.toContain(n);
    const lead = (await get('/api/v1/audit', 'lead')).json().entries as Entry[];
    expect(lead.filter((e) => e.action === 'person.create').map((e) => e.subject)).toEqual(expect.arrayContaining(people));
    expect(JSON.stringify(lead)).toContain("Lena Lead's laptop");
  });

  it('documents every API route in the OpenAPI document, readiness as plain JSON a BI tool can read', async () => {
    const r = await get('/api/v1/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    // Every /api/v1 route the server has, with its methods (seen by an onRoute hook as they are declared).
    const probe = buildServer(store);
    const routes: { url: string; method: string | string[] }[] = [];
    probe.addHook('onRoute', (r) => void routes.push({ url: r.url, method: r.method }));
    await probe.ready();
    await probe.close();
    const listed = routes.filter((x) => x.url.startsWith('/api/v1/') && x.url !== '/api/v1/openapi.json');
    expect(listed.length).toBeGreaterThanOrEqual(16);
    for (const { url, method } of listed) {
      const openapiPath = url.replace(/:(\w+)/g, '{$1}');
      for (const m of [method].flat().filter((x) => x !== 'HEAD')) expect(doc.paths[openapiPath]?.[m.toLowerCase()], `${m} ${url}`).toBeDefined();
    }
    const readiness = doc.paths['/api/v1/readiness']!.get as { responses: { 200: { content: { 'application/json': { schema: { properties: object } } } } } };
    expect(Object.keys(readiness.responses[200].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['overall', 'units', 'teams', 'byQuarter', 'bySeverity']),
    );
    // The pages are not API: not in the document.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
  });
});

describe('the same figures on both databases', () => {
  it('gives identical readiness, coverage, schedule and corrective actions on PGlite and PostgreSQL', () => {
    const keys = Object.keys(results).filter((k) => k.startsWith('pglite:'));
    expect(keys.length).toBe(6);
    for (const k of keys) expect(results[k.replace('pglite:', 'postgresql:')], k).toEqual(results[k]);
  });
});
