/**
 * The CLI's programme-server commands (#22): `firebreak verify`, `firebreak bundle`,
 * `firebreak publish`, `firebreak server`. Each loads its modules when run, so the other commands
 * never load the database or the web framework.
 */
import { command, type CommandSpec, type OptionSpecs } from '../cli/command-table.ts';
import type { CliIo } from '../cli/main.ts';

export const PROGRAMME_COMMANDS: ReadonlyArray<CommandSpec<OptionSpecs, CliIo>> = [
  command({
    name: 'verify',
    summary: "check a bundle's signature and digest, or a journal's checksums and hash chain",
    synopsis: '<bundle.fbbundle|journal.jsonl>',
    description: [
      "A bundle (a published exercise) verifies when it is byte for byte as it was signed: its digest matches its content, its Ed25519 signature verifies, the signing key is a trusted one, and its journal's every line keeps its checksum and commits to the line before (hash chain). Trusted keys: --key FILE if given, else this installation's own key and the .pem files in <data>/trusted-keys/.",
      'A journal alone verifies when every line keeps its checksum and the chain is unbroken; journals written before the chain verify as "unchained" (checksums only). Exits 1 when anything does not verify, naming what and where.',
    ],
    options: {
      key: { type: 'string', value: 'FILE', help: 'the public key (PEM) the bundle must be signed with' },
      data: { type: 'string', value: 'DIR', help: 'the data folder whose keys are trusted (default: FIREBREAK_DATA or the platform folder)' },
    },
    examples: ['firebreak verify exercise.fbbundle --key installation-public.pem', 'firebreak verify ~/.config/Firebreak/exercises/<id>/journal.jsonl'],
    run: async (args, io) => {
      const { verifyCommand } = await import('./evidence/verify-command.ts');
      return verifyCommand(args, io);
    },
  }),
  command({
    name: 'bundle',
    summary: 'write a signed evidence bundle of a finished exercise',
    synopsis: '<exercise folder|journal.jsonl> --out FILE.fbbundle',
    description: [
      "Packs the journal (and the debrief, ratings and feedback where they exist) into one file signed with this installation's key (<data>/installation-key/, made on first use). `firebreak verify` checks it; `firebreak publish` sends it to a programme server.",
    ],
    options: {
      out: { type: 'string', value: 'FILE', help: 'where to write the bundle; required' },
      data: { type: 'string', value: 'DIR', help: 'the data folder holding the installation key' },
      force: { type: 'boolean', help: 'replace FILE if it exists' },
    },
    examples: ['firebreak bundle ~/.config/Firebreak/exercises/<id> --out exercise.fbbundle'],
    run: async (args, io) => {
      const { bundleCommand } = await import('./evidence/verify-command.ts');
      return bundleCommand(args, io);
    },
  }),
];
