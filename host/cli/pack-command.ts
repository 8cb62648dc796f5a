/**
 * `firebreak pack export <scenario.yaml> --out FILE [--force]` and
 * `firebreak pack import <pack> --into DIR` (#21): a scenario with its teams, Facilitator Guide
 * (HTML source) and MSEL (CSV) as one JSON file, and back into a scenarios folder. The pack logic
 * (caps, digest, validation, keeping both on an id conflict) is in host/scenario-pack.ts.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadScenario } from '../../shared/scenario/load.ts';
import type { PackTeam } from '../scenario-pack.ts';
import { command, UsageError, type CommandSpec, type OptionSpecs } from './command-table.ts';
import type { CliIo } from './main.ts';
import { readOrSay, teamFilesOf } from './cli-files.ts';

interface PackArgs {
  positionals: string[];
  values: { out?: string; into?: string; force?: boolean };
}

async function pack({ positionals, values }: PackArgs, io: CliIo): Promise<number> {
  // Loaded on use: the guide and the spreadsheet writer are not needed by other commands.
  const { buildPack, importPack, MAX_PACK_BYTES, PackError, packText } = await import('../scenario-pack.ts');
  const [sub, file, ...more] = positionals;
  if (sub !== 'export' && sub !== 'import') throw new UsageError('say pack export or pack import', 'pack');
  if (!file || more.length) throw new UsageError(`pack ${sub} needs exactly one file`, 'pack');
  const bytes = readOrSay(io, file);
  if (!bytes) return 1;
  try {
    if (sub === 'export') {
      if (!values.out) throw new UsageError('--out FILE is required', 'pack');
      if (!values.force && existsSync(values.out)) {
        io.err(`${values.out} already exists; not overwriting it (use --force to replace it)`);
        return 1;
      }
      const loaded = loadScenario(bytes, file);
      const id = loaded.ok ? loaded.scenario.id : basename(file).replace(/\.ya?ml$/i, '');
      const teams = teamsOf(io, file, id);
      const p = await buildPack(bytes.toString('utf8'), file, teams);
      io.writeFile(values.out, packText(p));
      io.out(`wrote ${values.out}: ${p.scenario.id} v${p.scenario.version} with ${p.teams.length} team(s), the Facilitator Guide (HTML) and the MSEL (CSV)`);
      return 0;
    }
    if (!values.into) throw new UsageError('--into DIR (the scenarios folder) is required', 'pack');
    if (bytes.byteLength > MAX_PACK_BYTES) {
      io.err(`${file}: the pack is ${(bytes.byteLength / 1048576).toFixed(1)} MB; packs are limited to ${MAX_PACK_BYTES / 1048576} MB`);
      return 1;
    }
    const r = await importPack(bytes, values.into);
    io.out(`${r.message} Scenario: ${join(values.into, r.file)}`);
    return 0;
  } catch (e) {
    if (e instanceof PackError) {
      io.err(`${file}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** The scripted teams kept beside a scenario: <dir>/teams/<id>.<team>.yaml (the layout of scenarios/). */
function teamsOf(io: CliIo, file: string, id: string): PackTeam[] {
  return teamFilesOf(file, id).map((t) => ({ file: t.file, text: io.readFile(t.path).toString('utf8') }));
}

export const PACK_COMMANDS: ReadonlyArray<CommandSpec<OptionSpecs, CliIo>> = [
  command({
    name: 'pack',
    summary: 'export a scenario with its teams, guide and MSEL as one file, or import such a pack',
    synopsis: 'export <scenario.yaml> --out FILE | import <pack> --into DIR',
    description: [
      "export writes one JSON file: the scenario's YAML (with its SHA-256), its scripted teams (teams/<id>.*.yaml beside it), the Facilitator Guide as HTML (the source of its PDF) and the MSEL as CSV. The scenario and every team are validated first.",
      `import checks the pack before writing anything (at most 16 MB, its shape, the digest, the scenario with the same checks as validate, every team against it), then writes the scenario into DIR and its teams into DIR/teams, never over an existing file. The identical scenario already in DIR is not written twice; a different scenario with the same id is never replaced: both are kept, the pack's under a new id (<id>-v<version>), and the message says so.`,
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'export: where to write the pack; required' },
      into: { type: 'string', value: 'DIR', help: 'import: the scenarios folder to import into; required' },
      force: { type: 'boolean', help: 'export: replace FILE if it exists' },
    },
    examples: [
      'firebreak pack export scenarios/refund-fraud-cascade.yaml --out refund-fraud-cascade.firebreak-pack.json',
      'firebreak pack import refund-fraud-cascade.firebreak-pack.json --into my-scenarios',
    ],
    run: (args, io) => pack(args as PackArgs, io),
  }),
];
