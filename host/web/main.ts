/**
 * `npm run web`: serves the built renderer and the API on http://127.0.0.1:<port>/.
 *
 *   node dist-node/web.mjs [--port 5178] [--data DIR] [--static DIR]   (compiled: scripts/build.mjs)
 *   tsx host/web/main.ts   [same options]                              (development)
 *
 * `npm run web` goes through scripts/web.mjs, which rebuilds the renderer and this host only when
 * their sources changed, then calls `main`.
 *
 * Port: --port, else PORT, else 5178. Data: --data, else FIREBREAK_DATA, else the desktop app's
 * data folder (so both hosts share exercises).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { defaultDataDir, WEB_STATIC_DIR } from '../paths.ts';
import { startWebHost } from './server.ts';

export const DEFAULT_PORT = 5178;

export interface WebCliOptions {
  port: number;
  dataDir: string;
  staticDir: string;
}

/** Reads the command line and environment (exported for tests). */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, data: { type: 'string' }, static: { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${portText}" is not a port number (0–65535)`);
  return {
    port,
    dataDir: values.data ? resolve(values.data) : defaultDataDir(env),
    staticDir: values.static ? resolve(values.static) : WEB_STATIC_DIR,
  };
}

/** Starts the host and keeps it running until SIGINT/SIGTERM. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let options: WebCliOptions;
  try {
    options = parseWebArgs(argv);
  } catch (e) {
    process.stderr.write(`firebreak web: ${(e as Error).message}\nusage: npm run web -- [--port N] [--data DIR] [--static DIR]\n`);
    process.exit(2);
  }
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    process.stderr.write(`warning: ${options.staticDir} has no index.html; build the renderer with \`npm run build:web\`\n`);
  }
  let host;
  try {
    host = await startWebHost({ port: options.port, host: '127.0.0.1', dataDir: options.dataDir, staticDir: options.staticDir });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${options.port} is in use (try --port ${options.port + 1})` : (e as Error).message;
    process.stderr.write(`firebreak web: cannot start: ${why}\n`);
    process.exit(1);
  }
  // The link carries the launch secret in its fragment: the console and the API need it, so only
  // someone who can read this terminal can act as the facilitator.
  process.stdout.write(
    `Firebreak is running at ${host.consoleUrl}\nOpen that link to use it (it carries this run's secret; keep it to yourself).\nData: ${options.dataDir}\nPress Ctrl+C to stop.\n`,
  );
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main();
}
