/**
 * #17 Done-when: the textbook, plausible-wrong and do-nothing teams of every built-in scenario and
 * variant rank in that order with a clear margin on seeds 1–10 (the seed moves injects' jitter and
 * the world's noise, never the story). A fixed list of seeds keeps CI's verdict stable; thirty
 * runs per scenario take a few seconds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { ROOT } from '../../helpers.ts';
import { BUILT_INS, loadCase } from './scripted.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Clear margins: the textbook beats the wrong team by 30 points, the wrong team beats idling by 10. */
const OVER_WRONG = 30;
const OVER_IDLE = 10;

describe.each(BUILT_INS)('%s on seeds 1–10', (key) => {
  const { id, scenario } = loadCase(key);
  const play = (team: string, seed: number) => {
    const file = team === 'do-nothing' ? 'do-nothing.yaml' : `${id}.${team}.yaml`;
    const run = new ExerciseRun(scenario, seed);
    const warnings = playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file));
    run.runToEnd();
    return { overall: scoreFinishedRun(run).overall, warnings };
  };

  it.each(SEEDS)(
    'seed %i: textbook > plausible-wrong > do-nothing, each by a clear margin, every scripted action played',
    (seed) => {
      const [textbook, wrong, idle] = ['textbook', 'plausible-wrong', 'do-nothing'].map((t) => play(t, seed)) as [
        ReturnType<typeof play>,
        ReturnType<typeof play>,
        ReturnType<typeof play>,
      ];
      expect([...textbook.warnings, ...wrong.warnings]).toEqual([]);
      expect(textbook.overall - wrong.overall).toBeGreaterThanOrEqual(OVER_WRONG);
      expect(wrong.overall - idle.overall).toBeGreaterThanOrEqual(OVER_IDLE);
    },
    60_000,
  );
});
