/**
 * An in-memory FirebreakApi for component tests: every channel is a vi.fn() over a small fake
 * store, so tests can assert calls (`expect(api['exercises:append']).toHaveBeenCalled…`) and
 * make one fail or hang (`mockRejectedValueOnce`, `mockImplementationOnce(() => deferred)`).
 *
 * It enforces what the real store does that the UI relies on: append seq numbers continue the
 * journal, times never go backwards, and finished exercises take no more entries.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi, type Mock } from 'vitest';
import {
  ApiError,
  EMPTY_DEBRIEF,
  type ExerciseMeta,
  type FirebreakApi,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponses,
  type ScenarioEntry,
  newExerciseMeta,
} from '../../shared/contract/api.ts';
import type { JournalEntry } from '../../shared/engine/inputs.ts';
import { JOURNAL_FORMAT, serializeJournal, type JournalHeader } from '../../shared/engine/journal.ts';
import { scenarioEntry as sharedScenarioEntry } from '../../shared/scenario/entry.ts';
import { loadScenario } from '../../shared/scenario/load.ts';
import { toRow } from '../../shared/history/metrics.ts';
import { encodeRows } from '../../shared/history/row-columns.ts';

export type FakeApi = { [K in InvokeChannel]: Mock<(request: InvokeRequest<K>) => Promise<InvokeResponses[K]>> };

export interface FakeExercise {
  meta: ExerciseMeta;
  header: JournalHeader;
  entries: JournalEntry[];
  /** Extra text appended to the journal on load (e.g. a torn last line). */
  tail: string;
  warnings: string[];
}

export interface FakeBackend {
  scenarios: ScenarioEntry[];
  exercises: Map<string, FakeExercise>;
}

/** Vitest runs from the repository root (jsdom's import.meta.url is not a file URL). */
const ROOT = process.cwd();

export function fixture(name: string): string {
  return readFileSync(resolve(ROOT, 'test/component/fixtures', name), 'utf8');
}

export function miniSource(): string {
  return readFileSync(resolve(ROOT, 'test/fixtures/mini.yaml'), 'utf8');
}

/** What a host would list for a scenario file. */
export function scenarioEntry(file: string, source: string, builtIn = true): ScenarioEntry {
  return sharedScenarioEntry(file, builtIn, source);
}

let idCounter = 0;

export function createFakeApi(scenarios: ScenarioEntry[] = [scenarioEntry('builtin:drill.yaml', fixture('drill.yaml'))]): {
  api: FakeApi;
  backend: FakeBackend;
} {
  const backend: FakeBackend = { scenarios, exercises: new Map() };
  const get = (exerciseId: string) => {
    const x = backend.exercises.get(exerciseId);
    if (!x) throw new ApiError('not-found', `no exercise ${exerciseId}`);
    return x;
  };
  const impl: FirebreakApi = {
    'scenarios:list': async () => backend.scenarios,
    'scenarios:import': async ({ fileName, text }) => scenarioEntry(fileName, text, false),
    'scenarios:save': async ({ file, text }) => scenarioEntry(file, text, false),
    'scenarios:exportPack': async ({ file }) => ({ fileName: `${file.replace(/^builtin:|\.yaml$/g, '')}.firebreak-pack.json`, text: '{}', savedTo: null }),
    'scenarios:importPack': async () => {
      throw new ApiError('invalid-request', 'not a scenario pack');
    },
    'exercises:create': async (setup) => {
      const r = loadScenario(setup.scenarioSource, setup.scenarioId);
      if (!r.ok) throw new ApiError('invalid-request', 'scenario does not load');
      const id = `x${++idCounter}`;
      const now = new Date(2026, 0, 1).toISOString();
      const meta = newExerciseMeta(id, now, setup, r.scenario);
      const header: JournalHeader = {
        format: JOURNAL_FORMAT,
        exerciseId: id,
        scenarioId: r.scenario.id,
        scenarioVersion: r.scenario.version,
        scenarioSource: setup.scenarioSource,
        seed: setup.seed,
        createdAt: now,
      };
      backend.exercises.set(id, { meta, header, entries: [], tail: '', warnings: [] });
      return meta;
    },
    'exercises:append': async ({ exerciseId, entries }) => {
      const x = get(exerciseId);
      if (x.meta.status !== 'running') throw new ApiError('conflict', 'the exercise is not running');
      for (const e of entries) {
        if (e.seq !== x.entries.length + 1) throw new ApiError('conflict', `seq ${e.seq} does not continue the journal (expected ${x.entries.length + 1})`);
        if (e.t < (x.entries.at(-1)?.t ?? 0)) throw new ApiError('conflict', 'time goes backwards');
        x.entries.push(structuredClone(e));
      }
      x.meta = { ...x.meta, entryCount: x.entries.length, lastT: x.entries.at(-1)?.t ?? 0 };
      return { entryCount: x.entries.length, lastT: x.meta.lastT };
    },
    'exercises:list': async (r) =>
      // As the host does: `status` narrows the listing (the library asks for the running ones).
      ({ exercises: [...backend.exercises.values()].map((x) => x.meta).filter((m) => !r?.status || m.status === r.status), problems: [] }),
    // As the host does: History's rows from the listing (a test that changes the listing changes them).
    'exercises:rows': async () => {
      const { exercises, problems } = await api['exercises:list']({});
      return { rows: encodeRows(exercises.map(toRow)), problems };
    },
    'exercises:load': async ({ exerciseId }) => {
      const x = get(exerciseId);
      return {
        meta: x.meta,
        journalText: serializeJournal({ header: x.header, entries: x.entries }) + x.tail,
        entries: structuredClone(x.entries),
        debrief: EMPTY_DEBRIEF,
        warnings: x.warnings,
      };
    },
    'exercises:finish': async ({ exerciseId, status }) => {
      const x = get(exerciseId);
      x.meta = { ...x.meta, status };
      return x.meta;
    },
    'exercises:saveDebrief': async () => ({ savedAt: new Date(0).toISOString() }),
    // As the host's handler: appended after the end, at the journal's last moment.
    'exercises:record': async ({ exerciseId, input, by }) => {
      const x = get(exerciseId);
      const entry = {
        seq: x.entries.length + 1,
        t: x.entries.at(-1)?.t ?? 0,
        input: structuredClone(input),
        by: by ?? { name: 'Facilitator', role: 'facilitator' },
      };
      x.entries.push(entry);
      x.meta = { ...x.meta, entryCount: x.entries.length };
      return { seq: entry.seq };
    },
    'exercises:delete': async ({ exerciseId }) => ({ deleted: exerciseId }),
    'exercises:restore': async ({ exerciseId }) => ({ restored: exerciseId }),
    'exercises:exportArchive': async () => ({ fileName: 'archive.json', text: '{}', savedTo: null }),
    'exercises:importArchive': async () => ({ imported: [], skipped: [], problems: [] }),
    'report:export': async () => ({ fileName: 'r.md', savedTo: null, base64: null, mime: 'text/markdown' }),
    'report:progress': async () => ({ state: 'unknown' as const }),
    'msel:export': async () => ({ fileName: 'm.xlsx', savedTo: null, base64: null, mime: 'application/octet-stream' }),
    'guide:export': async () => ({ fileName: 'g.pdf', savedTo: null, base64: null, mime: 'application/pdf' }),
    'projector:open': async () => ({ opened: true }),
    'exercises:salvage': async () => null,
    'exercises:removeEmpty': async ({ exerciseIds }) => ({ removed: [...exerciseIds], kept: [] }),
    // #22: no programme server set (tests that publish mock these).
    'programme:settings': async () => ({ server: null, tokenHint: null, unit: null }),
    'programme:saveSettings': async ({ server }) => ({ server: server || null, tokenHint: null, unit: null }),
    'programme:publish': async ({ exerciseIds }) => ({
      items: exerciseIds.map((id) => ({
        exerciseId: id,
        state: 'queued' as const,
        updatedAt: new Date(0).toISOString(),
        attempts: 0,
        nextAttemptAt: null,
        message: null,
        problems: [],
        digest: null,
        team: null,
        unit: null,
        overall: null,
      })),
    }),
    'programme:status': async () => ({ configured: false, items: [], problem: null }),
    'programme:teamActions': async () => ({ connected: false, actions: [], message: null }),
  };
  const api = Object.fromEntries(Object.entries(impl).map(([k, fn]) => [k, vi.fn(fn)])) as unknown as FakeApi;
  return { api, backend };
}

/** Creates a running exercise directly in the fake store (skipping the setup screen). */
export async function seedExercise(
  api: FakeApi,
  options: { source?: string; mode?: 'facilitated' | 'solo'; seed?: number; speed?: number; participants?: ExerciseMeta['participants'] } = {},
): Promise<ExerciseMeta> {
  const source = options.source ?? fixture('drill.yaml');
  const id = loadScenario(source).ok ? (loadScenario(source) as { scenario: { id: string } }).scenario.id : 'unknown';
  const meta = await api['exercises:create']({
    scenarioId: id,
    scenarioSource: source,
    seed: options.seed ?? 7,
    team: 'Blue team',
    participants: options.participants ?? [],
    mode: options.mode ?? 'facilitated',
    speed: options.speed ?? 60,
  });
  api['exercises:create'].mockClear();
  return meta;
}

/** A promise the test settles by hand (to hold a journal write in flight). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
