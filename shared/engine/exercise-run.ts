/**
 * One exercise in progress: the scenario machine, its simulated clock, and the journal of inputs.
 *
 * This is the engine's public face for the CLI, the host, the UI and scoring. Time only moves when
 * asked (`advanceTo`, `advanceToNextSignal`); an input is taken only when the machine's guards
 * accept it in the current state (`snapshot.can`), so a journal never holds an input the engine
 * would refuse. Readers get frozen snapshots (`context`), never the machine's live context.
 */
import { createActor, type Actor } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import { resolveVariant, variantForSeed } from '../scenario/variants.ts';
import type { Attribution, JournalEntry, TeamInput } from './inputs.ts';
import { createScenarioMachine, refusalOf, type InternalEvent, type ScenarioMachine } from './machine.ts';
import { costsAt, factorSteps, harmAt, harmOrigins, metricSeries, type CostTotals, type Episode, type FactorStep, type HarmTotals } from './model.ts';
import type { Refusal } from './refusals.ts';
import type { Phase, RunContext, RunSnapshot } from './run-state.ts';
import { SimClock } from './sim-clock.ts';
import { timedEventsOf, type TimedTarget } from './timed-events.ts';
import { deepFreeze } from './deep-readonly.ts';
import { refusalText } from '../wording/refusals.ts';

/** What a jump to the next event stops for. */
export type JumpStopKind = 'signal' | 'finding' | 'deadline' | 'effect' | 'end';
export interface JumpStop {
  t: number;
  kind: JumpStopKind;
  /** The inject, investigation, obligation or containment it is about (null for the end). */
  ref: string | null;
}

function stopOf(e: InternalEvent, now: number): JumpStop {
  const t = Math.max(e.t, now);
  switch (e.type) {
    case 'INJECT_DUE':
      return { t, kind: 'signal', ref: e.injectId };
    case 'FINDING_DUE':
      return { t, kind: 'finding', ref: e.investigationId };
    case 'DEADLINE_DUE':
      return { t, kind: 'deadline', ref: e.obligationId };
    case 'EFFECT_DUE':
      return { t, kind: 'effect', ref: e.containmentId };
    case 'HORIZON':
    case 'FAULT_START':
    case 'FAULT_END':
    case 'SIGN_DUE':
      return { t, kind: 'end', ref: null };
  }
}

export class InputRejected extends Error {
  constructor(
    message: string,
    readonly refusal: Refusal | null = null,
  ) {
    super(message);
  }
}

export interface RunOptions {
  /** The variant to play; default: drawn from the seed (null for scenarios without variants). */
  variant?: string | null;
}

/** Timers the room does not see: a jump never stops at them. */
const hiddenTimer = (e: InternalEvent) => e.type === 'FAULT_START' || e.type === 'FAULT_END' || e.type === 'SIGN_DUE';

const signByCache = new WeakMap<Scenario, Map<string, RunContext['signBy']>>();

/**
 * Definition `real_signal` (#17): when, and through which inject, the world where nobody acts
 * shows its first real signal, for this scenario, seed and variant (computed once). The run's first
 * real signal is due then at the latest, so an action before any signal that hides the signal
 * cannot push the clocks that run from it later.
 */
function signByOf(source: Scenario, seed: number, variant: string | null): RunContext['signBy'] {
  let bySeed = signByCache.get(source);
  if (!bySeed) signByCache.set(source, (bySeed = new Map()));
  const key = `${seed}/${variant ?? ''}`;
  if (bySeed.has(key)) return bySeed.get(key)!;
  const idle = new ExerciseRun(source, seed, { variant }, null);
  // Read off the live state (idle.context copies a whole snapshot; this loop runs per signal).
  while (!idle.over && idle.firstSignAtNow === null && idle.advanceToNextSignal());
  const t = idle.context.firstSignAt;
  const entry = t === null ? undefined : idle.context.timeline.find((e) => e.event.code === 'sign.visible');
  const out = t === null || !entry || entry.event.code !== 'sign.visible' ? null : { t, injectId: entry.event.ref };
  bySeed.set(key, out);
  return out;
}

export class ExerciseRun {
  readonly clock = new SimClock();
  readonly entries: JournalEntry[] = [];
  /** The variant-resolved scenario this run plays. */
  readonly scenario: Scenario;
  readonly variant: string | null;
  private actor: Actor<ScenarioMachine>;
  private stepsCache: { key: string; steps: FactorStep[]; episodes: Episode[] } | null = null;
  private snapshotCache: { version: number; snapshot: RunSnapshot } | null = null;

  constructor(
    /** The scenario as authored (with all its variants). */
    readonly source: Scenario,
    readonly seed: number,
    options: RunOptions = {},
    /** The idle world's first real signal (see signByOf); computed when not given. */
    signBy?: RunContext['signBy'],
  ) {
    this.variant = options.variant !== undefined ? options.variant : variantForSeed(source, seed);
    this.scenario = resolveVariant(source, this.variant);
    const sign = signBy === undefined ? signByOf(source, seed, this.variant) : signBy;
    this.actor = createActor(createScenarioMachine(this.scenario), { clock: this.clock, input: { seed, variant: this.variant, signBy: sign } });
    // An error inside the actor must reach the caller at once, not leave a dead run behind.
    this.actor.subscribe({ error: (err) => (this.failure = err) });
    this.actor.start();
    this.rethrow();
    this.settle();
  }

  private failure: unknown = null;

  private rethrow(): void {
    if (this.failure !== null) {
      const err = this.failure;
      throw err instanceof Error ? err : new Error(String(err));
    }
  }

  /** Rebuilds a run from journal entries: same scenario, seed, variant and entries give the same run. */
  static replay(scenario: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>, options: RunOptions = {}): ExerciseRun {
    const run = new ExerciseRun(scenario, seed, options);
    for (const e of entries) {
      try {
        run.apply(e.input, e.t, e.by ? { by: e.by } : {});
      } catch (err) {
        throw new InputRejected(
          `journal entry ${e.seq} (${e.input.type} at ${e.t} ms): ${(err as Error).message}`,
          err instanceof InputRejected ? err.refusal : null,
        );
      }
    }
    return run;
  }

  /** Events sent to the machine: each input and each timer that fired (for the benchmark's ratio). */
  get eventsProcessed(): number {
    return this.entries.length + this.clock.fired;
  }

  get now(): number {
    return this.clock.now;
  }

  get horizon(): number {
    return this.scenario.clock.horizon;
  }

  private get live(): RunContext {
    return this.actor.getSnapshot().context;
  }

  /** A frozen snapshot of the run's state at this moment (copied once per change). */
  get context(): RunSnapshot {
    // Every change is an input or a fired timer (even when a caller drives the clock directly).
    const version = this.entries.length * 1e9 + this.clock.fired;
    if (this.snapshotCache?.version !== version) this.snapshotCache = { version, snapshot: snapshotOf(this.live) };
    return this.snapshotCache.snapshot;
  }

  get phase(): Phase {
    return (this.actor.getSnapshot().value as { phase: Phase }).phase;
  }

  hasTag(tag: string): boolean {
    return this.actor.getSnapshot().hasTag(tag);
  }

  /** The first real signal so far (what `context.firstSignAt` says, without copying a snapshot). */
  get firstSignAtNow(): number | null {
    return this.live.firstSignAt;
  }

  get over(): boolean {
    return this.live.closedAt !== null;
  }

  /** Fires timers due by now (effects with no delay land before the caller looks). */
  private settle(): void {
    this.clock.advanceTo(this.clock.now);
    this.rethrow();
  }

  /** Moves sim time forward to `t` (never past the horizon), firing whatever falls due. */
  advanceTo(t: number): void {
    if (!Number.isFinite(t)) throw new InputRejected(`not a time: ${t}`);
    if (t < this.clock.now) throw new InputRejected(`cannot move the clock back (${t} < ${this.clock.now})`);
    this.clock.advanceTo(Math.min(t, this.horizon));
    this.rethrow();
  }

  /** Jumps to the next signal the room would see (or to the end). Returns whether one arrived. */
  advanceToNextSignal(): boolean {
    const before = this.live.signals.length;
    while (!this.over) {
      const due = this.clock.peek();
      if (due === null) break;
      this.clock.fireNext(due);
      this.rethrow();
      if (this.live.signals.length > before) return true;
    }
    return false;
  }

  /** The timed events the machine has queued (its own schedule, each stamped with its due time), earliest first. */
  private queued(): InternalEvent[] {
    // The machine keeps every delayed event it will deliver (timed-events.ts); reading it answers
    // "what comes next" from the queue itself, with no replay of the journal.
    return timedEventsOf(this.actor as unknown as TimedTarget<InternalEvent>)
      .events()
      .sort((a, b) => a.t - b.t);
  }

  /**
   * Where "jump to the next event" would stop, as far as the queue says now: the next signal due,
   * finding, notification deadline or containment effect, or the end. Changes nothing. A fault
   * that starts first (hidden) may still bring a metric alert sooner: `nextStop` finds that.
   */
  peekNextStop(): JumpStop | null {
    if (this.over) return null;
    const next = this.queued().find((e) => !hiddenTimer(e));
    return next ? stopOf(next, this.clock.now) : null;
  }

  /**
   * Where the jump stops: as peekNextStop, after firing the hidden events due before it (a fault
   * starting), since those can schedule an earlier signal. Sim time moves only up to moments
   * nothing visible happens at; what the room sees is left for the jump to land on.
   */
  nextStop(): JumpStop | null {
    while (!this.over) {
      const queued = this.queued();
      const first = queued[0];
      if (!first) return null;
      const atFirst = queued.filter((e) => e.t <= first.t);
      const visible = atFirst.find((e) => !hiddenTimer(e));
      if (visible) return stopOf(visible, this.clock.now);
      const signals = this.live.signals.length;
      this.advanceTo(Math.max(first.t, this.clock.now));
      // A fault that starts can bring a signal at that very moment (an inject `after: fault`): stop there.
      const arrived = this.live.signals[signals];
      if (arrived) return { t: this.clock.now, kind: 'signal', ref: arrived.id };
    }
    return null;
  }

  /** Why `input` cannot be taken now (typed), or null when the machine accepts it. */
  refusal(input: TeamInput, by?: Attribution): Refusal | null {
    // Every input transition in the machine is guarded by exactly `accepts`, which is
    // `refusalOf(...) === null`, so this is snapshot.can(input) without running a transition (the
    // console asks for every button on every tick). A unit test holds the two to the same answer.
    return refusalOf(this.scenario, this.actor.getSnapshot().context, input, by);
  }

  /** Whether the machine would take the input now (XState's own answer, for tests and tools). */
  can(input: TeamInput): boolean {
    return this.actor.getSnapshot().can({ ...input, seq: this.entries.length + 1, t: this.clock.now });
  }

  /** Why `input` cannot be taken now, in words, or null when it can. */
  check(input: TeamInput): string | null {
    const r = this.refusal(input);
    return r === null ? null : refusalText(this.scenario, r);
  }

  /**
   * Takes an input at sim time `t` (default: now) and returns its journal entry.
   *
   * Callers that persist must write the entry before showing it as taken: check first, persist,
   * then apply.
   */
  apply(input: TeamInput, t: number = this.clock.now, extra: Partial<Omit<JournalEntry, 'seq' | 't' | 'input'>> = {}): JournalEntry {
    if (!Number.isInteger(t)) t = Math.round(t);
    this.advanceTo(t);
    const refusal = this.refusal(input, extra.by);
    if (refusal) throw new InputRejected(refusalText(this.scenario, refusal), refusal);
    const entry = { ...extra, seq: this.entries.length + 1, t: this.clock.now, input } as JournalEntry;
    this.entries.push(entry);
    this.actor.send({ ...input, seq: entry.seq, t: entry.t, ...(entry.by ? { by: entry.by } : {}) });
    this.rethrow();
    this.settle();
    return entry;
  }

  /** Containment episodes so far, and the factor steps they make (cached per change). */
  private world(): { steps: FactorStep[]; episodes: Episode[] } {
    const ctx = this.live;
    const key = Object.values(ctx.containments)
      .map((c) => `${c.episodes.length}:${c.episodes.at(-1)?.liftedAt ?? ''}`)
      .join(',');
    if (!this.stepsCache || this.stepsCache.key !== key) {
      const episodes = Object.values(ctx.containments).flatMap((c) => c.episodes.map((e) => ({ ...e })));
      this.stepsCache = { key, episodes, steps: factorSteps(this.scenario, episodes) };
    }
    return this.stepsCache;
  }

  /** When each fault started; faults not begun yet use their scheduled start (for projections). */
  private starts(project: boolean): Record<string, number | null> {
    return {
      ...Object.fromEntries(this.scenario.faults.map((f) => [f.id, this.live.faults[f.id]!.startedAt ?? (project ? f.startsAt : null)])),
      // An external harm that starts with an event starts only once it happened: not projected.
      ...harmOrigins(this.scenario, this.live.happened),
    };
  }

  /** Harm accumulated by sim time `t` (default now). */
  harmAt(t: number = this.clock.now): HarmTotals {
    const { steps, episodes } = this.world();
    return harmAt(this.scenario, this.seed, steps, this.starts(t > this.clock.now), episodes, t);
  }

  /** Harm by the horizon if the containments in place now stay in place: the run's outcome. */
  projectedHarm(): HarmTotals {
    const { steps, episodes } = this.world();
    return harmAt(this.scenario, this.seed, steps, this.starts(true), episodes, this.horizon);
  }

  /** Costs of the containments up to `t` (default now): hourly while in effect, one-off when decided. */
  costsAt(t: number = this.clock.now): CostTotals {
    return costsAt(this.scenario, this.world().episodes, t);
  }

  /** Costs by the horizon if what is in effect now stays in effect (the same terms as projectedHarm). */
  projectedCosts(): CostTotals {
    return costsAt(this.scenario, this.world().episodes, this.horizon);
  }

  /**
   * Metric samples from minute `from` to `to` (exclusive), one every `every` minutes, computed on
   * demand in closed form (nothing is cached for the whole horizon).
   */
  metricWindow(from: number, to: number, every = 1): number[][] {
    return metricSeries(this.scenario, this.seed, this.world().steps, this.starts(false), from, to, every);
  }

  /** Metric samples at 1-minute resolution from minute 0 up to now (inclusive). */
  metricsUpToNow(): ReadonlyArray<ReadonlyArray<number>> {
    return this.metricWindow(0, Math.floor(this.clock.now / MINUTE) + 1);
  }

  /** Runs to the end with no further input (what happens if nobody acts). */
  runToEnd(): void {
    this.advanceTo(this.horizon);
  }
}

/** A deep-frozen copy: append-only arrays are copied shallowly, records that change are copied deeply. */
function snapshotOf(ctx: RunContext): RunSnapshot {
  const copy: RunContext = {
    ...ctx,
    faults: mapValues(ctx.faults, (f) => ({ ...f, recurredAt: [...f.recurredAt] })),
    containments: mapValues(ctx.containments, (c) => ({ ...c, episodes: c.episodes.map((e) => ({ ...e })) })),
    investigations: mapValues(ctx.investigations, (i) => ({ ...i })),
    obligations: mapValues(ctx.obligations, (o) => ({ ...o })),
    falseAlarms: ctx.falseAlarms.map((x) => ({ ...x })),
    detectedBy: ctx.detectedBy && { ...ctx.detectedBy },
    triages: [...ctx.triages],
    roles: { ...ctx.roles },
    findings: [...ctx.findings],
    evidence: [...ctx.evidence],
    communications: [...ctx.communications],
    notified: { ...ctx.notified },
    actionsTaken: [...ctx.actionsTaken],
    hintsRevealed: [...ctx.hintsRevealed],
    signals: [...ctx.signals],
    firedInjects: { ...ctx.firedInjects },
    happened: { ...ctx.happened },
    timeline: [...ctx.timeline],
    inputs: [...ctx.inputs],
  };
  // Deep: append-only entries are shared with the engine but never changed after they are
  // appended, so freezing them costs the engine nothing; records that change were copied above.
  return deepFreeze(copy);
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const k in o) out[k] = f(o[k]!);
  return out;
}
