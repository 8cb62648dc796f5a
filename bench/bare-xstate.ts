/**
 * The yardstick: a bare XState v5 actor that only counts the events it is sent.
 */
import { assign, createActor, setup } from 'xstate';

const counter = setup({ types: { events: {} as { type: 'E' } } }).createMachine({
  context: { n: 0 },
  on: { E: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
});

/** Milliseconds for a fresh bare actor to process `n` events. */
export function bareXState(n: number): number {
  const t0 = performance.now();
  const actor = createActor(counter).start();
  for (let i = 0; i < n; i++) actor.send({ type: 'E' });
  const ms = performance.now() - t0;
  if (actor.getSnapshot().context.n !== n) throw new Error('bare actor lost events');
  return ms;
}
