/**
 * #17: a notice is judged against what the scenario says was true when it was sent (facts tied to
 * a state or a time window, a number that is a harm's total then, a time of day an event happened),
 * and the facilitator or an evaluator can overrule the content judgement, journaled with a reason.
 * Fixture test/fixtures/notice-world.yaml: records deleted from 09:10 at 1,000 an hour; the backup
 * that could restore them rotates out at T+6h (15:00).
 */
import { ExerciseRun, InputRejected } from '../../../shared/engine/exercise-run.ts';
import { teamInputSchema, type Attribution, type JournalEntry, type TeamInput } from '../../../shared/engine/inputs.ts';
import { scoreFinishedRun, scoreRun } from '../../../shared/scoring/score-card.ts';
import { dimensionText } from '../../../shared/scoring/wording.ts';
import { wordsFor } from '../../../shared/i18n/words.ts';
import { timelineText } from '../../../shared/wording/timeline.ts';
import { HOUR, MIN, loadFile } from '../../helpers.ts';

const { scenario } = loadFile('test/fixtures/notice-world.yaml');
const FACILITATOR: Attribution = { name: 'Dana', role: 'facilitator' };
const EVALUATOR: Attribution = { name: 'Eve', role: 'evaluator' };

const notice = (whatHappened: string, impact: string): TeamInput => ({
  type: 'COMMUNICATE',
  audience: 'client',
  message: 'Update for Acme Insurance',
  elements: { what_happened: whatHappened, impact },
});

type Step = [number, TeamInput, Attribution?];
function play(steps: Step[], after: Step[] = []) {
  const run = new ExerciseRun(scenario, 1);
  for (const [t, input, by] of steps) {
    run.advanceTo(t);
    run.apply(input, t, by ? { by } : {});
  }
  run.runToEnd();
  for (const [, input, by] of after) run.apply(input, run.now, by ? { by } : {});
  const card = scoreFinishedRun(run);
  return { run, card, client: card.notifications[0]!, comm: card.dimensions.find((d) => d.dimension === 'communication')! };
}

const at = (t: number, input: TeamInput): Step[] => [
  [t, { type: 'ACKNOWLEDGE' }],
  [t, input],
];

describe('notice content against the world when it was sent', () => {
  it('a true, complete notice: the start time (09:10 ±15m) and the count so far (1,000 at T+1h10m, ±20%)', () => {
    const { client } = play(
      at(70 * MIN, notice('A cleanup job began deleting records at 09:14', 'About 1,100 records deleted so far; they can be restored from backup')),
    );
    expect(client.status).toBe('met');
    expect(client.content).toBe(1);
  });

  it('a wrong time or a number far from the harm then does not state the element', () => {
    const wrongTime = play(at(70 * MIN, notice('A cleanup job began deleting records at 10:30', 'About 1,000 records deleted so far')));
    expect(wrongTime.client.missing).toEqual(['what_happened']);
    expect(wrongTime.client.content).toBe(0.5);
    // 1,000 was true at T+1h10m; at T+3h10m it is 3,000, so the same words are wrong then.
    const stale = play(at(190 * MIN, notice('Deleting records since 9:10 am', 'About 1,000 records deleted so far')));
    expect(stale.client.missing).toEqual(['impact']);
    const fresh = play(at(190 * MIN, notice('Deleting records since 9:10 am', 'About 3,000 records deleted so far')));
    expect(fresh.client.content).toBe(1);
  });

  it('"cannot be recovered" is false while the backup exists (no content), and true once it rotated out', () => {
    const early = play(at(70 * MIN, notice('Deleting records since 09:10', 'About 1,000 records deleted; they cannot be recovered')));
    expect(early.client.content).toBe(0);
    expect(early.comm.reason).toContain('"cannot be recovered", which is false');
    // After T+6h the backup is gone: the same statement is true, and "can be restored" is the false one.
    const late = play(at(6 * HOUR + 30 * MIN, notice('Deleting records since 09:10', 'About 6,300 records deleted; they cannot be recovered')));
    expect(late.client.status).toBe('met');
    expect(late.client.content).toBe(1);
    const wrongLate = play(at(6 * HOUR + 30 * MIN, notice('Deleting records since 09:10', 'About 6,300 records deleted; they can be restored')));
    expect(wrongLate.client.content).toBe(0);
  });

  it('the world is recorded by the engine at the send, so a replayed journal judges the same', () => {
    const { run, card } = play(at(70 * MIN, notice('Deleting records since 09:10', 'About 1,000 records deleted; they cannot be recovered')));
    expect(run.context.communications[0]!.world!['client-notice']).toEqual([
      { inForce: true, time: 10 * MIN },
      { inForce: true, number: 1000 },
      { inForce: true },
      { inForce: false },
    ]);
    expect(scoreRun(scenario, 1, run.entries)).toEqual(card);
  });
});

describe('overruling a content judgement (OVERRULE_CONTENT)', () => {
  const falseNotice = at(70 * MIN, notice('Deleting records since 09:10', 'About 1,000 records deleted; they cannot be recovered'));
  const overrule = (extra: Partial<Extract<TeamInput, { type: 'OVERRULE_CONTENT' }>>): TeamInput => ({
    type: 'OVERRULE_CONTENT',
    obligationId: 'client-notice',
    reason: 'The room meant the copy in the mirror, which is gone',
    ...extra,
  });

  it('the facilitator raises a whole judgement: the score follows it and the reason says who, from what, and why', () => {
    const auto = play(falseNotice);
    const { client, comm, run } = play(falseNotice, [[0, overrule({ share: 1 }), FACILITATOR]]);
    expect(client.content).toBe(1);
    expect(client.overruled).toEqual({ by: 'Dana', role: 'facilitator', reason: 'The room meant the copy in the mirror, which is gone', was: 0 });
    expect(comm.score).toBeGreaterThan(auto.comm.score);
    expect(comm.reason).toContain('(content overruled by Dana from 0% to 100%: The room meant the copy in the mirror, which is gone)');
    expect(comm.reason).toContain('Content overrule.');
    expect(dimensionText(scenario, comm, wordsFor('fr'))).toMatch(/contenu corrigé par Dana de 0\s%\sà 100\s%/);
    // Journaled as its own entry, with who did it, and on the timeline.
    const entry = run.entries.at(-1)!;
    expect(entry).toMatchObject({ input: { type: 'OVERRULE_CONTENT', share: 1 }, by: FACILITATOR });
    const line = run.context.timeline.find((e) => e.event.code === 'content.overruled')!;
    expect(timelineText(scenario, line)).toBe('Content of the notice to the client overruled: The room meant the copy in the mirror, which is gone');
    // Replaying the journal gives the same card, bit for bit.
    expect(scoreRun(scenario, 1, run.entries)).toEqual(scoreFinishedRun(run));
  });

  it('an evaluator lowers one element; the latest overrule of an obligation replaces the earlier one', () => {
    const good = at(70 * MIN, notice('Deleting records since 09:10', 'About 1,000 records deleted so far'));
    const lowered = play(good, [[0, overrule({ elements: { impact: false }, reason: 'Vague about which customers' }), EVALUATOR]]);
    expect(lowered.client.content).toBe(0.5);
    expect(lowered.client.missing).toEqual(['impact']);
    expect(lowered.comm.reason).toContain('overruled by Eve from 100% to 50%: Vague about which customers');
    const replaced = play(good, [
      [0, overrule({ elements: { impact: false }, reason: 'Vague' }), EVALUATOR],
      [0, overrule({ share: 1, reason: 'Discussed: it was clear enough' }), FACILITATOR],
    ]);
    expect(replaced.client.content).toBe(1);
    expect(replaced.client.overruled?.by).toBe('Dana');
  });

  it('is a guarded input: only the facilitator or an evaluator, an obligation a notice met, elements it requires, a reason', () => {
    const run = new ExerciseRun(scenario, 1);
    run.advanceTo(70 * MIN);
    // No notice yet: nothing to judge.
    expect(run.refusal(overrule({ share: 1 }), FACILITATOR)).toEqual({ code: 'no_notice_to_judge', obligationId: 'client-notice' });
    for (const [t, input] of falseNotice) run.apply(input, t);
    expect(run.refusal(overrule({ share: 1 }))).toEqual({ code: 'not_an_evaluator' });
    expect(run.refusal(overrule({ share: 1 }), { name: 'Pat', role: 'participant' })).toEqual({ code: 'not_an_evaluator' });
    expect(() => run.apply(overrule({ share: 1 }), run.now, { by: { name: 'Pat', role: 'incident_commander' } })).toThrow(InputRejected);
    expect(run.refusal(overrule({ obligationId: 'regulator' }), FACILITATOR)).toMatchObject({ code: 'unknown_id', kind: 'obligation' });
    expect(run.refusal(overrule({ elements: { contact_point: true } }), EVALUATOR)).toMatchObject({ code: 'element_not_required', element: 'contact_point' });
    expect(run.refusal(overrule({ share: 0.5 }), EVALUATOR)).toBeNull();
    // The machine's own guard agrees (XState's answer).
    expect(run.can({ ...overrule({ share: 0.5 }) })).toBe(false);
    // A reason is required, and either a whole share or elements.
    expect(teamInputSchema.safeParse(overrule({ share: 1, reason: '  ' })).success).toBe(false);
    expect(teamInputSchema.safeParse({ type: 'OVERRULE_CONTENT', obligationId: 'client-notice', reason: 'x' }).success).toBe(false);
    expect(teamInputSchema.safeParse(overrule({ share: 1 })).success).toBe(true);
  });

  it('a journal with an overrule by someone else is refused on replay (nothing slips in through a file)', () => {
    const { run } = play(falseNotice);
    const forged: JournalEntry = { seq: run.entries.length + 1, t: run.now, input: overrule({ share: 1 }), by: { name: 'Pat', role: 'scribe' } };
    expect(() => scoreRun(scenario, 1, [...run.entries, forged])).toThrow();
  });
});
