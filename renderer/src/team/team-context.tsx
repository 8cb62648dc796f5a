/**
 * The team's response as the action panels read it: a TeamState (shared/views/team-state.ts)
 * and a way to send an input, provided by the screen the panels sit on.
 *
 * The facilitator console derives the TeamState from its mirror of the run; the solo screen
 * receives it from the host. The panels cannot tell the difference, so one set of panels serves
 * both, and the solo page never needs the scenario or the journal.
 */
import { createContext, useCallback, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { TeamActionType } from '../../../shared/contract/live.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import type { Audience } from '../../../shared/scenario/schema.ts';
import type { TeamState } from '../../../shared/views/team-state.ts';
import type { TakeResult } from '../session/take-inputs.ts';

/** A TeamState that changes over time: read with `get`, told of changes by `subscribe`. */
export interface TeamSource {
  get(): TeamState;
  subscribe(onChange: () => void): () => void;
}

export interface TeamActs {
  /** The console: panels add the facilitator's own controls (share a finding with the room). */
  facilitator: boolean;
  /** The team actions this screen may take ('all' on the console and the solo screen; a participant's role's). */
  allowed: ReadonlyArray<TeamActionType> | 'all';
  /** The audiences it may write to. */
  audiences: ReadonlyArray<Audience> | 'all';
  take(input: TeamInput, key: string): Promise<TakeResult>;
}

/** A source holding one value the screen replaces (the solo screen, with each view from the host). */
export class TeamValue implements TeamSource {
  private listeners = new Set<() => void>();

  constructor(private value: TeamState) {}

  get = (): TeamState => this.value;

  set(value: TeamState): void {
    if (value === this.value) return;
    this.value = value;
    for (const l of this.listeners) l();
  }

  subscribe = (onChange: () => void): (() => void) => {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  };
}

const TeamContext = createContext<{ source: TeamSource; acts: TeamActs } | null>(null);

export function TeamProvider({ source, acts, children }: { source: TeamSource; acts: TeamActs; children: ReactNode }) {
  const value = useRef<{ source: TeamSource; acts: TeamActs } | null>(null);
  if (!value.current || value.current.source !== source || value.current.acts !== acts) value.current = { source, acts };
  return <TeamContext.Provider value={value.current}>{children}</TeamContext.Provider>;
}

function useTeamContext(): { source: TeamSource; acts: TeamActs } {
  const c = useContext(TeamContext);
  if (!c) throw new Error('the action panels need a TeamProvider (the console or the solo screen)');
  return c;
}

/**
 * Selects from the TeamState, re-rendering only when the selection changes (Object.is, or a
 * custom equality): select small values, so a panel re-renders when its own part moves.
 */
export function useTeam<T>(select: (team: TeamState) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const { source } = useTeamContext();
  const cache = useRef<{ state: TeamState; select: unknown; value: T } | null>(null);
  const getSnapshot = useCallback(() => {
    const state = source.get();
    const c = cache.current;
    if (c && c.state === state && c.select === select) return c.value;
    const next = select(state);
    const value = c && isEqual(c.value, next) ? c.value : next;
    cache.current = { state, select, value };
    return value;
  }, [source, select, isEqual]);
  return useSyncExternalStore(source.subscribe, getSnapshot, getSnapshot);
}

export function useTeamActs(): TeamActs {
  return useTeamContext().acts;
}

/** May this screen take actions of `type`? (Panels of actions a role does not take are left out.) */
export function useMay(type: TeamActionType): boolean {
  const { allowed } = useTeamActs();
  return allowed === 'all' || allowed.includes(type);
}
