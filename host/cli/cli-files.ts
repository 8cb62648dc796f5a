/**
 * The files the CLI's commands read beside a scenario, and how they say a file cannot be read:
 * one place, so every command words it the same (`<path>: cannot read (ENOENT)`).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliIo } from './main.ts';

/** Why a file could not be read, as every command says it. */
export function cannotRead(path: string, e: unknown): string {
  return `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
}

/** A file's bytes, or null once the user has been told (on stderr) why it cannot be read. */
export function readOrSay(io: CliIo, path: string): Buffer | null {
  try {
    return io.readFile(path);
  } catch (e) {
    io.err(cannotRead(path, e));
    return null;
  }
}

/** One scripted team kept for a scenario: `scenarios/teams/<id>.<name>.yaml` beside the scenario file. */
export interface TeamFile {
  /** The team's name (`textbook`, `slow-detect`…). */
  name: string;
  /** The file's name in the teams folder. */
  file: string;
  path: string;
}

/** The scripted teams kept for a scenario, sorted by file name (none when there is no teams folder). */
export function teamFilesOf(scenarioFile: string, id: string): TeamFile[] {
  const dir = join(dirname(scenarioFile), 'teams');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(`${id}.`) && n.endsWith('.yaml'));
  } catch {
    return [];
  }
  return names.sort().map((file) => ({ name: file.slice(id.length + 1, -'.yaml'.length), file, path: join(dir, file) }));
}
