/**
 * Where Firebreak keeps things on this machine.
 *
 * The default data folder is the one Electron's `app.getPath('userData')` gives the desktop app
 * (named "Firebreak"), so the desktop app, the browser host and the CLI see the same exercises.
 * FIREBREAK_DATA overrides it everywhere.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'Firebreak';

/** The platform's per-user application data folder for Firebreak. */
export function platformDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

/** FIREBREAK_DATA if set, else the platform data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FIREBREAK_DATA ? resolve(env.FIREBREAK_DATA) : platformDataDir(env);
}

/** The repository / app root (this file is host/paths.ts). */
export const APP_ROOT = resolve(import.meta.dirname, '..');

/** Built-in scenarios in a source checkout. */
export const BUILTIN_SCENARIOS_DIR = join(APP_ROOT, 'scenarios');

/** The browser renderer build (`npm run build:web`). */
export const WEB_STATIC_DIR = join(APP_ROOT, 'dist-web');
