/** Transient messages: saved, failed to save, journal recovered. Errors stay until dismissed. */
import type { SliceCreator } from './slice.ts';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface ToastsSlice {
  toasts: Toast[];
  pushToast(kind: Toast['kind'], text: string): number;
  dismissToast(id: number): void;
}

let nextToastId = 1;

export const createToastsSlice: SliceCreator<ToastsSlice> = (set) => ({
  toasts: [],
  pushToast: (kind, text) => {
    const id = nextToastId++;
    set((s) => {
      s.toasts.push({ id, kind, text });
      if (s.toasts.length > 5) s.toasts.shift();
    });
    return id;
  },
  dismissToast: (id) =>
    set((s) => {
      s.toasts = s.toasts.filter((t) => t.id !== id);
    }),
});
