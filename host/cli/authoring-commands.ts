/**
 * The CLI's authoring commands (#21): `firebreak schema` prints the scenario JSON Schema
 * (generated from the zod schema) and `firebreak new <id>` scaffolds a scenario that validates.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scenarioJsonSchemaText, SCHEMA_FILE } from '../../shared/scenario/json-schema.ts';
import { isScenarioId, scaffoldScenario } from '../../shared/scenario/scaffold.ts';
import { command, UsageError, type CommandSpec, type OptionSpecs } from './command-table.ts';

interface AuthoringIo {
  out: (s: string) => void;
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
];
