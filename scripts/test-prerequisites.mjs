#!/usr/bin/env node
// `npm test`'s pretest (and the e2e suite's global setup): the system tools the browser tests
// need, installed when this machine allows it, or the exact command to run when it does not.
//
//   Chromium       PDF printing and the end-to-end tests (CHROMIUM_PATH, else /usr/bin/chromium)
//   poppler-utils  pdftotext, to read the printed PDFs back
//
// Installs with Debian's apt-get when running as root (a container, CI); otherwise prints the
// command and exits 1, so `npm test` stops before a suite fails for a missing browser.
// FIREBREAK_SKIP_PREREQUISITES=1 skips the check (for a machine where tests are run differently).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function apt(args) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

const defaults = () => ({
  env: process.env,
  root: typeof process.getuid === 'function' && process.getuid() === 0,
  has: onPath,
  exists: existsSync,
  apt,
  log: (s) => process.stderr.write(`${s}\n`),
});

/** The Debian packages still missing. */
export function missingPackages(sys = defaults()) {
  const need = [];
  if (!sys.exists(sys.env.CHROMIUM_PATH || '/usr/bin/chromium')) need.push('chromium');
  if (!sys.has('pdftotext')) need.push('poppler-utils');
  return need;
}

/** True when everything is there (installed now if need be); otherwise says what to run. */
export function ensurePrerequisites(overrides = {}) {
  const sys = { ...defaults(), ...overrides };
  if (sys.env.FIREBREAK_SKIP_PREREQUISITES === '1') return true;
  if (sys.env.CHROMIUM_PATH && !sys.exists(sys.env.CHROMIUM_PATH)) {
    sys.log(
      `tests: CHROMIUM_PATH is ${sys.env.CHROMIUM_PATH}, which does not exist; point it at a Chromium or Chrome binary, or unset it to use Debian's /usr/bin/chromium`,
    );
    return false;
  }
  const need = missingPackages(sys);
  if (need.length === 0) return true;
  const command = `apt-get install -y --no-install-recommends ${need.join(' ')}`;
  if (sys.root && sys.has('apt-get')) {
    sys.log(`tests: installing ${need.join(' and ')} (${command})`);
    if (sys.apt(['update', '-qq']) && sys.apt(['install', '-y', '-qq', '--no-install-recommends', ...need]) && missingPackages(sys).length === 0) return true;
    sys.log(`tests: installing ${need.join(' and ')} failed; run \`${command}\` and look at its errors`);
    return false;
  }
  const why = sys.root ? 'this machine has no apt-get' : 'installing them needs root';
  sys.log(
    [
      `tests: the browser tests need ${need.join(' and ')}, not installed here, and ${why}. Run:`,
      '',
      `    sudo ${command}`,
      '',
      need.includes('chromium') ? '(or point CHROMIUM_PATH at a Chromium or Chrome binary), then run the tests again.' : 'then run the tests again.',
    ].join('\n'),
  );
  return false;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(ensurePrerequisites() ? 0 : 1);
}
