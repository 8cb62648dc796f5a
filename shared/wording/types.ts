/** The domain types the wording catalogue words (re-exported so wording imports stay in one place). */
export type { Audience } from '../scenario/schema.ts';
export type { ContainmentStatus, FaultStatus, ObligationStatus, Phase } from '../engine/run-state.ts';
