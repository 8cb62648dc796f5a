/**
 * Jump to the next event, answered from the engine's own queue: it stops at every signal, finding,
 * notification deadline and containment effect (never past one), and peeking changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseRun, type JumpStop } from '../../../shared/engine/exercise-run.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';

function scenario(file: string) {
  const r = loadScenario(readFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', file)), file);
  if (!r.ok) throw new Error(`${file} does not validate`);
  return r.scenario;
}

/** Jumps from stop to stop to the end; the team declares at the first signal and investigates and contains once. */
function jumpThrough(file: string, seed: number): { run: ExerciseRun; stops: JumpStop[] } {
  const s = scenario(file);
  const run = new ExerciseRun(s, seed);
  const stops: JumpStop[] = [];
  for (let i = 0; i < 500; i++) {
    const peek = run.peekNextStop();
    const before = run.now;
    const stop = run.nextStop();
    if (!stop || stop.kind === 'end') break;
    expect(stop.t).toBeGreaterThanOrEqual(before);
    if (peek && peek.kind !== 'signal') expect(stop.t).toBeLessThanOrEqual(peek.t);
    stops.push(stop);
    run.advanceTo(stop.t);
    if (run.context.signals.length > 0 && run.context.declaredAt === null) {
      run.apply({ type: 'ACKNOWLEDGE' });
      const inv = s.investigations[0];
      if (inv) run.apply({ type: 'INVESTIGATE', investigationId: inv.id });
      const c = s.containments.find((x) => x.available && !x.requiresFinding);
      if (c) run.apply({ type: 'CONTAIN', containmentId: c.id });
    }
  }
  return { run, stops };
}

describe('jump to the next event', () => {
  for (const file of ['stale-pricing-data.yaml', 'provider-update-leakage.yaml', 'silent-bias-drift.yaml']) {
    it(`${file}: every visible moment is a stop (or an action), and the jump stops at findings, deadlines and effects`, () => {
      const { run, stops } = jumpThrough(file, 7);
      const at = new Set(stops.map((x) => x.t));
      const acted = new Set(run.entries.map((e) => e.t));
      for (const sig of run.context.signals) expect(at.has(sig.t) || acted.has(sig.t), `signal ${sig.id} at ${sig.t}`).toBe(true);
      // Nothing the room sees happens between stops: no missed deadline is jumped over.
      for (const e of run.context.timeline.filter(
        (x) => !x.hidden && (x.event.code === 'obligation.missed' || x.event.code === 'finding' || x.event.code === 'containment.status'),
      ))
        expect(at.has(e.t) || acted.has(e.t), `${e.event.code} at ${e.t}`).toBe(true);
      const kinds = new Set(stops.map((x) => x.kind));
      expect(kinds.has('signal')).toBe(true);
      expect(kinds.has('finding') || kinds.has('effect') || kinds.has('deadline')).toBe(true);
    });
  }

  it('peeking changes nothing', () => {
    const run = new ExerciseRun(scenario('stale-pricing-data.yaml'), 3);
    const now = run.now;
    const timeline = run.context.timeline.length;
    expect(run.peekNextStop()).toEqual(run.peekNextStop());
    expect(run.now).toBe(now);
    expect(run.context.timeline.length).toBe(timeline);
  });
});
