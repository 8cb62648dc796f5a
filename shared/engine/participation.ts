/**
 * Who played: the people of an exercise as its journal records them.
 *
 * The journal is the record of who took part: who was assigned which role (at setup, by joining
 * the room with it, or later), and who took which team action (a participant on their device, the
 * facilitator entering it for them, a solo trainee). Names typed at setup that never appear in the
 * journal did not take part; the facilitator's own inputs are the facilitator's (definition
 * `team_input`), never a participant's.
 */
import { TEAM_ACTIONS, type Role } from '../scenario/schema.ts';
import { isFacilitatorsOwn, type Attribution, type JournalEntry } from './inputs.ts';

/**
 * Roles with one holder at a time: the commander and the one voice to the outside (definition
 * `team_input`). A second person taking one is refused (the facilitator hands it over instead);
 * the other roles may be shared by several people.
 */
export const SINGLE_HOLDER_ROLES: ReadonlyArray<Role> = ['incident_commander', 'communications_lead'];

export const isSingleHolderRole = (role: string): boolean => (SINGLE_HOLDER_ROLES as ReadonlyArray<string>).includes(role);

export interface PlayedRole {
  role: string;
  /** Sim time of the assignment. */
  t: number;
}

export interface Player {
  name: string;
  /** Roles assigned to this person in the journal, in order (a handover keeps the earlier one listed). */
  roles: PlayedRole[];
  /** The role they acted in when no role was assigned to them (a room role the rubric does not score). */
  actedAs: string | null;
  /** Team actions this person took or the facilitator entered for them. */
  actions: number;
  /** Sim time of their first journal entry. */
  firstAt: number;
}

const isTeamAction = (type: string) => (TEAM_ACTIONS as ReadonlyArray<string>).includes(type);

/** The person an entry is the team's action of, or null (no attribution, or the facilitator's own). */
export function actorOf(e: Pick<JournalEntry, 'input' | 'by'>): Attribution | null {
  const by = e.by;
  if (!by || isFacilitatorsOwn(e.input, by)) return null;
  if (by.role === 'facilitator') return by.for ?? null;
  return by;
}

/** The people the journal shows taking part, in order of their first entry. */
export function whoPlayed(entries: ReadonlyArray<Pick<JournalEntry, 'input' | 'by' | 't'>>): Player[] {
  const people = new Map<string, Player>();
  const key = (name: string) => name.trim().toLowerCase();
  const person = (name: string, t: number): Player => {
    let p = people.get(key(name));
    if (!p) people.set(key(name), (p = { name, roles: [], actedAs: null, actions: 0, firstAt: t }));
    return p;
  };
  for (const e of entries) {
    const input = e.input;
    if (input.type === 'ASSIGN_ROLE') {
      const p = person(input.person, e.t);
      if (!p.roles.some((r) => r.role === input.role)) p.roles.push({ role: input.role, t: e.t });
    }
    const actor = actorOf(e);
    if (!actor || !isTeamAction(e.input.type) || e.input.type === 'ASSIGN_ROLE') continue;
    const p = person(actor.name, e.t);
    p.actions++;
    if (p.actedAs === null && !['none', 'team', 'solo', 'facilitator'].includes(actor.role)) p.actedAs = actor.role;
  }
  return [...people.values()];
}
