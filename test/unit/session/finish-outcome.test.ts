/**
 * #18: one engine per action. A live exercise is scored at its close from the session's own run
 * (nothing replayed, and the store does not score): the outcome History keeps must be the one a
 * replay of the journal to the end gives, and the hot wash after the close still lands at the
 * closing moment (scoring did not move the session's clock on).
 */
import { describe, expect, it } from 'vitest';
import { invokeOverHttp } from '../../../host/web/http-protocol.ts';
import { scenarioOf } from '../../../host/session/journal-intake.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { finishedOutcome } from '../../../shared/scoring/finished-outcome.ts';
import { useLiveTestHost } from './live-test-host.ts';

const live = useLiveTestHost();

describe('the outcome kept at the close', () => {
  it('is the one a replay of the journal to the end gives, for an exercise ended early', { timeout: 60_000 }, async () => {
    const id = (await live.create()).id;
    const f = await live.connect(id, { kind: 'facilitator' });
    await f.request({ type: 'clock', action: 'resume' });
    for (let i = 0; i < 20; i++) live.clock.advance(100);
    expect(await f.request({ type: 'act', input: { type: 'NOTE', text: 'Watching the error rate' } })).toMatchObject({ type: 'ack' });
    for (let i = 0; i < 20; i++) live.clock.advance(100);
    expect(await f.request({ type: 'act', input: { type: 'CONTAIN', containmentId: 'rollback-prompt' }, for: 'Ana' })).toMatchObject({ type: 'ack' });
    expect(await f.request({ type: 'act', input: { type: 'END', reason: 'Called early' } })).toMatchObject({ type: 'ack' });
    await f.waitFor((m) => m.type === 'bye' && m.reason === 'finished');

    const url = live.host.url.replace(/\/$/, '');
    const hotWash = { type: 'HOT_WASH' as const, wentWell: 'Quick rollback', improve: '', playbookChange: '', confidence: 4 };
    await invokeOverHttp(fetch, url, 'exercises:record', { exerciseId: id, input: hotWash }, live.host.launchSecret);
    const loaded = await invokeOverHttp(fetch, url, 'exercises:load', { exerciseId: id }, live.host.launchSecret);
    expect(loaded.meta.status).toBe('finished');
    const end = loaded.entries.find((e) => e.input.type === 'END')!;
    expect(loaded.entries.at(-1)).toMatchObject({ input: { type: 'HOT_WASH' }, t: end.t });

    const closing = loaded.entries.slice(0, loaded.entries.indexOf(end) + 1);
    const replayed = ExerciseRun.replay(scenarioOf(loaded), loaded.meta.seed, closing);
    replayed.runToEnd();
    expect(loaded.meta.outcome).not.toBeNull();
    expect(loaded.meta.outcome).toEqual(finishedOutcome(replayed));
  });
});
