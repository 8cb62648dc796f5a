/**
 * The CLI's subcommands as one table: each entry names its arguments and options once, and the
 * parsing, `--help` text (top level and per command) and usage errors are all derived from it.
 *
 * Adding a command is adding an entry; adding an option is one line in its `options` (parsed by
 * node:util parseArgs, strict, so an unknown option is a usage error with exit code 2).
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help: `--seed N`. */
  value?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed option values, typed by each option's `type`. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export interface CommandSpec<O extends OptionSpecs = OptionSpecs, Io = unknown> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments and required options as the usage line shows them. */
  synopsis: string;
  /** Paragraphs shown under the usage line in `firebreak <name> --help`. */
  description: string[];
  options: O;
  examples: string[];
  run(args: { positionals: string[]; values: OptionValues<O> }, io: Io): number | Promise<number>;
}

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Lets each entry keep its own option types while the table holds them all. */
export function command<O extends OptionSpecs, Io>(spec: CommandSpec<O, Io>): CommandSpec<OptionSpecs, Io> {
  return spec as unknown as CommandSpec<OptionSpecs, Io>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** True when the arguments ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: ReadonlyArray<string>): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** Parses a command's arguments against its options; a parse failure is a UsageError. */
export function parseCommandArgs<Io>(spec: CommandSpec<OptionSpecs, Io>, argv: string[]): { positionals: string[]; values: OptionValues<OptionSpecs> } {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { positionals: r.positionals, values: r.values as OptionValues<OptionSpecs> };
  } catch (e) {
    throw new UsageError((e as Error).message, spec.name);
  }
}

export function usageLine(program: string, spec: CommandSpec<OptionSpecs, unknown>): string {
  const more = Object.keys(spec.options).length ? ' [options]' : '';
  return `${program} ${spec.name} ${spec.synopsis}${more}`.trimEnd();
}

function optionRows(options: OptionSpecs): [string, string][] {
  return Object.entries({ ...options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.help];
  });
}

function table(rows: [string, string][], indent = '  '): string {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`).join('\n');
}

/** `firebreak <name> --help`. */
export function commandHelp(program: string, spec: CommandSpec<OptionSpecs, unknown>): string {
  return [
    `usage: ${usageLine(program, spec)}`,
    '',
    ...spec.description.flatMap((p) => [p, '']),
    'Options:',
    table(optionRows(spec.options)),
    '',
    'Examples:',
    ...spec.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** `firebreak --help`: every command with its summary. */
export function programHelp(program: string, intro: string, commands: ReadonlyArray<CommandSpec<OptionSpecs, unknown>>, footer: string[]): string {
  return [
    `usage: ${program} <command> [arguments] [options]`,
    '',
    intro,
    '',
    'Commands:',
    table(commands.map((c) => [c.name, c.summary])),
    '',
    `Run \`${program} <command> --help\` for a command's options and examples.`,
    '',
    'Examples:',
    ...commands.map((c) => `  ${c.examples[0]}`),
    ...(footer.length ? ['', ...footer] : []),
  ].join('\n');
}
