/**
 * React hooks over the open session: `useSession()` and `useRun(selector)`.
 *
 * `useRun` re-runs its selector when the store's `version` moves (after each advance or input)
 * and re-renders only when the selected value changes (Object.is, or a custom equality) — the
 * zustand/xstate "read through selectors" pattern, over an engine object that lives outside the
 * store. Select primitives or fresh small values: the engine appends to its arrays in place, so
 * select `signals.length`, not `signals`.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { currentSession } from './current-session.ts';
import type { ExerciseSession } from './exercise-session.ts';

/** The open session, or null. Re-renders when a different session is installed. */
export function useSession(): ExerciseSession | null {
  useAppStore((s) => s.session.key);
  return currentSession();
}

/** The open session; for components that only render inside a loaded exercise. */
export function useOpenSession(): ExerciseSession {
  const s = useSession();
  if (!s) throw new Error('no exercise is open');
  return s;
}

type Equality<T> = (a: T, b: T) => boolean;

function useVersioned<T>(
  versionOf: (s: ReturnType<typeof useAppStore.getState>) => number,
  select: (run: ExerciseRun, session: ExerciseSession) => T,
  isEqual: Equality<T>,
): T {
  const cache = useRef<{ version: number; key: number; select: unknown; value: T } | null>(null);
  const getSnapshot = useCallback(() => {
    const state = useAppStore.getState();
    const version = versionOf(state);
    const key = state.session.key;
    const c = cache.current;
    if (c && c.version === version && c.key === key && c.select === select) return c.value;
    const session = currentSession();
    if (!session) throw new Error('no exercise is open');
    const next = select(session.run, session);
    const value = c && isEqual(c.value, next) ? c.value : next;
    cache.current = { version, key, select, value };
    return value;
  }, [versionOf, select, isEqual]);
  return useSyncExternalStore(useAppStore.subscribe, getSnapshot, getSnapshot);
}

const byVersion = (s: ReturnType<typeof useAppStore.getState>) => s.session.version;
const byChartVersion = (s: ReturnType<typeof useAppStore.getState>) => s.session.chartVersion;

/** Selects from the run, re-rendering when the selection changes. */
export function useRun<T>(select: (run: ExerciseRun, session: ExerciseSession) => T, isEqual: Equality<T> = Object.is): T {
  return useVersioned(byVersion, select, isEqual);
}

/** Like useRun but updated at the throttled chart rate (~3 Hz). */
export function useRunThrottled<T>(select: (run: ExerciseRun, session: ExerciseSession) => T, isEqual: Equality<T> = Object.is): T {
  return useVersioned(byChartVersion, select, isEqual);
}

/** Shallow equality for small arrays/objects of primitives. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Structural equality for small plain-data selections (nested arrays/objects of primitives). */
export function jsonEqual<T>(a: T, b: T): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}
