/**
 * Property-based fuzzing (fast-check) of everything Firebreak reads from a person or a file:
 * scenarios, actions files, journals and API payloads. For every mutation: no crash (only the
 * module's own located errors), no non-finite number in a score card. Runs are bounded by count
 * (not time) and each property has an explicit, generous timeout: a runaway loop fails the test by
 * its timeout, and speed is measured by `npm run bench`, never asserted here.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { ApiError } from '../../../shared/contract/api.ts';
import { ActionsFileError, parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { JournalError, parseJournalLenient, serializeJournal } from '../../../shared/engine/journal.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { createHandlers, dispatch, INVOKE_CHANNELS } from '../../../host/api-handlers.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { MINI_TEAM_STEPS } from '../../fixtures/mini-team.ts';
import { mini, ROOT } from '../../helpers.ts';
import { miniSetup, tempDir } from '../host/host-helpers.ts';
import { join } from 'node:path';

const RUNS = 200;
/** Fixed so CI is reproducible; FUZZ_SEED=<n> explores other inputs (a failure prints its seed and path). */
const SEED = Number(process.env.FUZZ_SEED ?? 20260105);
/** A property's whole budget, for a machine several times slower than a developer's (bounded by RUNS, not by time). */
const PROPERTY_TIMEOUT_MS = 300_000;

/** One property case (a hang is caught by the property's timeout; no wall-clock assertion per case). */
function oneCase<T>(fn: () => T): T {
  return fn();
}

/** The first number in `value` that is not finite, as a path, or null. */
function nonFinite(value: unknown, path = 'card'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}.${k}`);
    if (found) return found;
  }
  return null;
}

const LOCATED = /^[^\s:]+(\.ya?ml)?:\d+:\d+ {2}\S/;

const extremeNumber = fc.oneof(
  { arbitrary: fc.constantFrom(1e308, -1e308, 1e300, Infinity, -Infinity, NaN), weight: 3 },
  { arbitrary: fc.constantFrom(0, -0, -1, 1, 1e-300, Number.MAX_SAFE_INTEGER, 2 ** 31), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
);
const weirdString = fc.oneof(fc.string(), fc.constantFrom('', '2026-02-31T25:61', '9999999999d', '-5m', '0m', 'NaN', '1e308m', '\u0000', 'é'.repeat(300)));

/** Paths to every leaf of a plain JSON value. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [path];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]));
}

function setIn(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const base = parse(mini().source) as unknown;
const basePaths = leaves(base);
/** Leaves that hold numbers or durations: where non-finite and absurd values matter most. */
const numericPaths = basePaths.filter((p) => {
  let n = base as Record<string | number, unknown>;
  for (const k of p) n = n[k] as Record<string | number, unknown>;
  return typeof n === 'number' || /^\d+[mhd]/.test(String(n));
});

/** Loads a mutated scenario; when it loads, plays a do-nothing and a scripted team and checks both score cards. */
function checkScenario(mutations: ReadonlyArray<[(string | number)[], unknown]>): void {
  let doc = base;
  for (const [path, value] of mutations) doc = setIn(doc, path, value);
  const r = loadScenario(Buffer.from(stringify(doc)), 'fuzz.yaml');
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p.line >= 1 && p.column >= 1, JSON.stringify(p)).toBe(true);
    return;
  }
  for (const steps of [[], MINI_TEAM_STEPS]) {
    const run = new ExerciseRun(r.scenario, 7);
    for (const [t, input] of steps) {
      if (run.over || t > run.horizon) break;
      run.advanceTo(t);
      if (run.check(input) === null) run.apply(input, t);
    }
    run.runToEnd();
    expect(nonFinite(scoreFinishedRun(run)), `mutations ${JSON.stringify(mutations)}`).toBeNull();
  }
}

describe('fuzz: scenario mutations', () => {
  it('one absurd number or duration anywhere: refused with a location, or scored with finite numbers', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...numericPaths), extremeNumber, (path, value) => {
        oneCase(() => checkScenario([[path, value]]));
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  it('several mutations of any field: never a crash, every problem located', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...basePaths),
            fc.oneof({ arbitrary: extremeNumber, weight: 3 }, { arbitrary: weirdString, weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (mutations) => {
          oneCase(() => checkScenario(mutations));
        },
      ),
      { numRuns: RUNS, seed: SEED + 2 },
    );
  });
});

/** Byte-level mutations: replace, insert or delete a few bytes anywhere. */
const byteEdits = fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 })), {
  minLength: 1,
  maxLength: 4,
});
function applyEdits(bytes: Uint8Array, edits: ReadonlyArray<[string, number, number]>): Buffer {
  let b = Buffer.from(bytes);
  for (const [op, at, byte] of edits) {
    const i = b.length === 0 ? 0 : at % (b.length + (op === 'insert' ? 1 : 0));
    if (op === 'replace' && i < b.length) b[i] = byte;
    else if (op === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
    else if (op === 'delete') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
  }
  return b;
}

const TEAM = [
  '- { after: signal:alert, delay: 10m, do: ACKNOWLEDGE }',
  '- { after: previous, do: TRIAGE, severity: 2, incidentType: performance_degradation }',
  '- { after: previous, do: PRESERVE_EVIDENCE, evidenceId: logs }',
  '- { after: previous, do: INVESTIGATE, investigationId: diff-prompts }',
  '- { after: finding:diff-prompts, do: DECLARE_ROOT_CAUSE, rootCauseId: prompt-change }',
  '- { after: previous, do: CONTAIN, containmentId: rollback-prompt }',
  '- { at: 4h, do: COMMUNICATE, audience: client, message: "Contained." }',
  '- { at: 5h, do: RESOLVE }',
  '',
].join('\n');

describe('fuzz: actions-file mutations', () => {
  it('parses, or fails with a located ActionsFileError; a script that parses plays and scores with finite numbers', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const scenario = mini().scenario;
    const bytes = Buffer.from(TEAM);
    fc.assert(
      fc.property(byteEdits, (edits) =>
        oneCase(() => {
          const mutated = applyEdits(bytes, edits);
          let actions;
          try {
            actions = parseActionsFile(mutated, 'team.yaml', scenario);
          } catch (e) {
            expect(e).toBeInstanceOf(ActionsFileError);
            expect((e as Error).message).toMatch(LOCATED);
            return;
          }
          const run = new ExerciseRun(scenario, 7);
          playScript(run, actions);
          run.runToEnd();
          expect(nonFinite(scoreFinishedRun(run))).toBeNull();
        }),
      ),
      { numRuns: RUNS, seed: SEED + 3 },
    );
  });
});

describe('fuzz: journal mutations', () => {
  it('never accepts different data: the header is refused at line 1, or the kept entries are the original prefix', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const entries = MINI_TEAM_STEPS.map(([t, input], i) => ({ seq: i + 1, t, input }));
    const text = serializeJournal({
      header: {
        format: 'firebreak-journal/2',
        exerciseId: 'ex-1',
        scenarioId: 'mini',
        scenarioVersion: 1,
        scenarioSource: 'id: mini\n',
        seed: 7,
        createdAt: '2026-01-05T09:00:00Z',
      },
      entries,
    });
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(byteEdits, (edits) =>
        oneCase(() => {
          const mutated = applyEdits(bytes, edits);
          let r;
          try {
            r = parseJournalLenient(mutated.toString('utf8'));
          } catch (e) {
            expect(e).toBeInstanceOf(JournalError);
            expect((e as JournalError).line).toBe(1);
            return;
          }
          expect(r.entries).toEqual(entries.slice(0, r.entries.length));
          // What is kept after the damage is original entries only, in order.
          for (const e of r.later) expect(e).toEqual(entries[e.seq - 1]);
          if (r.damage) expect(r.damage.line).toBeGreaterThanOrEqual(2);
          // Everything kept and nothing said: then only trailing whitespace changed (the same data).
          if (r.damage === null && r.warnings.length === 0 && r.entries.length === entries.length) {
            expect(mutated.toString('utf8').trimEnd()).toBe(text.trimEnd());
          }
        }),
      ),
      { numRuns: RUNS * 2, seed: SEED + 4 },
    );
  });
});

describe('fuzz: API payloads', () => {
  it(
    'every channel answers a hostile payload with an ApiError or a result, never a crash; the store stays loadable',
    { timeout: PROPERTY_TIMEOUT_MS },
    async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const store = new ExerciseStore(dir);
        const handlers = createHandlers({
          store,
          library: new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(dir, 'scenarios') }),
          renderReport: () => 'report',
          printPdf: async () => new Uint8Array([0x25]),
          chooseSaveTarget: async () => ({ kind: 'download' }),
          openProjector: async () => false,
        });
        const { id } = await store.create(miniSetup());
        const entry = fc.record({
          seq: fc.oneof(fc.integer({ min: -2, max: 4 }), extremeNumber),
          t: fc.oneof(fc.integer({ min: -1, max: 40_000_000 }), extremeNumber),
          input: fc.oneof(
            fc.constant({ type: 'NOTE', text: 'n' }),
            fc.constant({ type: 'ACKNOWLEDGE' }),
            fc.record({ type: fc.constantFrom('TRIAGE'), severity: extremeNumber, incidentType: fc.constant('safety') }),
            fc.anything(),
          ),
        });
        const payload = fc.oneof(
          fc.record({ exerciseId: fc.oneof(fc.constant(id), fc.string()), entries: fc.array(entry, { maxLength: 3 }) }),
          fc.record({ exerciseId: fc.oneof(fc.constant(id), fc.string()), status: fc.constantFrom('finished', 'abandoned', 'x') }),
          fc.anything(),
        );
        const channels = INVOKE_CHANNELS.filter((c) => c !== 'exercises:delete' && c !== 'exercises:create');
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...channels), payload, async (channel, body) => {
            try {
              await dispatch(handlers, channel, body);
            } catch (e) {
              expect(e, `${channel} ${JSON.stringify(body)?.slice(0, 200)}`).toBeInstanceOf(ApiError);
              expect((e as ApiError).message.length).toBeGreaterThan(0);
            }
          }),
          { numRuns: RUNS, seed: SEED + 5 },
        );
        const loaded = await store.load(id);
        expect(loaded.warnings.filter((w) => w.includes('damaged'))).toEqual([]);
        expect(loaded.entries.map((e) => e.seq)).toEqual(loaded.entries.map((_, i) => i + 1));
        expect(nonFinite(loaded.meta)).toBeNull();
        const listed = await store.list();
        expect(nonFinite(listed.exercises)).toBeNull();
        await store.close();
      } finally {
        await cleanup();
      }
    },
  );
});
