/**
 * `firebreak server`: start the programme server, rebuild its index, or make an access token.
 */
import { UsageError } from '../../cli/command-table.ts';
import type { CliIo } from '../../cli/main.ts';
import { ROLES, type Role } from '../store/schema.ts';
import { buildServer } from './app.ts';
import { OidcRelyingParty, oidcSettingsFrom } from '../auth/oidc.ts';
import { passwordProblem, randomPassword } from '../auth/passwords.ts';
import { SignInStore } from '../auth/sign-in-store.ts';
import { ProgrammeError } from '../store/programme-store.ts';
import { openServerStore, serverDataDir } from './server-data.ts';

export const DEFAULT_PORT = 8787;

interface Args {
  positionals: string[];
  values: {
    port?: string;
    host?: string;
    data?: string;
    role?: string;
    unit?: string;
    'expires-days'?: string;
    // #22 sign-in:
    email?: string;
    login?: string;
    'password-stdin'?: boolean;
    'oidc-issuer'?: string;
    'oidc-client-id'?: string;
    'oidc-redirect-url'?: string;
  };
}

export async function serverCommand({ positionals, values }: Args, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [action = 'start', ...rest] = positionals;
  const dataDir = serverDataDir(env, values.data);
  if (action === 'start') {
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`, 'server');
    const host = values.host ?? '127.0.0.1';
    // #22: the organisation's OpenID Connect provider, when configured (checked before the database opens).
    const oidcSettings = oidcSettingsFrom(env, values);
    io.out(`firebreak server: opening the programme database (the embedded one's first start can take half a minute)…`);
    const store = await openServerStore(dataDir, env);
    const app = buildServer(store, {
      oidc: oidcSettings ? new OidcRelyingParty(oidcSettings) : null,
      secureCookies: env.FIREBREAK_SECURE_COOKIES === '1' || oidcSettings?.redirectUrl.startsWith('https:') === true,
    });
    const stop = async () => {
      await app.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const address = await app.listen({ port, host });
    io.out(`firebreak server: listening on ${address} (${store.database.description}; bundles in ${store.bundlesDir})`);
    io.out(
      `  health: ${address}/api/v1/health   sign in: ${address}/sign-in${oidcSettings ? ` (OpenID Connect: ${oidcSettings.issuer})` : ''}   stop with Ctrl+C`,
    );
    return new Promise<number>(() => undefined); // runs until stopped
  }
  if (action === 'reindex') {
    const store = await openServerStore(dataDir, env);
    try {
      const r = await store.reindex();
      io.out(`reindexed ${r.indexed} bundle(s) from ${store.bundlesDir}`);
      for (const f of r.refused) io.err(`  not indexed: ${f.file}: ${f.reason}`);
      for (const f of r.unacknowledged)
        io.out(`  skipped: ${f}: its publish never committed (the server stopped before acknowledging it); left in place, not evidence`);
      return r.refused.length ? 1 : 0;
    } finally {
      await store.close();
    }
  }
  if (action === 'token') {
    const name = rest.join(' ').trim();
    if (!name)
      throw new UsageError('server token needs the person\'s name: firebreak server token "Ada Lovelace" --role facilitator --unit Payments', 'server');
    const role = values.role as Role | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, 'server');
    const orgWide = role === 'programme_lead' || role === 'auditor';
    if (orgWide === (values.unit !== undefined))
      throw new UsageError(orgWide ? `--unit does not apply to ${role} (it holds for the whole organisation)` : `${role} needs --unit NAME`, 'server');
    const days = values['expires-days'] === undefined ? null : Number(values['expires-days']);
    if (days !== null && !(days > 0)) throw new UsageError('--expires-days must be a positive number', 'server');
    const store = await openServerStore(dataDir, env);
    try {
      const personId = await store.addPerson(name);
      const unitId = values.unit === undefined ? null : await store.addUnit(values.unit);
      await store.grant(personId, role, unitId);
      const { id, token } = await store.createToken(
        personId,
        'made with firebreak server token',
        days === null ? null : new Date(Date.now() + days * 86_400_000),
        null,
      );
      io.out(`${name}: ${role}${values.unit ? ` of ${values.unit}` : ''}; token ${id} (shown once, store it now):\n${token}`);
      return 0;
    } finally {
      await store.close();
    }
  }
  // --- #22 sign-in: people who sign in with the organisation's provider, local accounts ---
  if (action === 'person' || action === 'account') {
    const name = rest.join(' ').trim();
    const usage =
      action === 'person'
        ? 'firebreak server person "Ada Lovelace" --email ada@example.org --role facilitator --unit Payments'
        : 'firebreak server account "Ada Lovelace" --login ada --role facilitator --unit Payments';
    if (!name) throw new UsageError(`server ${action} needs the person's name: ${usage}`, 'server');
    const role = checkedRole(values);
    if (action === 'person' && !values.email)
      throw new UsageError(`server person needs --email (how their OpenID Connect sign-in is matched): ${usage}`, 'server');
    if (action === 'account' && !values.login) throw new UsageError(`server account needs --login: ${usage}`, 'server');
    let password: string | null = null;
    if (action === 'account') {
      password = values['password-stdin']
        ? io
            .readFile('/dev/stdin')
            .toString('utf8')
            .replace(/\r?\n$/, '')
        : randomPassword();
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem, 'server');
    }
    const store = await openServerStore(dataDir, env);
    try {
      const signIn = new SignInStore(store);
      const personId = await store.addPerson(name);
      const unitId = values.unit === undefined ? null : await store.addUnit(values.unit);
      await store.grant(personId, role, unitId);
      if (values.email) await signIn.setEmail(personId, values.email);
      if (password !== null) await signIn.setLocalAccount(personId, values.login!, password);
      io.out(
        `${name}: ${role}${values.unit ? ` of ${values.unit}` : ''}${values.email ? `; signs in with the organisation's provider as ${values.email}` : ''}`,
      );
      if (password !== null && !values['password-stdin'])
        io.out(`local account "${values.login!.trim().toLowerCase()}", password (shown once, give it to them now):\n${password}`);
      else if (password !== null) io.out(`local account "${values.login!.trim().toLowerCase()}": password set`);
      return 0;
    } catch (e) {
      if (e instanceof ProgrammeError) throw new UsageError(e.message, 'server');
      throw e;
    } finally {
      await store.close();
    }
  }
  // --- end #22 sign-in ---
  throw new UsageError(`unknown server action "${action}" (start, reindex, token, person or account)`, 'server');
}

function checkedRole(values: Args['values']): Role {
  const role = values.role as Role | undefined;
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, 'server');
  const orgWide = role === 'programme_lead' || role === 'auditor';
  if (orgWide === (values.unit !== undefined))
    throw new UsageError(orgWide ? `--unit does not apply to ${role} (it holds for the whole organisation)` : `${role} needs --unit NAME`, 'server');
  return role;
}
