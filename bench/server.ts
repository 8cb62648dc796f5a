/**
 * Programme server benchmarks (#22), each beside its floor from the same run:
 *
 *   - publish of a 10,000-entry journal over HTTP, including verification, replay and re-score
 *     and the store's transaction (target ≤ 2 s; floor: the check alone, verify + replay + re-score
 *     in-process);
 *   - readiness over 20,000 exercises of 200 teams, p95 at the server, on PGlite and on PostgreSQL:
 *     each team's (GET /api/v1/teams/:id/readiness, across the 200 teams), all teams' (GET
 *     /api/v1/readiness) and the lead's readiness page (GET /readiness) (target ≤ 200 ms; floor:
 *     GET /api/v1/health through the same stack and token check). The rows are seeded directly in
 *     SQL; PostgreSQL is a throwaway cluster started the way the tests start one;
 *   - 50 publishers sending at once, on both databases: no error (floor: one publisher alone).
 */
import './production-mode.ts'; // before anything loads React
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { makeBundle, serializeBundle } from '../host/programme/evidence/bundle.ts';
import { generateInstallationKey, type InstallationKey } from '../host/programme/evidence/installation-key.ts';
import { checkPublish } from '../host/programme/publish/check-publish.ts';
import { buildServer } from '../host/programme/server/app.ts';
import { openDatabase, type DatabaseTarget } from '../host/programme/store/database.ts';
import { ProgrammeStore } from '../host/programme/store/programme-store.ts';
import { REBUILD_READINESS_CELLS } from '../host/programme/store/readiness-cells.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../shared/engine/actions-file.ts';
import { serializeJournal } from '../shared/engine/journal.ts';
import { loadScenario } from '../shared/scenario/load.ts';
import { outcomeOf, scoreFinishedRun } from '../shared/scoring/score-card.ts';
import { freshDatabase, startPostgres, type TestCluster } from '../test/unit/programme/databases.ts';
import { median, report, type Figure } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const TEAMS = 200;
const EXERCISES = 20_000;
const UNITS = 10;
const PUBLISHERS = 50;
const JOURNAL_ENTRIES = 10_000;
const ORG_REPS = 20;

const SCENARIO = 'silent-bias-drift';
const source = readFileSync(join(ROOT, 'scenarios', `${SCENARIO}.yaml`), 'utf8');
const loaded = loadScenario(source);
if (!loaded.ok) throw new Error(`${SCENARIO} does not load`);
const scenario = loaded.scenario;
const script = parseActionsFile(readFileSync(join(ROOT, 'scenarios', 'teams', `${SCENARIO}.textbook.yaml`), 'utf8'));

/** A finished exercise's files; `notes` facilitator notes spread over the run make a long journal. */
function exerciseFiles(exerciseId: string, team: string, notes = 0): Record<string, string> {
  const run = new ExerciseRun(scenario, 3);
  // The facilitator's notes come first (one every 100 ms of sim time, before the team acts), then
  // the textbook team plays the scenario to its end.
  for (let i = 0; i < notes; i++) run.apply({ type: 'NOTE', text: `note ${i}` }, (i + 1) * 100);
  playScript(run, script);
  run.runToEnd();
  const journal = serializeJournal({
    header: {
      format: 'firebreak-journal/2',
      exerciseId,
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioSource: source,
      seed: 3,
      createdAt: '2026-03-02T09:00:00.000Z',
      team,
      participants: [{ name: 'Ada Lovelace', role: 'incident_commander' }],
      mode: 'facilitated',
      speed: 60,
    },
    entries: run.entries,
  });
  const debrief = {
    actionItems: [{ id: 'a1', text: 'Add a drift alert', owner: 'Sam', due: '2026-04-01', status: 'open' }],
    observations: [],
    adjustments: [],
  };
  return { 'journal.jsonl': journal, 'debrief.json': JSON.stringify(debrief), 'outcome.json': JSON.stringify(outcomeOf(scoreFinishedRun(run))) };
}

interface Served {
  store: ProgrammeStore;
  app: FastifyInstance;
  url: string;
  token: string;
  close(): Promise<void>;
}

async function serve(target: DatabaseTarget, key: InstallationKey): Promise<Served> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-bench-server-'));
  const store = new ProgrammeStore(await openDatabase(target), dataDir);
  const lead = await store.addPerson('Bench Lead');
  await store.grant(lead, 'programme_lead', null);
  const { token } = await store.createToken(lead, 'bench');
  await store.registerKey({ personId: lead, name: 'Bench Lead', grants: [{ role: 'programme_lead', unitId: null }] }, key.publicPem);
  const app = buildServer(store);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    store,
    app,
    url,
    token,
    close: async () => {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function post(s: Served, text: string, unit: number): Promise<number> {
  const r = await fetch(`${s.url}/api/v1/bundles?unit=${unit}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/vnd.firebreak.bundle' },
    body: text,
  });
  await r.arrayBuffer();
  return r.status;
}

/**
 * 200 teams in 10 units and 20,000 exercises over ten quarters, inserted directly (one statement) with
 * the columns a publish fills (quarter, targets, verdicts), then the readiness cells rebuilt as reindex does.
 */
async function seed(s: Served): Promise<number[]> {
  const teamIds: number[] = [];
  for (let u = 0; u < UNITS; u++) {
    const unit = await s.store.addUnit(`Unit ${u}`);
    for (let t = 0; t < TEAMS / UNITS; t++) teamIds.push(await s.store.addTeam(unit, `Team ${u}-${t}`));
  }
  const first = teamIds[0]!;
  // Deterministic spreads: MTTD 5–65 min, MTTC 30–150 min (every 9th never contained), notify 20–110 min.
  await s.store.db.execute(
    sql.raw(`INSERT INTO exercises (digest, exercise_id, team_id, scenario_id, scenario_version, seed, started_at, published_at, key_id,
      entry_count, chained, overall, mttd_ms, mttc_ms, mttc_censored, notify_ms, targets_met, targets_total, severity, outcome, participants,
      quarter, mttd_target_ms, mttc_target_ms, mttd_verdict, mttc_verdict, notify_verdict)
    SELECT 'sha256:' || lpad(to_hex(g), 64, '0'), 'seeded-' || g, ${first} + (g % ${TEAMS}), '${SCENARIO}', 1, g,
      timestamptz '2024-01-01' + (g % 900) * interval '1 day', now(), 'seed', 100, true, 40 + (g * 7) % 60,
      (5 + (g * 13) % 60) * 60000, (30 + (g * 17) % 120) * 60000, g % 9 = 0, CASE WHEN g % 5 = 0 THEN NULL ELSE (20 + (g * 11) % 90) * 60000 END,
      (g % 4), 3, 1 + g % 3, '{}'::jsonb, '[]'::jsonb,
      to_char((timestamptz '2024-01-01' + (g % 900) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-"Q"Q'), 30 * 60000, 90 * 60000,
      CASE WHEN (g * 13) % 60 < 25 THEN 'met' ELSE 'missed' END, CASE WHEN g % 9 = 0 THEN 'open' WHEN (g * 17) % 120 < 60 THEN 'met' ELSE 'missed' END,
      CASE WHEN g % 5 = 0 THEN 'open' ELSE 'met' END
    FROM generate_series(1, ${EXERCISES}) AS g`),
  );
  // What a reindex does after indexing the bundles: the readiness cells, from the exercises.
  await s.store.db.transaction(async (tx) => {
    for (const statement of REBUILD_READINESS_CELLS) await tx.execute(sql.raw(statement));
  });
  await s.store.db.execute(sql.raw('ANALYZE exercises'));
  await s.store.db.execute(sql.raw('ANALYZE readiness_cells'));
  return teamIds;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

/** Server-side time of each request (inject: the whole route, auth and query, no socket). */
async function atServer(app: FastifyInstance, url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const ms = performance.now() - t0;
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  return ms;
}

async function readinessFigures(kind: string, target: DatabaseTarget, key: InstallationKey): Promise<Figure[]> {
  const s = await serve(target, key);
  try {
    const teamIds = await seed(s);
    for (const id of teamIds.slice(0, 10)) await atServer(s.app, `/api/v1/teams/${id}/readiness`, s.token); // warm-up
    const times: number[] = [];
    for (const id of teamIds) times.push(await atServer(s.app, `/api/v1/teams/${id}/readiness`, s.token));
    const health: number[] = [];
    for (let i = 0; i < TEAMS; i++) health.push(await atServer(s.app, '/api/v1/health', s.token));
    // The programme lead's readiness across every team (API and page), fewer repetitions: each reads all 20,000 rows.
    const org: number[] = [];
    const page: number[] = [];
    await atServer(s.app, '/api/v1/readiness', s.token);
    await atServer(s.app, '/readiness', s.token);
    for (let i = 0; i < ORG_REPS; i++) org.push(await atServer(s.app, '/api/v1/readiness', s.token));
    for (let i = 0; i < ORG_REPS; i++) page.push(await atServer(s.app, '/readiness', s.token));
    return [
      {
        name: `${kind}: readiness of all ${TEAMS} teams (GET /api/v1/readiness), p95`,
        value: p95(org),
        unit: 'ms',
        target: 200,
        note: `(median ${median(org).toFixed(1)} ms)`,
      },
      {
        name: `${kind}: the readiness page (GET /readiness, HTML), p95`,
        value: p95(page),
        unit: 'ms',
        target: 200,
        note: `(median ${median(page).toFixed(1)} ms)`,
      },
      { name: `${kind}: floor: GET /api/v1/health, p95`, value: p95(health), unit: 'ms' },
      {
        name: `${kind}: team readiness, ${EXERCISES.toLocaleString('en-US')} exercises of ${TEAMS} teams, p95`,
        value: p95(times),
        unit: 'ms',
        target: 200,
        note: `(median ${median(times).toFixed(1)} ms; ${(p95(times) / Math.max(0.01, p95(health))).toFixed(1)}× the floor)`,
      },
    ];
  } finally {
    await s.close();
  }
}

async function concurrentFigures(kind: string, target: DatabaseTarget, key: InstallationKey, bundles: string[], single: string): Promise<Figure[]> {
  const s = await serve(target, key);
  try {
    const unit = await s.store.addUnit('Publishers');
    const t1 = performance.now();
    const alone = await post(s, single, unit);
    const tAlone = performance.now() - t1;
    if (alone !== 201) throw new Error(`${kind}: one publisher: HTTP ${alone}`);
    const t0 = performance.now();
    const statuses = await Promise.all(bundles.map((b) => post(s, b, unit).catch(() => 0)));
    const tAll = performance.now() - t0;
    const errors = statuses.filter((x) => x !== 201).length;
    const stored = (await s.store.counts()).exercises;
    return [
      { name: `${kind}: floor: one publisher alone`, value: tAlone, unit: 'ms' },
      {
        name: `${kind}: ${PUBLISHERS} publishers at once: requests not stored`,
        value: errors + Math.abs(stored - (PUBLISHERS + 1)),
        unit: 'errors',
        target: 0,
        note: `(all ${PUBLISHERS} in ${(tAll / 1000).toFixed(2)} s; ${stored} exercises stored)`,
      },
    ];
  } finally {
    await s.close();
  }
}

export default async function serverBench(): Promise<boolean> {
  const key = generateInstallationKey();
  const figures: Figure[] = [];

  // Publish of a 10,000-entry journal (PGlite, the default), beside the check alone.
  const long = Array.from({ length: 3 }, (_, i) => serializeBundle(makeBundle(exerciseFiles(`bench-long-${i}`, 'Long', JOURNAL_ENTRIES), key)));
  const entries = exerciseFiles('count', 'x', JOURNAL_ENTRIES)['journal.jsonl']!.trimEnd().split('\n').length - 1;
  const checkTimes = long.map((b) => {
    const t0 = performance.now();
    const c = checkPublish(b, [key.publicKey]);
    if (!c.ok) throw new Error(`the long bundle does not check: ${c.reason}: ${c.problems.join('; ')}`);
    return performance.now() - t0;
  });
  const pgliteDir = await mkdtemp(join(tmpdir(), 'firebreak-bench-pglite-'));
  try {
    const s = await serve({ pgliteDir: join(pgliteDir, 'publish') }, key);
    try {
      const unit = await s.store.addUnit('Long');
      const times: number[] = [];
      for (const b of long) {
        const t0 = performance.now();
        const status = await post(s, b, unit);
        times.push(performance.now() - t0);
        if (status !== 201) throw new Error(`publish of the long journal: HTTP ${status}`);
      }
      figures.push(
        { name: `floor: verify + replay + re-score of a ${entries.toLocaleString('en-US')}-entry journal`, value: median(checkTimes) / 1000, unit: 's' },
        {
          name: `publish of a ${entries.toLocaleString('en-US')}-entry journal (HTTP, PGlite)`,
          value: median(times) / 1000,
          unit: 's',
          target: 2,
          note: `(${(median(times) / median(checkTimes)).toFixed(2)}× the floor)`,
        },
      );
    } finally {
      await s.close();
    }

    const many = Array.from({ length: PUBLISHERS }, (_, i) => serializeBundle(makeBundle(exerciseFiles(`bench-many-${i}`, `Team ${i % 10}`), key)));
    const single = serializeBundle(makeBundle(exerciseFiles('bench-single', 'Team S'), key));

    figures.push(...(await readinessFigures('PGlite', { pgliteDir: join(pgliteDir, 'readiness') }, key)));
    figures.push(...(await concurrentFigures('PGlite', { pgliteDir: join(pgliteDir, 'concurrent') }, key, many, single)));

    let cluster: TestCluster | null = null;
    try {
      cluster = await startPostgres();
      figures.push(...(await readinessFigures('PostgreSQL', { url: await freshDatabase(cluster, 'bench_readiness') }, key)));
      figures.push(...(await concurrentFigures('PostgreSQL', { url: await freshDatabase(cluster, 'bench_concurrent') }, key, many, single)));
    } catch (e) {
      figures.push({ name: `PostgreSQL: not measured (${(e as Error).message.slice(0, 80)})`, value: 1, unit: '', target: 0 });
    } finally {
      await cluster?.stop();
    }
  } finally {
    await rm(pgliteDir, { recursive: true, force: true });
  }
  console.log('Programme server');
  return report(figures);
}
