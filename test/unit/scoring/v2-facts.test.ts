/**
 * Scorers read only RunFacts, so they can be checked on facts engine v2 will produce (several
 * faults, one starting before the exercise, a containment lifted and re-applied) before that
 * engine exists. End to end, the gaming table and the properties also run on stale-pricing-data's
 * variants (scripted.ts SCENARIOS): two faults, and a kill switch the textbook team lifts.
 */
import { loadFile } from '../../helpers.ts';
import { journalFacts, type RunFacts } from '../../../shared/scoring/run-facts.ts';
import { scoreFacts } from '../../../shared/scoring/score-card.ts';
import { playTeamFile, HOUR, MIN } from './scripted.ts';

const { scenario: s } = loadFile('scenarios/stale-pricing-data.yaml');
const textbook = playTeamFile('stale-pricing-data', 'textbook');
const base = journalFacts(s, 1, textbook.entries);
const dim = (f: RunFacts, d: string) => scoreFacts(s, f).dimensions.find((x) => x.dimension === d)!;

describe('scorers on engine-v2-shaped facts', () => {
  it('MTTD runs from the earliest fault, even one that began before the exercise', () => {
    const f: RunFacts = { ...base, faults: [...base.faults, { id: 'fault-2', startedAt: -2 * HOUR, containedAt: null, fixedAt: null }] };
    const card = scoreFacts(s, f);
    expect(card.mttd).toBe(base.responses.find((r) => r.kind === 'declare')!.t + 2 * HOUR);
    expect(dim(f, 'detection').verdict.status).toBe('missed');
  });

  it('a containment lifted and re-applied is two episodes; both are listed and only their costs (as facts) are paid', () => {
    const kill = base.containments.find((c) => c.id === 'stop-all-sales')!;
    const lifted = { ...kill, liftedAt: kill.effectiveAt + 30 * MIN };
    const again = { id: kill.id, decidedAt: kill.effectiveAt + HOUR, effectiveAt: kill.effectiveAt + HOUR + 5 * MIN, liftedAt: null };
    const f: RunFacts = {
      ...base,
      containments: [...base.containments.filter((c) => c !== kill), lifted, again],
      costs: { revenue: 180_000 * 0.5 + 180_000 * 1, userHours: 4000 * 1.5, oneOff: 25_000 },
    };
    const card = scoreFacts(s, f);
    expect(card.containment.chosen.filter((x) => x === 'stop-all-sales')).toHaveLength(2);
    expect(card.harm.costs).toEqual({ revenueLost: 270_000, userHoursWithoutService: 6000, oneOff: 25_000 });
    expect(dim(f, 'containment').reason).toMatch(/Costs incurred: \$295,000 in lost revenue and one-off costs and 6,000 user-hours/);
    // More cost than the textbook run's facts, so no better a containment score.
    expect(dim(f, 'containment').score).toBeLessThanOrEqual(dim(base, 'containment').score);
  });

  it('an open obligation (a dated plan kept the deadline) earns the on-time share without content, less than sending it', () => {
    const f: RunFacts = {
      ...base,
      obligations: base.obligations.map((o) => (o.audience === 'public' ? { ...o, metAt: null, metSeq: null, status: 'open' } : o)),
    };
    const card = scoreFacts(s, f);
    expect(card.openObligations).toEqual(['public']);
    expect(dim(f, 'communication').score).toBeLessThan(dim(base, 'communication').score);
    const missed: RunFacts = { ...f, obligations: f.obligations.map((o) => (o.audience === 'public' ? { ...o, status: 'missed' } : o)) };
    expect(dim(missed, 'communication').score).toBeLessThan(dim(f, 'communication').score);
  });
});
