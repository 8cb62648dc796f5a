/**
 * The store's view of the exercise session: status, clock controls and a `version` counter.
 *
 * The ExerciseRun itself lives outside the store (session/current-session.ts). The session bumps
 * `version` after every advance or input, and `chartVersion` at a few Hz, so components re-render
 * through selectors over the run (session/use-run.ts) without copying engine state into the store.
 */
import type { Speed } from '../session/clock-driver.ts';
import type { SliceCreator } from './slice.ts';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';
export type FinishState = 'running' | 'finishing' | 'failed' | 'finished';

export interface SessionState {
  /** Bumped whenever a different session object is installed. */
  key: number;
  exerciseId: string | null;
  status: SessionStatus;
  error: string | null;
  /** The error is that no exercise has this id (deleted, in the trash, a wrong link). */
  missing: boolean;
  /** Load warnings, e.g. a torn journal tail that was recovered. */
  warnings: string[];
  /** The journal is damaged (a checksum, a line that does not parse): read-only until recovered. */
  recoverable: boolean;
  version: number;
  chartVersion: number;
  paused: boolean;
  speed: Speed;
  /** Action keys with a journal write in flight. */
  pending: Record<string, true>;
  /** The last failure per action key (cleared when the action next succeeds). */
  inputErrors: Record<string, string>;
  finish: FinishState;
  finishError: string | null;
}

export interface SessionSlice {
  session: SessionState;
  patchSession(patch: Partial<SessionState>): void;
  bumpVersion(charts: boolean): void;
  setPending(key: string, pending: boolean): void;
  setInputError(key: string, message: string | null): void;
  resetSession(): void;
}

export const initialSession = (): SessionState => ({
  key: 0,
  exerciseId: null,
  status: 'idle',
  error: null,
  missing: false,
  warnings: [],
  recoverable: false,
  version: 0,
  chartVersion: 0,
  paused: true,
  speed: 1,
  pending: {},
  inputErrors: {},
  finish: 'running',
  finishError: null,
});

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  session: initialSession(),
  patchSession: (patch) =>
    set((s) => {
      Object.assign(s.session, patch);
    }),
  bumpVersion: (charts) =>
    set((s) => {
      s.session.version++;
      if (charts) s.session.chartVersion++;
    }),
  setPending: (key, pending) =>
    set((s) => {
      if (pending) s.session.pending[key] = true;
      else delete s.session.pending[key];
    }),
  setInputError: (key, message) =>
    set((s) => {
      if (message === null) delete s.session.inputErrors[key];
      else s.session.inputErrors[key] = message;
    }),
  resetSession: () =>
    set((s) => {
      s.session = { ...initialSession(), key: s.session.key + 1 };
    }),
});
