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
  command({
    name: 'msel',
    summary: "export a scenario's MSEL to a spreadsheet, or import one into a scenario",
    synopsis: 'export <scenario.yaml> --out FILE.xlsx|FILE.csv | import <workbook.xlsx|.csv> (--into <scenario.yaml> | --new ID) --out NEW.yaml',
    description: [
      'export writes the Master Scenario Events List: event number, inject ID, module, scenario time (T+h:mm, or the rule an inject waits on), wall time, delivery method, from, to (role), title, inject text, questions, expected action, objective, capability, notes. The .xlsx has a frozen header, a drop-down of delivery methods, and Objectives and Modules sheets.',
      "import reads a planner's workbook: a title block above the header row, column names in their own words, T+h:mm offsets or absolute date-times, an Objectives and a Modules sheet. The injects (and the objectives and modules, when those sheets are there) replace the scenario's, or with --merge update and add to them by inject ID. Every problem is printed with its sheet, row and column, and nothing is written when there is one. Cells are read as text, never as formulas.",
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'where to write the spreadsheet (export) or the new scenario YAML (import); required' },
      into: { type: 'string', value: 'FILE', help: 'import: the scenario the MSEL goes into (or --new)' },
      new: {
        type: 'string',
        value: 'ID',
        help: 'import: a new discussion-based scenario with this id (no simulated fault; judged by the evaluators’ ratings), dated from the workbook',
      },
      merge: { type: 'boolean', help: 'import: update and add injects by ID instead of replacing the list' },
      mapping: { type: 'string', value: 'FILE', help: 'import: a JSON file of header → column mappings, read first and updated after a good import' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: [
      'firebreak msel export scenarios/silent-bias-drift.yaml --out msel.xlsx',
      'firebreak msel import planning-msel.xlsx --into scenarios/silent-bias-drift.yaml --out my-exercise.yaml',
      'firebreak msel import extra-injects.csv --into my-exercise.yaml --merge --out my-exercise-2.yaml',
      'firebreak msel import planning-msel.xlsx --new board-tabletop --out board-tabletop.yaml',
    ],
    run: async (args, io) => {
      const { msel } = await import('./msel-command.ts');
      return msel(args, io);
    },
  }),
];
