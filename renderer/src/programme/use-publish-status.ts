/**
 * Where this machine's exercises stand with the programme server (published, queued, refused),
 * from the host's publish queue. While anything is queued the view asks again every few seconds,
 * so "queued" turns into "published" on screen when the host's retry gets through.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublishItem, PublishStatus } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';

const POLL_MS = 3_000;

export interface PublishStatusView {
  status: PublishStatus | null;
  byId: ReadonlyMap<string, PublishItem>;
  reload(retry?: boolean): Promise<void>;
  /** Queues exercises and answers with their new states (throws what the host refused). */
  publish(exerciseIds: string[]): Promise<PublishItem[]>;
}

export function usePublishStatus(): PublishStatusView {
  const api = useApi();
  const [status, setStatus] = useState<PublishStatus | null>(null);
  // Only the latest request's answer counts: on a loaded machine the status asked for on opening
  // could answer after the one asked for after saving the settings, and put back "not configured".
  const latest = useRef(0);
  const reload = useCallback(
    async (retry = false) => {
      const n = ++latest.current;
      try {
        const next = await api['programme:status'](retry ? { retry: true } : {});
        if (n === latest.current) setStatus(next);
      } catch {
        // An older host without the channel, or a transient failure: the screens work without it.
      }
    },
    [api],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  const waiting = status?.items.some((i) => i.state === 'queued') ?? false;
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(t);
  }, [waiting, reload]);
  const publish = useCallback(
    async (exerciseIds: string[]) => {
      const r = await api['programme:publish']({ exerciseIds });
      setStatus((s) => {
        const items = new Map((s?.items ?? []).map((i) => [i.exerciseId, i]));
        for (const i of r.items) items.set(i.exerciseId, i);
        return { configured: s?.configured ?? true, problem: s?.problem ?? null, items: [...items.values()] };
      });
      return r.items;
    },
    [api],
  );
  const byId = new Map((status?.items ?? []).map((i) => [i.exerciseId, i]));
  return { status, byId, reload, publish };
}
