/**
 * The invoke channels' handlers, shared by the Electron main process and the browser host.
 *
 * Every handler takes its request as `unknown` and validates it with the contract's schema before
 * anything else. What differs per host — where a file is saved (dialog or download), how HTML
 * becomes a PDF, how the projector opens — comes in as functions in `HandlerDeps`, so the
 * handlers are plain async functions that tests call directly.
 */
import {
  ApiError,
  invokeSchemas,
  parseRequest,
  type ApiErrorShape,
  type ExerciseMeta,
  type InvokeChannel,
  type InvokeResponses,
  type LoadedExercise,
} from '../shared/contract/api.ts';
import { formatProblem } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import type { Locale } from '../shared/i18n/words.ts';
import type { ExerciseStore } from './storage/exercise-store.ts';
import type { ScenarioLibrary } from './scenario-library.ts';
import { REPORT_MIME, reportFileName, type ReportTextFormat } from '../shared/debrief/render-report.ts';
import { errnoCode, exists, writeFileAtomic, writeFileExclusive } from './storage/durable-fs.ts';
import { PrintQueue } from './pdf/print-queue.ts';
import { guideFileName, guideHtml } from './exercise/guide.ts';
import { exportMsel, mselFileName } from './exercise/msel-files.ts';
import { loadScenario } from '../shared/scenario/load.ts';
import { appendChecked, finishExercise, recordChecked, scenarioOf } from './session/journal-intake.ts';

export { scenarioOf } from './session/journal-intake.ts';
import { PublishQueue } from './programme/publish/publish-queue.ts';
import { toRow } from '../shared/history/metrics.ts';
import { encodeRows } from '../shared/history/row-columns.ts';

/** A listing narrowed to the exercises in one state (all of them without one); problems are always kept. */
export function withStatus<L extends { exercises: ReadonlyArray<{ status: ExerciseMeta['status'] }> }>(list: L, status: ExerciseMeta['status'] | undefined): L {
  return status ? { ...list, exercises: list.exercises.filter((e) => e.status === status) } : list;
}

/** Where an exported file goes, as the host decides it. */
export type SaveTarget =
  /** A path on disk. `confirmedOverwrite`: the user already agreed to replace it (a native save dialog asks). */
  | { kind: 'file'; path: string; confirmedOverwrite: boolean }
  /** Return the bytes to the renderer (browser host: it downloads them). */
  | { kind: 'download' }
  /** The user cancelled the dialog. */
  | { kind: 'cancelled' };

export interface SaveRequest {
  suggestedName: string;
  what: 'report' | 'archive' | 'guide' | 'msel' | 'pack';
  /** File extension without the dot: pdf, md, json, csv. */
  extension: string;
}

/** The text formats the report module renders; `html` is what the pdf path prints. */
export type { ReportTextFormat } from '../shared/debrief/render-report.ts';

export interface HandlerDeps {
  store: ExerciseStore;
  library: ScenarioLibrary;
  /** The report module (shared/debrief/render-report.ts `renderReport`): one exercise's report as text. */
  renderReport: (format: ReportTextFormat, exercise: LoadedExercise, scenario: Scenario, locale?: Locale) => string | Promise<string>;
  /** Prints report HTML to PDF bytes (Electron: printToPDF; browser host and CLI: headless Chromium). */
  printPdf: (html: string) => Promise<Uint8Array>;
  chooseSaveTarget: (request: SaveRequest) => Promise<SaveTarget>;
  /** Opens (or focuses) the projector window; false when the host cannot (the renderer opens it itself). */
  openProjector: (exerciseId: string) => Promise<boolean>;
  /** Limits PDF printing (default: two at a time). */
  printQueue?: PrintQueue;
  /** #22: the programme server publish queue (default: one in the store's data folder, started). */
  publisher?: PublishQueue;
}

export type Handler<K extends InvokeChannel> = (request: unknown) => Promise<InvokeResponses[K]>;
export type Handlers = { [K in InvokeChannel]: Handler<K> };

export const INVOKE_CHANNELS = Object.keys(invokeSchemas) as InvokeChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(invokeSchemas, name);
}

/** Turns anything thrown into the shape that crosses the boundary (no stack traces, no internals). */
export function toErrorShape(e: unknown): ApiErrorShape {
  if (e instanceof ApiError) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: message || 'unexpected error' };
}

/**
 * Writes an exported file where the host chose.
 *
 * Never replaces an existing file unless `replace` (an exclusive create otherwise); a replacement
 * goes through a temporary file, so a failed write leaves the old file as it was.
 */
async function writeExport(path: string, bytes: Uint8Array, replace: boolean): Promise<{ exists: string } | null> {
  try {
    if (replace) await writeFileAtomic(path, bytes);
    else await writeFileExclusive(path, bytes);
    return null;
  } catch (e) {
    if (!replace && errnoCode(e) === 'EEXIST') return { exists: path };
    throw new ApiError('io', `could not write ${path}: ${(e as Error).message}`);
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, library } = deps;
  // One or two PDF printers at a time, however many exports are asked for at once.
  const printQueue = deps.printQueue ?? new PrintQueue();
  // #22: the publish queue, made on first use; what was queued before the host stopped is sent
  // when it starts (and retried with backoff while it runs).
  let ownPublisher: PublishQueue | null = deps.publisher ?? null;
  const publisherOf = (): PublishQueue => (ownPublisher ??= startedPublisher(store));
  setImmediate(() => {
    try {
      publisherOf();
    } catch {
      // a store without a data folder (tests of other things): the queue starts on first use
    }
  }).unref();

  async function render(format: ReportTextFormat, exercise: LoadedExercise, scenario: Scenario, locale?: Locale): Promise<string> {
    try {
      return await deps.renderReport(format, exercise, scenario, locale);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError('internal', `could not render the ${format} report: ${(e as Error).message}`);
    }
  }

  /** A library scenario by its entry's file name, loaded. */
  async function libraryScenario(file: string): Promise<Scenario> {
    const entry = (await library.list()).find((e) => e.file === file);
    if (!entry) throw new ApiError('not-found', `no scenario "${file}" in the library`);
    const loaded = loadScenario(entry.source, entry.file);
    if (!loaded.ok) throw new ApiError('invalid-request', `${entry.file} does not load: ${loaded.problems.slice(0, 3).map(formatProblem).join('; ')}`);
    return loaded.scenario;
  }

  // Every handler parses its request first, before it touches the store or any other dependency.
  const handlers: Handlers = {
    'scenarios:list': async (request) => {
      parseRequest('scenarios:list', request);
      return library.list();
    },
    'scenarios:import': async (request) => {
      const r = parseRequest('scenarios:import', request);
      return library.import(r.fileName, r.text);
    },
    'scenarios:save': async (request) => {
      const r = parseRequest('scenarios:save', request);
      return library.save(r.file, r.text, r.base);
    },
    'scenarios:exportPack': async (request) => {
      const r = parseRequest('scenarios:exportPack', request);
      const { fileName, text } = await library.exportPack(r.file);
      const target = await deps.chooseSaveTarget({ suggestedName: fileName, what: 'pack', extension: 'json' });
      if (target.kind !== 'file') return { fileName, text, savedTo: null };
      const clash = await writeExport(target.path, Buffer.from(text, 'utf8'), target.confirmedOverwrite);
      if (clash) throw new ApiError('conflict', `${clash.exists} already exists; choose another name`);
      return { fileName, text, savedTo: target.path };
    },
    'scenarios:importPack': async (request) => {
      const r = parseRequest('scenarios:importPack', request);
      return library.importPack(r.text);
    },
    'exercises:create': async (request) => {
      const r = parseRequest('exercises:create', request);
      return store.create(r);
    },
    'exercises:append': async (request) => {
      const r = parseRequest('exercises:append', request);
      // No live session holds this journal: the check here is the action's one engine.
      return appendChecked(store, r.exerciseId, r.entries);
    },
    'exercises:list': async (request) => {
      const r = parseRequest('exercises:list', request);
      return withStatus(await store.list({ includeDeleted: r.includeDeleted }), r.status);
    },
    'exercises:rows': async (request) => {
      parseRequest('exercises:rows', request);
      const { exercises, problems } = await store.list({});
      return { rows: encodeRows(exercises.map(toRow)), problems };
    },
    'exercises:load': async (request) => {
      const r = parseRequest('exercises:load', request);
      return store.load(r.exerciseId);
    },
    'exercises:finish': async (request) => {
      const r = parseRequest('exercises:finish', request);
      return finishExercise(store, r.exerciseId, r.status);
    },
    'exercises:saveDebrief': async (request) => {
      const r = parseRequest('exercises:saveDebrief', request);
      return store.saveDebrief(r.exerciseId, r.debrief);
    },
    'exercises:record': async (request) => {
      const r = parseRequest('exercises:record', request);
      // After the end, at the journal's last moment; the engine refuses what the input may not do
      // (an unknown objective, a hot wash too early).
      return recordChecked(store, r.exerciseId, r.input, r.by ?? { name: 'Facilitator', role: 'facilitator' });
    },
    'exercises:delete': async (request) => {
      const r = parseRequest('exercises:delete', request);
      return store.delete(r.exerciseId);
    },
    'exercises:restore': async (request) => {
      const r = parseRequest('exercises:restore', request);
      return store.restore(r.exerciseId);
    },
    'exercises:exportArchive': async (request) => {
      const r = parseRequest('exercises:exportArchive', request);
      const { fileName, text } = await store.exportArchive(r.exerciseIds);
      const target = await deps.chooseSaveTarget({ suggestedName: fileName, what: 'archive', extension: 'json' });
      if (target.kind !== 'file') return { fileName, text, savedTo: null };
      const clash = await writeExport(target.path, Buffer.from(text, 'utf8'), target.confirmedOverwrite);
      if (clash) throw new ApiError('conflict', `${clash.exists} already exists; choose another name`);
      return { fileName, text, savedTo: target.path };
    },
    'exercises:importArchive': async (request) => {
      const r = parseRequest('exercises:importArchive', request);
      return store.importArchive(r.text);
    },
    'report:export': async (request) => {
      const r = parseRequest('report:export', request);
      const exercise = await store.load(r.exerciseId);
      const scenario = scenarioOf(exercise);
      const fileName = reportFileName(exercise.meta.scenarioId, exercise.meta.id, r.format);
      const mime = REPORT_MIME[r.format];

      // Ask where first: no rendering (or printing) for a cancelled dialog or a name that is taken.
      const target = await deps.chooseSaveTarget({ suggestedName: fileName, what: 'report', extension: r.format === 'aar' ? 'pdf' : r.format });
      if (target.kind === 'cancelled') return { fileName, savedTo: null, base64: null, mime };
      const replace = r.overwrite === true || (target.kind === 'file' && target.confirmedOverwrite);
      if (target.kind === 'file' && !replace && (await exists(target.path))) return { exists: target.path };

      let bytes: Uint8Array;
      if (r.format === 'pdf' || r.format === 'aar') {
        const html = await render(r.format === 'aar' ? 'aar-html' : 'html', exercise, scenario, r.locale);
        try {
          bytes = await printQueue.run(() => deps.printPdf(html), r.ticket ?? null);
        } catch (e) {
          throw new ApiError('internal', `could not print the PDF: ${(e as Error).message}`);
        }
      } else {
        bytes = Buffer.from(await render(r.format satisfies ReportTextFormat, exercise, scenario, r.locale), 'utf8');
      }

      if (target.kind === 'download') return { fileName, savedTo: null, base64: Buffer.from(bytes).toString('base64'), mime };
      const clash = await writeExport(target.path, bytes, replace);
      if (clash) return clash;
      return { fileName, savedTo: target.path, base64: null, mime };
    },
    'report:progress': async (request) => {
      const r = parseRequest('report:progress', request);
      return printQueue.status(r.ticket);
    },
    'msel:export': async (request) => {
      const r = parseRequest('msel:export', request);
      const scenario = await libraryScenario(r.file);
      const fileName = mselFileName(scenario, r.kind);
      const mime = r.kind === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const target = await deps.chooseSaveTarget({ suggestedName: fileName, what: 'msel', extension: r.kind });
      if (target.kind === 'cancelled') return { fileName, savedTo: null, base64: null, mime };
      const replace = r.overwrite === true || (target.kind === 'file' && target.confirmedOverwrite);
      if (target.kind === 'file' && !replace && (await exists(target.path))) return { exists: target.path };
      const bytes = await exportMsel(scenario, r.kind);
      if (target.kind === 'download') return { fileName, savedTo: null, base64: Buffer.from(bytes).toString('base64'), mime };
      const clash = await writeExport(target.path, bytes, replace);
      if (clash) return clash;
      return { fileName, savedTo: target.path, base64: null, mime };
    },
    'guide:export': async (request) => {
      const r = parseRequest('guide:export', request);
      const loaded = { scenario: await libraryScenario(r.file) };
      const fileName = guideFileName(loaded.scenario, r.version);
      const mime = 'application/pdf';
      const target = await deps.chooseSaveTarget({ suggestedName: fileName, what: 'guide', extension: 'pdf' });
      if (target.kind === 'cancelled') return { fileName, savedTo: null, base64: null, mime };
      const replace = r.overwrite === true || (target.kind === 'file' && target.confirmedOverwrite);
      if (target.kind === 'file' && !replace && (await exists(target.path))) return { exists: target.path };
      let bytes: Uint8Array;
      try {
        const html = guideHtml(loaded.scenario, r.version);
        bytes = await printQueue.run(() => deps.printPdf(html));
      } catch (e) {
        throw new ApiError('internal', `could not print the PDF: ${(e as Error).message}`);
      }
      if (target.kind === 'download') return { fileName, savedTo: null, base64: Buffer.from(bytes).toString('base64'), mime };
      const clash = await writeExport(target.path, bytes, replace);
      if (clash) return clash;
      return { fileName, savedTo: target.path, base64: null, mime };
    },
    'exercises:salvage': async (request) => {
      const r = parseRequest('exercises:salvage', request);
      return store.salvage(r.exerciseId);
    },
    'exercises:removeEmpty': async (request) => {
      const r = parseRequest('exercises:removeEmpty', request);
      return store.removeEmpty(r.exerciseIds);
    },
    // ---- #22: publishing to a programme server ----
    'programme:settings': async (request) => {
      parseRequest('programme:settings', request);
      return publisherOf().settings();
    },
    'programme:saveSettings': async (request) => {
      const r = parseRequest('programme:saveSettings', request);
      return publisherOf().saveSettings(r);
    },
    'programme:publish': async (request) => {
      const r = parseRequest('programme:publish', request);
      for (const id of r.exerciseIds) {
        const meta = (await store.load(id)).meta; // a missing exercise is a not-found
        if (meta.status !== 'finished') throw new ApiError('invalid-request', `"${id}" is ${meta.status}: only a finished exercise is published`);
      }
      return { items: await publisherOf().enqueue(r.exerciseIds) };
    },
    'programme:status': async (request) => {
      const r = parseRequest('programme:status', request);
      if (r.retry) await publisherOf().drain(true);
      return publisherOf().status();
    },
    'programme:teamActions': async (request) => {
      const r = parseRequest('programme:teamActions', request);
      return publisherOf().teamActions(r.team);
    },
    'projector:open': async (request) => {
      const r = parseRequest('projector:open', request);
      await store.load(r.exerciseId); // a projector for an exercise that does not exist is a not-found
      return { opened: await deps.openProjector(r.exerciseId) };
    },
  };
  return handlers;
}

function startedPublisher(store: ExerciseStore): PublishQueue {
  const q = new PublishQueue({ dataDir: store.rootDir, exercisePath: (id) => store.dirOf(id) });
  q.start();
  return q;
}

/**
 * Runs one channel's handler. Unknown channel → ApiError('invalid-request').
 *
 * Hosts call this with the channel name from the wire and an `unknown` payload.
 */
export async function dispatch(handlers: Handlers, channel: string, payload: unknown): Promise<unknown> {
  if (!isInvokeChannel(channel)) throw new ApiError('invalid-request', `unknown channel "${channel.slice(0, 100)}"`);
  return handlers[channel](payload);
}
