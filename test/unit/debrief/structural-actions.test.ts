/**
 * #19: structural corrective actions, each resting on scenario and run facts: a detection gap, a
 * surface with no rollback, harm amplified by automation, containment slower than the MTTC target.
 */
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { scoreFinishedRun, type ScoreCard } from '../../../shared/scoring/score-card.ts';
import { structuralActions } from '../../../shared/debrief/structural-actions.ts';
import { suggestedPlan } from '../../../shared/debrief/strengths.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { EN, wordsFor } from '../../../shared/i18n/words.ts';
const FR = wordsFor('fr');

import { biasTeam, HOUR, MIN } from './teams.ts';

function bias(): { s: Scenario; card: ScoreCard } {
  const team = biasTeam();
  const run = ExerciseRun.replay(team.scenario, team.journal.header.seed, team.journal.entries);
  run.runToEnd();
  return { s: team.scenario, card: scoreFinishedRun(run) };
}
const kinds = (s: Scenario, card: ScoreCard) => structuralActions(s, card, EN).map((a) => a.kind);

describe('structural corrective actions', () => {
  it('containment later than the MTTC target: a kill-switch improvement citing this run', () => {
    const { s, card } = bias();
    expect(card.verdicts.mttc.status).toBe('missed');
    const a = structuralActions(s, card, EN).find((x) => x.kind === 'kill_switch')!;
    expect(a.dimension).toBe('containment');
    expect(a.text).toContain('(this time: 3h5m)');
    // Met: no kill-switch line.
    const met: ScoreCard = { ...card, verdicts: { ...card.verdicts, mttc: { status: 'met', code: 'target.within' } } };
    expect(kinds(s, met)).not.toContain('kill_switch');
  });

  it('a detection gap: the first real signal came after the MTTD target; monitoring on the metric the fault moved most', () => {
    const { s, card } = bias();
    const fault = s.faults[0]!;
    const gap = card.keyTimes.firstSignal! - card.keyTimes.faultStart;
    expect(kinds(s, card)).not.toContain('monitoring'); // the shipped target leaves room for this gap
    const tight: Scenario = { ...s, rubric: { ...s.rubric, mttd: gap - MIN } };
    const a = structuralActions(tight, card, EN).find((x) => x.kind === 'monitoring')!;
    const moved = s.metrics
      .filter((m) => (m.effects[fault.id] ?? 0) !== 0)
      .sort(
        (x, y) =>
          Math.abs(y.effects[fault.id]!) / Math.max(Math.abs(y.baseline), y.noise) - Math.abs(x.effects[fault.id]!) / Math.max(Math.abs(x.baseline), x.noise),
      )[0]!;
    expect(a.text).toContain(`“${moved.label}”`);
    expect(a.text).toContain(`${EN.duration(gap)} after the fault began`);
  });

  it('no rollback for the surface that failed: a versioning requirement; with one, none', () => {
    const { s, card } = bias();
    const surface = s.faults[0]!.surface;
    const rollbackKinds = ['rollback_model', 'rollback_prompt', 'rollback_retrieval', 'rollback_config', 'fix_data_pipeline', 'restore_backup'];
    const without: Scenario = { ...s, containments: s.containments.filter((c) => !rollbackKinds.includes(c.kind)) };
    const a = structuralActions(without, card, EN).find((x) => x.kind === 'versioning');
    if (['model_version', 'prompt', 'retrieval_source', 'configuration', 'input_data_pipeline'].includes(surface)) {
      expect(a!.text).toContain(EN.t(`surface.${surface}`));
      const withOne: Scenario = {
        ...s,
        containments: [
          ...without.containments,
          {
            ...s.containments[0]!,
            id: 'rb',
            kind:
              surface === 'input_data_pipeline'
                ? 'fix_data_pipeline'
                : surface === 'model_version'
                  ? 'rollback_model'
                  : surface === 'prompt'
                    ? 'rollback_prompt'
                    : surface === 'retrieval_source'
                      ? 'rollback_retrieval'
                      : 'rollback_config',
          },
        ],
      };
      expect(kinds(withOne, card)).not.toContain('versioning');
    } else {
      expect(a).toBeUndefined();
    }
  });

  it('harm amplified by downstream automation: a constraint on what the AI may trigger, naming the harm', () => {
    const { s, card } = bias();
    expect(kinds(s, card)).not.toContain('automation');
    const auto: Scenario = {
      ...s,
      faults: [...s.faults, { ...s.faults[0]!, id: 'auto', surface: 'downstream_automation', startsAt: s.faults[0]!.startsAt + HOUR }],
      harm: [...s.harm, { ...s.harm[0]!, id: 'auto-harm', label: 'Accounts frozen automatically', source: 'auto' }],
    };
    const a = structuralActions(auto, card, EN).find((x) => x.kind === 'automation')!;
    expect(a.text).toContain('“Accounts frozen automatically”');
  });

  it('joins the suggested plan with ids of their own, worded in French too', () => {
    const { s, card } = bias();
    const plan = suggestedPlan(s, card, { roles: {}, findings: [] }, '2026-05-04');
    expect(plan.filter((x) => x.id.startsWith('plan-structural-')).map((x) => x.id)).toEqual(['plan-structural-kill_switch']);
    expect(new Set(plan.map((x) => x.id)).size).toBe(plan.length);
    expect(structuralActions(s, card, FR)[0]!.text).toMatch(/^Coupe-circuit : /);
  });
});
