/** The browser host as a child process for the live tests, restartable on the port it got. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ROOT } from './harness.ts';

export interface LiveHost {
  url: string;
  port: number;
  dataDir: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The browser host as a child process; `port` 0 picks a free one (a restart reuses the port it got). */
export async function startHostOn(dataDir: string, port = 0): Promise<LiveHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'host', 'web', 'main.ts'), '--port', String(port), '--data', dataDir, '--static', inject('staticDir')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FIREBREAK_LAN_BIND: '127.0.0.1', FIREBREAK_LAN_ADVERTISE: '127.0.0.1' } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace(/\/$/, ''));
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}) before starting: ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
