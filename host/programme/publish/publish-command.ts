/**
 * `firebreak publish`: sign a finished exercise's bundle with this installation's key and send it
 * to a programme server (registering the key with the same token first).
 */
import { defaultDataDir } from '../../paths.ts';
import { UsageError } from '../../cli/command-table.ts';
import type { CliIo } from '../../cli/main.ts';
import { makeBundle, serializeBundle } from '../evidence/bundle.ts';
import { readExerciseFiles } from '../evidence/exercise-files.ts';
import { installationKey } from '../evidence/installation-key.ts';
import { BUNDLE_CONTENT_TYPE } from '../server/app.ts';

interface Args {
  positionals: string[];
  values: { server?: string; token?: string; unit?: string; data?: string };
}

export async function publishCommand({ positionals, values }: Args, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('publish needs exactly one exercise folder or journal', 'publish');
  const server = (values.server ?? env.FIREBREAK_SERVER)?.replace(/\/+$/, '');
  const token = values.token ?? env.FIREBREAK_TOKEN;
  if (!server) throw new UsageError('publish needs --server URL (or FIREBREAK_SERVER)', 'publish');
  if (!token) throw new UsageError('publish needs --token TOKEN (or FIREBREAK_TOKEN); `firebreak server token` makes one', 'publish');
  if (values.unit !== undefined && !/^[1-9]\d*$/.test(values.unit)) throw new UsageError('--unit must be a unit id (a whole number)', 'publish');
  const key = await installationKey(values.data ?? defaultDataDir(env));
  const bundle = makeBundle(await readExerciseFiles(positionals[0]!), key);
  const headers = { authorization: `Bearer ${token}` };
  const send = async (path: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(`${server}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    } catch (e) {
      throw new Error(
        `${server} is not reachable (${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}); nothing was published, the exercise is unchanged`,
      );
    }
  };
  const answer = async (r: Response) => {
    const body = (await r.json().catch(() => ({}))) as { error?: string; problems?: string[] };
    return `${r.status}: ${body.error ?? r.statusText}${body.problems?.length ? `\n${body.problems.map((p) => `  ${p}`).join('\n')}` : ''}`;
  };
  const k = await send('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicPem }) });
  if (!k.ok) {
    io.err(`publish: the server refused this installation's key: ${await answer(k)}`);
    return 1;
  }
  const r = await send(`/api/v1/bundles${values.unit ? `?unit=${values.unit}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': BUNDLE_CONTENT_TYPE },
    body: serializeBundle(bundle),
  });
  if (!r.ok) {
    io.err(`publish: ${bundle.exerciseId} was refused: ${await answer(r)}`);
    return 1;
  }
  const p = (await r.json()) as { status: string; team: string; unit: string; overall: number; digest: string };
  io.out(`${bundle.exerciseId}: ${p.status.replace('-', ' ')} (team ${p.team}, unit ${p.unit}; score ${p.overall} as re-scored by the server; ${p.digest})`);
  return 0;
}
