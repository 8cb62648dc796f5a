/**
 * `firebreak validate --check`: a dry run of a valid scenario that reports what is legal but
 * probably wrong, as warnings.
 *
 * It plays the do-nothing team (and the scenario's own scripted teams, when given) on every
 * variant and looks for: player text that names the answer (spoilers.ts), stated figures that do not match, metric alerts that fire at T+0 or
 * never, notification deadlines that fall after the horizon (lateness could never be scored),
 * injects that never fired in any dry run (their condition may never hold), and variants that no
 * seed draws or that change nothing.
 */
import { ExerciseRun } from '../engine/exercise-run.ts';
import { playScript, type ScriptedAction } from '../engine/actions-file.ts';
import { formatDuration, MINUTE } from './duration.ts';
import type { Scenario } from './schema.ts';
import { resolveVariant, variantForSeed } from './variants.ts';
import { findSpoilers } from './spoilers.ts';

export interface LintWarning {
  /** Data path in the scenario, as in validation problems ("injects.3.trigger"). */
  path: (string | number)[];
  message: string;
}

export interface LintTeam {
  name: string;
  actions: ReadonlyArray<ScriptedAction>;
}

/** Seeds tried when checking that every variant can be drawn. */
const SEEDS = 1000;

export function lintScenario(s: Scenario, teams: ReadonlyArray<LintTeam> = [], seed = 1): LintWarning[] {
  const out: LintWarning[] = [];
  const variants: (string | null)[] = s.variants.length ? s.variants.map((v) => v.id) : [null];
  const firedAnywhere = new Set<string>();
  const horizon = s.clock.horizon;

  for (const variant of variants) {
    const label = variant ? ` (variant ${variant})` : '';
    const resolved = resolveVariant(s, variant);
    const idle = new ExerciseRun(s, seed, { variant });
    idle.runToEnd();
    for (const id of Object.keys(idle.context.firedInjects)) firedAnywhere.add(id);

    s.statedFigures.forEach((f, i) => {
      if (f.variant && f.variant !== variant) return;
      const got = idle.harmAt(f.at)[f.harm] ?? 0;
      if (Math.abs(got - f.value) > f.tolerance + 1e-9)
        out.push({
          path: ['statedFigures', i],
          message: `states ${f.value} ${f.harm} at ${formatDuration(f.at)}, but a do-nothing run gives ${round(got)}${label}`,
        });
    });

    resolved.injects.forEach((inj) => {
      if (!('metric' in inj.trigger)) return;
      const i = s.injects.indexOf(inj);
      const t = idle.context.firedInjects[inj.id];
      if (t === undefined) out.push({ path: ['injects', i, 'trigger'], message: `metric alert "${inj.id}" never fires when nobody acts${label}` });
      else if (t < MINUTE)
        out.push({
          path: ['injects', i, 'trigger'],
          message: `metric alert "${inj.id}" fires at T+0, before any fault: check the threshold against the baseline${label}`,
        });
    });

    // The earliest a team could be aware: the first visible sign in a do-nothing run.
    const aware = idle.context.firstSignAt;
    s.rubric.notifications.forEach((n, i) => {
      const base =
        n.from === 'detection' ? aware : n.from === 'fault' ? Math.min(...resolved.faults.map((f) => f.startsAt)) : (idle.context.happened[n.from] ?? null);
      // mayRemainOpen: after the horizon on purpose, judged by the open-obligation rule (a dated plan).
      if (base !== null && n.clock === 'calendar' && base + n.within > horizon && !n.mayRemainOpen)
        out.push({
          path: ['rubric', 'notifications', i, 'within'],
          message: `the ${n.audience} deadline (${formatDuration(n.within)} from ${n.from}) falls after the horizon, so lateness can never be scored (set mayRemainOpen if that is deliberate: it is then judged by the open-obligation rule)${label}`,
        });
    });

    for (const team of teams) {
      const run = new ExerciseRun(s, seed, { variant });
      const warnings = playScript(run, team.actions);
      run.runToEnd();
      for (const id of Object.keys(run.context.firedInjects)) firedAnywhere.add(id);
      for (const w of warnings) out.push({ path: [], message: `team ${team.name}${label}: ${w}` });
    }
  }

  s.injects.forEach((inj, i) => {
    if (firedAnywhere.has(inj.id) || !inj.when) return;
    const ran = teams.length ? `do-nothing, ${teams.map((t) => t.name).join(', ')}` : 'do-nothing';
    out.push({ path: ['injects', i, 'when'], message: `inject "${inj.id}" never fired in any dry run (${ran}); its condition may never hold` });
  });

  // Player text (library card, setup, projector briefing) must not give the answer away.
  for (const sp of findSpoilers(s))
    out.push({ path: sp.path, message: `player text gives the answer away: "${sp.found}" (from ${sp.from}); move it to facilitator.brief` });

  if (s.variants.length > 0) {
    const drawn = new Set<string | null>();
    for (let k = 0; k < SEEDS; k++) drawn.add(variantForSeed(s, k));
    s.variants.forEach((v, i) => {
      if (!drawn.has(v.id)) out.push({ path: ['variants', i], message: `no seed from 0 to ${SEEDS - 1} draws variant "${v.id}"` });
      const mentioned =
        [...s.faults, ...s.injects, ...s.investigations].some((x) => x.variants?.includes(v.id)) ||
        s.rubric.variants[v.id] !== undefined ||
        s.injects.some((x) => x.when?.variant?.includes(v.id));
      const exclusive = [...s.faults, ...s.injects, ...s.investigations].some((x) => x.variants && !x.variants.includes(v.id));
      if (!mentioned && !exclusive)
        out.push({ path: ['variants', i], message: `variant "${v.id}" changes nothing: no fault, inject, investigation or rubric entry depends on it` });
    });
  }
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;
