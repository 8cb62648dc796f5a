/**
 * The facilitator's debrief edits (improvement plan, observations, score adjustments) and their
 * saving: every change is saved through `exercises:saveDebrief`, debounced, with a status the
 * screen shows ("Saving…", "Saved", or the error). `flush()` saves now (before an export, which
 * renders from what is stored) and a pending save is sent when the screen closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DebriefEdits } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';

export type SaveStatus = { state: 'idle' } | { state: 'pending' } | { state: 'saving' } | { state: 'saved'; at: string } | { state: 'error'; message: string };

export const SAVE_DELAY_MS = 600;

/** What is sent: adjustments without a reason are drafts the schema would refuse, so they wait. */
export function savable(edits: DebriefEdits): DebriefEdits {
  return {
    actionItems: edits.actionItems,
    observations: edits.observations,
    adjustments: edits.adjustments
      .filter((a) => a.reason.trim() !== '' && Number.isFinite(a.delta))
      .map((a) => ({ ...a, delta: Math.max(-100, Math.min(100, Math.round(a.delta))) })),
    ...(edits.overview ? { overview: edits.overview } : {}),
  };
}

let nextId = 1;
/** A fresh id for an action item or observation (unique within the exercise, ≤ 80 chars). */
export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;
}

export function useDebriefEdits(exerciseId: string, initial: DebriefEdits) {
  const api = useApi();
  const [edits, setEdits] = useState<DebriefEdits>(initial);
  const latest = useRef<DebriefEdits>(initial);
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const pending = useRef<DebriefEdits | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const live = useRef(true);

  const save = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (!next) return inFlight.current;
    // Saves go one after another, so an older one never lands after a newer one.
    inFlight.current = inFlight.current.then(async () => {
      if (live.current) setStatus({ state: 'saving' });
      try {
        const r = await api['exercises:saveDebrief']({ exerciseId, debrief: savable(next) });
        if (live.current) setStatus(pending.current ? { state: 'pending' } : { state: 'saved', at: r.savedAt });
      } catch (e) {
        if (live.current) setStatus({ state: 'error', message: errorMessage(e) });
      }
    });
    return inFlight.current;
  }, [api, exerciseId]);

  const update = useCallback(
    (change: (draft: DebriefEdits) => DebriefEdits) => {
      const next = change(latest.current);
      latest.current = next;
      pending.current = next;
      setEdits(next);
      setStatus({ state: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save],
  );

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      if (pending.current) void save();
    };
  }, [save]);

  return { edits, update, status, flush: save };
}
