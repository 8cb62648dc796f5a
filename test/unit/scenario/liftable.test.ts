/**
 * #20: containments real teams reverse are liftable in the built-ins. A kill switch, a reduced
 * scope, a human fallback, a graceful degradation or a failover is switched back once the cause is
 * fixed (stale-pricing's best response lifts its kill switch), and an inject that tells the team
 * to reverse a containment (silent-bias-drift's fair-lending officer on the age cut-off) must be
 * answerable with Lift. Fixes and rollbacks stay one-way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../../shared/scenario/load.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { runOf } from '../../run-harness.ts';
import { ROOT } from '../../helpers.ts';

const REVERSIBLE_KINDS = new Set(['kill_switch', 'reduced_scope', 'human_fallback', 'graceful_degradation', 'failover']);
const builtIns: Scenario[] = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const r = loadScenario(readFileSync(join(ROOT, 'scenarios', f)), f);
    if (!r.ok) throw new Error(`${f} does not load`);
    return r.scenario;
  });

describe('containments real teams reverse are liftable (#20)', () => {
  it('every kill switch, reduced scope, human fallback, graceful degradation and failover in the built-ins', () => {
    const oneWay = builtIns.flatMap((s) => s.containments.filter((c) => REVERSIBLE_KINDS.has(c.kind) && !c.liftable).map((c) => `${s.id}/${c.id}`));
    expect(oneWay).toEqual([]);
  });

  it('a containment an inject tells the team to reverse can be lifted: the age cut-off override', () => {
    const s = builtIns.find((x) => x.id === 'silent-bias-drift')!;
    expect(s.containments.find((c) => c.id === 'age-cutoff-override')!.liftable).toBe(true);
    const h = runOf('silent-bias-drift')
      .at('fs')
      .declare()
      .contain('age-cutoff-override')
      .at('+40m')
      .input({ type: 'LIFT', containmentId: 'age-cutoff-override' });
    expect(h.context().containments['age-cutoff-override']!.status).not.toBe('in_effect');
  });
});
