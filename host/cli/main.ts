/**
 * `firebreak`: the headless CLI. The commands, their options and their help are the COMMANDS table
 * below (host/cli/command-table.ts derives parsing, `--help` and usage errors from it); `firebreak
 * --help` lists them and `firebreak <command> --help` shows one with examples.
 *
 * Exit codes: 0 ok, 1 invalid input (problems are printed), 2 usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lintScenario, type LintTeam } from '../../shared/scenario/lint.ts';
import { migrateV1Yaml } from '../../shared/scenario/migrate-v1.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { loadPinnedScenario } from '../../shared/scenario/pinned.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import { JOURNAL_FORMAT, serializeJournal, type Journal } from '../../shared/engine/journal.ts';
import { parseJournalOrReport } from '../../shared/debrief/report-json.ts';
import { parseActionsFile, playScript } from '../../shared/engine/actions-file.ts';
import { scoreFinishedRun, scoreRun } from '../../shared/scoring/score-card.ts';
import { formatScoreCard } from './format-score-card.ts';
import { AUTHORING_COMMANDS, AuthoringError } from './authoring-commands.ts';
import { EXERCISE_PLAN_COMMANDS } from './exercise-plan-commands.ts';
import { PACK_COMMANDS } from './pack-command.ts';
import { cannotRead, teamFilesOf } from './cli-files.ts';
import { PROGRAMME_COMMANDS } from '../programme/cli-commands.ts';
import { command, commandHelp, parseCommandArgs, programHelp, UsageError, usageLine, wantsHelp, type CommandSpec, type OptionSpecs } from './command-table.ts';

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

class InputError extends Error {}

function read(io: CliIo, path: string): Buffer {
  try {
    return io.readFile(path);
  } catch (e) {
    throw new InputError(cannotRead(path, e));
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
  const r = loadPinnedScenario(parsed.header, `${path} (scenario in header)`);
  if (!r.ok) throw new InputError(r.problems.map(formatProblem).join('\n'));
  return { journal: parsed, scenario: r.scenario, warnings: parsed.warnings.map((w) => `${path}: warning: ${w}`) };
}

const PROGRAM = 'firebreak';

const COMMANDS: ReadonlyArray<CommandSpec<OptionSpecs, CliIo>> = [
  command({
    name: 'validate',
    summary: 'check scenario files against the schema',
    synopsis: '<scenario.yaml...>',
    description: [
      'Loads each file and prints "ok" with its id and version, or every problem as `file:line:column  path.to.field: message`. Exits 1 if any file has a problem.',
    ],
    options: {
      check: {
        type: 'boolean',
        help: 'also dry-run each valid scenario (do-nothing, and its own teams in scenarios/teams/<id>.*.yaml beside it) and warn about stated figures that do not match, metric alerts at T+0 or never, deadlines after the horizon, injects that never fire and unreachable variants',
      },
    },
    examples: ['firebreak validate scenarios/*.yaml', 'firebreak validate --check scenarios/my-scenario.yaml'],
    run: ({ positionals, values }, io) => validate(positionals, io, values.check === true),
  }),
  command({
    name: 'migrate',
    summary: 'convert a v1 scenario file to the v2 format',
    synopsis: '<scenario.yaml> --out FILE',
    description: [
      'v1 files (one `fault:`) still load as they are; migrate writes the same scenario in the v2 format (`faults:` list, per-fault metric effects, `fixes`, `bestResponse`) so you can use several faults, lifts, conditions and variants. Comments and layout are kept. Never replaces an existing file unless --force is given; --out - prints to standard output.',
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'where to write the v2 file (- for standard output); required' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: ['firebreak migrate old-scenario.yaml --out scenarios/my-scenario.yaml', 'firebreak migrate old.yaml --out -'],
    run: (args, io) => migrate(args, io),
  }),
  command({
    name: 'run',
    summary: 'play a scripted team to the end and print the score card',
    synopsis: '<scenario.yaml> --actions <actions.yaml>',
    description: [
      'Runs the scenario on its simulated clock with the team in the actions file (see README: Actions files) and prints the score card. An action whose trigger never happens, or that the scenario refuses, is skipped with a warning naming its line.',
    ],
    options: {
      actions: { type: 'string', value: 'FILE', help: 'the scripted team (a YAML list; an empty list is a team that does nothing); required' },
      seed: { type: 'string', value: 'N', help: 'the seed, a whole number from 0 to 2147483647 (default 1)' },
      variant: { type: 'string', value: 'ID', help: 'the scenario variant to play (default: the one the seed draws)' },
      json: { type: 'boolean', help: 'print the score card as JSON' },
      journal: { type: 'string', value: 'FILE', help: "also write the run's journal (replay it with `firebreak replay`)" },
    },
    examples: [
      'firebreak run scenarios/silent-bias-drift.yaml --actions scenarios/teams/silent-bias-drift.textbook.yaml --seed 7',
      'firebreak run scenarios/my-scenario.yaml --actions scenarios/teams/do-nothing.yaml --journal run.jsonl --json',
    ],
    run: (args, io) => run(args, io),
  }),
  command({
    name: 'replay',
    summary: 'rebuild state and score card from a journal',
    synopsis: '<journal.jsonl>',
    description: [
      'Replays the journal against the scenario pinned in its header (so it replays even after the scenario file changed) and prints the score card. A torn last line is recovered up to the last whole entry, with a warning.',
    ],
    options: { json: { type: 'boolean', help: 'print the score card as JSON' } },
    examples: ['firebreak replay run.jsonl', 'firebreak replay report.json --json'],
    run: (args, io) => replay(args, io),
  }),
  command({
    name: 'report',
    summary: 'write the after-action report (pdf, md, json or csv)',
    synopsis: '<journal.jsonl|report.json> --format pdf|md|json|csv --out FILE',
    description: [
      'Replays and scores the journal and writes the After-Action Report / Improvement Plan. A debrief.json and meta.json beside the journal (an exercise folder) are included, so the report matches one exported from the app. Never replaces an existing file unless --force is given. PDF needs Chromium (/usr/bin/chromium, or set CHROMIUM_PATH).',
    ],
    options: {
      format: {
        type: 'string',
        value: 'FORMAT',
        help: 'pdf, md (Markdown), json (re-scorable with `replay`), csv (the timeline) or aar (the HSEEP After-Action Report / Improvement Plan, PDF); required',
      },
      out: { type: 'string', value: 'FILE', help: 'where to write it; required' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
      // #20: the report's language (the message catalogue's: en, fr)
      lang: { type: 'string', value: 'LANG', help: "the report's language: en (default) or fr" },
    },
    examples: [
      'firebreak report ~/.config/Firebreak/exercises/<id>/journal.jsonl --format pdf --out aar.pdf',
      'firebreak report run.jsonl --format pdf --out rapport.pdf --lang fr',
      'firebreak report run.jsonl --format md --out aar.md --force',
      'firebreak report ~/.config/Firebreak/exercises/<id>/journal.jsonl --format aar --out aar-ip.pdf',
    ],
    run: async (args, io) => {
      const { report } = await import('./report-command.ts');
      return report(args, io);
    },
  }),
  // #21 authoring: schema, new
  ...AUTHORING_COMMANDS,
  // #19 exercise plan (HSEEP): guide, msel
  ...EXERCISE_PLAN_COMMANDS,
  // #21 scenario packs: pack export|import
  ...PACK_COMMANDS,
  // #22 programme server: verify, bundle, publish, server
  ...PROGRAMME_COMMANDS,
];

const INTRO = 'Firebreak: tabletop exercises for AI-system incidents, headless.';
const FOOTER = ['Exit codes: 0 ok, 1 invalid input (problems are printed), 2 usage.'];

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const spec = name === 'help' && rest[0] !== undefined ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !spec) return usageError(io, new UsageError(`unknown command "${rest[0]}"`));
    io.out(spec ? commandHelp(PROGRAM, spec) : programHelp(PROGRAM, INTRO, COMMANDS, FOOTER));
    return name === undefined ? 2 : 0;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  try {
    if (!spec) throw new UsageError(`unknown command "${name}"`);
    if (wantsHelp(rest)) {
      io.out(commandHelp(PROGRAM, spec));
      return 0;
    }
    return await spec.run(parseCommandArgs(spec, rest), io);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, spec?.name);
    if (e instanceof InputError || e instanceof AuthoringError) {
      io.err(e.message);
      return 1;
    }
    io.err(`firebreak: ${(e as Error).message}`);
    return 1;
  }
}

/** Prints a usage error with the usage line of the command it concerns (exit code 2). */
function usageError(io: CliIo, e: UsageError, current?: string): number {
  const spec = COMMANDS.find((c) => c.name === (e.command ?? current));
  if (spec)
    io.err(`${PROGRAM} ${spec.name}: ${e.message}\nusage: ${usageLine(PROGRAM, spec)}\nRun \`${PROGRAM} ${spec.name} --help\` for options and examples.`);
  else io.err(`${PROGRAM}: ${e.message}\nCommands: ${COMMANDS.map((c) => c.name).join(', ')}. Run \`${PROGRAM} --help\` for more.`);
  return 2;
}

function validate(positionals: string[], io: CliIo, check: boolean): number {
  if (!positionals.length) throw new UsageError('validate needs at least one file', 'validate');
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
    if (!r.ok) {
      bad++;
      for (const p of r.problems) io.err(formatProblem(p));
      continue;
    }
    io.out(`${file}: ok (${r.scenario.id} v${r.scenario.version})${r.migratedFrom ? ' (v1 format, migrated on load; `firebreak migrate` converts it)' : ''}`);
    if (check) {
      const teams = ownTeams(io, file, r.scenario.id);
      const warnings = lintScenario(r.scenario, teams);
      for (const w of warnings) io.out(`${file}: warning: ${w.path.length ? `${w.path.join('.')}: ` : ''}${w.message}`);
      io.out(
        `${file}: --check ran do-nothing${teams.length ? ` and ${teams.map((t) => t.name).join(', ')}` : ''} on ${r.scenario.variants.length || 1} variant(s): ${warnings.length} warning(s)`,
      );
    }
  }
  return bad ? 1 : 0;
}

/** The scripted teams kept for a scenario: scenarios/teams/<id>.<team>.yaml beside the file. */
function ownTeams(io: CliIo, file: string, id: string): LintTeam[] {
  return teamFilesOf(file, id).map((t) => ({ name: t.name, actions: parseActionsFile(read(io, t.path).toString('utf8'), t.path) }));
}

function migrate({ positionals, values }: Parsed<{ out?: string; force?: boolean }>, io: CliIo): number {
  if (positionals.length !== 1) throw new UsageError('migrate needs exactly one scenario file', 'migrate');
  if (!values.out) throw new UsageError('migrate needs --out FILE (or --out - for standard output)', 'migrate');
  const file = positionals[0]!;
  const text = read(io, file).toString('utf8');
  const migrated = migrateV1Yaml(text);
  if (migrated === null) {
    const r = loadScenario(text, file);
    if (!r.ok) throw new InputError(r.problems.map(formatProblem).join('\n'));
    io.out(`${file}: already in the v2 format; nothing to do`);
    return 0;
  }
  const check = loadScenario(migrated, `${file} (migrated)`);
  if (!check.ok) throw new InputError(`${file}: the v1 file has problems, fix them first:\n${check.problems.map(formatProblem).join('\n')}`);
  if (values.out === '-') {
    io.out(migrated);
    return 0;
  }
  if (!values.force && existsSync(values.out)) throw new InputError(`${values.out}: already exists (use --force to replace it)`);
  io.writeFile(values.out, migrated);
  io.out(`${file}: migrated to the v2 format in ${values.out}`);
  return 0;
}

interface Parsed<V> {
  positionals: string[];
  values: V;
}

function run({ positionals, values }: Parsed<{ actions?: string; seed?: string; variant?: string; json?: boolean; journal?: string }>, io: CliIo): number {
  if (positionals.length !== 1) throw new UsageError('run needs exactly one scenario file', 'run');
  if (!values.actions) throw new UsageError('run needs --actions <file> (use an empty list for a team that does nothing)', 'run');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new UsageError(`--seed must be a whole number from 0 to 2147483647, not "${values.seed}"`, 'run');
  const { scenario, source } = loadOrThrow(io, positionals[0]!);
  let actions;
  try {
    actions = parseActionsFile(read(io, values.actions as string), values.actions as string, scenario);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (values.variant !== undefined && !scenario.variants.some((v) => v.id === values.variant)) {
    const known = scenario.variants.map((v) => v.id).join(', ') || 'none';
    throw new UsageError(`--variant: ${scenario.id} has no variant "${values.variant}" (its variants: ${known})`, 'run');
  }
  const exercise = new ExerciseRun(scenario, seed, values.variant !== undefined ? { variant: values.variant } : {});
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
        ...(values.variant !== undefined ? { variant: values.variant } : {}),
      },
      entries: exercise.entries,
    };
    io.writeFile(values.journal as string, serializeJournal(journal));
  }
  io.out(values.json ? JSON.stringify(card, null, 2) : formatScoreCard(scenario, card));
  return 0;
}

function replay({ positionals, values }: Parsed<{ json?: boolean }>, io: CliIo): number {
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one journal file', 'replay');
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
