import { scoreRun } from '../../../shared/scoring/score-card.ts';
import { whatIfs } from '../../../shared/debrief/what-if.ts';
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
    // = 16.67 → 17, no leak (the first is at 1h30m). Declared at 60m now (the containment is the
    // first response). Triage at 80m is 20m after declaring (> 15m): 40·0.89 + 60 = 95.6 → 96.
    // Containment: MTTC 10m → 100, reduction 1 → 40 + 30 + 30 − 15 = 85. Communication: client due
    // 3h, sent 4h → 40 as before. Documentation: the first change is now at 60m, before the logs
    // (88m) → 0 + 13.3 → 13. Overall (100·20 + 96·15 + 85·25 + 100·10 + 40·20 + 13·10)/100 = 74.95.
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(50 / 3, 9);
    expect(w.outcome!.harm.leaks).toBe(0);
    expect(w.outcome!.overall).toBe(75);
    expect(w.outcome!.dimensions).toMatchObject({ triage: 96, containment: 85, documentation: 13 });
    expect(w.sentence).toBe(
      'Rolling back the prompt at 10:00, when the first signal arrived, instead of at 12:30, would have prevented 250 of the 267 bad answers (17 instead of 267) and prevented 2 of the 2 leaks (0 instead of 2); it would have raised the overall score from 73 to 75.',
    );
    expect(w.entries.map((e) => e.seq)).toEqual(w.entries.map((_, i) => i + 1));
  });

  it('(b) swaps the rollback for the kill switch at the same moment', () => {
    // kill-switch at 3h30m, in effect at once: bad answers for 2h30m = 250; leaks at 1h30m and 3h
    // still happen → 2. MTTC 140m → 100·(1 − 80/180) = 55.6 → 56; reduction ((900−250)/883.33 +
    // 1/3)/2 = 0.53459 → 16.04; 0.4·56 + 30 + 16.04 − 15 = 53.4 → 53. Overall 73.05 + 2·0.25 = 73.55
    // → 74. The kill switch costs $1,000/h from 3h30m to the 5h resolve = $1,500.
    const w = item(analysis, 'swap:kill-switch');
    expect(w.outcome!.harm['bad-answers']).toBeCloseTo(250, 9);
    expect(w.outcome!.dimensions.containment).toBe(53);
    expect(w.outcome!.overall).toBe(74);
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(1500, 6);
    expect(w.sentence).toBe(
      'Choosing “Kill switch” at 12:30 instead of rolling back the prompt would have prevented 17 of the 267 bad answers (250 instead of 267) and left the 2 leaks unchanged; it would have raised the overall score from 73 to 74, and containment would have cost $1,500 in lost revenue instead of $0.',
    );
  });

  it('(c) sends the late client notification just before its deadline', () => {
    // Due 70m + 2h = 3h10m (12:10); sent at 3h09m instead of 4h → notifications met: 60 + 10 = 70.
    // Overall 73.05 + 30·0.20 = 79.05 → 79.
    const w = item(analysis, 'notify:client');
    expect(w.outcome!.dimensions.communication).toBe(70);
    expect(w.outcome!.overall).toBe(79);
    expect(w.sentence).toBe(
      'Notifying the client at 12:09, just before the 2h deadline (12:10), instead of at 13:00, would have raised the communication score from 40 to 70 and the overall score from 73 to 79.',
    );
    expect(analysis.items.some((x) => x.id === 'notify:all')).toBe(false);
  });
});

describe('silent-bias-drift what-ifs', () => {
  const { analysis } = analyse(biasTeam());
  const denials = (id: string) => item(analysis, id).outcome!.harm['wrongful-denials']!;

  it('(a) manual review from the first signal (the 08:36 change ticket)', () => {
    // In effect 09:36 = fault age 66m: 115·66/690 + 0.1·(340 − 11) = 11 + 32.9 = 43.9 → 44.
    // Manual review costs $2,400/h from 09:36 to 21:20 (11h44m) = $28,160.
    expect(denials('first-signal')).toBeCloseTo(43.9, 9);
    const w = item(analysis, 'first-signal');
    expect(w.outcome!.costs.revenueLost).toBeCloseTo(28160, 6);
    // Declared at 08:36 now: triage 6h39m later → 60; containment: MTTC 1h ≤ 2h → 100, reduction
    // (340−43.9)/(340−13.5) → 27.2 → 82.2 → 82; communication: internal and client both late, 13 status
    // windows with one covered → 18; documentation: the first change precedes all evidence → 20.
    // Overall (2000 + 600 + 2050 + 1460 + 270 + 200)/100 = 65.8 → 66.
    expect(w.outcome!.overall).toBe(66);
    expect(w.sentence).toMatch(
      /^Routing declines for applicants aged 21-25 with thin files to manual underwriting at 08:36, when the first signal arrived, instead of at 16:50, would have prevented 74 of the 118 applications wrongly declined \(44 instead of 118\)/,
    );
  });

  it('(b) each other acceptable containment at 16:50', () => {
    // fix-data-pipeline: in effect 17:35 (fault age 545m) → 115·545/690 = 90.83, then 0.
    expect(denials('swap:fix-data-pipeline')).toBeCloseTo((115 * 545) / 690, 9);
    // kill switch: in effect 17:05 (515m) → 85.83; $38,000/h for 4h15m = $161,500.
    expect(denials('swap:pause-auto-decisions')).toBeCloseTo((115 * 515) / 690, 9);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.costs.revenueLost).toBeCloseTo(161500, 6);
    // legacy scorecard: in effect 18:50 (620m) at factor 0.2: 103.33 + 0.2·236.67 = 150.67.
    expect(denials('swap:legacy-scorecard')).toBeCloseTo(103 + 1 / 3 + 0.2 * (340 - 103 - 1 / 3), 9);
    // Scores (base 70.05, containment 71 at weight 25; best achievable 13.5):
    //   legacy: MTTC 3h45m → 100·(1 − 105/360) = 70.8 → 71; reduction 189.33/326.5 → 17.40;
    //     28.4 + 30 + 17.40 − 15 = 60.8 → 61 → 70.05 − 10·0.25 = 67.55 → 68.
    //   fix (its finding was in at 7h45m): MTTC 2h30m → 91.7 → 92; reduction 249.17/326.5 → 22.89;
    //     36.8 + 30 + 22.89 − 15 = 74.7 → 75 → 70.05 + 1 = 71.05 → 71.
    //   kill switch: MTTC 2h → 100; reduction 254.17/326.5 → 23.35; 78.35 → 78 → 71.8 → 72.
    expect(item(analysis, 'swap:legacy-scorecard').outcome!.overall).toBe(68);
    expect(item(analysis, 'swap:fix-data-pipeline').outcome!.overall).toBe(71);
    expect(item(analysis, 'swap:pause-auto-decisions').outcome!.overall).toBe(72);
    expect(item(analysis, 'swap:fix-data-pipeline').sentence).toBe(
      'Fixing the defect in the applicant-feature pipeline and redeploying at 16:50 instead of routing declines for applicants aged 21-25 with thin files to manual underwriting would have prevented 27 of the 118 applications wrongly declined (91 instead of 118); it would have raised the overall score from 70 to 71, and containment would have cost $0 in lost revenue instead of $8,400.',
    );
    // age-cutoff-override is not acceptable, rollback-model and manual review were used.
    expect(analysis.items.filter((x) => x.kind === 'other-containment').map((x) => x.id)).toEqual([
      'swap:fix-data-pipeline',
      'swap:pause-auto-decisions',
      'swap:legacy-scorecard',
    ]);
  });

  it('(c) notifications on time, one by one and all together', () => {
    // client: due 11h05m (19:05), sent 19:04: notifications (1 + 1 + 0 + 0)/4 → 30 + 5.7 → 36;
    // overall 70.05 + 8·0.15 = 71.25 → 71.
    expect(item(analysis, 'notify:client').outcome!.dimensions.communication).toBe(36);
    expect(item(analysis, 'notify:client').outcome!.overall).toBe(71);
    // regulator: due Thu 15:05, after the 21:20 resolve → sent at 21:20, before the RESOLVE.
    const reg = item(analysis, 'notify:regulator');
    const sent = reg.entries.find((e) => e.input.type === 'COMMUNICATE' && e.input.audience === 'regulator')!;
    expect(sent.t).toBe(13 * HOUR + 20 * MIN);
    expect(reg.entries.at(-1)!.input.type).toBe('RESOLVE');
    expect(reg.outcome!.dimensions.communication).toBe(43);
    // (1 + 0.5 + 1 + 0)/4 → 37.5 + 5.7 = 43.2 → 43; overall 70.05 + 15·0.15 = 72.3 → 72.
    expect(reg.outcome!.overall).toBe(72);
    expect(reg.sentence).toBe(
      'Notifying the regulator at 21:20, before the exercise ended (the 3d deadline was Thu 15:05), instead of never, would have raised the communication score from 28 to 43 and the overall score from 70 to 72.',
    );
    // all three: 60 + 5.7 = 65.7 → 66; overall 70.05 + 38·0.15 = 75.75 → 76.
    expect(item(analysis, 'notify:all').outcome!.dimensions.communication).toBe(66);
    expect(item(analysis, 'notify:all').outcome!.overall).toBe(76);
    // harm never changes with a message
    expect(denials('notify:all')).toBeCloseTo(118, 9);
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
