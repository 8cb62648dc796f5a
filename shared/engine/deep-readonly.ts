/**
 * Deeply immutable data for readers: the type (`DeepReadonly`) and the runtime guarantee
 * (`deepFreeze`). A reader holding an engine snapshot or a score card can neither change the
 * engine's state through it nor another reader's view of it: writing throws in strict mode.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer U>
    ? ReadonlyArray<DeepReadonly<U>>
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * Freezes a value and everything it reaches. Already-frozen parts are not walked again, so
 * freezing a new snapshot that shares frozen entries with the last one costs only what is new.
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value as DeepReadonly<T>;
  Object.freeze(value);
  for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
  return value as DeepReadonly<T>;
}
