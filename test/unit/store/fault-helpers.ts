/** Helpers for the fault trials: a child host process, read line by line, killable at any moment. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../../helpers.ts';

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  pid: number;
  /** Resolves with the first stdout line that `match` accepts (rejects when the child exits first). */
  waitFor(match: (line: string) => boolean): Promise<string>;
  lines: string[];
  exited: Promise<number | null>;
  send(line: string): void;
  kill9(): Promise<void>;
}

export function spawnHost(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/unit/store/child-host.ts'), ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  void exited.then(() => {
    for (const w of waiters.splice(0))
      w.reject(new Error(`child exited before the line was seen; stdout: ${lines.join(' | ')}; stderr: ${stderr.slice(-2000)}`));
  });
  return {
    proc,
    pid: proc.pid!,
    lines,
    exited,
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
    send(line) {
      proc.stdin.write(`${line}\n`);
    },
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
