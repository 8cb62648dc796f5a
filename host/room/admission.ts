/**
 * Who a `hello` lets in: the one decision, used by the WebSocket gateway and by the in-process
 * host of the component tests.
 *
 * The facilitator and a solo trainee are accepted only on the loopback listener (this machine),
 * and only with the secret the host made at launch (another process or user on the machine has
 * no way to learn it: it is handed to the page the launcher opens, and to Electron's renderer);
 * the projector and participants need the room's keys or their own token, and on the LAN
 * listener only while the room is open. The session itself says which kinds of client an
 * exercise admits at all (`LiveSession.admits`: a solo exercise has only its trainee).
 */
import type { HelloAuth } from '../../shared/contract/live.ts';
import type { LiveSession, Viewer } from '../session/live-session.ts';
import { sameSecret } from './room-state.ts';

export type ListenerKind = 'loopback' | 'lan';

export type Admission =
  | { kind: 'viewer'; viewer: Viewer }
  /** A new participant with the join key: a name and a role follow. */
  | { kind: 'join' }
  | { kind: 'refused'; code: 'unauthenticated' | 'forbidden'; message: string };

const refused = (message: string, code: 'unauthenticated' | 'forbidden' = 'unauthenticated'): Admission => ({ kind: 'refused', code, message });

/** What a console without the launch secret is told (the wording names how to get it, never the secret). */
export const NO_LAUNCH_SECRET =
  'this console was not opened from the link Firebreak printed when it started (the link carries its launch secret); open that link';

/**
 * `launchSecret` is the host's secret (null: none required, for hosts embedded in tests that do
 * not check it).
 */
export function admit(session: LiveSession, auth: HelloAuth, listener: ListenerKind, launchSecret: string | null = null): Admission {
  const notHere = session.admits(auth.kind);
  if (notHere) return refused(notHere, 'forbidden');
  const room = session.room.data;
  const hasSecret = (a: { secret?: string | undefined }) => launchSecret === null || (a.secret !== undefined && sameSecret(a.secret, launchSecret));
  switch (auth.kind) {
    case 'facilitator':
      if (listener !== 'loopback') return refused('the facilitator console is only reachable on this machine', 'forbidden');
      if (!hasSecret(auth)) return refused(NO_LAUNCH_SECRET);
      return { kind: 'viewer', viewer: { kind: 'facilitator' } };
    case 'solo':
      if (listener !== 'loopback') return refused('a solo exercise is only reachable on this machine', 'forbidden');
      if (!hasSecret(auth)) return refused(NO_LAUNCH_SECRET);
      return { kind: 'viewer', viewer: { kind: 'solo' } };
    case 'projector':
      if (listener === 'lan' && !room.open) return refused('the room is closed');
      if (!sameSecret(auth.key, room.projectorKey)) return refused('this projector link is not valid (ask the facilitator for a new one)');
      return { kind: 'viewer', viewer: { kind: 'projector' } };
    case 'join':
      if (!room.open) return refused('the room is closed; ask the facilitator to open it');
      if (!sameSecret(auth.key, room.joinKey)) return refused('this join link is not valid (ask the facilitator for a new one)');
      return { kind: 'join' };
    case 'participant': {
      if (listener === 'lan' && !room.open) return refused('the room is closed');
      const p = session.room.byToken(auth.token);
      if (!p) return refused('you are no longer in this room (the facilitator removed you or closed the room); join again with the link');
      return { kind: 'viewer', viewer: { kind: 'participant', participant: p } };
    }
  }
}
