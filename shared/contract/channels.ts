/**
 * The wire's names without their schemas: the invoke channels, the live path and the error type.
 *
 * The page's first screen needs only these to talk to the host; the zod schemas in api.ts and
 * live.ts (and zod with them, ~140 kB) load with the screens that parse something (#18). api.ts
 * checks at compile time that this list is exactly its schemas' channels.
 */

/** Every invoke channel, in the order of `invokeSchemas` (api.ts). */
export const INVOKE_CHANNELS = [
  'scenarios:list',
  'scenarios:import',
  'scenarios:save',
  'scenarios:exportPack',
  'scenarios:importPack',
  'exercises:create',
  'exercises:append',
  'exercises:list',
  'exercises:rows',
  'exercises:load',
  'exercises:finish',
  'exercises:saveDebrief',
  'exercises:record',
  'exercises:delete',
  'exercises:restore',
  'exercises:exportArchive',
  'exercises:importArchive',
  'report:export',
  'report:progress',
  'msel:export',
  'guide:export',
  'projector:open',
  'exercises:salvage',
  'exercises:removeEmpty',
  'programme:settings',
  'programme:saveSettings',
  'programme:publish',
  'programme:status',
  'programme:teamActions',
] as const;

/** Where live clients connect (same origin as the page: ws://<host>/live). */
export const LIVE_PATH = '/live';

/** Errors crossing the boundary: a code the UI can act on and a message a person can read. */
export interface ApiErrorShape {
  code: 'invalid-request' | 'not-found' | 'conflict' | 'io' | 'internal';
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
  ) {
    super(message);
  }
}
