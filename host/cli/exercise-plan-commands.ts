/**
 * The CLI's exercise-plan commands (#19, HSEEP): `firebreak guide` (Facilitator Guide / Situation
 * Manual PDF) and `firebreak msel export|import` (the MSEL spreadsheet).
 */
import { command, type CommandSpec, type OptionSpecs } from './command-table.ts';
import type { CliIo } from './main.ts';

export const EXERCISE_PLAN_COMMANDS: ReadonlyArray<CommandSpec<OptionSpecs, CliIo>> = [
  command({
    name: 'guide',
    summary: "write the Facilitator Guide (or the participants' Situation Manual) as PDF",
    synopsis: '<scenario.yaml> [--participant] --out FILE',
    description: [
      "The Facilitator Guide: exercise overview, objectives and capabilities, roles, ground rules, schedule, the facilitator's brief and, per module, the situation, injects, questions, expected actions and notes. With --participant, the Situation Manual: everything facilitator-only (injects, expected actions, notes, the brief) left out. FILE ending in .html writes the HTML instead of printing it. PDF needs Chromium (/usr/bin/chromium, or set CHROMIUM_PATH).",
    ],
    options: {
      participant: { type: 'boolean', help: 'the participant version (no facilitator-only content)' },
      out: { type: 'string', value: 'FILE', help: 'where to write it; required' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: [
      'firebreak guide scenarios/silent-bias-drift.yaml --out guide.pdf',
      'firebreak guide scenarios/silent-bias-drift.yaml --participant --out situation-manual.pdf',
    ],
    run: async (args, io) => {
      const { guide } = await import('./guide-command.ts');
      return guide(args, io);
    },
  }),
];
