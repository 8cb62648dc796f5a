/**
 * `firebreak`: the headless CLI.
 *
 *   firebreak validate <file...>
 *   firebreak run <scenario> --actions <file> [--seed N] [--json] [--journal out.jsonl]
 *   firebreak replay <journal> [--json]
 *   firebreak report <journal> --format pdf|md|json|csv --out FILE [--force]
 *
 * Exit codes: 0 ok, 1 invalid input (problems are printed), 2 usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { JOURNAL_FORMAT, serializeJournal, type Journal } from '../../shared/engine/journal.ts';
import { parseJournalOrReport } from '../../shared/debrief/report-json.ts';
import { parseActionsFile, playScript } from '../../shared/engine/actions-file.ts';
import { scoreFinishedRun, scoreRun } from '../../shared/scoring/score-card.ts';
import { formatScoreCard } from './format-score-card.ts';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => Buffer;
  writeFile: (path: string, data: string | Uint8Array) => void;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  readFile: (p) => readFileSync(p),
  writeFile: (p, d) => writeFileSync(p, d),
};

const USAGE = `usage:
  firebreak validate <file...>
  firebreak run <scenario.yaml> --actions <actions.yaml> [--seed N] [--json] [--journal out.jsonl]
  firebreak replay <journal.jsonl> [--json]
  firebreak report <journal.jsonl> --format pdf|md|json|csv --out FILE [--force]`;

class UsageError extends Error {}
class InputError extends Error {}

function read(io: CliIo, path: string): Buffer {
  try {
    return io.readFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function loadOrThrow(io: CliIo, path: string): { scenario: Scenario; source: string } {
  const r = loadScenario(read(io, path), path);
  if (!r.ok) throw new InputError(r.problems.map(formatProblem).join('\n'));
  return { scenario: r.scenario, source: r.source };
}

/** Loads a journal and the scenario pinned in its header. */
export function loadJournal(io: CliIo, path: string): { journal: Journal; scenario: Scenario; warnings: string[] } {
  let parsed;
  try {
    parsed = parseJournalOrReport(read(io, path).toString('utf8'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: ${(e as Error).message}`);
  }
  const r = loadScenario(parsed.header.scenarioSource, `${path} (scenario in header)`);
  if (!r.ok) throw new InputError(r.problems.map(formatProblem).join('\n'));
  return { journal: parsed, scenario: r.scenario, warnings: parsed.warnings.map((w) => `${path}: warning: ${w}`) };
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validate(rest, io);
      case 'run':
        return run(rest, io);
      case 'replay':
        return replay(rest, io);
      case 'report': {
        const { report } = await import('./report-command.ts');
        return await report(rest, io);
      }
      case undefined:
      case '-h':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`firebreak: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(e.message);
      return 1;
    }
    io.err(`firebreak: ${(e as Error).message}`);
    return 1;
  }
}

function args(rest: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function validate(rest: string[], io: CliIo): number {
  const { positionals } = args(rest, {});
  if (!positionals.length) throw new UsageError('validate needs at least one file');
  let bad = 0;
  for (const file of positionals) {
    let bytes: Buffer;
    try {
      bytes = io.readFile(file);
    } catch (e) {
      io.err(`${file}:1:1  cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      bad++;
      continue;
    }
    const r = loadScenario(bytes, file);
    if (r.ok) io.out(`${file}: ok (${r.scenario.id} v${r.scenario.version})`);
    else {
      bad++;
      for (const p of r.problems) io.err(formatProblem(p));
    }
  }
  return bad ? 1 : 0;
}

function run(rest: string[], io: CliIo): number {
  const { positionals, values } = args(rest, { actions: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, journal: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('run needs exactly one scenario file');
  if (!values.actions) throw new UsageError('run needs --actions <file> (use an empty list for a team that does nothing)');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new UsageError(`--seed must be a whole number from 0 to 2147483647, not "${values.seed}"`);
  const { scenario, source } = loadOrThrow(io, positionals[0]!);
  let actions;
  try {
    actions = parseActionsFile(read(io, values.actions as string), values.actions as string, scenario);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const exercise = new ExerciseRun(scenario, seed);
  const warnings = playScript(exercise, actions);
  exercise.runToEnd();
  const card = scoreFinishedRun(exercise);
  for (const w of warnings) io.err(`warning: ${w}`);
  if (values.journal) {
    const journal: Journal = {
      header: {
        format: JOURNAL_FORMAT,
        exerciseId: `cli-${basename(positionals[0]!).replace(/\W+/g, '-')}-${seed}`,
        scenarioId: scenario.id,
        scenarioVersion: scenario.version,
        scenarioSource: source,
        seed,
        createdAt: new Date(0).toISOString(),
      },
      entries: exercise.entries,
    };
    io.writeFile(values.journal as string, serializeJournal(journal));
  }
  io.out(values.json ? JSON.stringify(card, null, 2) : formatScoreCard(scenario, card));
  return 0;
}

function replay(rest: string[], io: CliIo): number {
  const { positionals, values } = args(rest, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one journal file');
  const { journal, scenario, warnings } = loadJournal(io, positionals[0]!);
  warnings.forEach((w) => io.err(w));
  let card;
  try {
    card = scoreRun(scenario, journal.header.seed, journal.entries);
  } catch (e) {
    throw new InputError(`${positionals[0]}: ${(e as Error).message}`);
  }
  io.out(values.json ? JSON.stringify(card, null, 2) : formatScoreCard(scenario, card));
  return 0;
}

// Run when executed directly (bin/firebreak.mjs or `tsx host/cli/main.ts`).
if (process.argv[1] && /host[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
