/**
 * The scenarios this window knows about: the host's list plus any opened from disk.
 *
 * Kept outside the UI store (it is data, not UI state). Setup looks scenarios up here by file so
 * one opened from disk can be started even if the host does not list it afterwards; the library
 * subscribes to the opened list (the desktop menu's File › Open adds to it too).
 */
import { useSyncExternalStore } from 'react';
import type { FirebreakApi, ScenarioEntry } from '../../../shared/contract/api.ts';

const known = new Map<string, ScenarioEntry>();
let opened: ReadonlyArray<ScenarioEntry> = [];
const listeners = new Set<() => void>();

export function rememberScenarios(entries: ReadonlyArray<ScenarioEntry>): void {
  for (const e of entries) known.set(e.file, e);
}

/** A scenario opened from disk this session (newest first, one entry per file). */
export function addOpenedScenario(entry: ScenarioEntry): void {
  rememberScenarios([entry]);
  opened = [entry, ...opened.filter((x) => x.file !== entry.file)];
  for (const l of [...listeners]) l();
}

export function useOpenedScenarios(): ReadonlyArray<ScenarioEntry> {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => opened,
  );
}

/** Every known entry: opened ones first, then the host's list (without duplicates). */
export function mergeScenarioLists(first: ReadonlyArray<ScenarioEntry>, then: ReadonlyArray<ScenarioEntry>): ScenarioEntry[] {
  const files = new Set(first.map((e) => e.file));
  return [...first, ...then.filter((e) => !files.has(e.file))];
}

export async function findScenario(api: FirebreakApi, file: string): Promise<ScenarioEntry | null> {
  const hit = known.get(file);
  if (hit) return hit;
  const listed = await api['scenarios:list']({});
  rememberScenarios(listed);
  return known.get(file) ?? null;
}

/** For tests: forget everything. */
export function forgetScenarios(): void {
  known.clear();
  opened = [];
  for (const l of [...listeners]) l();
}
