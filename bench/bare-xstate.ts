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

/** The parts of an XState state node read to copy a machine's shape. */
interface ShapeNode {
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  states: Record<string, ShapeNode>;
  config: { initial?: unknown };
}

type ShapeConfig = { type?: 'parallel' | 'final' | 'history'; initial?: string; states?: Record<string, ShapeConfig> };

function shapeOf(node: ShapeNode): ShapeConfig {
  const states = Object.fromEntries(Object.entries(node.states).map(([k, v]) => [k, shapeOf(v)]));
  switch (node.type) {
    case 'parallel':
      return { type: 'parallel', states };
    case 'compound': {
      const initial = node.config.initial;
      return { initial: typeof initial === 'string' ? initial : Object.keys(states)[0]!, states };
    }
    case 'final':
      return { type: 'final' };
    case 'history':
      return { type: 'history' };
    case 'atomic':
      return {};
  }
}

/**
 * A second yardstick: a bare actor with the same state tree as `machine` (same parallel regions,
 * compound states and initial states, no guards, actions, delays or context of its own) that only
 * counts events, so the ratio to it leaves out what any machine of that shape costs XState to
 * route an event through.
 */
export function sameShape(machine: { root: unknown }) {
  const shape = shapeOf(machine.root as ShapeNode);
  return setup({ types: { events: {} as { type: 'E' } } }).createMachine({
    // The copied tree is data read at run time; XState's config types cannot follow it.
    ...(shape as Record<string, never>),
    context: { n: 0 },
    on: { E: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
  });
}

/** Milliseconds for a fresh actor of `machine` (from sameShape) to process `n` events. */
export function bareShaped(machine: ReturnType<typeof sameShape>, n: number): number {
  const t0 = performance.now();
  const actor = createActor(machine).start();
  for (let i = 0; i < n; i++) actor.send({ type: 'E' });
  const ms = performance.now() - t0;
  if (actor.getSnapshot().context.n !== n) throw new Error('same-shape actor lost events');
  return ms;
}
