/**
 * Scenario packs (#21): one scenario with its scripted teams, its Facilitator Guide (the HTML the
 * PDF is printed from) and its MSEL (CSV) as a single JSON file, and importing one into a
 * scenarios folder.
 *
 * JSON rather than a zip: nothing to decompress, so no zip bomb, no path in an archive to escape
 * the folder, and a pack can be read and diffed as text. The reader caps the file's size before
 * parsing, checks the shape strictly (zod), checks the scenario's SHA-256 (a damaged or hand-edited
 * pack is refused, not half-imported), validates the scenario with the loader and every team
 * against it, and only then writes, each file exclusively (never over an existing file).
 *
 * An import never replaces a different scenario that has the same id: the identical scenario is
 * recognised and not written twice; a different one (another version, or the same version
 * changed) is kept beside it under a new id (`<id>-v<version>`, numbered if taken), rewritten in
 * place in the YAML so its comments stay, with its teams renamed to match, and the result says so.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseActionsFile } from '../shared/engine/actions-file.ts';
import { setScalarAt } from '../shared/scenario/inject-table.ts';
import { formatProblem, loadScenario, MAX_SCENARIO_BYTES } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';
import { guideHtml } from './exercise/guide.ts';
import { exportMsel } from './exercise/msel-files.ts';
import { errnoCode, writeFileExclusive } from './storage/durable-fs.ts';

export const PACK_FORMAT = 'firebreak-scenario-pack';
export const PACK_EXTENSION = '.firebreak-pack.json';
/** A pack holds one scenario (2 MB at most), its teams, a guide and an MSEL: 16 MB is ample. */
export const MAX_PACK_BYTES = 16 * 1024 * 1024;
export const MAX_TEAMS = 50;
const MAX_TEAM_BYTES = 1024 * 1024;
const MAX_SIDE_BYTES = 6 * 1024 * 1024;

const idPattern = /^[a-z0-9][a-z0-9_-]*$/;
const teamFile = z.string().regex(/^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*\.yaml$/, 'team files are named <scenario-id>.<team>.yaml');

const packSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.literal(1),
    scenario: z
      .object({
        id: z.string().regex(idPattern),
        version: z.number().int(),
        title: z.string().max(500),
        file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.yaml$/, 'a plain file name ending in .yaml'),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        text: z.string().max(MAX_SCENARIO_BYTES),
      })
      .strict(),
    teams: z.array(z.object({ file: teamFile, text: z.string().max(MAX_TEAM_BYTES) }).strict()).max(MAX_TEAMS),
    facilitatorGuide: z.object({ file: z.string().max(200), html: z.string().max(MAX_SIDE_BYTES) }).strict(),
    msel: z.object({ file: z.string().max(200), csv: z.string().max(MAX_SIDE_BYTES) }).strict(),
  })
  .strict();

export type ScenarioPack = z.infer<typeof packSchema>;

/** A pack that cannot be read or does not validate; nothing was written. */
export class PackError extends Error {}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface PackTeam {
  /** `<scenario-id>.<team>.yaml` */
  file: string;
  text: string;
}

/** Builds a pack from a scenario's YAML and its team files (validated first). */
export async function buildPack(scenarioText: string, scenarioFile: string, teams: ReadonlyArray<PackTeam>): Promise<ScenarioPack> {
  const loaded = loadScenario(scenarioText, scenarioFile);
  if (!loaded.ok) throw new PackError(loaded.problems.map(formatProblem).join('\n'));
  const s = loaded.scenario;
  checkTeams(s, teams);
  const msel = new TextDecoder().decode(await exportMsel(s, 'csv'));
  return {
    format: PACK_FORMAT,
    formatVersion: 1,
    scenario: { id: s.id, version: s.version, title: s.title, file: `${s.id}.yaml`, sha256: sha256(scenarioText), text: scenarioText },
    teams: [...teams].sort((a, b) => a.file.localeCompare(b.file)),
    facilitatorGuide: { file: `${s.id}-facilitator-guide.html`, html: guideHtml(s, 'facilitator') },
    msel: { file: `${s.id}-msel.csv`, csv: msel },
  };
}

export function packText(pack: ScenarioPack): string {
  return `${JSON.stringify(pack, null, 1)}\n`;
}

export function packFileName(s: Pick<Scenario, 'id' | 'version'>): string {
  return `${s.id}-v${s.version}${PACK_EXTENSION}`;
}

function checkTeams(s: Scenario, teams: ReadonlyArray<PackTeam>): void {
  if (teams.length > MAX_TEAMS) throw new PackError(`a pack holds at most ${MAX_TEAMS} teams (this one has ${teams.length})`);
  const seen = new Set<string>();
  for (const t of teams) {
    if (!t.file.startsWith(`${s.id}.`)) throw new PackError(`team ${t.file} is not named after the scenario (${s.id}.<team>.yaml)`);
    if (seen.has(t.file)) throw new PackError(`team ${t.file} is in the pack twice`);
    seen.add(t.file);
    try {
      parseActionsFile(t.text, t.file, s);
    } catch (e) {
      throw new PackError(`team ${(e as Error).message}`);
    }
  }
}

/** Reads and checks a pack: size, shape, digest, scenario and teams. Throws PackError. */
export function readPack(bytes: Uint8Array | string): { pack: ScenarioPack; scenario: Scenario } {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength;
  if (size > MAX_PACK_BYTES) throw new PackError(`the pack is ${(size / 1048576).toFixed(1)} MB; packs are limited to ${MAX_PACK_BYTES / 1048576} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new PackError(`not a scenario pack (it is not JSON: ${(e as Error).message})`);
  }
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError(`not a valid scenario pack: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const pack = parsed.data;
  if (sha256(pack.scenario.text) !== pack.scenario.sha256) throw new PackError('the pack is damaged: its scenario does not match its SHA-256 digest');
  const loaded = loadScenario(pack.scenario.text, pack.scenario.file);
  if (!loaded.ok) throw new PackError(`the pack's scenario does not validate:\n${loaded.problems.map(formatProblem).join('\n')}`);
  const s = loaded.scenario;
  if (s.id !== pack.scenario.id || s.version !== pack.scenario.version)
    throw new PackError(`the pack's label (${pack.scenario.id} v${pack.scenario.version}) does not match its scenario (${s.id} v${s.version})`);
  checkTeams(s, pack.teams);
  return { pack, scenario: s };
}

export interface ImportOutcome {
  /** The id the scenario has in the folder (the pack's, or a new one on conflict). */
  id: string;
  /** The scenario's file in the folder. */
  file: string;
  /** `new`: written; `same`: the identical scenario was there already; `kept-both`: a different one had the id. */
  status: 'new' | 'same' | 'kept-both';
  /** Team files written (relative to the folder). */
  teams: string[];
  /** What happened, in a sentence or two. */
  message: string;
}

/** Imports a pack into a scenarios folder (teams into `<folder>/teams`). Throws PackError before writing anything when the pack is bad. */
export async function importPack(bytes: Uint8Array | string, dir: string): Promise<ImportOutcome> {
  const { pack, scenario } = readPack(bytes);
  const existing = await scenariosIn(dir);
  const sameId = existing.filter((e) => e.id === pack.scenario.id);
  const identical = sameId.find((e) => e.text === pack.scenario.text);

  let id = pack.scenario.id;
  let text = pack.scenario.text;
  let status: ImportOutcome['status'] = 'new';
  let message: string;
  if (identical) {
    status = 'same';
    message = `${id} v${scenario.version} is already in ${identical.file}, unchanged: not written again.`;
  } else if (sameId.length > 0) {
    status = 'kept-both';
    const taken = new Set(existing.map((e) => e.id));
    const stem = `${id}-v${scenario.version}`;
    id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
    const renamed = setScalarAt(text, ['id'], id);
    if (!renamed.ok) throw new PackError(`could not give the pack's scenario a new id: ${renamed.message}`);
    text = renamed.text;
    const check = loadScenario(text, `${id}.yaml`);
    if (!check.ok) throw new PackError(`the renamed scenario does not validate: ${check.problems.map(formatProblem).join('; ')}`);
    const other = sameId[0]!;
    const compare =
      scenario.version > other.version ? 'newer than' : scenario.version < other.version ? 'older than' : 'the same version number as, but different from,';
    message =
      `A different scenario with the id ${pack.scenario.id} (v${other.version}, ${other.file}) is already there; the pack's v${scenario.version} is ${compare} it. ` +
      `Both are kept: the pack's scenario was imported as ${id}.`;
  } else message = `Imported ${id} v${scenario.version}.`;

  try {
    await mkdir(pack.teams.length ? join(dir, 'teams') : dir, { recursive: true });
  } catch (e) {
    throw new PackError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  const file = identical ? identical.file : await writeNew(dir, `${id}.yaml`, text);
  const teams: string[] = [];
  for (const t of pack.teams) {
    const name = `${id}.${t.file.slice(pack.scenario.id.length + 1)}`;
    const there = await readFile(join(dir, 'teams', name), 'utf8').catch(() => null);
    if (there === t.text) continue;
    teams.push(join('teams', await writeNew(join(dir, 'teams'), name, t.text)));
  }
  if (teams.length) message += ` Teams written: ${teams.join(', ')}.`;
  return { id, file, status, teams, message };
}

/** Writes a file under its name, or a numbered one if the name is taken; never over a file. */
async function writeNew(dir: string, name: string, text: string): Promise<string> {
  const stem = name.slice(0, -'.yaml'.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}.yaml`;
    try {
      await writeFileExclusive(join(dir, candidate), Buffer.from(text, 'utf8'));
      return candidate;
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw new PackError(`cannot write ${join(dir, candidate)}: ${(e as Error).message}`);
    }
  }
  throw new PackError(`cannot find a free name for ${name} in ${dir}`);
}

/** The valid scenarios of a folder (its *.yaml files; invalid ones are not in the way of anything). */
async function scenariosIn(dir: string): Promise<{ file: string; id: string; version: number; text: string }[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && /\.ya?ml$/i.test(d.name)).map((d) => d.name);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return [];
    throw new PackError(`cannot read ${dir}: ${(e as Error).message}`);
  }
  const out: { file: string; id: string; version: number; text: string }[] = [];
  for (const name of names.sort()) {
    const bytes = await readFile(join(dir, name)).catch(() => null);
    if (!bytes || bytes.byteLength > MAX_SCENARIO_BYTES) continue;
    const r = loadScenario(bytes, name);
    if (r.ok) out.push({ file: name, id: r.scenario.id, version: r.scenario.version, text: r.source });
  }
  return out;
}
