/**
 * One exercise in progress: the scenario machine, its simulated clock, and the journal of inputs.
 *
 * This is the engine's public face for the CLI, the UI and scoring. Time only moves when asked
 * (`advanceTo`, `advanceToNextSignal`); inputs are checked against the scenario before they are
 * journaled, so a journal never holds an input the engine would refuse.
 */
import { createActor, type Actor } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { MINUTE } from '../scenario/duration.ts';
import type { JournalEntry, TeamInput } from './inputs.ts';
import { createScenarioMachine, type ScenarioMachine } from './machine.ts';
import { costsAt, factorSteps, harmAt, metricSeries, type FactorStep } from './model.ts';
import type { CostTotals, HarmTotals, Phase, RunContext } from './run-state.ts';
import { SimClock } from './sim-clock.ts';

export class InputRejected extends Error {}

export class ExerciseRun {
  readonly clock = new SimClock();
  readonly entries: JournalEntry[] = [];
  private actor: Actor<ScenarioMachine>;
  private metricCache: number[][];
  private stepsCache: { key: number; steps: FactorStep[] } | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.actor = createActor(createScenarioMachine(scenario), { clock: this.clock, input: { seed } });
    this.actor.start();
    this.metricCache = scenario.metrics.map(() => []);
  }

  /** Rebuilds a run from journal entries: same scenario, seed and entries give the same run. */
  static replay(scenario: Scenario, seed: number, entries: ReadonlyArray<JournalEntry>): ExerciseRun {
    const run = new ExerciseRun(scenario, seed);
    for (const e of entries) {
      try {
        run.apply(e.input, e.t);
      } catch (err) {
        throw new InputRejected(`journal entry ${e.seq} (${e.input.type} at ${e.t} ms): ${(err as Error).message}`);
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

  /** The machine's context. Read-only: treat as a snapshot of this moment. */
  get context(): Readonly<RunContext> {
    return this.actor.getSnapshot().context;
  }

  get phase(): Phase {
    return (this.actor.getSnapshot().value as { phase: Phase }).phase;
  }

  hasTag(tag: string): boolean {
    return this.actor.getSnapshot().hasTag(tag);
  }

  get over(): boolean {
    return this.context.closedAt !== null;
  }

  /** Moves sim time forward to `t` (never past the horizon), firing whatever falls due. */
  advanceTo(t: number): void {
    if (t < this.clock.now) throw new InputRejected(`cannot move the clock back (${t} < ${this.clock.now})`);
    this.clock.advanceTo(Math.min(t, this.horizon));
  }

  /** Jumps to the next signal the room would see (or to the end). Returns whether one arrived. */
  advanceToNextSignal(): boolean {
    const before = this.context.signals.length;
    while (!this.over) {
      const due = this.clock.peek();
      if (due === null) break;
      this.clock.fireNext(due);
      if (this.context.signals.length > before) return true;
    }
    return false;
  }

  /** Why `input` cannot be taken now, or null when it can. */
  check(input: TeamInput): string | null {
    const s = this.scenario;
    const ctx = this.context;
    if (ctx.closedAt !== null && input.type !== 'NOTE' && input.type !== 'CLOCK') return 'the exercise is over';
    switch (input.type) {
      case 'INVESTIGATE': {
        if (!s.investigations.some((i) => i.id === input.investigationId)) return `unknown investigation "${input.investigationId}"`;
        if (ctx.investigations.some((i) => i.id === input.investigationId)) return 'this investigation has already been started';
        return null;
      }
      case 'CONTAIN': {
        const c = s.containments.find((x) => x.id === input.containmentId);
        if (!c) return `unknown containment "${input.containmentId}"`;
        if (!c.available) return c.unavailableReason ?? 'not available in this scenario';
        if (ctx.containments.some((x) => x.id === c.id)) return 'already applied';
        if (c.requiresFinding && !ctx.findings.some((f) => f.id === c.requiresFinding)) {
          const inv = s.investigations.find((i) => i.id === c.requiresFinding);
          return `needs the finding of "${inv?.label ?? c.requiresFinding}" first`;
        }
        return null;
      }
      case 'PRESERVE_EVIDENCE':
        if (!s.evidence.some((e) => e.id === input.evidenceId)) return `unknown evidence "${input.evidenceId}"`;
        if (ctx.evidence.some((e) => e.id === input.evidenceId)) return 'already preserved';
        return null;
      case 'DECLARE_ROOT_CAUSE':
        return s.rootCauses.some((r) => r.id === input.rootCauseId) ? null : `unknown root cause "${input.rootCauseId}"`;
      case 'REVEAL_HINT':
        if (!s.hints.some((h) => h.id === input.hintId)) return `unknown hint "${input.hintId}"`;
        return ctx.hintsRevealed.some((h) => h.id === input.hintId) ? 'already revealed' : null;
      case 'ACKNOWLEDGE':
        return ctx.declaredAt !== null ? 'the incident is already declared' : null;
      default:
        return null;
    }
  }

  /**
   * Takes an input at sim time `t` (default: now) and returns its journal entry.
   *
   * Callers that persist must write the entry before showing it as taken; the UI does this by
   * calling `check` first, persisting, then `apply`.
   */
  apply(input: TeamInput, t: number = this.clock.now): JournalEntry {
    if (!Number.isInteger(t)) t = Math.round(t);
    this.advanceTo(t);
    const why = this.check(input);
    if (why) throw new InputRejected(why);
    const entry: JournalEntry = { seq: this.entries.length + 1, t: this.clock.now, input };
    this.entries.push(entry);
    this.actor.send({ ...input, seq: entry.seq, t: entry.t });
    // Effects with no delay (a kill switch) were scheduled at "now": let them land before returning.
    this.clock.advanceTo(this.clock.now);
    return entry;
  }

  private steps(): FactorStep[] {
    const key = this.context.containments.length;
    if (!this.stepsCache || this.stepsCache.key !== key) this.stepsCache = { key, steps: factorSteps(this.scenario, this.context.containments) };
    return this.stepsCache.steps;
  }

  /** Harm accumulated by sim time `t` (default now). */
  harmAt(t: number = this.clock.now): HarmTotals {
    return harmAt(this.scenario, this.seed, this.steps(), this.context.faultStartedAt, t, null);
  }

  /** Harm by the horizon if the containments in place now stay in place: the run's outcome. */
  projectedHarm(): HarmTotals {
    const faultStart = this.context.faultStartedAt ?? this.scenario.fault.startsAt;
    return harmAt(this.scenario, this.seed, this.steps(), faultStart, this.horizon, null);
  }

  costsAt(t: number = this.clock.now): CostTotals {
    const stop = this.context.closedAt;
    return costsAt(this.scenario, this.context.containments, t, stop);
  }

  /**
   * Metric samples at 1-minute resolution from minute 0 up to now (inclusive).
   *
   * Past samples never change (a decision only acts from its own time on), so they are cached and
   * only the new minutes are computed as the clock moves.
   */
  metricsUpToNow(): ReadonlyArray<ReadonlyArray<number>> {
    const upTo = Math.floor(this.clock.now / MINUTE) + 1;
    const have = this.metricCache[0]?.length ?? upTo;
    if (have < upTo) {
      const fresh = metricSeries(this.scenario, this.seed, this.steps(), this.context.faultStartedAt ?? this.scenario.fault.startsAt, have, upTo);
      fresh.forEach((series, i) => {
        const cache = this.metricCache[i]!;
        for (const v of series) cache.push(v);
      });
    }
    return this.metricCache;
  }

  /** Runs to the end with no further input (what happens if nobody acts). */
  runToEnd(): void {
    this.advanceTo(this.horizon);
  }
}
