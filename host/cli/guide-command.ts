/**
 * `firebreak guide <scenario.yaml> [--participant] --out FILE [--force]`: the Facilitator Guide
 * (or, with --participant, the Situation Manual without facilitator-only content) as a PDF, or as
 * HTML when FILE ends in .html.
 */
import { existsSync } from 'node:fs';
import { formatProblem, loadScenario } from '../../shared/scenario/load.ts';
import { guideHtml } from '../exercise/guide.ts';
import { UsageError } from './command-table.ts';
import type { CliIo } from './main.ts';
import { readOrSay } from './cli-files.ts';

export interface GuideArgs {
  positionals: string[];
  values: { participant?: boolean; out?: string; force?: boolean };
}

export async function guide({ positionals, values }: GuideArgs, io: CliIo & { exists?: (p: string) => boolean }): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('give exactly one scenario file', 'guide');
  if (!values.out) throw new UsageError('--out FILE is required', 'guide');
  const [file] = positionals as [string];
  const out = values.out;
  if (!values.force && (io.exists ?? existsSync)(out)) {
    io.err(`${out} already exists; not overwriting it (use --force to replace it)`);
    return 1;
  }
  const bytes = readOrSay(io, file);
  if (!bytes) return 1;
  const r = loadScenario(bytes, file);
  if (!r.ok) {
    io.err(r.problems.map(formatProblem).join('\n'));
    return 1;
  }
  const version = values.participant ? 'participant' : 'facilitator';
  const html = guideHtml(r.scenario, version);
  let data: string | Uint8Array = html;
  if (!/\.html?$/i.test(out)) {
    try {
      const { printHtmlToPdf } = await import('../pdf/print-html.ts');
      data = await printHtmlToPdf(html);
    } catch (e) {
      io.err(`cannot print the PDF: ${(e as Error).message}`);
      return 1;
    }
  }
  try {
    io.writeFile(out, data);
  } catch (e) {
    io.err(`cannot write ${out}: ${(e as Error).message}`);
    return 1;
  }
  io.out(`wrote ${out} (${version === 'facilitator' ? 'Facilitator Guide' : 'Situation Manual, participant version'})`);
  return 0;
}
