/**
 * `firebreak preview`: a dry run an author reads before going live. For every variant it plays the
 * do-nothing team and the scenario's textbook team (when it has one) and reports when each inject
 * fires, each metric's curve and each harm's curve at regular points, with the `validate --check`
 * warnings beside them.
 */
import { ExerciseRun } from '../engine/exercise-run.ts';
import { playScript } from '../engine/actions-file.ts';
import { MINUTE } from './duration.ts';
import { lintScenario, type LintTeam, type LintWarning } from './lint.ts';
import type { Scenario } from './schema.ts';
import { resolveVariant } from './variants.ts';

export interface Curve {
  id: string;
  label: string;
  unit: string;
  /** Values at `PreviewResult.at`, null past the run's end (a team that resolved early). */
  values: Array<number | null>;
}

export interface TeamPreview {
  name: string;
  /** Inject id → sim time it fired, or null when it never did. */
  injects: Record<string, number | null>;
  metrics: Curve[];
  harm: Curve[];
  /** Where the run ended (the horizon, or the resolution). */
  end: number;
  warnings: string[];
}

export interface VariantPreview {
  variant: string | null;
  teams: TeamPreview[];
}

export interface PreviewResult {
  scenarioId: string;
  /** Sample times (sim time), from T+0 to the horizon. */
  at: number[];
  variants: VariantPreview[];
  warnings: LintWarning[];
}

/** Sample points: the horizon cut into `points - 1` steps rounded to whole minutes. */
function samples(horizon: number, points: number): number[] {
  const step = Math.max(MINUTE, Math.round(horizon / (points - 1) / MINUTE) * MINUTE);
  const out: number[] = [];
  for (let t = 0; t < horizon; t += step) out.push(t);
  out.push(horizon);
  return out;
}

function play(s: Scenario, variant: string | null, team: LintTeam, at: number[], seed: number): TeamPreview {
  const run = new ExerciseRun(s, seed, { variant });
  const warnings = playScript(run, team.actions);
  run.runToEnd();
  const end = run.now;
  const series = run.metricsUpToNow();
  const resolved = resolveVariant(s, variant);
  const injects: Record<string, number | null> = {};
  for (const inj of resolved.injects) injects[inj.id] = run.context.firedInjects[inj.id] ?? null;
  return {
    name: team.name,
    injects,
    metrics: s.metrics.map((m, i) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      values: at.map((t) => (t <= end ? (series[i]?.[Math.min(Math.floor(t / MINUTE), (series[i]?.length ?? 1) - 1)] ?? null) : null)),
    })),
    harm: s.harm.map((h) => ({ id: h.id, label: h.label, unit: h.unit, values: at.map((t) => (t <= end ? (run.harmAt(t)[h.id] ?? 0) : null)) })),
    end,
    warnings,
  };
}

/** `lintTeams`: the teams `validate --check` plays (all of the scenario's own), so the warnings match it. */
export function previewScenario(
  s: Scenario,
  textbook: LintTeam | null,
  seed = 1,
  points = 13,
  lintTeams: ReadonlyArray<LintTeam> = textbook ? [textbook] : [],
): PreviewResult {
  const at = samples(s.clock.horizon, points);
  const teams: LintTeam[] = [{ name: 'do-nothing', actions: [] }, ...(textbook ? [textbook] : [])];
  const variants = s.variants.length ? s.variants.map((v) => v.id) : [null];
  return {
    scenarioId: s.id,
    at,
    variants: variants.map((variant) => ({ variant, teams: teams.map((t) => play(s, variant, t, at, seed)) })),
    warnings: lintScenario(s, lintTeams, seed),
  };
}
