/**
 * The one UI store: typed slices combined with immer applied once, here.
 *
 * UI state only (route, feed filters, unread markers, panels, toasts, session status). Scenario
 * state stays in the engine's ExerciseRun; see session/.
 */
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { createFeedSlice, type FeedSlice } from './feed-slice.ts';
import { createHistorySlice, type HistorySlice } from './history-slice.ts';
import { createPanelsSlice, type PanelsSlice } from './panels-slice.ts';
import { createRouteSlice, initialRoute, type RouteSlice } from './route-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createToastsSlice, type ToastsSlice } from './toasts-slice.ts';

export type AppState = RouteSlice & FeedSlice & PanelsSlice & ToastsSlice & SessionSlice & HistorySlice;

export const useAppStore = create<AppState>()(
  immer((...a) => ({
    ...createRouteSlice(...a),
    ...createFeedSlice(...a),
    ...createPanelsSlice(...a),
    ...createToastsSlice(...a),
    ...createSessionSlice(...a),
    ...createHistorySlice(...a),
  })),
);

export type AppStore = typeof useAppStore;

const initialState = useAppStore.getState();

/** Back to a fresh store (tests call this between cases). Keeps the route in step with the URL. */
export function resetAppStore(): void {
  useAppStore.setState({ ...initialState, route: initialRoute() }, true);
}
