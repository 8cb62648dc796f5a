/**
 * Sending inputs to the host from one control: the control shows pending while the host
 * journals, and the host's reason on itself if refused (a write that failed is also a toast).
 * The console and the solo screen both send this way; only how a message reaches the host differs.
 */
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { errorMessage } from '../api/get-api.ts';
import type { AppStore } from '../store/app-store.ts';

import type { Answer } from '../live/pending-requests.ts';
import { refusalWords } from '../i18n/words.tsx';

export type TakeResult = { ok: true } | { ok: false; error: string };

/** Sends `inputs` one after another (stopping at the first refusal), as the control `key`. */
export async function takeInputs(
  store: AppStore,
  act: (input: TeamInput) => Promise<Answer>,
  inputs: ReadonlyArray<TeamInput>,
  key: string,
): Promise<TakeResult> {
  store.getState().setPending(key, true);
  try {
    for (const input of inputs) {
      const a = await act(input);
      if (a.type === 'refused') {
        const why = refusalWords(a);
        store.getState().setInputError(key, why);
        // A write that failed is worth a toast; a refusal shows on the control itself.
        if (a.code === 'not-saved') store.getState().pushToast('error', why);
        return { ok: false, error: why };
      }
    }
    store.getState().setInputError(key, null);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  } finally {
    store.getState().setPending(key, false);
  }
}

export type ClockAction = 'pause' | 'resume' | 'jump' | 'speed';

/**
 * Asks the host for a clock change (it journals it). While one is on its way the clock controls
 * wait (pending `clock:<action>`), so no jump piles on a jump; a refusal is a toast.
 */
export function askClock(store: AppStore, send: (action: ClockAction, speed?: number) => Promise<Answer>, action: ClockAction, speed?: number): void {
  const key = `clock:${action}`;
  store.getState().setPending(key, true);
  void send(action, speed).then((a) => {
    store.getState().setPending(key, false);
    if (a.type === 'refused') store.getState().pushToast(a.code === 'rejected' ? 'info' : 'error', refusalWords(a));
  });
}
