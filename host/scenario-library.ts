/**
 * The scenario library: the built-in scenarios shipped with the app plus the ones a user opened.
 *
 * Built-ins are read from the app's `scenarios/*.yaml` (a folder beside the app code, or the
 * packaged resources folder); user scenarios are copies kept in `<data>/scenarios/`, so an
 * exercise can be started again after the original file has moved. Files are read as bytes so a
 * non-UTF-8 file is reported (by loadScenario) rather than silently mangled, and an oversized file
 * is refused from its size before it is read.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ApiError, type ScenarioEntry } from '../shared/contract/api.ts';
import { MAX_SCENARIO_BYTES, type Problem } from '../shared/scenario/load.ts';
import { errnoCode, writeFileAtomic, writeFileExclusive } from './storage/durable-fs.ts';
import { scenarioEntry } from '../shared/scenario/entry.ts';

export interface ScenarioLibraryOptions {
  /** The app's built-in scenarios folder (repo `scenarios/`, or `resources/scenarios` when packaged). */
  builtinDir: string;
  /** Where opened scenarios are copied: `<data>/scenarios`. */
  userDir: string;
}

const SCENARIO_EXT = new Set(['.yaml', '.yml']);

function problemEntry(file: string, builtIn: boolean, message: string): ScenarioEntry {
  const problem: Problem = { file, line: 1, column: 1, path: '', message };
  return { file, builtIn, ok: false, source: '', problems: [problem] };
}

/** A safe file name for a copy in the user folder: no folders, no odd characters, a YAML extension. */
export function safeScenarioFileName(fileName: string): string {
  const base = basename(fileName.replace(/\\/g, '/'));
  const ext = extname(base).toLowerCase();
  const stem = (SCENARIO_EXT.has(ext) ? base.slice(0, -ext.length) : base)
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/^[.\s-]+/, '')
    .slice(0, 100)
    .trim();
  return `${stem || 'scenario'}.yaml`;
}

export class ScenarioLibrary {
  constructor(readonly options: ScenarioLibraryOptions) {}

  /** Every scenario, built-ins first (by file name), each with its problems if it does not load. */
  async list(): Promise<ScenarioEntry[]> {
    const [builtIn, user] = await Promise.all([this.readFolder(this.options.builtinDir, true), this.readFolder(this.options.userDir, false)]);
    return [...builtIn, ...user];
  }

  private async readFolder(dir: string, builtIn: boolean): Promise<ScenarioEntry[]> {
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true }))
        .filter((d) => d.isFile() && SCENARIO_EXT.has(extname(d.name).toLowerCase()))
        .map((d) => d.name)
        .sort();
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return [];
      throw new ApiError('io', `could not read the scenario folder ${dir}: ${(e as Error).message}`);
    }
    return Promise.all(names.map((name) => this.readOne(join(dir, name), builtIn ? `builtin:${name}` : name, builtIn)));
  }

  private async readOne(path: string, file: string, builtIn: boolean): Promise<ScenarioEntry> {
    try {
      const size = (await stat(path)).size;
      if (size > MAX_SCENARIO_BYTES) {
        return problemEntry(file, builtIn, `file is ${(size / 1048576).toFixed(1)} MB; scenarios are limited to ${MAX_SCENARIO_BYTES / 1048576} MB`);
      }
      return scenarioEntry(file, builtIn, await readFile(path));
    } catch (e) {
      return problemEntry(file, builtIn, `cannot read: ${(e as Error).message}`);
    }
  }

  /** Reads a file the user chose (as bytes, size-checked first) and imports it. */
  async importFile(path: string): Promise<ScenarioEntry> {
    const name = basename(path);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (e) {
      return problemEntry(name, false, `cannot read: ${(e as Error).message}`);
    }
    if (size > MAX_SCENARIO_BYTES) {
      return problemEntry(name, false, `file is ${(size / 1048576).toFixed(1)} MB; scenarios are limited to ${MAX_SCENARIO_BYTES / 1048576} MB`);
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      return problemEntry(name, false, `cannot read: ${(e as Error).message}`);
    }
    return this.import(name, bytes);
  }

  /** #21: a library scenario as a pack (with its teams from `<folder>/teams/<id>.*.yaml`). */
  async exportPack(file: string): Promise<{ fileName: string; text: string }> {
    const entry = (await this.list()).find((e) => e.file === file);
    if (!entry) throw new ApiError('not-found', `no scenario "${file}" in the library`);
    if (!entry.ok || !entry.summary) throw new ApiError('invalid-request', `${file} does not validate; fix it before exporting it`);
    const { buildPack, packFileName, packText, PackError } = await import('./scenario-pack.ts');
    const id = entry.summary.id;
    const teamsDir = join(entry.builtIn ? this.options.builtinDir : this.options.userDir, 'teams');
    const names = await readdir(teamsDir).catch(() => [] as string[]);
    const teams = await Promise.all(
      names
        .filter((n) => n.startsWith(`${id}.`) && n.endsWith('.yaml'))
        .sort()
        .map(async (n) => ({ file: n, text: await readFile(join(teamsDir, n), 'utf8') })),
    );
    try {
      const pack = await buildPack(entry.source, file.replace(/^builtin:/, ''), teams);
      return { fileName: packFileName(pack.scenario), text: packText(pack) };
    } catch (e) {
      if (e instanceof PackError) throw new ApiError('invalid-request', e.message);
      throw e;
    }
  }

  /** #21: a pack into the user folder (see scenario-pack.ts: validated first, never over a different scenario). */
  async importPack(text: string): Promise<{ entry: ScenarioEntry; status: 'new' | 'same' | 'kept-both'; message: string }> {
    const { importPack, PackError } = await import('./scenario-pack.ts');
    try {
      const r = await importPack(text, this.options.userDir);
      const entry = scenarioEntry(r.file, false, await readFile(join(this.options.userDir, r.file)));
      return { entry, status: r.status, message: r.message };
    } catch (e) {
      if (e instanceof PackError) throw new ApiError('invalid-request', e.message);
      throw e;
    }
  }

  /**
   * #21: writes an edited scenario over its own file in the user folder (the table editor's save).
   *
   * Validated first: an invalid scenario is returned with its problems and nothing is written. A
   * built-in is never written (the editor saves a copy of it with `import`). `base` is the text the
   * editor started from: when the file has changed since (another window, another editor), the
   * save is refused as a conflict rather than losing that change. The write is atomic.
   */
  async save(file: string, text: string, base: string): Promise<ScenarioEntry> {
    if (file.startsWith('builtin:')) throw new ApiError('invalid-request', `${file} is a built-in scenario: save a copy instead`);
    const name = basename(file.replace(/\\/g, '/'));
    if (name !== file || !SCENARIO_EXT.has(extname(name).toLowerCase())) throw new ApiError('invalid-request', `"${file}" is not a scenario in your folder`);
    const checked = scenarioEntry(name, false, text);
    if (!checked.ok) return checked;
    const path = join(this.options.userDir, name);
    let current: Buffer;
    try {
      current = await readFile(path);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') throw new ApiError('not-found', `no scenario "${file}" in your folder`);
      throw new ApiError('io', `could not read ${file}: ${(e as Error).message}`);
    }
    if (!current.equals(Buffer.from(base, 'utf8'))) {
      throw new ApiError('conflict', `${file} was changed outside this editor since you opened it; save a copy, or reopen it to see the other change`);
    }
    try {
      await writeFileAtomic(path, Buffer.from(text, 'utf8'));
    } catch (e) {
      throw new ApiError('io', `could not save ${file}: ${(e as Error).message}`);
    }
    return checked;
  }

  /**
   * Checks an opened scenario and, if it loads, keeps a copy in the user folder.
   *
   * An identical copy already there is reused (opening a file twice adds nothing); a different file
   * with the same name gets a numbered name. An invalid scenario is returned with its problems
   * and not copied.
   */
  async import(fileName: string, content: string | Uint8Array): Promise<ScenarioEntry> {
    const safe = safeScenarioFileName(fileName);
    const checked = scenarioEntry(basename(fileName.replace(/\\/g, '/')), false, content);
    if (!checked.ok) return checked;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const dir = this.options.userDir;
    try {
      await mkdir(dir, { recursive: true });
      const existing = await readdir(dir);
      for (const name of existing) {
        if (!SCENARIO_EXT.has(extname(name).toLowerCase())) continue;
        const other = await readFile(join(dir, name)).catch(() => null);
        if (other && other.equals(bytes)) return { ...checked, file: name };
      }
      const stem = safe.slice(0, -'.yaml'.length);
      for (let n = 1; ; n++) {
        const name = n === 1 ? safe : `${stem}-${n}.yaml`;
        try {
          await writeFileExclusive(join(dir, name), bytes);
          return { ...checked, file: name };
        } catch (e) {
          if (errnoCode(e) !== 'EEXIST' || n >= 1000) throw e;
        }
      }
    } catch (e) {
      throw new ApiError('io', `could not copy the scenario into ${dir}: ${(e as Error).message}`);
    }
  }
}
