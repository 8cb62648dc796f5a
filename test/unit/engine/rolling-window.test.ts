/**
 * Rolling-window metrics (#20): a dashboard labelled "24h rolling" declares `window: 24h` and then
 * behaves as one. The fault's effect fills in over a day, clears over a day after the fix (not
 * within two sim-minutes), and its noise drifts hourly instead of jumping every minute.
 */
import { factorSteps, firstCrossings, metricAt, metricSeries, type Episode } from '../../../shared/engine/model.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import { HOUR, MIN, loadFile } from '../../helpers.ts';

/**
 * Silent bias drift declares its "24h rolling" dashboards as such: the fault acts in full at once
 * (no hand-made 24-hour ramp in its evolution) and each metric has `window: 24h`.
 */
const windowed = loadFile('scenarios/silent-bias-drift.yaml').source;
const loaded = loadScenario(windowed, 'silent-bias-drift.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const s = loaded.scenario;
const air = s.metrics.findIndex((m) => m.id === 'air-age-21-25');
const FAULT = 30 * MIN;
const starts = { fault: FAULT };
const seed = 7;

function fixedAt(at: number): ReturnType<typeof factorSteps> {
  const e: Episode = { containmentId: 'fix-data-pipeline', decidedAt: at - 45 * MIN, effectiveAt: at, liftedAt: null };
  return factorSteps(s, [e]);
}

describe('rolling-window metrics', () => {
  it('a metric declares its window as data', () => {
    const rolling = s.metrics.filter((m) => /24h rolling/.test(m.label));
    expect(rolling.length).toBe(5);
    for (const m of rolling) expect(m.window, m.id).toBe(24 * HOUR);
    expect(s.faults[0]!.evolution).toEqual([{ at: 0, intensity: 1 }]);
  });

  it('the effect fills in over the first day: the first fairness alert comes hours after the fault, not at once', () => {
    const steps = factorSteps(s, []);
    const [warn, crit] = firstCrossings(s, seed, air, steps, starts, 0, 52 * 60, [(v) => v < 0.8, (v) => v < 0.65]);
    // Fault at 30m; the 24h mean of a -0.38 step passes 0.80 after about 6-7 hours, 0.65 after about 16.
    expect(warn! * MIN - FAULT).toBeGreaterThan(4 * HOUR);
    expect(warn! * MIN - FAULT).toBeLessThan(9 * HOUR);
    expect(crit! * MIN - FAULT).toBeGreaterThan(13 * HOUR);
    expect(crit! * MIN - FAULT).toBeLessThan(19 * HOUR);
  });

  it('a 24-hour window clears over 24 hours after the fix, not within two sim-minutes', () => {
    const fix = 30 * HOUR; // the window is full of the fault by now
    const steps = fixedAt(fix);
    const at = (t: number) => metricAt(s, seed, air, steps, starts, Math.round(t / MIN));
    const before = at(fix - MIN);
    expect(before).toBeLessThan(0.6);
    // Two minutes after the fix the trailing day still holds the fault.
    expect(at(fix + 2 * MIN)).toBeLessThan(0.62);
    // Half a day on, about half of it has cleared; a day on, it is back at the baseline.
    expect(at(fix + 12 * HOUR)).toBeGreaterThan(0.65);
    expect(at(fix + 12 * HOUR)).toBeLessThan(0.8);
    expect(at(fix + 24 * HOUR + 30 * MIN)).toBeGreaterThan(0.88);
    // And it climbs steadily, with no jump at the fix.
    const series = metricSeries(s, seed, steps, starts, fix / MIN - 5, fix / MIN + 5)[air]!;
    for (let i = 1; i < series.length; i++) expect(Math.abs(series[i]! - series[i - 1]!)).toBeLessThanOrEqual(0.01);
  });

  it('noise is proportionate to the window: minute to minute the figure barely moves, over the day it wobbles by the declared noise', () => {
    const steps = factorSteps(s, []);
    const gap = s.metrics.findIndex((m) => m.id === 'approval-rate');
    const noise = s.metrics[gap]!.noise;
    const series = metricSeries(s, seed, steps, { fault: null }, 0, 48 * 60)[gap]!;
    const jumps = series.slice(1).map((v, i) => Math.abs(v - series[i]!));
    // Knots an hour apart: at most about noise·π/60 a minute, rounded to one decimal.
    expect(Math.max(...jumps)).toBeLessThanOrEqual(0.1 + 1e-9);
    const spread = Math.max(...series) - Math.min(...series);
    expect(spread).toBeGreaterThan(noise * 0.5);
    expect(spread).toBeLessThanOrEqual(2 * noise + 0.1);
  });

  it('a metric without a window is unchanged: it follows the fault within the minute and jumps by its noise', () => {
    const plain = { ...s, metrics: s.metrics.map((m) => ({ ...m, window: undefined })) };
    const steps = factorSteps(plain, []);
    expect(metricAt(plain, seed, air, steps, starts, 31)).toBeLessThan(0.6);
  });

  it('a window that is not a duration is refused where it is written', () => {
    const yaml = windowed.replace('\n    window: 24h', '\n    window: a day');
    const r = loadScenario(yaml, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `${p.path} ${p.message}`).join('\n')).toMatch(/metrics\.0\.window .*"a day" is not a duration/);
  });
});
