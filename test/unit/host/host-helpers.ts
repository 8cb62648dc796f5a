/** Helpers for host tests: temporary data folders and a valid exercise setup. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExerciseSetup } from '../../../shared/contract/api.ts';
import { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { mini } from '../../helpers.ts';

/**
 * Stores made by fixedStore, by root. A store writes an exercise's meta after it has
 * acknowledged the append, so a clean-up that removed the folder straight after the last
 * await raced that write (ENOTEMPTY on a loaded CI machine): cleanup closes them first.
 */
const storesByRoot = new Map<string, ExerciseStore[]>();

export async function tempDir(prefix = 'firebreak-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const cleanup = async (): Promise<void> => {
    // Stores made on the folder or inside it (tests often keep their data in a subfolder).
    const roots = [...storesByRoot.keys()].filter((r) => r === dir || r.startsWith(`${dir}/`) || r.startsWith(`${dir}\\`));
    const stores = roots.flatMap((r) => storesByRoot.get(r)!);
    for (const r of roots) storesByRoot.delete(r);
    await Promise.all(stores.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, cleanup };
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
  const store = new ExerciseStore(root, {
    now: () => new Date((t += 1000)),
    randomSuffix: () => (n++).toString(36).padStart(6, 'a'),
  });
  storesByRoot.set(root, [...(storesByRoot.get(root) ?? []), store]);
  return store;
}

/** `fetch` that sends the host's launch secret with every request (as the page does). */
export function keyedFetch(secret: string | null): typeof fetch {
  return (input, init = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(secret ? { 'x-firebreak-key': secret } : {}) } });
}
