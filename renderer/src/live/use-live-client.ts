/**
 * A room screen's LiveClient (participant, projector) as React state: connects while the screen
 * has credentials, re-renders on each new snapshot, stops when the screen goes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HelloAuth, LiveRole } from '../../../shared/contract/live.ts';
import { useAppEnv } from '../app-env.ts';
import { LiveClient, type LiveSnapshot, type LiveView } from './live-client.ts';
import type { Answer, LiveRequest } from './pending-requests.ts';

export interface UseLiveClient<V extends LiveView> {
  snapshot: LiveSnapshot<V>;
  request(request: LiveRequest): Promise<Answer>;
  join(name: string, role: LiveRole): void;
}

export interface UseLiveClientOptions {
  exerciseId: string;
  /** Credentials for the next (re)connect; null = do not connect yet. Changing them does not reconnect. */
  auth: HelloAuth | null;
  idPrefix: string;
  keepEntries?: number;
}

const IDLE = new LiveClient<never>({
  connector: () => ({ send: () => {}, close: () => {} }),
  exerciseId: '',
  auth: () => ({ kind: 'facilitator' }),
  idPrefix: '-',
});

export function useLiveClient<V extends LiveView>(options: UseLiveClientOptions): UseLiveClient<V> {
  const env = useAppEnv();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const clientRef = useRef<LiveClient<V> | null>(null);
  const [snapshot, setSnapshot] = useState<LiveSnapshot<V>>(IDLE.snapshot);
  const enabled = options.auth !== null;

  useEffect(() => {
    const o = optionsRef.current;
    if (!env.live || !o.auth) return;
    const client = new LiveClient<V>({
      connector: env.live,
      exerciseId: o.exerciseId,
      auth: () => optionsRef.current.auth!,
      idPrefix: o.idPrefix,
      ...(o.keepEntries === undefined ? {} : { keepEntries: o.keepEntries }),
    });
    clientRef.current = client;
    setSnapshot(client.snapshot);
    client.subscribe((next) => setSnapshot(next));
    client.start();
    return () => {
      client.stop();
      if (clientRef.current === client) clientRef.current = null;
    };
  }, [env.live, enabled]);

  const request = useCallback((r: LiveRequest) => clientRef.current?.request(r) ?? IDLE.request(r), []);
  const join = useCallback((name: string, role: LiveRole) => void clientRef.current?.join(name, role), []);
  return { snapshot, request, join };
}
