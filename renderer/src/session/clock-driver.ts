/** Clock speeds as the console offers them (the host's session runs the clock: host/session). */
export type Speed = number;

/** The speeds offered in the UI and on keys 1/2/3. */
export const SPEEDS: ReadonlyArray<Speed> = [1, 10, 60];
