import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/api.ts';
import { createHttpApi } from '../../renderer/src/api/http-client.ts';
import { parseHash, routeHash, type Route } from '../../renderer/src/routing/routes.ts';
import { ClockDriver } from '../../host/session/clock-driver.ts';

describe('ClockDriver', () => {
  it('targets simAtAnchor + wallElapsed × speed and re-anchors on speed changes', () => {
    let now = 1000;
    const d = new ClockDriver(() => now, 0, 1, false);
    now += 500;
    expect(d.target()).toBe(500);
    d.setSpeed(60, d.target());
    now += 1000;
    expect(d.target()).toBe(500 + 60_000);
    d.pause(d.target());
    now += 10_000;
    expect(d.target()).toBe(60_500);
    d.resume(60_500);
    now += 2;
    expect(d.target()).toBe(60_620);
    expect(() => d.setSpeed(0, 0)).toThrow(RangeError);
  });
});

describe('HTTP API client', () => {
  it('POSTs the request to /api/<channel> and unwraps {ok:true,result}', async () => {
    const fetchImpl = vi.fn(async () => ({ ok: true, status: 200, text: async () => JSON.stringify({ ok: true, result: { entryCount: 3, lastT: 60_000 } }) }));
    const api = createHttpApi(fetchImpl);
    const req = { exerciseId: 'x1', entries: [{ seq: 3, t: 60_000, input: { type: 'CLOCK' as const } }] };
    await expect(api['exercises:append'](req)).resolves.toEqual({ entryCount: 3, lastT: 60_000 });
    expect(fetchImpl).toHaveBeenCalledWith('/api/exercises:append', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req),
    });
  });

  it('turns {ok:false,error} and transport failures into ApiError', async () => {
    const reply = vi.fn(async () => ({
      ok: false,
      status: 409,
      text: async () => JSON.stringify({ ok: false, error: { code: 'conflict', message: 'seq 4 does not continue the journal' } }),
    }));
    const api = createHttpApi(reply);
    const err = await api['exercises:load']({ exerciseId: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('conflict');
    expect((err as ApiError).message).toBe('seq 4 does not continue the journal');

    const down = createHttpApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down['scenarios:list']({})).rejects.toMatchObject({ code: 'io' });
    const html = createHttpApi(async () => ({ ok: false, status: 502, text: async () => '<html>Bad gateway</html>' }));
    await expect(html['scenarios:list']({})).rejects.toMatchObject({ code: 'io' });
  });
});

describe('hash routes', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { name: 'library' },
      { name: 'history' },
      { name: 'setup', file: 'builtin:silent drift.yaml' },
      { name: 'console', exerciseId: 'ab_1' },
      { name: 'solo', exerciseId: 'ab_1' },
      { name: 'projector', exerciseId: 'ab_1' },
      { name: 'debrief', exerciseId: 'ab_1' },
    ];
    for (const r of routes) expect(parseHash(routeHash(r))).toEqual(r);
    expect(parseHash('')).toEqual({ name: 'library' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
  });
});
