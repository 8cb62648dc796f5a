/**
 * The clients watching one live session: who is connected, what each may know about itself, and
 * which of them share one view (participants by role, the projector, the solo player), so the
 * broadcast computes each distinct view once.
 */
import type { ServerMessage, You } from '../../shared/contract/live.ts';
import type { LiveClient, Viewer } from './session-types.ts';

export class ClientRegistry {
  /** Every connected client (the room's gateway reads it too). */
  readonly clients = new Set<LiveClient>();

  constructor(
    /** The solo trainee's name in the journal. */
    private readonly soloName: () => string,
  ) {}

  add(client: LiveClient): void {
    this.clients.add(client);
  }

  /** Removes a client; false when it was not here. */
  remove(client: LiveClient): boolean {
    return this.clients.delete(client);
  }

  /** What a client may know about itself. */
  youOf(viewer: Viewer): You {
    switch (viewer.kind) {
      case 'facilitator':
      case 'projector':
        return { kind: viewer.kind };
      case 'solo':
        return { kind: 'solo', name: this.soloName() };
      case 'participant': {
        const p = viewer.participant;
        return { kind: 'participant', participantId: p.id, token: p.token, name: p.name, role: p.role };
      }
    }
  }

  /** Whether a participant has a client connected now. */
  connected(participantId: string): boolean {
    for (const c of this.clients) if (c.viewer.kind === 'participant' && c.viewer.participant.id === participantId) return true;
    return false;
  }

  facilitators(): LiveClient[] {
    return [...this.clients].filter((c) => c.viewer.kind === 'facilitator');
  }

  /** Sends one message to every facilitator console. */
  toFacilitators(message: ServerMessage): void {
    for (const c of this.clients) if (c.viewer.kind === 'facilitator') c.send(message);
  }

  /** The clients that share one view: participants by role, the projector, the solo player. */
  viewKey(v: Viewer): string {
    return v.kind === 'participant' ? `role:${v.participant.role ?? '(none)'}` : v.kind;
  }

  /** The clients that receive views (everyone but the facilitator, who mirrors the run), by view. */
  byView(): Map<string, LiveClient[]> {
    const groups = new Map<string, LiveClient[]>();
    for (const c of this.clients) {
      if (c.viewer.kind === 'facilitator') continue;
      const key = this.viewKey(c.viewer);
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    return groups;
  }

  /** Says goodbye to the clients `which` picks and disconnects them. */
  dismiss(which: (c: LiveClient) => boolean, bye: ServerMessage): void {
    for (const c of [...this.clients]) {
      if (!which(c)) continue;
      c.send(bye);
      this.clients.delete(c);
      c.close();
    }
  }
}
