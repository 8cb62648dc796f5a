/**
 * Loads an exercise for its debrief: `exercises:load`, then replay to the end, score, and the
 * report model's heavy parts (key times, harm curve, exact what-ifs), computed once.
 *
 * The heavy part runs in a Web Worker (debrief-worker.ts), so the page keeps answering while the
 * what-ifs are re-simulated; its results stream in (the score first, then the whole model) and
 * the loading state shows how far it got. Where no worker can be started (jsdom, a page that
 * refuses it), the same steps run in the page, one step per task, with the same messages.
 *
 * The parts that follow the facilitator's edits (adjusted scores, the timeline with observations)
 * are cheap and are recomputed by the screen as the edits change.
 */
import { useEffect, useState } from 'react';
import type { LoadedExercise } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';
import { errorMessage, isNotFound } from '../api/get-api.ts';
import { debriefSteps, type DebriefMessage, type DebriefRequest, type DebriefResult } from './debrief-steps.ts';
import type { Locale } from '../../../shared/i18n/words.ts';
import { useLanguage } from '../i18n/words.tsx';

export interface DebriefData extends DebriefResult {
  loaded: LoadedExercise;
}

/** How far the computation got while loading: the score arrives before the what-ifs. */
export type DebriefProgress = { stage: 'loading' } | { stage: 'scored'; title: string; overall: number };

export type DebriefLoad =
  { status: 'loading'; progress: DebriefProgress } | { status: 'error'; message: string; missing?: boolean } | { status: 'ready'; data: DebriefData };

/** Runs the debrief steps for `loaded`, calling `onMessage` for each; returns a cancel function. */
export type DebriefRunner = (loaded: LoadedExercise, onMessage: (m: DebriefMessage) => void, locale?: Locale) => () => void;

/** The steps in this thread, each in its own task, so the page can paint between them. */
export const inPageRunner: DebriefRunner = (loaded, onMessage, locale = 'en') => {
  const steps = debriefSteps(loaded, locale);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const next = () => {
    const r = steps.next();
    if (r.done) return;
    onMessage(r.value);
    timer = setTimeout(next, 0);
  };
  timer = setTimeout(next, 0);
  return () => {
    if (timer !== null) clearTimeout(timer);
    void steps.return();
  };
};

/** The steps in a module worker; falls back to inPageRunner when no worker can be started. */
export const workerRunner: DebriefRunner = (loaded, onMessage, locale = 'en') => {
  if (typeof Worker === 'undefined') return inPageRunner(loaded, onMessage, locale);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./debrief-worker.ts', import.meta.url), { type: 'module', name: 'firebreak-debrief' });
  } catch {
    return inPageRunner(loaded, onMessage, locale);
  }
  let heard = false;
  let cancelFallback: (() => void) | null = null;
  worker.onmessage = (event: MessageEvent<DebriefMessage>) => {
    heard = true;
    onMessage(event.data);
    if (event.data.type !== 'scored') worker.terminate();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    // A worker that never started (blocked, failed to load) is not a debrief error: do it here.
    if (!heard) cancelFallback = inPageRunner(loaded, onMessage, locale);
    else onMessage({ type: 'error', message: event.message || 'the debrief worker stopped' });
  };
  worker.postMessage({ loaded, locale } satisfies DebriefRequest);
  return () => {
    worker.terminate();
    cancelFallback?.();
  };
};

/** `version`: bump it to load again (after the journal was recovered). */
export function useDebrief(exerciseId: string, runner: DebriefRunner = workerRunner, version = 0): DebriefLoad {
  const api = useApi();
  // The debrief is worked out again in the page's language when it changes.
  const locale = useLanguage();
  const [state, setState] = useState<DebriefLoad>({ status: 'loading', progress: { stage: 'loading' } });
  useEffect(() => {
    let live = true;
    let cancel: (() => void) | null = null;
    setState({ status: 'loading', progress: { stage: 'loading' } });
    api['exercises:load']({ exerciseId })
      .then((loaded) => {
        if (!live) return;
        cancel = runner(
          loaded,
          (m) => {
            if (!live) return;
            // Marks for `npm run bench` (bench/web.ts): when each result reached the page.
            globalThis.performance?.mark?.(`firebreak:debrief-${m.type}`);
            switch (m.type) {
              case 'scored':
                setState({ status: 'loading', progress: { stage: 'scored', title: m.title, overall: m.overall } });
                return;
              case 'ready':
                setState({ status: 'ready', data: { loaded, ...m.result } });
                return;
              case 'error':
                setState({ status: 'error', message: m.message });
                return;
              default:
                assertNever(m);
            }
          },
          locale,
        );
      })
      .catch((e: unknown) => live && setState({ status: 'error', message: errorMessage(e), missing: isNotFound(e) }));
    return () => {
      live = false;
      cancel?.();
    };
  }, [api, exerciseId, runner, version, locale]);
  return state;
}

function assertNever(x: never): never {
  throw new Error(`unexpected debrief message ${JSON.stringify(x)}`);
}
