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
    // first response). Triage at 80m is 20m after the first real signal (> 15m): 0.4·89 + 60 = 95.6 → 96. Containment:
    // MTTC 10m → 40; avoided ((900−16.67)/900 + 1)/2 → 44.58; no costs → 15; rollback-model −15
    // → 85. Communication: client due 3h, sent 4h → late as before → 23. Documentation: the first
    // change is now at 60m, before the logs (88m) → 0 + 13.3 → 13.
    // Overall (100·20 + 96·15 + 85·25 + 100·10 + 23·20 + 13·10)/100 = 71.55. The played run now scores
    // 67, not 68 (time to triage and MTTC run from the first real signal: see key-times.test.ts).
    // Refigured for #17's later rules: a harmful containment (rollback-model) costs 30 containment
    // points, not 15, and status updates are owed until every fault is contained for good (at least one
    // interval of the real severity), whenever the exercise ends. The played run now scores 65.
    // Containment 85 − 15 = 70; contained at 70m, so the cadence runs to 3h (two hourly intervals after
    // the 60m alert): gaps 10m, 50m and 60m → 40, communication 22.8 + 40 → 63. Overall
    // (100·20 + 96·15 + 70·25 + 100·10 + 63·20 + 13·10)/100 = 75.8 → 76. Detected at the alert, so
    // the cadence window counted from detection (#17) ends there too; the played run now scores 64
    // (its window ends 10m later: see key-times.test.ts).
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(50 / 3, 9);
    expect(w.outcome!.harm.leaks).toBe(0);
    expect(w.outcome!.overall).toBe(76);
    expect(w.outcome!.dimensions).toMatchObject({ triage: 96, containment: 70, communication: 63, documentation: 13 });
    expect(w.sentence).toBe(
      'Rolling back the prompt at 10:00, when the first signal arrived, instead of at 12:30, would have prevented 250 of the 267 bad answers (17 instead of 267) and prevented 2 of the 2 leaks (0 instead of 2); it would have raised the overall score from 64 to 76.',
    );
    expect(w.entries.map((e) => e.seq)).toEqual(w.entries.map((_, i) => i + 1));
  });

  it('(b) swaps the rollback for the kill switch at the same moment', () => {
    // kill-switch at 3h30m, in effect at once: bad answers for 2h30m = 250; leaks at 1h30m and 3h
    // still happen → 2. MTTC from the first real signal (60m, definition mttc) 150m →
    // 100·(1 − 90/180) = 50 → 20; avoided ((900−250)/900 + 1/3)/2 → 23.75. Nothing fixes the cause,
    // so the kill switch stays on to the 10h horizon: $1,000/h for 6h30m = $6,500, against the best
    // response's costs (the rubric's prompt rollback: $0, definition containment_value) twice them
    // or more → 0. 20 + 23.75 + 0 − 15 = 28.75 → 29. Overall 66.55 − 12·0.25 = 63.55 → 64: a lower score.
    // Refigured for #17's later rules: a harmful containment (rollback-model) costs 30 containment
    // points, not 15, and status updates are owed until every fault is contained for good (at least one
    // interval of the real severity), whenever the exercise ends. The played run now scores 65.
    // Containment 29 − 15 = 14; overall 64 (the cadence, contained at 3h30m, moves too).
    // #17 (cadence window counted from detection, 10m after the alert): the window ends at 3h40m, the
    // last gap 2h→3h40m is 100m → 1.67× → 13.3 (was 20 to 3h30m): communication 22.8 + 13.3 → 36,
    // overall 62; the played run now scores 64.
    const w = item(analysis, 'swap:kill-switch');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(250, 9);
    expect(w.outcome!.dimensions.containment).toBe(14);
    expect(w.outcome!.dimensions.communication).toBe(36);
    expect(w.outcome!.overall).toBe(62);
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(6500, 6);
    expect(w.sentence).toBe(
      'Choosing “Kill switch” at 12:30 instead of rolling back the prompt would have prevented 17 of the 267 bad answers (250 instead of 267) and left the 2 leaks unchanged; it would have lowered the overall score from 64 to 62, and containment would have cost $6,500 in lost revenue instead of $0.',
    );
  });

  it('(c) sends the late client notification just before its deadline, with the same elements', () => {
    // Due 60m (the first real signal, definition notification) + 2h = 3h (12:00); the same message
    // (2 of 5 elements) at 2h59m instead of 4h → met: 0.6 + 0.4·0.4 = 0.76 → 45.6 → 46.
    // Overall 66.55 + 23·0.20 = 71.15 → 71.
    // Refigured for #17's later rules: a harmful containment (rollback-model) costs 30 containment
    // points, not 15, and status updates are owed until every fault is contained for good (at least one
    // interval of the real severity), whenever the exercise ends. The played run now scores 65.
    // Communication 45.6 + the cadence's 13.3 (see key-times.test.ts) → 59; overall 65.4 + 23·0.2 → 70.
    // #17 (cadence window counted from detection): the cadence's share is now 6.7 (key-times.test.ts),
    // communication 45.6 + 6.7 → 52; overall 64 + 23·0.2 = 68.6 → 69.
    const w = item(analysis, 'notify:client');
    expect(w.outcome!.dimensions.communication).toBe(52);
    expect(w.outcome!.overall).toBe(69);
    expect(w.sentence).toBe(
      'Notifying the client at 11:59, just before the 2h deadline (12:00), instead of at 13:00, would have raised the communication score from 29 to 52 and the overall score from 64 to 69.',
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

  it('(a) manual review from the first signal (the 15:32 fairness warning)', () => {
    // The 08:36 change ticket shows no fault (inject `shows`, definition real_signal): the first real
    // signal is the fairness monitor's warning at 15:32 (7h32m: the 24h rolling ratio passes 0.80).
    // In effect 16:32 = fault age 482m: 115·482/690 + 0.1·(340 − 80.33) = 80.33 + 25.97 = 106.3 → 106.
    // Manual review is never lifted (nothing fixes the cause): $2,400/h from 16:32 to the 52h30m
    // horizon (43h58m) = $105,520.
    expect(denials('first-signal')).toBeCloseTo(106.3, 9);
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(105520, 6);
    // Detected at 15:32 now; triage at 16:02 is 30m after the first real signal as before → 100;
    // containment 64; the first change now comes before the evidence → documentation 20. Overall
    // (100·20 + 100·10 + 64·25 + 73·20 + 21·15 + 20·10) / 100 = 65.75 → 66 (from 65).
    // Refigured for #17's later rules: a harmful containment (rollback-model) costs 30 containment
    // points, not 15, and status updates are owed until every fault is contained for good (at least one
    // interval of the real severity), whenever the exercise ends. The played run now scores 61.
    // Containment 64 − 15 = 49; contained at 16:32, the cadence now runs to 17:32 (two hourly
    // intervals after 15:32, definition cadence). Overall 67.
    expect(w.outcome!.overall).toBe(67);
    expect(w.sentence).toMatch(
      /^Routing declines for applicants aged 21-25 with thin files to manual underwriting at 15:32, when the first signal arrived, instead of at 17:37, would have prevented 19 of the 125 applications wrongly declined \(106 instead of 125\)/,
    );
  });

  it('(b) each other acceptable containment at 17:37', () => {
    // fix-data-pipeline: in effect 18:22 (fault age 592m) → 115·592/690 = 98.67, then 0.
    expect(denials('swap:fix-data-pipeline')).toBeCloseTo((115 * 592) / 690, 9);
    // kill switch: in effect 17:52 (562m) → 93.67; $38,000/h from 17:52 to the horizon (42h38m).
    expect(denials('swap:pause-auto-decisions')).toBeCloseTo((115 * 562) / 690, 9);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.costs.revenueLost).toBeCloseTo(38000 * (52.5 - 9 - 52 / 60), 6);
    // legacy scorecard: in effect 19:37 (667m) at factor 0.2: 111.17 + 0.2·228.83 = 156.93.
    expect(denials('swap:legacy-scorecard')).toBeCloseTo((115 * 667) / 690 + 0.2 * (340 - (115 * 667) / 690), 9);
    // (The figures below were worked out when the warning came at 14:45 and the team acted at 16:50;
    // the 24h rolling window moved both 47 minutes later, which leaves every interval, and so every
    // score, as it was.)
    // Played run: 65. MTTC runs from the first real signal at 14:45 (definition mttc) and costs are
    // judged against the best response's $0 (the pipeline fix, definition containment_value), so
    // every paid containment earns no cost points. Fix: MTTC 2h50m → 34.4, avoided 0.906 → 40.8,
    // costs 15, −15 → 75 → overall 70. Kill switch: MTTC 2h20m → 37.8, avoided 0.924 → 41.6,
    // costs 0, −15 → 64 → 67. Legacy: MTTC 4h05m → 26.1, avoided 0.688 → 31, costs 0, −15 → 42 → 62.
    // Refigured for #17's later rules: a harmful containment (rollback-model) costs 30 containment
    // points, not 15, and status updates are owed until every fault is contained for good (at least one
    // interval of the real severity), whenever the exercise ends. The played run now scores 61.
    // Each containment 15 lower (the harmful rollback-model costs 30); the kill switch's earlier
    // containment also ends the cadence's window sooner (communication 38): legacy 58, fix 66, kill switch 66.
    // #17 (cadence window counted from detection, 20m after the 14:45 warning): the kill switch's
    // window ends at 17:25, not 17:05, so the gap from the 15:30 update is 1h55m → 1.92× → 3.3
    // (was 16.7): communication 21.3 + 3.3 → 25, overall 66 − 13·0.15 → 64.
    expect(item(analysis, 'swap:legacy-scorecard').outcome!.overall).toBe(58);
    expect(item(analysis, 'swap:fix-data-pipeline').outcome!.overall).toBe(66);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.dimensions.communication).toBe(25);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.overall).toBe(64);
    expect(item(analysis, 'swap:fix-data-pipeline').sentence).toBe(
      'Fixing the defect in the applicant-feature pipeline and redeploying at 17:37 instead of routing declines for applicants aged 21-25 with thin files to manual underwriting would have prevented 26 of the 125 applications wrongly declined (99 instead of 125); it would have raised the overall score from 61 to 66, and containment would have cost $0 in lost revenue instead of $100,520.',
    );
    // age-cutoff-override is not acceptable, rollback-model and manual review were used.
    expect(analysis.items.filter((x) => x.kind === 'other-containment').map((x) => x.id)).toEqual([
      'swap:fix-data-pipeline',
      'swap:pause-auto-decisions',
      'swap:legacy-scorecard',
    ]);
  });

  it('(c) only late or missed notifications are moved; a regulator or users notice not yet due without a plan is missed', () => {
    // client: due 11h32m (19:32, from the first real signal), the same 3-of-5 message at 19:31 → met
    // 0.6 + 0.4·0.6 = 0.84; with the internal update (1) and the regulator and users missed:
    // 60·(1 + 0.84 + 0 + 0)/4 = 27.6 → 28 (cadence still 0). Overall 64.75 + 7·0.15 = 65.8 → 66.
    // Regulator and affected users were not yet due, but no dated plan was recorded, so they count
    // as missed (definition open_obligation) and are moved too, then all three together.
    const client = item(analysis, 'notify:client');
    // Refigured for #17 (harmful containment −30): overall 61 + 7·0.15 = 62.05 → 62.
    expect(client.outcome!.dimensions.communication).toBe(28);
    expect(client.outcome!.overall).toBe(62);
    expect(analysis.items.map((x) => x.id).filter((x) => x.startsWith('notify:'))).toEqual([
      'notify:client',
      'notify:regulator',
      'notify:affected_users',
      'notify:all',
    ]);
    // harm never changes with a message
    expect(client.outcome!.harm['wrongful-denials']).toBeCloseTo(125.05, 9);
  });

  it('the biggest lever prevents the most harm without lowering the score: the kill switch, not the earlier manual review', () => {
    // The kill switch (94) prevents more than the pipeline fix (99) and no longer lowers the score
    // (67 vs 65): against the best response's $0 costs, manual review earns no cost points either
    // (definition containment_value), so its $1.6M is no longer what sets it apart.
    expect(biggestLever(analysis)!.id).toBe('swap:pause-auto-decisions');
  });
});

describe('what-ifs with a containment that needs a finding first', () => {
  // The same team without the feature-drift report: the pipeline fix (requiresFinding:
  // feature-drift-report, 30m) cannot be decided at 17:37, so the what-if starts the report then
  // and fixes at 18:07, in effect 18:52 = fault age 10h22m → 115·622/690 = 103.67 → 104.
  const team = biasTeam();
  const entries = team.journal.entries.filter((e) => e.input.type !== 'INVESTIGATE').map((e, i) => ({ ...e, seq: i + 1 }));
  const card = scoreRun(team.scenario, 1, entries);
  const analysis = whatIfs(team.scenario, 1, entries, card);

  it('starts the investigation at the swap moment and contains when its finding comes in', () => {
    const w = item(analysis, 'swap:fix-data-pipeline');
    expect(w.error).toBeUndefined();
    expect(w.outcome!.harm['wrongful-denials']).toBeCloseTo((115 * 622) / 690, 9);
    const edited = w.entries.filter((e) => e.input.type === 'INVESTIGATE' || e.input.type === 'CONTAIN').map((e) => [e.t, e.input.type]);
    expect(edited).toEqual([
      [8 * HOUR + 37 * MIN, 'CONTAIN'],
      [9 * HOUR + 37 * MIN, 'INVESTIGATE'],
      [10 * HOUR + 7 * MIN, 'CONTAIN'],
    ]);
    expect(w.sentence).toMatch(
      /^Running a feature-drift report \(PSI per input feature, before vs after Monday\) at 17:37 and then fixing the defect in the applicant-feature pipeline and redeploying at 18:07, when its finding came in, instead of routing declines .* would have prevented 21 of the 125 applications wrongly declined \(104 instead of 125\)/,
    );
  });
});
