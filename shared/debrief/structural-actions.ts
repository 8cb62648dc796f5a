/**
 * Structural corrective actions (#19): besides what the team should practise, the changes an AI
 * incident programme makes to the system so the next incident is caught and stopped sooner. Each
 * rests on facts of the scenario and the run, which it cites:
 *  - a detection gap (fault to first real signal longer than the MTTD target) becomes a monitoring
 *    signal on the metric the fault moved most;
 *  - a fault on a surface the scenario offers no rollback for (prompt, model, retrieval source,
 *    configuration, data) becomes a versioning requirement on that surface;
 *  - a fault in downstream automation (the AI's output triggering actions) becomes a constraint on
 *    what the AI may trigger automatically;
 *  - containment slower than the MTTC target (or never) becomes a kill-switch improvement.
 * Pure: the same scenario and score card give the same items.
 */
import type { ContainmentKind, Scenario, Surface } from '../scenario/schema.ts';
import type { ScoreCard } from '../scoring/score-card.ts';
import type { Words } from '../i18n/words.ts';

export type StructuralKind = 'monitoring' | 'versioning' | 'automation' | 'kill_switch';

export interface StructuralAction {
  kind: StructuralKind;
  /** The capability (score dimension) it improves. */
  dimension: 'detection' | 'containment';
  text: string;
}

/** The containments that roll a surface back to a known-good version (or restore its data). */
const ROLLBACK_OF: Partial<Record<Surface, ReadonlyArray<ContainmentKind>>> = {
  model_version: ['rollback_model'],
  prompt: ['rollback_prompt'],
  retrieval_source: ['rollback_retrieval'],
  configuration: ['rollback_config'],
  input_data_pipeline: ['fix_data_pipeline', 'restore_backup'],
};

/** The metric the fault moves most, relative to its baseline (null when no metric shows it). */
function metricMovedMost(s: Scenario, faultId: string): Scenario['metrics'][number] | null {
  let best: Scenario['metrics'][number] | null = null;
  let bestShare = 0;
  for (const m of s.metrics) {
    const effect = m.effects[faultId];
    if (effect === undefined || effect === 0) continue;
    const share = Math.abs(effect) / Math.max(Math.abs(m.baseline), m.noise, 1e-9);
    if (share > bestShare) [best, bestShare] = [m, share];
  }
  return best;
}

export function structuralActions(s: Scenario, card: ScoreCard, w: Words): StructuralAction[] {
  const out: StructuralAction[] = [];
  const r = s.rubric;
  const k = card.keyTimes;
  const fault = s.faults.find((f) => f.surface !== 'downstream_automation') ?? s.faults[0]!;
  const surface = w.t(`surface.${fault.surface}`);

  // A detection gap: the system itself showed the fault too late for the MTTD target.
  const gap = k.firstSignal === null ? null : k.firstSignal - k.faultStart;
  if (k.firstSignal === null || (gap !== null && gap > r.mttd)) {
    const metric = metricMovedMost(s, fault.id);
    out.push({
      kind: 'monitoring',
      dimension: 'detection',
      text:
        gap === null
          ? w.t('plan.structural.monitoring.none', { metric: metric?.label ?? surface, target: w.duration(r.mttd) })
          : w.t('plan.structural.monitoring', { metric: metric?.label ?? surface, gap: w.duration(gap), target: w.duration(r.mttd) }),
    });
  }

  // No rollback on the surface that failed: nothing to go back to.
  const rollbacks = ROLLBACK_OF[fault.surface];
  if (rollbacks && !s.containments.some((c) => rollbacks.includes(c.kind))) {
    out.push({ kind: 'versioning', dimension: 'containment', text: w.t('plan.structural.versioning', { surface }) });
  }

  // Harm an automation amplified: what the AI may set off by itself.
  const automation = s.faults.find((f) => f.surface === 'downstream_automation');
  if (automation) {
    const harm = s.harm.find((h) => h.source === automation.id) ?? s.harm.find((h) => h.source === fault.id);
    out.push({ kind: 'automation', dimension: 'containment', text: w.t('plan.structural.automation', { harm: harm?.label ?? surface }) });
  }

  // Containment slower than the MTTC target, or never: stopping the AI must be quicker.
  if (card.verdicts.mttc.status === 'missed') {
    const killSwitch = s.containments.find((c) => c.kind === 'kill_switch');
    const target = w.duration(r.mttc);
    out.push({
      kind: 'kill_switch',
      dimension: 'containment',
      text: killSwitch
        ? w.t('plan.structural.killSwitch', {
            containment: killSwitch.label,
            target,
            actual: card.mttc === null ? w.t('plan.structural.never') : w.duration(card.mttc),
          })
        : w.t('plan.structural.killSwitch.none', { surface, target }),
    });
  }
  return out;
}
