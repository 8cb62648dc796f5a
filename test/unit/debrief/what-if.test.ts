import { scoreRun } from '../../../shared/scoring/score-card.ts';
import { biggestLever, whatIfs } from '../../../shared/debrief/what-if.ts';
import { editJournal } from '../../../shared/debrief/journal-edit.ts';
import { actionSubject, gerund } from '../../../shared/debrief/phrasing.ts';
import { biasTeam, miniTeam, HOUR, MIN } from './teams.ts';

function analyse(team: ReturnType<typeof miniTeam>) {
  const { scenario, journal } = team;
  const card = scoreRun(scenario, journal.header.seed, journal.entries);
  return { card, analysis: whatIfs(scenario, journal.header.seed, journal.entries, card) };
}

const item = (a: ReturnType<typeof whatIfs>, id: string) => {
  const found = a.items.find((x) => x.id === id);
  if (!found) throw new Error(`no what-if ${id}: ${a.items.map((x) => x.id).join(', ')}`);
  return found;
};

describe('editJournal', () => {
  it('keeps entries time-ordered and re-sequenced, inserting before entries at the same moment', () => {
    const entries = [
      { seq: 1, t: 10, input: { type: 'ACKNOWLEDGE' as const } },
      { seq: 2, t: 20, input: { type: 'CONTAIN' as const, containmentId: 'a' } },
      { seq: 3, t: 30, input: { type: 'RESOLVE' as const } },
    ];
    const out = editJournal(
      entries,
      [2],
      [
        { t: 5, input: { type: 'CONTAIN', containmentId: 'a' } },
        { t: 30, input: { type: 'COMMUNICATE', audience: 'client', message: 'x' } },
      ],
    );
    expect(out.map((e) => [e.seq, e.t, e.input.type])).toEqual([
      [1, 5, 'CONTAIN'],
      [2, 10, 'ACKNOWLEDGE'],
      [3, 30, 'COMMUNICATE'],
      [4, 30, 'RESOLVE'],
    ]);
  });
});

describe('phrasing', () => {
  it('turns containment labels into sentence subjects', () => {
    expect(gerund('roll')).toBe('rolling');
    expect(gerund('route')).toBe('routing');
    expect(gerund('stop')).toBe('stopping');
    expect(actionSubject('Roll back the prompt')).toBe('Rolling back the prompt');
    expect(actionSubject('Kill switch: stop all automated credit decisions')).toBe('Stopping all automated credit decisions (kill switch)');
    expect(actionSubject('Kill switch')).toBe('Choosing “Kill switch”');
  });
});

describe('mini what-ifs', () => {
  const { analysis } = analyse(miniTeam());

  it('(a) moves the prompt rollback to the first alert', () => {
    // rollback-prompt at 60m (10:00) instead of 3h30m (12:30): in effect 70m → 10m of bad answers
    // = 16.67 → 17, no leak (the first is at 1h30m). Detected at 60m now (the containment is the
    // first response). Triage at 80m is 20m after (> 15m): 0.4·89 + 60 = 95.6 → 96. Containment:
    // MTTC 10m → 40; avoided ((900−16.67)/900 + 1)/2 → 44.58; no costs → 15; rollback-model −15
    // → 85. Communication: client due 3h, sent 4h → late as before → 23. Documentation: the first
    // change is now at 60m, before the logs (88m) → 0 + 13.3 → 13.
    // Overall (100·20 + 96·15 + 85·25 + 100·10 + 23·20 + 13·10)/100 = 71.55.
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(50 / 3, 9);
    expect(w.outcome!.harm.leaks).toBe(0);
    expect(w.outcome!.overall).toBe(72);
    expect(w.outcome!.dimensions).toMatchObject({ triage: 96, containment: 85, documentation: 13 });
    expect(w.sentence).toBe(
      'Rolling back the prompt at 10:00, when the first signal arrived, instead of at 12:30, would have prevented 250 of the 267 bad answers (17 instead of 267) and prevented 2 of the 2 leaks (0 instead of 2); it would have raised the overall score from 68 to 72.',
    );
    expect(w.entries.map((e) => e.seq)).toEqual(w.entries.map((_, i) => i + 1));
  });

  it('(b) swaps the rollback for the kill switch at the same moment', () => {
    // kill-switch at 3h30m, in effect at once: bad answers for 2h30m = 250; leaks at 1h30m and 3h
    // still happen → 2. MTTC 140m → 100·(1 − 80/180) = 55.6 → 56 → 22.4; avoided
    // ((900−250)/900 + 1/3)/2 → 23.75. Nothing fixes the cause, so the kill switch stays on to the
    // 10h horizon: $1,000/h for 6h30m = $6,500, 72% of the best response's $9,000 → 15·0.28 = 4.17.
    // 22.4 + 23.75 + 4.17 − 15 = 35.3 → 35. Overall 67.65 − 8·0.25 = 65.65 → 66: a lower score.
    const w = item(analysis, 'swap:kill-switch');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(250, 9);
    expect(w.outcome!.dimensions.containment).toBe(35);
    expect(w.outcome!.overall).toBe(66);
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(6500, 6);
    expect(w.sentence).toBe(
      'Choosing “Kill switch” at 12:30 instead of rolling back the prompt would have prevented 17 of the 267 bad answers (250 instead of 267) and left the 2 leaks unchanged; it would have lowered the overall score from 68 to 66, and containment would have cost $6,500 in lost revenue instead of $0.',
    );
  });

  it('(c) sends the late client notification just before its deadline, with the same elements', () => {
    // Due 70m + 2h = 3h10m (12:10); the same message (2 of 5 elements) at 3h09m instead of 4h →
    // met: 0.6 + 0.4·0.4 = 0.76 → 45.6 → 46. Overall 67.65 + 23·0.20 = 72.25 → 72.
    const w = item(analysis, 'notify:client');
    expect(w.outcome!.dimensions.communication).toBe(46);
    expect(w.outcome!.overall).toBe(72);
    expect(w.sentence).toBe(
      'Notifying the client at 12:09, just before the 2h deadline (12:10), instead of at 13:00, would have raised the communication score from 23 to 46 and the overall score from 68 to 72.',
    );
    expect(analysis.items.some((x) => x.id === 'notify:all')).toBe(false);
  });

  it('the biggest lever is the alternative that prevents the most harm without lowering the score', () => {
    expect(biggestLever(analysis)!.id).toBe('first-signal');
  });
});

describe('silent-bias-drift what-ifs', () => {
  const { analysis } = analyse(biasTeam());
  const denials = (id: string) => item(analysis, id).outcome!.harm['wrongful-denials']!;

  it('(a) manual review from the first signal (the 08:36 change ticket)', () => {
    // In effect 09:36 = fault age 66m: 115·66/690 + 0.1·(340 − 11) = 11 + 32.9 = 43.9 → 44.
    // Manual review is never lifted (nothing fixes the cause): $2,400/h from 09:36 to the 52h30m
    // horizon (50h54m) = $122,160.
    expect(denials('first-signal')).toBeCloseTo(43.9, 9);
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(122160, 6);
    // Detected at 08:36 now, so the triage at 15:15 is 6h39m late → 60 and the notifications and
    // status cadence start earlier: a lower overall score (71 → 67) for much less harm.
    expect(w.outcome!.overall).toBe(67);
    expect(w.sentence).toMatch(
      /^Routing declines for applicants aged 21-25 with thin files to manual underwriting at 08:36, when the first signal arrived, instead of at 16:50, would have prevented 74 of the 118 applications wrongly declined \(44 instead of 118\)/,
    );
  });

  it('(b) each other acceptable containment at 16:50', () => {
    // fix-data-pipeline: in effect 17:35 (fault age 545m) → 115·545/690 = 90.83, then 0.
    expect(denials('swap:fix-data-pipeline')).toBeCloseTo((115 * 545) / 690, 9);
    // kill switch: in effect 17:05 (515m) → 85.83; $38,000/h from 17:05 to the horizon (43h25m).
    expect(denials('swap:pause-auto-decisions')).toBeCloseTo((115 * 515) / 690, 9);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.costs.revenueLost).toBeCloseTo(38000 * (52.5 - 9 - 5 / 60), 6);
    // legacy scorecard: in effect 18:50 (620m) at factor 0.2: 103.33 + 0.2·236.67 = 150.67.
    expect(denials('swap:legacy-scorecard')).toBeCloseTo(103 + 1 / 3 + 0.2 * (340 - 103 - 1 / 3), 9);
    // The pipeline fix is the one alternative that raises the score: less harm and no costs.
    expect(item(analysis, 'swap:legacy-scorecard').outcome!.overall).toBe(68);
    expect(item(analysis, 'swap:fix-data-pipeline').outcome!.overall).toBe(72);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.overall).toBe(70);
    expect(item(analysis, 'swap:fix-data-pipeline').sentence).toBe(
      'Fixing the defect in the applicant-feature pipeline and redeploying at 16:50 instead of routing declines for applicants aged 21-25 with thin files to manual underwriting would have prevented 27 of the 118 applications wrongly declined (91 instead of 118); it would have raised the overall score from 71 to 72, and containment would have cost $0 in lost revenue instead of $102,400.',
    );
    // age-cutoff-override is not acceptable, rollback-model and manual review were used.
    expect(analysis.items.filter((x) => x.kind === 'other-containment').map((x) => x.id)).toEqual([
      'swap:fix-data-pipeline',
      'swap:pause-auto-decisions',
      'swap:legacy-scorecard',
    ]);
  });

  it('(c) only late or missed notifications are moved; open ones are not yet due', () => {
    // client: due 11h05m (19:05), the same 3-of-5 message at 19:04 → met 0.6 + 0.4·0.6 = 0.84; with
    // the internal update (1): 60·(1 + 0.84)/2 = 55.2 → 55 (cadence still 0). Overall 70.55 + 12·0.15
    // = 72.35 → 72. Regulator and affected users are open (not yet due), so there is nothing to move.
    const client = item(analysis, 'notify:client');
    expect(client.outcome!.dimensions.communication).toBe(55);
    expect(client.outcome!.overall).toBe(72);
    expect(analysis.items.map((x) => x.id).filter((x) => x.startsWith('notify:'))).toEqual(['notify:client']);
    // harm never changes with a message
    expect(client.outcome!.harm['wrongful-denials']).toBeCloseTo(118, 9);
  });

  it('the biggest lever prevents the most harm without lowering the score: the pipeline fix, not the earlier manual review', () => {
    expect(biggestLever(analysis)!.id).toBe('swap:fix-data-pipeline');
  });
});

describe('what-ifs with a containment that needs a finding first', () => {
  // The same team without the feature-drift report: the pipeline fix (requiresFinding:
  // feature-drift-report, 30m) cannot be decided at 16:50, so the what-if starts the report then
  // and fixes at 17:20, in effect 18:05 = fault age 9h35m → 115·575/690 = 95.83 → 96.
  const team = biasTeam();
  const entries = team.journal.entries.filter((e) => e.input.type !== 'INVESTIGATE').map((e, i) => ({ ...e, seq: i + 1 }));
  const card = scoreRun(team.scenario, 1, entries);
  const analysis = whatIfs(team.scenario, 1, entries, card);

  it('starts the investigation at the swap moment and contains when its finding comes in', () => {
    const w = item(analysis, 'swap:fix-data-pipeline');
    expect(w.error).toBeUndefined();
    expect(w.outcome!.harm['wrongful-denials']).toBeCloseTo((115 * 575) / 690, 9);
    const edited = w.entries.filter((e) => e.input.type === 'INVESTIGATE' || e.input.type === 'CONTAIN').map((e) => [e.t, e.input.type]);
    expect(edited).toEqual([
      [7 * HOUR + 50 * MIN, 'CONTAIN'],
      [8 * HOUR + 50 * MIN, 'INVESTIGATE'],
      [9 * HOUR + 20 * MIN, 'CONTAIN'],
    ]);
    expect(w.sentence).toMatch(
      /^Running a feature-drift report \(PSI per input feature, before vs after Monday\) at 16:50 and then fixing the defect in the applicant-feature pipeline and redeploying at 17:20, when its finding came in, instead of routing declines .* would have prevented 22 of the 118 applications wrongly declined \(96 instead of 118\)/,
    );
  });
});
