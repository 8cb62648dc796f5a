/**
 * `firebreak publish`: sign a finished exercise's bundle with this installation's key and send it
 * to a programme server (registering the key with the same token first). When the server (or its
 * database) cannot be reached the exercise is queued in the data folder's publish queue, which
 * `firebreak publish --queued` and the app send later; nothing is lost.
 */
import { join } from 'node:path';
import { defaultDataDir } from '../../paths.ts';
import { UsageError } from '../../cli/command-table.ts';
import type { CliIo } from '../../cli/main.ts';
import { installationKey } from '../evidence/installation-key.ts';
import { bundleOf, sendBundle, type SendResult } from './publish-client.ts';
import { PublishQueue } from './publish-queue.ts';

interface Args {
  positionals: string[];
  values: { server?: string; token?: string; unit?: string; data?: string; queued?: boolean };
}

function refusal(r: Extract<SendResult, { kind: 'refused' }>): string {
  return `${r.httpStatus ?? ''}${r.httpStatus ? ': ' : ''}${r.reason}${r.problems.length ? `\n${r.problems.map((p) => `  ${p}`).join('\n')}` : ''}`;
}

export async function publishCommand({ positionals, values }: Args, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dataDir = values.data ?? defaultDataDir(env);
  if (values.queued) {
    if (positionals.length) throw new UsageError('publish --queued sends the queue; give no exercise with it', 'publish');
    return sendQueued(dataDir, io);
  }
  if (positionals.length !== 1) throw new UsageError('publish needs exactly one exercise folder or journal', 'publish');
  const server = (values.server ?? env.FIREBREAK_SERVER)?.replace(/\/+$/, '');
  const token = values.token ?? env.FIREBREAK_TOKEN;
  if (!server) throw new UsageError('publish needs --server URL (or FIREBREAK_SERVER)', 'publish');
  if (!token) throw new UsageError('publish needs --token TOKEN (or FIREBREAK_TOKEN); `firebreak server token` makes one', 'publish');
  if (values.unit !== undefined && !/^[1-9]\d*$/.test(values.unit)) throw new UsageError('--unit must be a unit id (a whole number)', 'publish');
  const unit = values.unit === undefined ? null : Number(values.unit);
  const key = await installationKey(dataDir);
  const b = await bundleOf(positionals[0]!, key);
  if (!b.ok) {
    io.err(`publish: not published: ${b.reason}`);
    return 1;
  }
  const r = await sendBundle({ server, token, unit }, key, b.text);
  if (r.kind === 'published') {
    io.out(`${b.exerciseId}: ${r.status.replace('-', ' ')} (team ${r.team}, unit ${r.unit}; score ${r.overall} as re-scored by the server; ${r.digest})`);
    return 0;
  }
  if (r.kind === 'refused') {
    io.err(`publish: ${b.exerciseId} was refused: ${refusal(r)}`);
    return 1;
  }
  const queue = new PublishQueue({ dataDir, schedule: () => () => undefined });
  queue.stop(); // queue it only: this command sends nothing more on its own
  await queue.enqueue([b.exerciseId], { path: positionals[0]!, server, token, unit });
  io.err(
    `publish: ${r.reason}; ${b.exerciseId} is queued (not published yet, nothing is lost) in ${queue.dir}: \`firebreak publish --queued\` or the app sends it when the server is reachable`,
  );
  return 1;
}

/** Sends everything queued now (exit 0 when nothing is left waiting and nothing new was refused). */
async function sendQueued(dataDir: string, io: CliIo): Promise<number> {
  // The app's own queued exercises are in this data folder's exercises/ (the store's layout).
  const queue = new PublishQueue({ dataDir, schedule: () => () => undefined, exercisePath: (id) => join(dataDir, 'exercises', id) });
  const before = new Map((await queue.status()).items.map((i) => [i.exerciseId, i.state]));
  await queue.drain(true);
  queue.stop();
  let failed = 0;
  for (const i of (await queue.status()).items) {
    if (before.get(i.exerciseId) !== 'queued') continue;
    if (i.state === 'published') io.out(`${i.exerciseId}: published (team ${i.team}, unit ${i.unit}; score ${i.overall} as re-scored by the server)`);
    else {
      failed += 1;
      io.err(`${i.exerciseId}: ${i.state === 'refused' ? 'refused' : 'still queued'}: ${[i.message, ...i.problems].filter(Boolean).join('; ')}`);
    }
  }
  if (before.size === 0 || ![...before.values()].includes('queued')) io.out('nothing is queued');
  return failed ? 1 : 0;
}
