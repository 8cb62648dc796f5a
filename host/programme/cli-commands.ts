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
  command({
    name: 'publish',
    summary: 'send a finished exercise to a programme server (signed, re-scored there)',
    synopsis: '<exercise folder|journal.jsonl> --server URL --token TOKEN | --queued',
    description: [
      "Bundles the exercise (journal, debrief, ratings and feedback where they exist, and the app's score as a claim) and signs it with this installation's key, registers the key with the server, and publishes. The server verifies the bundle, replays and re-scores it, and refuses it with the reason when anything does not hold; publishing the same exercise twice stores it once.",
      'When the server (or its database) cannot be reached, the exercise is queued in <data>/publishing/ and the command exits 1 saying so: `firebreak publish --queued` (or the app, while it runs) sends the queue later.',
    ],
    options: {
      server: { type: 'string', value: 'URL', help: 'the programme server (or FIREBREAK_SERVER), e.g. http://127.0.0.1:8787' },
      token: { type: 'string', value: 'TOKEN', help: 'your personal access token (or FIREBREAK_TOKEN)' },
      unit: { type: 'string', value: 'ID', help: 'the unit the exercise belongs to (default: your only facilitator unit)' },
      data: { type: 'string', value: 'DIR', help: 'the data folder holding the installation key and the publish queue' },
      queued: { type: 'boolean', help: 'send every exercise waiting in the publish queue now' },
    },
    examples: ['firebreak publish ~/.config/Firebreak/exercises/<id> --server http://127.0.0.1:8787 --token fbp_…', 'firebreak publish --queued'],
    run: async (args, io) => {
      const { publishCommand } = await import('./publish/publish-command.ts');
      return publishCommand(args, io);
    },
  }),
  command({
    name: 'server',
    summary: 'run the programme server, rebuild its index, or make an access token',
    synopsis: '[start | reindex | token|person|account "NAME" --role ROLE [--unit UNIT]]',
    description: [
      'start (the default) serves the programme API on 127.0.0.1:8787. With no configuration it keeps an embedded PostgreSQL (PGlite) and the published bundles in the server data folder (--data, FIREBREAK_SERVER_DATA, else <data>/programme-server); with DATABASE_URL=postgres://… it uses that PostgreSQL server (15 or later). Migrations run on start; a database migrated by a newer Firebreak is refused.',
      "reindex rebuilds the exercise index and the corrective actions from the bundles (each verified and re-scored again). token makes a person (if new), grants the role (programme_lead, facilitator, evaluator, viewer, auditor; the unit roles need --unit, made if new) and prints a new personal access token once. person does the same for someone who signs in with the organisation's OpenID Connect provider (matched by --email); account gives them a local account (--login; a password made and printed once, or --password-stdin).",
    ],
    options: {
      port: { type: 'string', value: 'N', help: 'start: the port (default 8787)' },
      host: { type: 'string', value: 'ADDRESS', help: 'start: the address to listen on (default 127.0.0.1)' },
      data: { type: 'string', value: 'DIR', help: 'the server data folder' },
      role: { type: 'string', value: 'ROLE', help: 'token: the role to grant' },
      unit: { type: 'string', value: 'NAME', help: 'token: the unit of a facilitator, evaluator or viewer' },
      'expires-days': { type: 'string', value: 'N', help: 'token: expire the token after N days (default: never; revoke it with the API)' },
      // #22 sign-in:
      email: { type: 'string', value: 'ADDRESS', help: "person, account: the e-mail their organisation's OpenID Connect sign-in is matched by" },
      login: { type: 'string', value: 'LOGIN', help: 'account: the local account login' },
      'password-stdin': { type: 'boolean', help: 'account: read the password from stdin (default: make one and print it once)' },
      'oidc-issuer': { type: 'string', value: 'URL', help: "start: the organisation's OpenID Connect issuer (FIREBREAK_OIDC_ISSUER)" },
      'oidc-client-id': {
        type: 'string',
        value: 'ID',
        help: "start: this server's client id there (FIREBREAK_OIDC_CLIENT_ID; secret in FIREBREAK_OIDC_CLIENT_SECRET)",
      },
      'oidc-redirect-url': {
        type: 'string',
        value: 'URL',
        help: 'start: https://<this server>/sign-in/oidc/callback as registered there (FIREBREAK_OIDC_REDIRECT_URL)',
      },
    },
    examples: [
      'npx firebreak server',
      'firebreak server token "Ada Lovelace" --role facilitator --unit Payments',
      'firebreak server person "Grace Hopper" --email grace@example.org --role programme_lead',
      'firebreak server account "Alan Turing" --login alan --role viewer --unit Lending',
      'DATABASE_URL=postgres://fb@db/firebreak firebreak server reindex',
    ],
    run: async (args, io) => {
      const { serverCommand } = await import('./server/server-command.ts');
      return serverCommand(args, io);
    },
  }),
];
