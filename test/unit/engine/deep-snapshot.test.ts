/**
 * Readers get deeply immutable snapshots (#16): writing through any part of one throws (ES modules
 * run in strict mode) and changes nothing in the engine or in what the next reader gets.
 */
import { describe, expect, it } from 'vitest';
import { runOf } from '../../run-harness.ts';

describe('engine snapshots are deep-frozen', () => {
  it('writing through a snapshot throws at every depth and the engine is unchanged', () => {
    const h = runOf('stale-pricing-data').at('fs').declare().triage(1, 'data_integration').contain('stop-all-sales').at('+10m');
    const snap = h.context();
    const before = JSON.stringify(snap);
    const writes: Array<() => void> = [
      () => ((snap as { detectedAt: number | null }).detectedAt = null),
      () => (snap.timeline as unknown[]).push({}),
      () => ((snap.timeline[0]!.event as { code: string }).code = 'note'),
      () => ((snap.triages[0] as { severity: number }).severity = 4),
      () => ((Object.values(snap.obligations)[0] as { status: string }).status = 'met'),
      () => ((Object.values(snap.containments)[0]!.episodes[0] as { liftedAt: number | null } | undefined)!.liftedAt = 0),
      () => ((snap.inputs[0]!.input as { type: string }).type = 'RESOLVE'),
      () => ((snap.roles as Record<string, unknown>)['scribe'] = { person: 'x', t: 0 }),
      () => ((snap.signals[0] as { redHerring: boolean }).redHerring = true),
    ];
    for (const w of writes) expect(w).toThrow(TypeError);
    expect(JSON.stringify(snap)).toBe(before);
    // The engine carries on as if nobody had tried: the next snapshot is the same run.
    h.at('+1m');
    const next = h.context();
    expect(next.detectedAt).toBe(snap.detectedAt);
    expect(next.triages).toEqual(snap.triages);
    expect(next.timeline.slice(0, snap.timeline.length)).toEqual(snap.timeline);
    expect(h.card().keyTimes.detection).toBe(snap.detectedAt);
  });
});
