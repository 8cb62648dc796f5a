/** The slice-creator type every store slice is written against (immer applied once, in app-store.ts). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.ts';

export type SliceCreator<T> = StateCreator<AppState, [['zustand/immer', never]], [], T>;
