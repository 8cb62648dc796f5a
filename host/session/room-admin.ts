/**
 * Room administration for one live session: who may hold which role, who a facilitator can
 * enter an action for, what the facilitator shares with the room (findings, spotlight, briefing,
 * results), opening and closing the room, and the room as the console sees it. The room itself
 * (participants, keys) is host/room/room-state.ts; what changes here is kept beside the journal.
 */
import { TEAM_INPUT_TYPES, type JoinChoices, type LiveRole, type RoleChoice, type RoomInfo, type RoutingRules } from '../../shared/contract/live.ts';
import type { ExerciseRun } from '../../shared/engine/exercise-run.ts';
import type { Attribution, TeamInput } from '../../shared/engine/inputs.ts';
import { isSingleHolderRole } from '../../shared/engine/participation.ts';
import { EN, msg } from '../../shared/i18n/words.ts';
import { ROLES, type Role } from '../../shared/scenario/schema.ts';
import type { Room } from '../room/room-state.ts';
import type { ClientRegistry } from './client-registry.ts';
import { roleChoices } from './projection.ts';
import { FACILITATOR, Refusal, refused, type RoomLinks, type SessionInfo, type SessionStorage } from './session-types.ts';

/** One of the incident roles the engine records and the rubric can require. */
export const isIncidentRole = (role: string): role is Role => (ROLES as ReadonlyArray<string>).includes(role);

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export class RoomAdmin {
  constructor(
    readonly room: Room,
    private readonly info: SessionInfo,
    private readonly run: ExerciseRun,
    private readonly routing: () => RoutingRules,
    private readonly clients: ClientRegistry,
    private readonly storage: Pick<SessionStorage, 'saveRoom'>,
    private readonly links: RoomLinks | null,
  ) {}

  /**
   * The roles a participant can hold in this exercise (the built-in ones as the scenario set them,
   * and its own), each single-holder role marked with who holds it.
   */
  roles(): RoleChoice[] {
    return roleChoices(this.routing()).map((r) => {
      const holder = this.holderOf(r.id);
      return holder === null ? r : { ...r, heldBy: holder };
    });
  }

  /**
   * Who holds a single-holder role now (SINGLE_HOLDER_ROLES: the commander, the communications
   * lead): a participant in the room with it, else the person the run records (setup, an earlier
   * joiner or an assignment). Other roles may be shared.
   */
  private holderOf(role: LiveRole): string | null {
    if (!isSingleHolderRole(role)) return null;
    const inRoom = this.room.data.participants.find((p) => p.role === role);
    if (inRoom) return inRoom.name;
    const recorded = isIncidentRole(role) ? this.run.context.roles[role]?.person : undefined;
    if (recorded === undefined) return null;
    // Someone set up for the role who joined the room under another one has given it up: on the
    // day people take other seats than planned (setup's Tom, comms lead, joins as technical lead).
    return this.room.data.participants.some((p) => sameName(p.name, recorded) && p.role !== role) ? null : recorded;
  }

  /** Refuses a second holder of a single-holder role (the person who holds it may take it again). */
  requireFree(role: LiveRole, name: string): void {
    const holder = this.holderOf(role);
    if (holder !== null && !sameName(holder, name))
      throw refused('forbidden', msg('refusal.host.role_held', { role: this.routing().roles[role]?.label ?? role, holder }));
  }

  requireRole(role: LiveRole): void {
    const roles = this.routing().roles;
    if (!roles[role]) throw new Refusal('invalid', `there is no role "${role}" in this exercise (roles: ${Object.keys(roles).join(', ')})`);
  }

  /**
   * The people of this exercise a facilitator can enter a team action for: the participants named
   * at setup and those in the room; the team itself when nobody is named (the room decides as one).
   */
  enterableFor(): string[] {
    const names = [...this.info.participants.map((p) => p.name), ...this.room.data.participants.map((p) => p.name)];
    const unique = [...new Set(names)];
    return unique.length > 0 ? unique : [this.info.team];
  }

  /**
   * The facilitator's attribution for an input (definition `team_input`): a team action is entered
   * for a named person of the exercise (their role from the room or setup), a role assignment for
   * the person it names; the facilitator's own inputs (injects, notes, hints, the end) are theirs.
   */
  facilitatorFor(input: TeamInput, forName: string | undefined): Attribution {
    if (!(TEAM_INPUT_TYPES as ReadonlyArray<string>).includes(input.type)) return FACILITATOR;
    if (input.type === 'ASSIGN_ROLE') return { ...FACILITATOR, for: { name: input.person, role: input.role } };
    if (forName === undefined) throw refused('invalid', msg('refusal.host.enter_for_whom'));
    const name = this.enterableFor().find((n) => sameName(n, forName));
    if (name === undefined) throw refused('invalid', msg('refusal.host.not_a_participant', { name: forName }));
    const role = this.room.data.participants.find((p) => p.name === name)?.role ?? this.info.participants.find((p) => p.name === name)?.role ?? 'team';
    return { ...FACILITATOR, for: { name, role } };
  }

  /** What a participant about to join is shown: the exercise (as the room's screen names it) and its roles. */
  joinChoices(title: string): JoinChoices {
    return { title, team: this.info.team, roles: this.roles() };
  }

  /**
   * What the facilitator shows the room: a finding, the spotlight on a signal, the briefing, the
   * results, and which results slide is on the projector (`results-harm`: harm over time).
   */
  share(what: 'finding' | 'spotlight' | 'briefing' | 'results' | 'results-harm', ref: string | null, on: boolean): void {
    const d = this.room.data;
    switch (what) {
      case 'finding': {
        if (ref === null || !this.run.context.findings.some((f) => f.id === ref)) throw new Refusal('invalid', `no finding "${ref}" yet`);
        d.sharedFindings = d.sharedFindings.filter((x) => x !== ref);
        if (on) d.sharedFindings.push(ref);
        return;
      }
      case 'spotlight': {
        if (!on) {
          d.spotlight = null;
          return;
        }
        const index = ref === null ? NaN : Number(ref.replace(/^s/, ''));
        if (!Number.isInteger(index) || index < 0 || index >= this.run.context.signals.length) throw new Refusal('invalid', `no signal "${ref}"`);
        d.spotlight = index;
        return;
      }
      case 'briefing':
        d.briefing = on;
        return;
      case 'results':
        d.results = on;
        return;
      case 'results-harm':
        // Harm over time is harm: not on the room's screen before the facilitator reveals it.
        if (on && !this.run.context.harmRevealed) throw refused('rejected', msg('refusal.host.harm_not_revealed'));
        d.resultsHarm = on;
        return;
    }
  }

  /** A participant's role changes, or (null) they are removed from the room and disconnected. */
  setParticipantRole(participantId: string, role: LiveRole | null): void {
    const p = this.room.byId(participantId);
    if (!p) throw new Refusal('invalid', `no participant "${participantId}"`);
    if (role === null) {
      this.room.remove(p.id);
      this.clients.dismiss((c) => c.viewer.kind === 'participant' && c.viewer.participant.id === p.id, {
        type: 'bye',
        reason: EN.t('room.bye.removed'),
        msg: msg('room.bye.removed'),
      });
    } else {
      this.requireRole(role);
      this.requireFree(role, p.name);
      p.role = role;
    }
  }

  /** Opens the room (the LAN listener starts) or closes it (its participants are sent away). */
  async setOpen(open: boolean): Promise<void> {
    if (open) {
      if (this.links) await this.links.open();
      this.room.data.open = true;
    } else {
      this.room.close();
      this.clients.dismiss((c) => c.viewer.kind === 'participant', { type: 'bye', reason: EN.t('room.bye.closed'), msg: msg('room.bye.closed') });
      if (this.links) await this.links.close();
    }
    await this.persist();
  }

  /** After a restart: a room that was open listens again (its keys and participants are kept). */
  async reopen(): Promise<void> {
    if (this.room.data.open && this.links) await this.links.open();
  }

  async persist(): Promise<void> {
    await this.storage.saveRoom(this.room);
  }

  /** The room as the facilitator's console shows it. */
  async roomInfo(): Promise<RoomInfo> {
    const d = this.room.data;
    const links = this.links ? await this.links.links(this.room) : { joinUrl: null, projectorUrl: null, joinQrSvg: null };
    return {
      open: d.open,
      ...links,
      participants: this.room.listed((id) => this.clients.connected(id)),
      roles: this.roles(),
      sharedFindings: [...d.sharedFindings],
      spotlight: d.spotlight === null ? null : `s${d.spotlight}`,
      briefing: d.briefing,
      results: d.results,
      resultsHarm: d.resultsHarm,
    };
  }
}
