/** Exhaustiveness check for unions: a new case that nobody handles fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
