/**
 * A malformed v2 scenario gets a located error for each new field wrong in type, reference or
 * time; none crashes or hangs. Each case edits one line of the capabilities fixture.
 */
import { loadScenario, type Problem } from '../../../shared/scenario/load.ts';
import { loadFile } from '../../helpers.ts';

const { source } = loadFile('test/fixtures/v2-capabilities.yaml');

function load(from: string, to: string): Problem[] {
  expect(source).toContain(from);
  const r = loadScenario(source.replace(from, to), 'bad.yaml');
  if (r.ok) throw new Error(`accepted: ${to}`);
  return r.problems;
}

const lineOf = (text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

const cases: Array<[string, string, string, RegExp]> = [
  // faults
  ['startsAt: -30d', 'startsAt: -30x', 'faults.0.startsAt', /not a duration/],
  ['startsAt: 1h, description: Temperature', 'startsAt: 4d, description: Temperature', 'faults.1.startsAt', /after the horizon/],
  ['surface: design_flaw', 'surface: vibes', 'faults.0.surface', /Invalid option/],
  ['rootCause: config-push }', 'rootCause: nope }', 'faults.1.rootCause', /unknown root cause "nope"/],
  ['variants: [prompt], rootCause', 'variants: [nope], rootCause', 'faults.3.variants.0', /unknown variant "nope"/],
  // metrics
  ['effects: { cfg: 9 }', 'effects: { nofault: 9 }', 'metrics.0.effects.nofault', /unknown fault "nofault"/],
  ['effects: { cfg: 9 }', 'effects: { cfg: .nan }', 'metrics.0.effects.cfg', /expected number, received NaN/],
  ['trendPerHour: 1', 'trendPerHour: 1e308', 'metrics.3.trendPerHour', /at most/],
  ['{ at: 10h, value: 1000 }', '{ at: 10h, value: oops }', 'metrics.4.driver.1.value', /expected number/],
  // harm
  ['source: lib,', 'source: nolib,', 'harm.1.source', /unknown fault "nolib"/],
  ['containable: false', 'containable: maybe', 'harm.2.containable', /expected boolean/],
  ['{ from: 0, to: 2d, total: 4800 }', '{ from: 0, to: 5d, total: 4800 }', 'harm.0.accrual.0.to', /past the horizon/],
  // injects and conditions
  ['when: { severityIn: [1] }', 'when: { severityIn: [7] }', 'injects.2.when.severityIn.0', /less than or equal to 4|<=4/],
  ['when: { injectFired: pii }', 'when: { injectFired: nope }', 'injects.5.when.injectFired', /unknown inject "nope"/],
  ['when: { inEffect: kill-switch }', 'when: { inEffect: nope }', 'injects.6.when.inEffect', /unknown containment "nope"/],
  ['when: { faultFixed: cfg }', 'when: { faultFixed: nope }', 'injects.9.when.faultFixed', /unknown fault "nope"/],
  ['event: inject:alert, atLeast: 30h', 'event: lifted:nope, atLeast: 30h', 'injects.10.when.since.event', /unknown containment "nope"/],
  ['when: { variant: [prompt] }', 'when: { variant: [nope] }', 'injects.11.when.variant.0', /unknown variant "nope"/],
  ['roles: [technical_lead]', 'roles: [janitor]', 'injects.11.roles.0', /unknown role "janitor" \(known: incident_commander, /],
  ['when: { notified: [client] }', 'when: { notified: [press] }', 'injects.3.when.notified.0', /Invalid option/],
  // investigations
  ['reportsHarm: bad-answers', 'reportsHarm: nope', 'investigations.1.reportsHarm', /unknown harm "nope"/],
  ['    fault: cfg\n    relevant: true', '    fault: nope\n    relevant: true', 'investigations.0.fault', /unknown fault "nope"/],
  // containments
  ['metricEffects: { traffic: { scale: 0 }', 'metricEffects: { nometric: { scale: 0 }', 'containments.0.metricEffects.nometric', /unknown metric "nometric"/],
  ['{ scale: 0 }, err-rate', '{ scale: -1 }, err-rate', 'containments.0.metricEffects.traffic.scale', /negative/],
  ['faultFactor: 0, offset: 0.5', 'faultFactor: 2, offset: 0.5', 'containments.1.metricEffects.err-rate.faultFactor', /between 0 and 1/],
  ['fixes: [lib]', 'fixes: [nope]', 'containments.3.fixes.0', /unknown fault "nope"/],
  ['liftable: false, fixes: [lib]', 'liftable: true, fixes: [lib]', 'containments.3.liftable', /cannot be lifted/],
  ['costs: { oneOff: 50000 }', 'costs: { oneOff: -5 }', 'containments.4.costs.oneOff', /negative/],
  ['createsHarm: { users-offline: 500 }', 'createsHarm: { bad-answers: 500 }', 'containments.0.createsHarm.bad-answers', /source: action/],
  // rubric
  ['bestResponse: [failover, patch-lib]', 'bestResponse: [failover, nope]', 'rubric.bestResponse.1', /unknown containment "nope"/],
  ['incidentType: [quality_degradation, hallucination_misinformation]', 'incidentType: [quality_degradation, gremlins]', 'rubric.incidentType', /Invalid/],
  ['retrieval: { rootCause: stale-index', 'nonesuch: { rootCause: stale-index', 'rubric.variants.nonesuch', /unknown variant "nonesuch"/],
  ['clock: business_days, from: inject:pii', 'clock: business_days, from: inject:nope', 'rubric.notifications.1.from', /unknown inject "nope"/],
  ['clock: business_days', 'clock: lunar', 'rubric.notifications.1.clock', /Invalid option/],
  ['weights: { detection: 20', 'weights: { detection: 30', 'rubric.weights', /add up to 110, not 100/],
  ["clock: { start: '2026-03-09T08:00'", "clock: { start: '2026-02-31T25:61'", 'clock.start', /not a real date/],
];

describe.each(cases)('%s → %s', (from, to, path, message) => {
  it(`is reported at ${path}, on the line it is on`, () => {
    const problems = load(from, to);
    const p = problems.find((x) => x.path === path);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(message);
    expect(p!.file).toBe('bad.yaml');
    expect(p!.line).toBe(lineOf(from.split('\n')[0]!));
  });
});

it('names the keys allowed where an unknown key appears', () => {
  const p = load('liftable: false, fixes: [lib]', 'liftable: false, fixes: [lib], lifts: true').find((x) => x.path === 'containments.3');
  expect(p!.message).toMatch(/Unrecognized key: "lifts" \(allowed here: id, label, kind, .*liftable.*\)/);
});

it('gives a plain-words hint for a value that needs quoting', () => {
  const r = loadScenario(source.replace('title: Capabilities fixture', 'title: Alert: drift: bad\n  - x'), 'bad.yaml');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.problems[0]!.message).toMatch(/hint: /);
});
