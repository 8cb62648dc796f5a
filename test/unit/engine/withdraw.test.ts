/** #20 undo: the facilitator withdraws a note, a hint or a harm reveal; the withdrawal is journaled. */
import { ExerciseRun, InputRejected } from '../../../shared/engine/exercise-run.ts';
import { scoreRun } from '../../../shared/scoring/score-card.ts';
import { timelineText } from '../../../shared/wording/timeline.ts';
import { mini, HOUR } from '../../helpers.ts';

const scenario = { ...mini().scenario, hints: [{ id: 'h1', text: 'Look at the config change' }] };
const FAC = { by: { name: 'Facilitator', role: 'facilitator' } };

function run() {
  const r = new ExerciseRun(scenario, 1);
  r.advanceTo(2 * HOUR);
  return r;
}
const words = (r: ExerciseRun) => r.context.timeline.map((e) => timelineText(r.scenario, e));

describe('WITHDRAW', () => {
  it('takes a note off the timeline and the inputs, and logs the withdrawal for the facilitator only', () => {
    const r = run();
    const note = r.apply({ type: 'NOTE', text: 'Room argues about the kill switch' }, undefined, FAC);
    expect(words(r)).toContain('Note: Room argues about the kill switch');
    r.apply({ type: 'WITHDRAW', target: note.seq }, undefined, FAC);
    expect(words(r)).not.toContain('Note: Room argues about the kill switch');
    expect(r.context.inputs.some((e) => e.input.type === 'NOTE')).toBe(false);
    const last = r.context.timeline.at(-1)!;
    expect(timelineText(r.scenario, last)).toBe('Withdrew the note “Room argues about the kill switch”');
    expect(last.hidden).toBe(true);
  });

  it('hides a revealed hint again, lets it be revealed again, and leaves the score as if never given', () => {
    const r = run();
    const hint = r.apply({ type: 'REVEAL_HINT', hintId: 'h1' }, undefined, FAC);
    expect(r.context.hintsRevealed.map((h) => h.id)).toEqual(['h1']);
    expect(r.refusal({ type: 'REVEAL_HINT', hintId: 'h1' })).toEqual({ code: 'already_revealed', hintId: 'h1' });
    const withdraw = r.apply({ type: 'WITHDRAW', target: hint.seq }, undefined, FAC);
    expect(r.context.hintsRevealed).toEqual([]);
    expect(r.context.timeline.some((e) => e.kind === 'hint')).toBe(false);
    expect(r.refusal({ type: 'REVEAL_HINT', hintId: 'h1' })).toBeNull();
    // The score of a journal with a withdrawn hint equals that of the same run without it.
    const rest = [
      { seq: withdraw.seq + 1, t: 2 * HOUR, input: { type: 'ACKNOWLEDGE' as const } },
      { seq: withdraw.seq + 2, t: 3 * HOUR, input: { type: 'RESOLVE' as const } },
    ];
    const withHint = scoreRun(scenario, 1, [hint, withdraw, ...rest]);
    const without = scoreRun(scenario, 1, rest);
    expect(withHint).toEqual(without);
  });

  it('hides revealed harm from the room again', () => {
    const r = run();
    const harm = r.apply({ type: 'REVEAL_HARM' }, undefined, FAC);
    expect(r.context.harmRevealed).toBe(true);
    r.apply({ type: 'WITHDRAW', target: harm.seq }, undefined, FAC);
    expect(r.context.harmRevealed).toBe(false);
    expect(timelineText(r.scenario, r.context.timeline.at(-1)!)).toBe('Withdrew the harm reveal (hidden from the room again)');
  });

  it('refuses with a typed code: no such entry, not withdrawable, already withdrawn', () => {
    const r = run();
    expect(r.refusal({ type: 'WITHDRAW', target: 99 })).toEqual({ code: 'entry_not_found', seq: 99 });
    const ack = r.apply({ type: 'ACKNOWLEDGE' });
    expect(r.refusal({ type: 'WITHDRAW', target: ack.seq })).toEqual({ code: 'not_withdrawable', seq: ack.seq, inputType: 'ACKNOWLEDGE' });
    const note = r.apply({ type: 'NOTE', text: 'x' }, undefined, FAC);
    r.apply({ type: 'WITHDRAW', target: note.seq }, undefined, FAC);
    expect(r.refusal({ type: 'WITHDRAW', target: note.seq })).toEqual({ code: 'already_withdrawn', seq: note.seq });
    expect(() => r.apply({ type: 'WITHDRAW', target: note.seq }, undefined, FAC)).toThrow(InputRejected);
  });

  it('replays the same journal to the same state', () => {
    const r = run();
    const journal = [
      r.apply({ type: 'NOTE', text: 'kept' }, undefined, FAC),
      r.apply({ type: 'REVEAL_HINT', hintId: 'h1' }, undefined, FAC),
      r.apply({ type: 'REVEAL_HARM' }, undefined, FAC),
    ];
    journal.push(r.apply({ type: 'WITHDRAW', target: journal[1]!.seq }, undefined, FAC));
    journal.push(r.apply({ type: 'WITHDRAW', target: journal[2]!.seq }, undefined, FAC));
    const again = ExerciseRun.replay(scenario, 1, journal);
    again.advanceTo(r.now);
    expect(JSON.stringify(again.context)).toBe(JSON.stringify(r.context));
  });
});
