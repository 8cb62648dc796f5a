/**
 * The CLI's authoring commands (#21): `firebreak schema` prints the scenario JSON Schema
 * (generated from the zod schema), `firebreak new <id>` scaffolds a scenario that validates, and
 * `firebreak preview` dry-runs one for its author.
 */
import { EN } from '../../shared/i18n/words.ts';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseActionsFile } from '../../shared/engine/actions-file.ts';
import { formatOffset } from '../../shared/scenario/duration.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { previewScenario, type PreviewResult } from '../../shared/scenario/preview.ts';
import { scenarioJsonSchemaText, SCHEMA_FILE } from '../../shared/scenario/json-schema.ts';
import { isScenarioId, scaffoldScenario } from '../../shared/scenario/scaffold.ts';
import { command, UsageError, type CommandSpec, type OptionSpecs } from './command-table.ts';
import { cannotRead, teamFilesOf } from './cli-files.ts';

interface AuthoringIo {
  out: (s: string) => void;
  readFile: (path: string) => Buffer;
  writeFile: (path: string, data: string | Uint8Array) => void;
}

/** A refusal the CLI prints as it is (exit code 1). */
export class AuthoringError extends Error {}

export const AUTHORING_COMMANDS: ReadonlyArray<CommandSpec<OptionSpecs, AuthoringIo>> = [
  command({
    name: 'schema',
    summary: 'print the JSON Schema of the scenario format (for editors)',
    synopsis: '',
    description: [
      'Prints the JSON Schema generated from the scenario format, for editors that use the YAML language server (completion and inline errors). Built-in scenarios point at scenarios/scenario.schema.json with a `# yaml-language-server: $schema=./scenario.schema.json` first line. `firebreak validate` remains the authority: it also checks references between ids, times and framework ids.',
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'write it to FILE instead of standard output' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: ['firebreak schema > scenario.schema.json', 'firebreak schema --out scenarios/scenario.schema.json --force'],
    run: ({ positionals, values }, io) => {
      if (positionals.length) throw new UsageError('schema takes no arguments', 'schema');
      const text = scenarioJsonSchemaText();
      if (!values.out) {
        io.out(text.trimEnd());
        return 0;
      }
      if (!values.force && existsSync(values.out)) throw new AuthoringError(`${values.out}: already exists (use --force to replace it)`);
      io.writeFile(values.out, text);
      return 0;
    },
  }),
  command({
    name: 'new',
    summary: 'start a new scenario file with every section commented',
    synopsis: '<id>',
    description: [
      'Writes <id>.yaml (or --out FILE): a small complete scenario with a timeline comment and a comment on every section, that passes `firebreak validate --check` as written. Change it one section at a time and validate as you go. Also writes scenario.schema.json beside it (unless one is there) so an editor with the YAML language server completes and checks the fields. Never replaces an existing file unless --force is given.',
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'where to write it (default: <id>.yaml in the current folder; - for standard output)' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: ['firebreak new refund-fraud-cascade', 'firebreak new my-drill --out scenarios/my-drill.yaml'],
    run: ({ positionals, values }, io) => {
      if (positionals.length !== 1) throw new UsageError('new needs exactly one scenario id', 'new');
      const id = positionals[0]!;
      if (!isScenarioId(id)) throw new UsageError(`"${id}" is not a scenario id: use lowercase letters, digits, - and _`, 'new');
      const text = scaffoldScenario(id);
      const out = values.out ?? `${id}.yaml`;
      if (out === '-') {
        io.out(text.trimEnd());
        return 0;
      }
      if (!values.force && existsSync(out)) throw new AuthoringError(`${out}: already exists (use --force to replace it)`);
      io.writeFile(out, text);
      const schema = join(dirname(out), SCHEMA_FILE);
      const wroteSchema = !existsSync(schema);
      if (wroteSchema) io.writeFile(schema, scenarioJsonSchemaText());
      io.out(`${out}: new scenario "${id}"${wroteSchema ? ` (and ${schema} for your editor)` : ''}; check it with \`firebreak validate --check ${out}\``);
      return 0;
    },
  }),
  command({
    name: 'preview',
    summary: 'dry-run a scenario: when injects fire, metric and harm curves, --check warnings',
    synopsis: '<scenario.yaml>',
    description: [
      "Plays the do-nothing team and the scenario's textbook team (scenarios/teams/<id>.textbook.yaml beside it, when there is one) on every variant and prints when each inject fires, each metric's and each harm's value at regular points from T+0 to the horizon, and the `validate --check` warnings, so an author rehearses before going live.",
    ],
    options: {
      json: { type: 'boolean', help: 'print the preview as JSON' },
      seed: { type: 'string', value: 'N', help: 'the seed (default 1)' },
    },
    examples: ['firebreak preview scenarios/slow-assistant.yaml', 'firebreak preview scenarios/my-scenario.yaml --json'],
    run: ({ positionals, values }, io) => {
      if (positionals.length !== 1) throw new UsageError('preview needs exactly one scenario file', 'preview');
      const file = positionals[0]!;
      const seed = values.seed === undefined ? 1 : Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
        throw new UsageError(`--seed must be a whole number from 0 to 2147483647, not "${values.seed}"`, 'preview');
      let bytes: Buffer;
      try {
        bytes = io.readFile(file);
      } catch (e) {
        throw new AuthoringError(cannotRead(file, e));
      }
      const r = loadScenario(bytes, file);
      if (!r.ok) throw new AuthoringError(r.problems.map(formatProblem).join('\n'));
      // The scenario's own teams (as validate --check plays them); the textbook one is charted.
      const own = teamFilesOf(file, r.scenario.id).map((t) => ({ name: t.name, actions: parseActionsFile(io.readFile(t.path).toString('utf8'), t.path) }));
      const textbook = own.find((t) => t.name === 'textbook') ?? null;
      const preview = previewScenario(r.scenario, textbook, seed, 13, own);
      io.out(values.json ? JSON.stringify(preview, null, 2) : formatPreview(preview));
      return 0;
    },
  }),
];

// The CLI's tables are English: numbers are worded by the catalogue's English formatter.
const num = (v: number | null) => (v === null ? '-' : Math.abs(v) >= 1000 ? EN.whole(v) : String(Math.round(v * 100) / 100));

/** The preview as text: one block per variant, a column per sample time. */
export function formatPreview(p: PreviewResult): string {
  const out: string[] = [`Preview of ${p.scenarioId} (${p.variants.length} variant(s)); columns are sim time.`];
  const head = p.at.map((t) => formatOffset(t));
  const row = (label: string, cells: string[]) => `  ${label.padEnd(34).slice(0, 34)} ${cells.map((c) => c.padStart(8)).join(' ')}`;
  for (const v of p.variants) {
    out.push('', `== variant ${v.variant ?? '(none)'}`);
    const names = v.teams.map((t) => t.name);
    out.push(`  Injects fire at (${names.join(' / ')}):`);
    for (const id of Object.keys(v.teams[0]!.injects))
      out.push(
        `    ${id.padEnd(32)} ${v.teams.map((t) => (t.injects[id] === null || t.injects[id] === undefined ? 'never' : formatOffset(t.injects[id]!)).padStart(10)).join(' ')}`,
      );
    for (const t of v.teams) {
      out.push('', `  ${t.name} (ends ${formatOffset(t.end)})`, row('', head));
      for (const m of t.metrics) out.push(row(`metric ${m.id}`, m.values.map(num)));
      for (const h of t.harm) out.push(row(`harm ${h.id}`, h.values.map(num)));
      for (const w of t.warnings) out.push(`  warning: ${w}`);
    }
  }
  out.push('', `validate --check: ${p.warnings.length} warning(s)`, ...p.warnings.map((w) => `  ${w.path.length ? `${w.path.join('.')}: ` : ''}${w.message}`));
  return out.join('\n');
}
