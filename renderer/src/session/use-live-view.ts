/**
 * A room client (participant or projector): connects to the host's live session, keeps the view
 * the host sends and the public journal, and sends requests.
 *
 * It holds no engine at all: everything on screen is what the host projected for this client.
 * Reconnects by itself; on each reconnect it tells the host the last journal seq it has seen and
 * receives only what it missed, in order.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientMessage, HelloAuth, ParticipantView, ProjectorView, PublicEntry, JoinChoices, ServerMessage, You } from '../../../shared/contract/live.ts';
import { useAppEnv } from '../app-env.ts';
import { ViewTracker } from './view-tracker.ts';
import { currentWords, refusalWords } from '../i18n/words.tsx';
import { LiveConnection, PendingRequests, type Answer, type ConnectionStatus, type LiveRequest } from './live-connection.ts';

export interface LiveView<V> {
  view: V | null;
  you: You | null;
  entries: PublicEntry[];
  status: ConnectionStatus;
  /** Why the host refused this client or ended it (shown instead of the view). */
  ended: string | null;
  /** The host holds this joiner in the waiting room until the facilitator lets them in (why, as the host says it). */
  held: string | null;
  send(request: LiveRequest): Promise<Answer>;
}

export interface LiveViewOptions {
  exerciseId: string;
  /** Credentials for the next (re)connect; null = do not connect yet. */
  auth: HelloAuth | null;
  /** Called on welcome: a joining participant gets what it joins and the roles to pick from, and sends its name and role with `sendRaw`. */
  onWelcome?(you: You, sendRaw: (m: ClientMessage) => void, join: JoinChoices | null): void;
}

export function useLiveView<V extends ParticipantView | ProjectorView>(options: LiveViewOptions): LiveView<V> {
  const env = useAppEnv();
  const [view, setView] = useState<V | null>(null);
  const [you, setYou] = useState<You | null>(null);
  const [entries, setEntries] = useState<PublicEntry[]>([]);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [ended, setEnded] = useState<string | null>(null);
  /** Set while the host holds this joiner in the waiting room (cleared by the welcome that lets them in). */
  const [held, setHeld] = useState<string | null>(null);
  const conn = useRef<LiveConnection | null>(null);
  const since = useRef(0);
  const requests = useRef(new PendingRequests('v'));
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // Credentials may change (a new participant gets its token) without reconnecting: the next
  // reconnect reads them.
  const enabled = options.auth !== null;

  useEffect(() => {
    if (!env.live || !optionsRef.current.auth) return;
    setEnded(null);
    const tracker = new ViewTracker<V>();
    const c: LiveConnection = new LiveConnection({
      connector: env.live,
      exerciseId: optionsRef.current.exerciseId,
      auth: () => optionsRef.current.auth!,
      since: () => since.current,
      onStatus: (s) => {
        setStatus(s);
        if (s !== 'open') requests.current.dropAll();
      },
      onMessage: (m: ServerMessage) => {
        switch (m.type) {
          case 'welcome':
            if (m.you.kind === 'participant' && m.you.participantId !== null) setHeld(null);
            setYou(m.you);
            optionsRef.current.onWelcome?.(m.you, (msg) => void c.send(msg), m.join ?? null);
            return;
          case 'entries':
            since.current = Math.max(since.current, m.upTo);
            if (m.public.length > 0) setEntries((old) => [...old.filter((e) => !m.public.some((n) => n.seq === e.seq)), ...m.public].slice(-500));
            return;
          case 'view':
          case 'viewPatch': {
            const next = tracker.receive(m, () => void c.send({ type: 'resync' }));
            if (next) setView(next);
            return;
          }
          case 'ack':
          case 'refused': {
            if (requests.current.answer(m)) return;
            if (m.type === 'refused' && m.code === 'unauthenticated') {
              c.stop();
              setEnded(refusalWords(m));
            }
            return;
          }
          case 'bye':
            setEnded(m.reason === 'finished' ? currentWords().t('room.finished') : m.msg ? currentWords().format(m.msg) : m.reason);
            return;
          case 'held':
            setHeld(m.msg ? currentWords().format(m.msg) : m.reason);
            return;
          case 'clock':
          case 'room':
          case 'lobby':
            return;
        }
      },
    });
    conn.current = c;
    return () => {
      c.stop();
      conn.current = null;
    };
  }, [env.live, enabled]);

  const send = useCallback((request: LiveRequest): Promise<Answer> => requests.current.send(conn.current, request), []);

  return { view, you, entries, status, ended, held, send };
}
