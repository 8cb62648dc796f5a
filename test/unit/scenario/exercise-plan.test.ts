import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadScenario, formatProblem } from '../../../shared/scenario/load.ts';
import { moduleOfInject } from '../../../shared/scenario/exercise-plan.ts';
import { ROOT } from '../../helpers.ts';

const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const builtIn = (f: string) => {
  const r = loadScenario(readFileSync(join(ROOT, 'scenarios', f)), f);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
};

describe('exercise plan in the built-in scenarios', () => {
  it.each(files)('%s: every module has questions and expected actions, every objective a capability', (f) => {
    const s = builtIn(f);
    expect(s.modules.length).toBeGreaterThanOrEqual(3);
    for (const m of s.modules) {
      expect(m.questions.length, m.id).toBeGreaterThan(0);
      expect(m.expectedActions.length, m.id).toBeGreaterThan(0);
      expect(m.narrative, m.id).not.toBe('');
    }
    for (const o of s.objectives) expect(o.capability, o.id).toBeDefined();
    // Modules cover the exercise from T+0 to the horizon without a gap.
    expect(s.modules[0]!.from).toBe(0);
    expect(s.modules.at(-1)!.to).toBe(s.clock.horizon);
    s.modules.slice(1).forEach((m, i) => expect(m.from).toBe(s.modules[i]!.to));
  });

  it.each(files)('%s: player-facing module text never names a fault surface or the best response', (f) => {
    const s = builtIn(f);
    const playerText = s.modules
      .map((m) => `${m.title} ${m.narrative} ${m.questions.join(' ')}`)
      .join(' ')
      .toLowerCase();
    for (const c of s.containments.filter((x) => s.rubric.bestResponse.includes(x.id))) expect(playerText).not.toContain(c.label.toLowerCase());
    const rc = s.rootCauses.find((r) => r.id === s.rubric.rootCause)!;
    expect(playerText).not.toContain(rc.label.toLowerCase());
  });

  it('places injects in the module whose span holds their planned time; those waiting on the team in none', () => {
    const s = builtIn('stale-pricing-data.yaml');
    const of = (id: string) =>
      moduleOfInject(
        s,
        s.injects.find((i) => i.id === id)!,
      );
    expect(of('extract-failed')).toBe('m1-night-shift'); // at 40m
    expect(of('bot-traffic')).toBe('m2-fares-in-the-wild'); // fault (47m) + 58m
    expect(of('press-inquiry')).toBe('m3-honour-or-cancel'); // at 5h
    expect(of('bookings-surge')).toBeNull(); // a metric
    expect(of('kill-switch-cost')).toBeNull(); // after an action
  });
});

describe('exercise plan validation', () => {
  const base = () => parse(readFileSync(join(ROOT, 'test/fixtures/mini.yaml'), 'utf8')) as Record<string, unknown>;
  const problems = (doc: Record<string, unknown>) => {
    const r = loadScenario(stringify(doc), 'x.yaml');
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('still accepts objectives as plain text, numbered o1, o2, …', () => {
    const r = loadScenario(stringify(base()), 'x.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.objectives[0]).toMatchObject({ id: 'o1' });
  });

  it('reports an unknown capability, an unlabelled own capability, an unknown objective and overlapping modules, each located', () => {
    const d = base();
    d.objectives = [
      { id: 'spot', text: 'Spot it', capability: 'telepathy' },
      { id: 'stop', text: 'Stop it', capability: 'model_risk' },
    ];
    d.capabilities = [{ id: 'model_risk', criticalTasks: ['Keep the inventory'] }];
    d.modules = [
      { id: 'a', title: 'A', from: '0m', to: '1h', questions: ['Q?'], expectedActions: ['E'], objectives: ['nope'] },
      { id: 'b', title: 'B', from: '30m', to: '20m' },
    ];
    const p = problems(d);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^x\.yaml:\d+:\d+ {2}objectives\.0\.capability: unknown capability "telepathy"/),
        expect.stringMatching(/capabilities\.0\.label: "model_risk" is a capability this scenario defines/),
        expect.stringMatching(/modules\.0\.objectives\.0: unknown objective "nope"/),
        expect.stringMatching(/modules\.1\.to: the module ends \(20m\) before it starts \(30m\)/),
        expect.stringMatching(/modules\.1\.from: overlaps module "a"/),
      ]),
    );
    expect(p).toHaveLength(5);
  });

  it('rejects a capability without critical tasks and an unknown key in a module', () => {
    const d = base();
    d.capabilities = [{ id: 'triage', criticalTasks: [] }];
    d.modules = [{ id: 'a', title: 'A', from: '0m', to: '1h', expected: ['typo'] }];
    const p = problems(d);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/capabilities\.0\.criticalTasks: list at least one critical task/),
        expect.stringMatching(/modules\.0: .*expected.*allowed here: .*expectedActions/),
      ]),
    );
  });
});
