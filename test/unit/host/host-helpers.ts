/** Helpers for host tests: temporary data folders and a valid exercise setup. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExerciseSetup } from '../../../shared/contract/api.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { mini } from '../../helpers.ts';

export async function tempDir(prefix = 'firebreak-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function miniSetup(overrides: Partial<ExerciseSetup> = {}): ExerciseSetup {
  return {
    scenarioId: 'mini',
    scenarioSource: mini().source,
    seed: 7,
    team: 'Blue team',
    participants: [{ name: 'Ana', role: 'incident_commander' }],
    mode: 'facilitated',
    speed: 60,
    ...overrides,
  };
}

/** A store with a fixed clock and predictable id suffixes (aaaaaa, aaaaab, ...). */
export function fixedStore(root: string, start = Date.UTC(2026, 0, 5, 9, 0, 0)): ExerciseStore {
  let n = 0;
  let t = start;
  return new ExerciseStore(root, {
    now: () => new Date((t += 1000)),
    randomSuffix: () => (n++).toString(36).padStart(6, 'a'),
  });
}

/** `fetch` that sends the host's launch secret with every request (as the page does). */
export function keyedFetch(secret: string | null): typeof fetch {
  return (input, init = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(secret ? { 'x-firebreak-key': secret } : {}) } });
}
