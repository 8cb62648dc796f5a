/**
 * One regression test per defect listed in issue #9, each on a built-in scenario with figures
 * worked out from its YAML. Times are relative to the scenario's first real signal (fs).
 */
import { loadFile } from '../../helpers.ts';
import { aggregate, toRow } from '../../../shared/history/metrics.ts';
import { outcomeOf, type ScoreCard } from '../../../shared/scoring/score-card.ts';
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { biggestLever, whatIfs } from '../../../shared/debrief/what-if.ts';
import { suggestedPlan } from '../../../shared/debrief/strengths.ts';
import { complete, everything, firstSignal, HOUR, loadCase, MIN, play, playTeamFile, type Step } from './scripted.ts';

const pricing = loadFile('scenarios/stale-pricing-data.yaml').scenario;
const bias = loadFile('scenarios/silent-bias-drift.yaml').scenario;
const leak = loadFile('scenarios/provider-update-leakage.yaml').scenario;
const dim = (card: ScoreCard, d: string) => card.dimensions.find((x) => x.dimension === d)!;
const declare = (t: number, sev = 1, type: 'data_integration' | 'bias_fairness' = 'data_integration'): Step[] => [
  [t, { type: 'ACKNOWLEDGE' }],
  [t, { type: 'TRIAGE', severity: sev, incidentType: type }],
];

describe('detection', () => {
  const fs = firstSignal(pricing);
  it('the first real signal ignores red herrings and anything before the fault (stale pricing: the bookings surge at ~T+1h32m)', () => {
    expect(fs).toBeGreaterThan(pricing.faults[0]!.startsAt);
    expect(fs).toBe(92 * MIN);
  });

  it('declaring before the fault is a false alarm, not "0m after the fault began"', () => {
    const { card } = play(pricing, [[0, { type: 'ACKNOWLEDGE' }]]);
    expect(card.mttd).toBeNull();
    expect(card.falseAlarms).toEqual([{ t: 0, kind: 'declare' }]);
    expect(dim(card, 'detection').score).toBe(0);
    expect(dim(card, 'detection').reason).toMatch(/false alarm/);
  });

  it('a declaration after the fault but before the first real signal does not give MTTD 0', () => {
    const { card } = play(pricing, [
      [pricing.faults[0]!.startsAt, { type: 'ACKNOWLEDGE' }],
      [fs + 10 * MIN, { type: 'TRIAGE', severity: 1, incidentType: 'data_integration' }],
    ]);
    expect(card.mttd).toBe(fs + 10 * MIN - pricing.faults[0]!.startsAt);
    expect(card.falseAlarms.map((x) => x.kind)).toEqual(['declare']);
    expect(dim(card, 'detection').verdict.status).toBe('missed');
  });

  it('RESOLVE and INVESTIGATE are not detection', () => {
    expect(play(pricing, [[fs, { type: 'INVESTIGATE', investigationId: 'check-inventory-feed' }]]).card.mttd).toBeNull();
    expect(play(pricing, [[fs, { type: 'RESOLVE' }]]).card.mttd).toBeNull();
  });

  it('the T+0 team (everything the file gives away) scores far below the textbook team', () => {
    const steps = everything(pricing, 0);
    const t0 = play(pricing, [...steps, [Math.max(...steps.map((x) => x[0])) + MIN, { type: 'RESOLVE' }]]).card;
    expect(t0.overall).toBeLessThan(20);
    expect(playTeamFile('stale-pricing-data', 'textbook').card.overall).toBeGreaterThanOrEqual(95);
  });
});

describe('information gating', () => {
  it('a finding completed before the fault shows nothing and earns nothing; a root cause declared before any signal is a guess', () => {
    const { card } = play(pricing, [
      [0, { type: 'INVESTIGATE', investigationId: 'check-inventory-feed' }],
      [0, { type: 'INVESTIGATE', investigationId: 'identify-affected-routes' }],
      [30 * MIN, { type: 'DECLARE_ROOT_CAUSE', rootCauseId: 'stale-inventory-snapshot' }],
    ]);
    const inv = dim(card, 'investigation');
    expect(inv.score).toBe(0);
    expect(inv.reason).toMatch(/2 started before the first real signal or completed before the fault: no credit/);
    expect(inv.reason).toMatch(/a guess, no credit/);
  });

  it('containments before the first real signal earn no credit but pay their costs', () => {
    const fs = firstSignal(pricing);
    const { card } = play(pricing, [[10 * MIN, { type: 'CONTAIN', containmentId: 'stop-all-sales' }], ...declare(fs + 5 * MIN)]);
    expect(card.containment.beforeSignal).toEqual(['stop-all-sales']);
    expect(dim(card, 'containment').score).toBe(0);
    // The kill switch was in effect from 00:15 to the horizon (8h): 7h45m at $180,000 an hour.
    expect(card.harm.costs.revenueLost).toBeCloseTo(180_000 * 7.75, 6);
    expect(card.harm.credited['mispriced-tickets']).toBeCloseTo(card.harm.doNothing['mispriced-tickets']!, 6);
  });

  it('an investigation before any signal does not turn a later containment it unlocked into a detection (found by the fast-check property)', () => {
    // The property "adding an action before the first real signal never raises the score" failed
    // with this team: routes can be closed only after identifying them, so the containment at the
    // first signal was refused, unless the team had investigated at T+22m, before anything showed.
    const caseWith = loadCase('stale-pricing-data@partner-cache').scenario;
    const fs = firstSignal(caseWith);
    const team: Step[] = [
      [fs, { type: 'CONTAIN', containmentId: 'disable-affected-routes' }],
      [fs + MIN, { type: 'RESOLVE' }],
    ];
    const base = play(caseWith, team).card;
    const early = play(caseWith, [[22 * MIN, { type: 'INVESTIGATE', investigationId: 'identify-affected-routes' }], ...team]);
    expect(early.entries.some((e) => e.input.type === 'CONTAIN')).toBe(true); // the engine took it
    expect(early.card.overall).toBeLessThanOrEqual(base.overall);
    expect(dim(early.card, 'detection').score).toBe(0);
    expect(early.card.mttd).toBeNull();
  });
});

describe('triage', () => {
  const fs = firstSignal(bias);
  it('Severity 4 at once and Severity 2 ten hours later is not "met": time and correctness come from the same, initial, triage', () => {
    const { card } = play(bias, [
      [fs + 6 * HOUR, { type: 'ACKNOWLEDGE' }],
      [fs + 6 * HOUR, { type: 'TRIAGE', severity: 4, incidentType: 'bias_fairness' }],
      [fs + 16 * HOUR, { type: 'TRIAGE', severity: 2, incidentType: 'bias_fairness' }],
    ]);
    const t = dim(card, 'triage');
    // Time to triage runs from the first real signal (#17.5): 6h is over the 30m target, the first criterion to fail.
    expect(t.verdict).toEqual({ status: 'missed', code: 'triage.over_target' });
    expect(card.severity).toMatchObject({ declared: 4, final: 2, correct: false });
    // Time to triage runs from the first real signal (issue #17.5): 6h against 30m earns no time
    // points; 0 (Severity 4 for 2) + 30 (type), then a late correction earns back a quarter of 30.
    expect(t.score).toBe(38);
    expect(t.reason).toMatch(/late correction/);
  });

  it('a timely escalation earns back half; a correct answer changed to a wrong one loses points', () => {
    const esc = play(bias, [...declare(fs, 3, 'bias_fairness'), [fs + 20 * MIN, { type: 'TRIAGE', severity: 2, incidentType: 'bias_fairness' }]]).card;
    expect(dim(esc, 'triage').score).toBe(40 + 15 + 30 + 8); // 7.5 rounds up with the rest
    const worse = play(bias, [...declare(fs, 2, 'bias_fairness'), [fs + 20 * MIN, { type: 'TRIAGE', severity: 4, incidentType: 'bias_fairness' }]]).card;
    expect(dim(worse, 'triage').score).toBe(100 - 15);
    expect(dim(worse, 'triage').verdict.status).toBe('missed');
  });
});

describe('status cadence', () => {
  const fs = firstSignal(pricing);
  it('no status update at all is not perfect', () => {
    const { card } = play(pricing, [...declare(fs), [fs + 1, { type: 'RESOLVE' }]]);
    expect(card.cadence.share).toBe(0);
  });

  it('a gap of nearly twice the interval is judged as such (fixed windows passed it)', () => {
    const upd = (t: number): Step => [t, complete('internal')];
    // Updates are owed until the incident is contained for good (definition cadence): contain late enough to judge the gap.
    const kill: Step = [fs + 58 * MIN, { type: 'CONTAIN', containmentId: 'stop-all-sales' }];
    const { card } = play(pricing, [...declare(fs), kill, upd(fs + MIN), upd(fs + 59 * MIN), [fs + 60 * MIN, { type: 'RESOLVE' }]]);
    expect(card.cadence.largestGap).toBe(58 * MIN);
    expect(card.cadence.share).toBeCloseTo(2 - 58 / 30, 9);
  });

  it('uses the interval of the real severity: downgrading is not free (issue #17.3)', () => {
    const upd = (t: number): Step => [t, complete('internal')];
    // Contained after the updates: status updates are owed until then (definition cadence).
    const kill: Step = [fs + 100 * MIN, { type: 'CONTAIN', containmentId: 'stop-all-sales' }];
    // Declared Severity 2 (hourly updates) in a Severity 1 scenario: hourly updates miss the 30-minute cadence.
    const down = play(pricing, [...declare(fs, 2), kill, upd(fs + 30 * MIN), upd(fs + 90 * MIN), [fs + 120 * MIN, { type: 'RESOLVE' }]]).card;
    expect(down.cadence.interval).toBe(30 * MIN);
    expect(down.cadence.share).toBe(0);
    const right = play(pricing, [...declare(fs, 1), kill, upd(fs + 30 * MIN), upd(fs + 90 * MIN), [fs + 120 * MIN, { type: 'RESOLVE' }]]).card;
    expect(down.overall).toBeLessThanOrEqual(right.overall);
  });

  it('over-declaring does not tighten the cadence, so downgrading a wrong Severity 1 never pays (random property counterexample, seed -1698641907)', () => {
    // recommender-3am is Severity 2 (2h updates). The team declared Severity 1 at T+2h30m, sent one
    // update at T+2h47m and resolved a minute later. Under "the higher of declared and real" its
    // cadence was judged against Severity 1's 30 minutes (share 0), and downgrading the triage to
    // Severity 4 for a while relaxed it to Severity 2's 2 hours: triage lost 15, communication
    // gained 16, the overall rose 14 -> 15. What is owed follows the real severity only.
    const { scenario: rec } = loadCase('recommender-3am');
    const upd: Step = [
      10_020_000,
      {
        type: 'COMMUNICATE',
        audience: 'internal',
        message: 'Structured notification',
        elements: { impact: 'impact stated in full', next_update: 'next update stated in full' },
      },
    ];
    const triage = { type: 'TRIAGE', severity: 1, incidentType: 'performance_degradation' } as const;
    const team: Step[] = [
      upd,
      [9_000_000, triage],
      [4_620_000, { type: 'PRESERVE_EVIDENCE', evidenceId: 'snapshot-features' }],
      [10_080_000, { type: 'RESOLVE' }],
    ];
    const down: Step[] = [...team.map((x): Step => (x[1] === triage ? [x[0], { ...triage, severity: 4 }] : x)), [9_000_000 + 18 * MIN, triage]];
    const base = play(rec, team).card;
    const lower = play(rec, down).card;
    expect(base.cadence.interval).toBe(2 * HOUR);
    expect(lower.cadence.interval).toBe(2 * HOUR);
    expect(lower.overall).toBeLessThanOrEqual(base.overall);
  });

  it("a partial notice then a complete one the same minute is judged on the complete one: dropping the partial one's only element never pays (random property counterexample, seed 1427512475)", () => {
    const { scenario: doc } = loadCase('poisoned-shared-document');
    const regulator = (elements: Record<string, string>): Step => [
      2_040_000,
      { type: 'COMMUNICATE', audience: 'regulator', message: 'Structured notification', elements },
    ];
    const full = complete('regulator') as Extract<Step[1], { type: 'COMMUNICATE' }>;
    const team = (first: Record<string, string>): Step[] => [
      regulator(first),
      regulator(full.elements!),
      [2_040_000, { type: 'TRIAGE', severity: 1, incidentType: 'performance_degradation' }],
      [2_100_000, { type: 'RESOLVE' }],
    ];
    const partialFirst = play(doc, team({ measures_taken: 'measures taken stated in full' })).card;
    const emptyFirst = play(doc, team({})).card;
    expect(emptyFirst.overall).toBeLessThanOrEqual(partialFirst.overall);
    const reg = partialFirst.notifications.find((n) => n.audience === 'regulator')!;
    expect(reg.content).toBe(1);
  });

  it('resolving before the incident is contained does not end the updates owed (issue #17.1)', () => {
    const upd = (t: number): Step => [t, complete('internal')];
    const { card } = play(pricing, [...declare(fs), upd(fs + MIN), [fs + 20 * MIN, { type: 'RESOLVE' }]]);
    expect(card.cadence.largestGap).toBe(8 * HOUR - fs - MIN);
    expect(card.cadence.share).toBe(0);
  });

  it('120 one-minute "ping" updates count for nothing', () => {
    const pings = Array.from({ length: 120 }, (_, i): Step => [fs + (i + 1) * MIN, { type: 'COMMUNICATE', audience: 'internal', message: 'ping' }]);
    const { card } = play(pricing, [...declare(fs), ...pings, [fs + 121 * MIN, { type: 'RESOLVE' }]]);
    expect(card.cadence.updates).toBe(0);
    expect(card.notifications.find((n) => n.audience === 'internal')!.status).toBe('missed');
  });
});

describe('containment', () => {
  const fs = firstSignal(pricing);
  it('applying every containment at once no longer scores 100: the costs are weighed', () => {
    const { card } = play(
      pricing,
      everything(pricing, fs).filter(([, i]) => ['ACKNOWLEDGE', 'TRIAGE', 'CONTAIN', 'INVESTIGATE'].includes(i.type)),
    );
    expect(dim(card, 'containment').score).toBeLessThan(90);
    expect(card.harm.costs.revenueLost).toBeGreaterThan(798_000);
    expect(dim(card, 'containment').reason).toMatch(/Costs incurred: \$[\d,]+ in lost revenue/);
  });

  it('costs run on to the horizon when the team resolves without fixing the cause', () => {
    const { card } = play(pricing, [...declare(fs), [fs, { type: 'CONTAIN', containmentId: 'stop-all-sales' }], [fs + 30 * MIN, { type: 'RESOLVE' }]]);
    // In effect from fs + 5m to the horizon (8h).
    expect(card.harm.costs.revenueLost).toBeCloseTo((180_000 * (8 * HOUR - fs - 5 * MIN)) / HOUR, 6);
  });

  it('the cheaper effective response scores better than the same response with an extra kill switch', () => {
    const base: Step[] = [
      ...declare(fs),
      [fs, { type: 'INVESTIGATE', investigationId: 'check-inventory-feed' }],
      [fs + 20 * MIN, { type: 'CONTAIN', containmentId: 'refresh-inventory-feed' }],
      [fs, { type: 'CONTAIN', containmentId: 'static-fare-tables' }],
    ];
    const cheap = play(pricing, base).card;
    const dear = play(pricing, [...base, [fs + 31 * MIN, { type: 'CONTAIN', containmentId: 'stop-all-sales' }]]).card;
    expect(dear.harm.costs.revenueLost).toBeGreaterThan(cheap.harm.costs.revenueLost);
    expect(dim(dear, 'containment').score).toBeLessThan(dim(cheap, 'containment').score);
  });

  it('a do-nothing team earns no containment points, whatever harm the best containment cannot touch', () => {
    for (const s of [pricing, bias, leak]) expect(dim(play(s, []).card, 'containment').score).toBe(0);
  });
});

describe('notifications', () => {
  it('notices not yet due when the team resolves are open with a dated plan, and missed without one (issue #17)', () => {
    const fs = firstSignal(bias);
    const team: Step[] = [...declare(fs, 2, 'bias_fairness'), [fs + 10 * HOUR, { type: 'RESOLVE' }]];
    const unplanned = play(bias, team).card;
    expect(Object.fromEntries(unplanned.notifications.map((n) => [n.audience, n.status]))).toEqual({
      internal: 'missed',
      client: 'missed',
      regulator: 'missed',
      affected_users: 'missed',
    });
    expect(dim(unplanned, 'communication').reason).toMatch(/Notify regulator: missed .*no dated plan was recorded/);
    const plan = (obligationId: string, by: number): Step => [
      fs + 9 * HOUR,
      { type: 'PLAN_NOTICE', obligationId, owner: 'Ravi', what: 'the notice', sendBy: by },
    ];
    const { card } = play(bias, [...team, plan('regulator', fs + 30 * HOUR), plan('affected_users', fs + 40 * HOUR)]);
    const status = Object.fromEntries(card.notifications.map((n) => [n.audience, n.status]));
    expect(status).toEqual({ internal: 'missed', client: 'missed', regulator: 'open', affected_users: 'open' });
    expect(card.openObligations).toEqual(['regulator', 'affected_users']);
    expect(dim(card, 'communication').reason).toMatch(/Notify regulator: open .*Ravi to send it by/);
    expect(dim(card, 'communication').score).toBeGreaterThan(dim(unplanned, 'communication').score);
    const plan2 = suggestedPlan(bias, card, { roles: {}, findings: [] }, '2026-05-04');
    expect(plan2.filter((p) => p.text.startsWith('Open obligation')).length).toBe(2);
  });

  it('a one-letter or element-less message is not a notification; content is judged per element', () => {
    const fs = firstSignal(leak);
    const steps: Step[] = [
      ...declare(fs, 1, 'data_integration'),
      [fs + MIN, { type: 'COMMUNICATE', audience: 'client', message: 'DPO informed of a breach, details follow' }],
    ];
    expect(play(leak, steps).card.notifications.find((n) => n.audience === 'client')!.status).toBe('missed');
    const half = play(leak, [
      ...steps,
      [fs + 2 * MIN, { type: 'COMMUNICATE', audience: 'client', message: '', elements: { what_happened: 'Assistant disclosed account details', impact: 'x' } }],
    ]).card;
    const client = half.notifications.find((n) => n.audience === 'client')!;
    expect(client.status).toBe('met');
    expect(client.content).toBeCloseTo(1 / 5, 9);
    expect(client.reason).toMatch(/missing impact, actions taken, recipient actions and next update/);
  });

  it('time to notify is per external audience; internal status updates are not notifications', () => {
    const fs = firstSignal(pricing);
    const { card } = play(pricing, [...declare(fs), [fs + MIN, complete('internal')], [fs + 20 * MIN, complete('client')]]);
    expect(card.timeToNotify).toBe(20 * MIN);
    expect(card.timeToNotifyByAudience).toEqual({ client: 20 * MIN, affected_users: null, public: null });
  });
});

describe('what-ifs and the biggest lever', () => {
  it("the biggest lever never lowers the score and is never the team's own choice at the same moment", () => {
    for (const id of ['stale-pricing-data', 'provider-update-leakage', 'silent-bias-drift']) {
      for (const team of ['textbook', 'plausible-wrong']) {
        const { entries, card } = playTeamFile(id, team);
        const s = loadFile(`scenarios/${id}.yaml`).scenario;
        const analysis = whatIfs(s, 1, entries, card);
        const lever = biggestLever(analysis);
        for (const w of analysis.items) expect(w.sentence).not.toMatch(/at (\S+) instead of at \1[,.]/);
        if (lever) {
          expect(lever.unchanged).not.toBe(true);
          expect(lever.outcome!.overall).toBeGreaterThanOrEqual(card.overall);
        }
      }
    }
  }, 120_000);
});

describe("the team's own choice is not an alternative", () => {
  it('a containment 30 seconds after the first signal is "already as early as the first signal allowed", not "at 04:32 instead of at 04:32"', () => {
    const fs = firstSignal(pricing);
    const { entries, card } = play(pricing, [...declare(fs), [fs + 30_000, { type: 'CONTAIN', containmentId: 'stop-all-sales' }]]);
    const w = whatIfs(pricing, 1, entries, card).items.find((x) => x.id === 'first-signal')!;
    expect(w.unchanged).toBe(true);
    expect(w.sentence).toMatch(/^The team already decided/);
  });
});

describe('history', () => {
  it('a run never contained keeps a censored MTTC and counts as a missed target', () => {
    const fs = firstSignal(pricing);
    const { card } = play(pricing, [...declare(fs), [fs + HOUR, { type: 'RESOLVE' }]]);
    expect(card.mttc).toBeNull();
    expect(card.mttcCensored).toBe(8 * HOUR - fs);
    const meta = (id: string, outcome: ReturnType<typeof outcomeOf>): ExerciseMeta => ({
      id,
      createdAt: '2026-05-04T10:00:00.000Z',
      updatedAt: '2026-05-04T10:00:00.000Z',
      status: 'finished',
      scenarioId: pricing.id,
      scenarioVersion: 1,
      scenarioTitle: pricing.title,
      seed: 1,
      team: 'Blue',
      participants: [],
      mode: 'solo',
      speed: 1,
      lastT: 0,
      entryCount: 0,
      outcome,
    });
    const good = outcomeOf(playTeamFile('stale-pricing-data', 'textbook').card);
    const metas = [meta('a', good), meta('b', outcomeOf(card))];
    expect(toRow(metas[1]!)).toMatchObject({
      mttc: null,
      mttcCensored: 8 * HOUR - fs,
      contained: false,
      mttcVerdict: { status: 'missed', code: 'target.never_contained' },
    });
    const agg = aggregate(metas.map(toRow));
    expect(agg.targets.mttc).toMatchObject({ met: 1, of: 2 });
    // The mean includes the censored run (survivorship bias otherwise).
    expect(agg.bySeverity[0]!.contain.n).toBe(2);
    expect(agg.bySeverity[0]!.contain.mean).toBeCloseTo((good.mttc! + 8 * HOUR - fs) / 2, 6);
  });
});

describe('censored MTTC', () => {
  it('a run never detected is censored from the fault to the horizon, so History never drops it', () => {
    const { card } = play(pricing, []);
    expect(card.mttc).toBeNull();
    expect(card.mttcCensored).toBe(8 * HOUR - pricing.faults[0]!.startsAt);
  });
});

/**
 * The six counterexamples a random-seed exploration of the #17 property suites found (each moved
 * the overall score by 1 point), replayed as found; each names the rule whose definition changed.
 */
describe('property counterexamples (#17 exploration)', () => {
  const internal = (keep: string[]): TeamInput => {
    const full = complete('internal') as Extract<TeamInput, { type: 'COMMUNICATE' }>;
    return { ...full, elements: Object.fromEntries(Object.entries(full.elements ?? {}).filter(([k]) => keep.includes(k))) };
  };

  it('slow-assistant: removing an element from a late notice never raises the score (definition notification: a late notice is judged on the best message from it to the end)', () => {
    const s = loadCase('slow-assistant').scenario;
    const team = (first: string[]): Step[] => [
      [2_820_000, { type: 'CONTAIN', containmentId: 'failover' }],
      [6_480_000, internal(first)],
      [6_480_000, internal(['what_happened', 'impact', 'actions_taken'])],
      [6_540_000, { type: 'RESOLVE' }],
    ];
    const base = play(s, team(['what_happened'])).card;
    const less = play(s, team([])).card;
    expect(base.notifications[0]).toMatchObject({ audience: 'internal', status: 'late' });
    // Before: the late obligation was judged on its first message alone (25%), and emptying that
    // message let the fuller one meet it (75%): removing an element raised the score.
    expect(base.notifications[0]!.content).toBeCloseTo(0.75, 9);
    expect(less.overall).toBeLessThanOrEqual(base.overall);
  });

  it.each([
    ['provider-update-leakage', 'output-pii-filter'],
    ['recommender-3am', 'bestseller-fallback'],
    ['fraud-false-declines', 'challenge-not-decline'],
  ])('%s: a containment before any signal that hides it does not push the clocks later (definition real_signal)', (key, containmentId) => {
    const s = loadCase(key).scenario;
    const team: Step[] = [
      [11_520_000, { type: 'TRIAGE', severity: 3, incidentType: s.rubric.incidentType[0]! }],
      [11_580_000, { type: 'RESOLVE' }],
    ];
    const base = play(s, team).card;
    const more = play(s, [[0, { type: 'CONTAIN', containmentId }], ...team]);
    // Before: the early containment delayed the first real signal, so time to triage and every
    // deadline that runs from it started later.
    expect(more.card.keyTimes.firstSignal).toBe(firstSignal(s));
    expect(more.card.timeToTriage).toBe(base.timeToTriage);
    expect(more.card.notifications.map((n) => n.deadline)).toEqual(base.notifications.map((n) => n.deadline));
    expect(more.card.overall).toBeLessThanOrEqual(base.overall);
    // The timeline says why the clocks started with no signal in the room.
    expect(more.run.context.timeline.some((e) => e.event.code === 'sign.visible' && e.event.via === 'hidden')).toBe(true);
    expect(play(s, team).run.context.timeline.some((e) => e.event.code === 'sign.visible' && e.event.via === 'hidden')).toBe(false);
  });

  it.each([
    {
      key: 'missing-contract-clause',
      team: [
        [2_160_000, { type: 'CONTAIN', containmentId: 'disable-key-terms' }],
        [2_220_000, { type: 'RESOLVE' }],
      ] as Step[],
      k: 0.0625,
    },
    {
      key: 'fraud-false-declines',
      team: [
        [4_620_000, { type: 'PRESERVE_EVIDENCE', evidenceId: 'export-decisions' }],
        [21_420_000, { type: 'CONTAIN', containmentId: 'challenge-not-decline' }],
        [21_480_000, { type: 'RESOLVE' }],
      ] as Step[],
      k: 0.5,
    },
  ])('$key: the same containment kept on, decided earlier, never lowers the score (definition costs)', ({ key, team, k }) => {
    const s = loadCase(key).scenario;
    const slack = team[0]![0] - firstSignal(s);
    const shift = Math.floor((slack * k) / MIN) * MIN;
    expect(shift).toBeGreaterThan(0);
    const base = play(s, team).card;
    const earlier = play(
      s,
      team.map(([t, input]): Step => [t - shift, input]),
    ).card;
    // Before: costs and created harm ran from the decision, so keeping it on longer by deciding
    // earlier cost more than the harm it avoided earned. Now it is charged from the first real
    // signal for the score; the card still shows what it really cost.
    expect(earlier.harm.costs.revenueLost + earlier.harm.costs.userHoursWithoutService).toBeGreaterThan(
      base.harm.costs.revenueLost + base.harm.costs.userHoursWithoutService,
    );
    expect(dim(earlier, 'containment').score).toBeGreaterThanOrEqual(dim(base, 'containment').score);
    expect(earlier.overall).toBeGreaterThanOrEqual(base.overall);
  });

  it('missing-contract-clause: the same actions a minute earlier never lower the score (definition cadence: the window is counted from detection, so its end moves with the team; random property counterexample, seed 79059198)', () => {
    const s = loadCase('missing-contract-clause').scenario;
    expect(firstSignal(s)).toBe(20 * MIN);
    const team = (earlier: number): Step[] => [
      [22 * MIN - earlier, { type: 'CONTAIN', containmentId: 'hide-long-summaries' }],
      [22 * MIN - earlier, { type: 'PRESERVE_EVIDENCE', evidenceId: 'save-reported-summaries' }],
      [58 * MIN - earlier, { type: 'COMMUNICATE', audience: 'internal', message: 'Status: investigating the alert' }],
      [59 * MIN - earlier, { type: 'RESOLVE' }],
    ];
    const base = play(s, team(0)).card;
    const earlier = play(s, team(MIN)).card;
    // Before: the window ended at a moment fixed in the world (two 2h intervals after the 0h20m
    // signal, 4h20m), so the update sent a minute earlier left a silence a minute longer before it:
    // 3h22m → 3h23m, communication 13 → 12, overall 38 → 37. Now the window is the same 4h long
    // counted from detection (0h22m, then 0h21m): it ends at 4h22m, then 4h21m, and the silence
    // after the only update is 3h24m both times.
    expect(base.cadence.largestGap).toBe(204 * MIN);
    expect(earlier.cadence.largestGap).toBe(204 * MIN);
    expect(dim(earlier, 'communication').score).toBeGreaterThanOrEqual(dim(base, 'communication').score);
    expect(earlier.overall).toBeGreaterThanOrEqual(base.overall);
  });

  it('missing-contract-clause: never contained, the same actions ten minutes earlier never lower the cadence (definition cadence: the horizon is a fixed end too, so the window counts from detection)', () => {
    const s = loadCase('missing-contract-clause').scenario;
    const update = (t: number): Step => [t, { type: 'COMMUNICATE', audience: 'internal', message: 'Status: still investigating' }];
    const team = (earlier: number): Step[] => [[30 * MIN - earlier, { type: 'ACKNOWLEDGE' }], update(150 * MIN - earlier), update(300 * MIN - earlier)];
    const base = play(s, team(0)).card;
    const earlier = play(s, team(10 * MIN)).card;
    // Ended at the 8h horizon, the gaps were 2h10m, 2h30m and 3h, then 2h, 2h30m and 3h10m: sending
    // the same updates earlier cost the cadence. Counted from detection (10m, then 0m after the
    // signal) the window ends at 8h10m, then 8h: the silence after the last update is 3h10m both times.
    expect(base.keyTimes.containment).toBeNull();
    expect(base.cadence.largestGap).toBe(190 * MIN);
    expect(earlier.cadence.largestGap).toBe(190 * MIN);
    expect(dim(earlier, 'communication').score).toBeGreaterThanOrEqual(dim(base, 'communication').score);
    expect(earlier.overall).toBeGreaterThanOrEqual(base.overall);
  });
});
