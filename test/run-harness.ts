/**
 * One fluent harness for driving a run in tests: a scenario, a seed, inputs at sim times, and the
 * score card at the end.
 *
 *   const h = runOf('stale-pricing-data').at('1h32m').declare().triage(1, 'data_integration')
 *   h.at('+10m').contain('stop-all-sales').card()
 *
 * Times are durations from T+0 ("10m", "1h32m"), from now ("+10m"), or from the first real signal
 * of the do-nothing run ("fs", "fs+10m"). Every input goes through the engine's guards: a refused
 * input throws (use `.attempt()` to record the refusal instead), so a test never silently plays a
 * different story from the one it describes.
 */
import type { Attribution, TeamInput } from '../shared/engine/inputs.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import type { Refusal } from '../shared/engine/refusals.ts';
import type { RunSnapshot } from '../shared/engine/run-state.ts';
import { parseDuration } from '../shared/scenario/duration.ts';
import type { Audience, IncidentType, Role, Scenario } from '../shared/scenario/schema.ts';
import { baselines } from '../shared/scoring/run-facts.ts';
import { scoreFinishedRun, type ScoreCard } from '../shared/scoring/score-card.ts';
import { loadFile } from './helpers.ts';
import { resolveVariant } from '../shared/scenario/variants.ts';

export class RunHarness {
  readonly run: ExerciseRun;
  private now = 0;
  private who: Attribution | undefined;
  private finished: ScoreCard | null = null;
  readonly refusals: Refusal[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly seed = 1,
  ) {
    this.run = new ExerciseRun(scenario, seed);
  }

  /** The do-nothing run's first real signal (where detection may start). */
  get firstSignal(): number {
    const t = baselines(this.run.scenario, this.seed).firstRealSignalAt;
    if (t === null) throw new Error(`${this.scenario.id}: no real signal`);
    return t;
  }

  private time(when: string | number): number {
    if (typeof when === 'number') return when;
    const m = /^(fs|\+)?(.*)$/.exec(when.trim())!;
    const rest = m[2]!.replace(/^\+/, '');
    const d = rest === '' ? 0 : parseDuration(rest);
    if (d === null) throw new Error(`not a time: ${when}`);
    return m[1] === 'fs' ? this.firstSignal + d : m[1] === '+' ? this.now + d : d;
  }

  /** Moves the clock to a time (never back). */
  at(when: string | number): this {
    const t = this.time(when);
    if (t < this.now) throw new Error(`the harness cannot move the clock back (${when})`);
    this.now = t;
    this.run.advanceTo(t);
    return this;
  }

  /** Attributes the following inputs to a person and role (a live session's `by`), or to nobody. */
  by(who: Attribution | null): this {
    this.who = who ?? undefined;
    return this;
  }

  /** Takes an input now; a refused input throws. */
  input(input: TeamInput): this {
    this.run.apply(input, Math.max(this.now, this.run.now), this.who ? { by: this.who } : {});
    this.finished = null;
    return this;
  }

  /** Takes an input now if the engine accepts it; records the refusal otherwise. */
  attempt(input: TeamInput): this {
    const r = this.run.refusal(input);
    if (r) this.refusals.push(r);
    else this.input(input);
    return this;
  }

  declare = () => this.input({ type: 'ACKNOWLEDGE' });
  triage = (severity: number, incidentType: IncidentType) => this.input({ type: 'TRIAGE', severity, incidentType });
  investigate = (investigationId: string) => this.input({ type: 'INVESTIGATE', investigationId });
  contain = (containmentId: string) => this.input({ type: 'CONTAIN', containmentId });
  lift = (containmentId: string) => this.input({ type: 'LIFT', containmentId });
  assign = (role: Role, person: string) => this.input({ type: 'ASSIGN_ROLE', role, person });
  preserve = (evidenceId: string) => this.input({ type: 'PRESERVE_EVIDENCE', evidenceId });
  rootCause = (rootCauseId: string) => this.input({ type: 'DECLARE_ROOT_CAUSE', rootCauseId });
  communicate = (audience: Audience, message: string, elements?: Extract<TeamInput, { type: 'COMMUNICATE' }>['elements']) =>
    this.input({ type: 'COMMUNICATE', audience, message, ...(elements ? { elements } : {}) });
  resolve = () => this.input({ type: 'RESOLVE' });
  end = () => this.input({ type: 'END' });

  /** The engine's snapshot now (what the console and the room read). */
  context(): RunSnapshot {
    return this.run.context;
  }

  /** Plays to the end of the exercise (the horizon unless resolved or ended) and scores it. */
  card(): ScoreCard {
    if (!this.finished) {
      this.run.runToEnd();
      this.finished = scoreFinishedRun(this.run);
    }
    return this.finished;
  }
}

/** A harness on a built-in scenario ("id" or "id@variant"), a fixture path, or a Scenario. */
export function runOf(scenario: string | Scenario, seed = 1): RunHarness {
  if (typeof scenario !== 'string') return new RunHarness(scenario, seed);
  const [id, variant] = scenario.split('@') as [string, string | undefined];
  const { scenario: s } = loadFile(id.includes('/') ? id : `scenarios/${id}.yaml`);
  return new RunHarness(variant ? resolveVariant(s, variant) : s, seed);
}

/**
 * Plays timed inputs (sorted by time, stable) to the end through the engine's guards (a refused
 * input throws, as with RunHarness), for tests that list a team as data.
 */
export function playSteps(scenario: Scenario, steps: ReadonlyArray<readonly [number, TeamInput]>, seed = 1): { run: ExerciseRun; card: ScoreCard } {
  const run = new ExerciseRun(scenario, seed);
  for (const [t, input] of [...steps].sort((a, b) => a[0] - b[0])) {
    run.advanceTo(t);
    run.apply(input, t);
  }
  run.runToEnd();
  return { run, card: scoreFinishedRun(run) };
}

/** One dimension of a score card (throws when the card has none of that name). */
export function dimensionOf(card: ScoreCard, dimension: string): ScoreCard['dimensions'][number] {
  const d = card.dimensions.find((x) => x.dimension === dimension);
  if (!d) throw new Error(`the score card has no ${dimension} dimension`);
  return d;
}
