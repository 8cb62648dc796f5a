/**
 * What a client may ask of a live session, and the answer: each intent is checked against who
 * sent it (viewer kind, role table), then carried out through the room administration, the clock
 * loop or a journal commit. Handled one at a time (JournalCommit.enqueue), answered with an ack
 * (the seq it journaled) or a refusal (its code, the English reason, and the message the page words).
 */
import type { ClientMessage } from '../../shared/contract/live.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, TeamInput } from '../../shared/engine/inputs.ts';
import { msg } from '../../shared/i18n/words.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import type { ClockLoop } from './clock-loop.ts';
import type { CommitItems } from './commit.ts';
import { roleMay, soloMay } from './projection.ts';
import type { RoomAdmin } from './room-admin.ts';
import type { SessionBroadcast } from './session-broadcast.ts';
import { Refusal, refused, type LiveClient, type Viewer } from './session-types.ts';
import type { RoutingRules } from '../../shared/contract/live.ts';

/** What the room may still send once the exercise is finished: the hot wash and evaluators' ratings. */
const AFTER_FINISH: ReadonlySet<TeamInput['type']> = new Set(['HOT_WASH', 'RATE']);

/** The parts of the session an intent acts on. */
export interface IntentContext {
  readonly run: ExerciseRun;
  readonly scenario: Scenario;
  readonly routing: RoutingRules;
  readonly closed: boolean;
  readonly finished: boolean;
  readonly admin: RoomAdmin;
  readonly loop: ClockLoop;
  readonly broadcast: SessionBroadcast;
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  commit(items: CommitItems): Promise<number>;
  attributionOf(v: Viewer): Attribution;
}

/**
 * Handles one message from an authenticated client and answers it (ack or refused).
 *
 * Resolves once the answer is sent; never rejects.
 */
export async function handleIntent(s: IntentContext, client: LiveClient, message: ClientMessage): Promise<void> {
  const id = 'id' in message ? message.id : null;
  try {
    const seq = await s.enqueue(() => decide(s, client, message));
    if (id !== null) client.send({ type: 'ack', id, seq });
  } catch (e) {
    const refusal = e instanceof Refusal ? e : new Refusal('rejected', e instanceof Error ? e.message : String(e));
    client.send({ type: 'refused', id, code: refusal.code, message: refusal.message, ...(refusal.reason ? { reason: refusal.reason } : {}) });
  }
}

function requireFacilitator(client: LiveClient): void {
  if (client.viewer.kind !== 'facilitator') throw new Refusal('forbidden', 'only the facilitator can do that');
}

/** Applies one intent; returns the seq of the last entry it journaled (null when none). */
async function decide(s: IntentContext, client: LiveClient, message: ClientMessage): Promise<number | null> {
  if (s.closed) throw refused('rejected', msg('refusal.host.session_closed'));
  const v = client.viewer;
  switch (message.type) {
    case 'hello':
    case 'join':
      throw new Refusal('invalid', `"${message.type}" is only accepted as the first message`);
    case 'resync':
      s.broadcast.sendView(client);
      return null;
    case 'admission':
      // The room's gateway answers these (host/room/waiting-room.ts); one that reaches here came some other way.
      throw new Refusal('invalid', 'the waiting room is run by the host’s room endpoint');
    case 'act': {
      if (v.kind === 'projector') throw new Refusal('forbidden', 'the projector only watches');
      if (s.finished && !AFTER_FINISH.has(message.input.type)) throw refused('rejected', msg('refusal.closed'));
      const why = v.kind === 'participant' ? roleMay(v.participant.role, message.input, s.routing) : v.kind === 'solo' ? soloMay(message.input) : null;
      if (why) throw new Refusal('forbidden', why);
      const by = v.kind === 'facilitator' ? s.admin.facilitatorFor(message.input, message.for) : s.attributionOf(v);
      return s.commit([{ input: message.input, by }]);
    }
    case 'clock':
      if (s.finished) throw refused('rejected', msg('refusal.closed'));
      if (v.kind !== 'facilitator' && v.kind !== 'solo') throw new Refusal('forbidden', 'only the facilitator runs the clock');
      return s.loop.change(message.action, message.speed, s.attributionOf(v));
    case 'hint': {
      if (v.kind !== 'solo') throw new Refusal('forbidden', 'hints on request are for solo exercises; the facilitator gives hints in a room');
      const next = s.scenario.hints.find((h) => !s.run.context.hintsRevealed.some((r) => r.id === h.id));
      if (!next) throw refused('rejected', msg('refusal.host.no_more_hints'));
      return s.commit([{ input: { type: 'REVEAL_HINT', hintId: next.id }, by: s.attributionOf(v) }]);
    }
    case 'share':
      requireFacilitator(client);
      s.admin.share(message.what, message.ref, message.on);
      await s.admin.persist();
      s.broadcast.views();
      await s.broadcast.room();
      return null;
    case 'room':
      requireFacilitator(client);
      await s.admin.setOpen(message.action === 'open');
      await s.broadcast.room();
      return null;
    case 'participant':
      requireFacilitator(client);
      s.admin.setParticipantRole(message.participantId, message.role);
      await s.admin.persist();
      s.broadcast.views();
      await s.broadcast.room();
      return null;
  }
}
