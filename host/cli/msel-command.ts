/**
 * `firebreak msel export <scenario.yaml> --out FILE.xlsx|.csv` and
 * `firebreak msel import <workbook.xlsx|.csv> --into <scenario.yaml> [--merge] --out NEW.yaml`.
 *
 * Import prints every problem as `sheet!A12  row 12, column A: message` and writes nothing when
 * there is one. The header mapping it used is printed, and kept in --mapping FILE when given (read
 * first, so a planner's own column names are remembered from one import to the next).
 */
import { existsSync } from 'node:fs';
import { formatMselProblem, type MselField } from '../../shared/exercise/msel.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { exportMsel, importMselFile } from '../exercise/msel-files.ts';
import { kindOf } from '../exercise/spreadsheet.ts';
import { UsageError } from './command-table.ts';
import { isScenarioId } from '../../shared/scenario/scaffold.ts';
import type { CliIo } from './main.ts';
import { readOrSay } from './cli-files.ts';

export interface MselArgs {
  positionals: string[];
  values: { out?: string; into?: string; new?: string; merge?: boolean; force?: boolean; mapping?: string };
}

type Io = CliIo & { exists?: (p: string) => boolean };

export async function msel({ positionals, values }: MselArgs, io: Io): Promise<number> {
  const [sub, file, ...extra] = positionals;
  if (sub !== 'export' && sub !== 'import') throw new UsageError('say msel export or msel import', 'msel');
  if (!file || extra.length) throw new UsageError(`give exactly one ${sub === 'export' ? 'scenario' : 'workbook'} file`, 'msel');
  if (!values.out) throw new UsageError('--out FILE is required', 'msel');
  const out = values.out;
  if (!values.force && (io.exists ?? existsSync)(out)) {
    io.err(`${out} already exists; not overwriting it (use --force to replace it)`);
    return 1;
  }

  if (sub === 'export') {
    const kind = kindOf(out);
    if (!kind) throw new UsageError('--out must end in .xlsx or .csv', 'msel');
    const bytes = readOrSay(io, file);
    if (!bytes) return 1;
    const r = loadScenario(bytes, file);
    if (!r.ok) {
      io.err(r.problems.map(formatProblem).join('\n'));
      return 1;
    }
    io.writeFile(out, await exportMsel(r.scenario, kind));
    io.out(`wrote ${out} (MSEL of ${r.scenario.id}: ${r.scenario.injects.length} injects${kind === 'xlsx' ? ', objectives and modules sheets' : ''})`);
    return 0;
  }

  if (!values.into && !values.new) throw new UsageError('--into SCENARIO.yaml (the scenario the MSEL goes into) or --new ID is required', 'msel');
  if (values.into && values.new) throw new UsageError('give --into or --new, not both', 'msel');
  if (values.new !== undefined && !isScenarioId(values.new))
    throw new UsageError(`--new: "${values.new}" is not a scenario id (lowercase letters, digits, - and _)`, 'msel');
  const kind = kindOf(file);
  if (!kind) throw new UsageError('the workbook must be a .xlsx or .csv file', 'msel');
  const base = values.into ? readOrSay(io, values.into) : Buffer.from('');
  const bytes = readOrSay(io, file);
  if (!base || !bytes) return 1;
  let remembered: Partial<Record<string, MselField>> = {};
  if (values.mapping && (io.exists ?? existsSync)(values.mapping)) {
    try {
      remembered = JSON.parse(io.readFile(values.mapping).toString('utf8')) as Partial<Record<string, MselField>>;
    } catch (e) {
      io.err(`${values.mapping}: not a mapping file (${(e as Error).message})`);
      return 1;
    }
  }
  const r = await importMselFile(bytes, kind, {
    baseYaml: base.toString('utf8'),
    baseFile: values.into ?? `${values.new}.yaml`,
    mode: values.merge ? 'merge' : 'replace',
    ...(values.new ? { newDiscussion: { id: values.new } } : {}),
    remembered,
    fileName: file.replace(/^.*[\\/]/, ''),
  });
  if (!r.ok) {
    io.err(r.problems.map(formatMselProblem).join('\n'));
    io.err(`${file}: ${r.problems.length} problem(s); nothing was written`);
    return 1;
  }
  io.writeFile(out, r.yaml);
  for (const [sheet, map] of Object.entries(r.mapping))
    io.out(
      `${sheet}: ${Object.entries(map)
        .map(([h, f]) => `"${h}" → ${f}`)
        .join(', ')}`,
    );
  if (values.mapping) {
    const folded: Partial<Record<string, MselField>> = { ...remembered };
    for (const map of Object.values(r.mapping)) for (const [h, f] of Object.entries(map)) folded[h.toLowerCase().replace(/\s+/g, ' ').trim()] = f!;
    io.writeFile(values.mapping, `${JSON.stringify(folded, null, 2)}\n`);
  }
  io.out(
    values.new
      ? `wrote ${out} (a new discussion-based scenario "${r.scenario.title}": ${r.counts.injects} injects, ${r.counts.objectives} objectives, ${r.counts.modules} modules)`
      : `wrote ${out} (${r.counts.injects} injects ${values.merge ? 'merged into' : 'replacing those of'} ${r.scenario.id}; ${r.counts.objectives} objectives, ${r.counts.modules} modules)`,
  );
  return 0;
}
