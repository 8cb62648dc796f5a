/**
 * The card's verdicts: one per dimension and per target, plain data with a reason code, and the
 * stored outcome keeps them (older outcomes get the same verdicts derived in one place).
 */
import { describe, expect, it } from 'vitest';
import { obligationVerdict, outcomeOf } from '../../../shared/scoring/score-card.ts';
import { combine, met, missed, outcomeVerdicts, verdict } from '../../../shared/scoring/verdict.ts';
import type { ExerciseOutcome } from '../../../shared/contract/api.ts';

const MIN = 60_000;

describe('obligation verdicts', () => {
  it('an obligation not yet due at the end is open, neither met nor missed', () => {
    expect(obligationVerdict('open')).toEqual({ status: 'open', code: 'target.not_yet_due' });
    expect(obligationVerdict('late')).toEqual({ status: 'missed', code: 'target.late' });
    expect(obligationVerdict('missed')).toEqual({ status: 'missed', code: 'target.not_sent' });
    expect(obligationVerdict('met')).toEqual({ status: 'met', code: 'target.on_time' });
    expect(obligationVerdict('not_applicable').status).toBe('not_applicable');
  });

  it('time to notify: missed if any is missed, met if any met, open if only open ones', () => {
    const open = verdict('open', 'target.not_yet_due');
    expect(combine([met('target.on_time'), open])).toEqual(met('target.on_time'));
    expect(combine([open, missed('target.late')])).toEqual(missed('target.late'));
    expect(combine([open])).toEqual(open);
    expect(combine([]).status).toBe('not_applicable');
  });
});

describe('outcome verdicts', () => {
  const old: ExerciseOutcome = {
    overall: 50,
    mttd: 10 * MIN,
    mttc: 90 * MIN,
    timeToNotify: null,
    severityCorrect: true,
    severity: 2,
    dimensions: { detection: 60 },
    targetsMet: { detection: false },
    harm: {},
    targets: { mttd: 15 * MIN, mttc: 60 * MIN },
    notifyMet: null,
  };

  it('an outcome stored before verdicts reads the same verdicts: MTTD within target with detection missed was a false alarm', () => {
    expect(outcomeVerdicts(old)).toEqual({
      mttd: missed('target.false_alarm'),
      mttc: missed('target.over'),
      timeToNotify: verdict('not_applicable', 'target.none_required'),
    });
    expect(outcomeVerdicts({ ...old, targetsMet: { detection: true } }).mttd).toEqual(met('target.within'));
    expect(outcomeVerdicts({ ...old, mttd: null, mttc: null }).mttc).toEqual(missed('target.never_detected'));
  });

  it('a stored verdict wins over the figures', () => {
    const v = { mttd: met('target.within'), mttc: met('target.within'), timeToNotify: verdict('open', 'target.not_yet_due') } as const;
    expect(outcomeVerdicts({ ...old, verdicts: v })).toBe(v);
  });

  it('outcomeOf keeps the card verdicts', () => {
    const card = {
      overall: 1,
      mttd: 1,
      mttc: 1,
      mttcCensored: null,
      timeToNotify: null,
      timeToNotifyByAudience: {},
      severity: { correct: true, expected: 2 },
      dimensions: [{ dimension: 'detection', score: 1, verdict: missed('detection.false_alarm') }],
      harm: { actual: {} },
      targets: { mttd: 2, mttc: 2 },
      notifications: [],
      openObligations: [],
      verdicts: {
        mttd: missed('target.false_alarm'),
        mttc: met('target.within'),
        timeToTriage: met('target.within'),
        timeToNotify: verdict('not_applicable', 'target.none_required'),
      },
    } as unknown as Parameters<typeof outcomeOf>[0];
    const o = outcomeOf(card);
    expect(o.verdicts!.mttd).toEqual(missed('target.false_alarm'));
    expect(o.dimensionVerdicts).toEqual({ detection: missed('detection.false_alarm') });
    expect(o.targetsMet).toEqual({ detection: false });
  });
});
