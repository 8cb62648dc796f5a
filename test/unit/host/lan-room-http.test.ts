/**
 * What the room's LAN listener serves, and what neither listener lets through at the WebSocket
 * upgrade: the LAN side has the app's page and the live endpoint, never the facilitator's API
 * (even with the launch secret); both answer only to their own Host names; an upgrade is
 * accepted on /live only.
 */
import { request as httpRequest } from 'node:http';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../shared/contract/live.ts';
import { createHttpApp } from '../../../host/web/http-app.ts';
import type { Handlers } from '../../../host/api-handlers.ts';
import { useLiveTestHost } from '../session/live-test-host.ts';
import { miniSetup } from './host-helpers.ts';

const live = useLiveTestHost();

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: { host: u.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a WebSocket and resolves with "open" or the refusal's message (e.g. "Unexpected server response: 404"). */
function upgrade(url: string, options: { origin: string; host?: string }): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin: options.origin, ...(options.host ? { headers: { host: options.host } } : {}) });
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('error', (e) => resolve(e.message));
  });
}

async function openRoom(): Promise<{ id: string; lanUrl: string }> {
  const { id } = await live.create();
  const f = await live.connect(id, { kind: 'facilitator' });
  expect(await f.request({ type: 'room', action: 'open' })).toMatchObject({ type: 'ack' });
  const room = await f.waitFor((m): m is Extract<ServerMessage, { type: 'room' }> => m.type === 'room' && m.room.open);
  const joinUrl = room.room.joinUrl!;
  return { id, lanUrl: joinUrl.slice(0, joinUrl.indexOf('#')) };
}

describe('the room on the local network', () => {
  it('serves the page with its CSP, and never the API, even with the launch secret', async () => {
    await writeFile(join(live.dir, 'static', 'index.html'), '<!doctype html><title>Firebreak</title>');
    const { lanUrl } = await openRoom();
    expect(lanUrl).not.toBe(live.host.url);

    const page = await raw(lanUrl, 'GET', '/', {});
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Firebreak</title>');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const before = await readdir(join(live.dir, 'data', 'exercises'));
    const keyed = { 'content-type': 'application/json', 'x-firebreak-key': live.host.launchSecret! };
    for (const [channel, body] of [
      ['exercises:list', '{}'],
      ['exercises:create', JSON.stringify(miniSetup())],
    ] as const) {
      const r = await raw(lanUrl, 'POST', `/api/${channel}`, keyed, body);
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not-found', message: 'not available on this address' } });
    }
    expect(await readdir(join(live.dir, 'data', 'exercises'))).toEqual(before);
    // The same call on the loopback listener works (the secret was right).
    expect((await raw(live.host.url, 'POST', '/api/exercises:list', keyed, '{}')).status).toBe(200);
  });

  it('answers only to its own Host names (DNS rebinding), for the page and the socket', async () => {
    const { lanUrl } = await openRoom();
    const port = new URL(lanUrl).port;
    const page = await raw(lanUrl, 'GET', '/', { host: `rebind.attacker.test:${port}` });
    expect(page.status).toBe(403);
    const wsUrl = `${lanUrl.replace('http', 'ws')}live`;
    expect(await upgrade(wsUrl, { origin: `http://rebind.attacker.test:${port}`, host: `rebind.attacker.test:${port}` })).toMatch(/403/);
    expect(await upgrade(wsUrl, { origin: lanUrl.replace(/\/$/, '') })).toBe('open');
  });
});

describe('WebSocket upgrades on either listener', () => {
  it('are accepted on /live only, from the same origin, for a Host the listener answers to', async () => {
    const { lanUrl } = await openRoom();
    for (const base of [live.host.url, lanUrl]) {
      const origin = base.replace(/\/$/, '');
      const ws = base.replace('http', 'ws');
      expect(await upgrade(`${ws}live`, { origin })).toBe('open');
      expect(await upgrade(`${ws}elsewhere`, { origin })).toMatch(/404/);
      expect(await upgrade(`${ws}api/exercises:list`, { origin })).toMatch(/404/);
      expect(await upgrade(`${ws}live`, { origin: 'http://evil.example' })).toMatch(/403/);
    }
    const port = live.host.port;
    expect(await upgrade(`ws://127.0.0.1:${port}/live`, { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toMatch(/403/);
  });
});

describe('the two apps, without sockets (inject)', () => {
  it('the API exists only in the app built with it; both refuse a foreign Host first', async () => {
    await writeFile(join(live.dir, 'static', 'index.html'), '<!doctype html><title>Firebreak</title>');
    const staticDir = join(live.dir, 'static');
    const hosts = () => new Set(['room.test:8080']);
    const lan = createHttpApp({ hosts, staticDir, api: null });
    const calls: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_t, channel: string) => async () => {
        calls.push(channel);
        return { exercises: [], problems: [] };
      },
    });
    const loopback = createHttpApp({ hosts, staticDir, api: { handlers, maxBodyBytes: 1024, maxArchiveBodyBytes: 1024, launchSecret: null } });
    try {
      const call = {
        method: 'POST' as const,
        url: '/api/exercises:list',
        payload: '{}',
        headers: { host: 'room.test:8080', 'content-type': 'application/json' },
      };
      const onLan = await lan.inject(call);
      expect(onLan.statusCode).toBe(404);
      expect(onLan.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(calls).toEqual([]);
      const onLoopback = await loopback.inject(call);
      expect(onLoopback.json()).toEqual({ ok: true, result: { exercises: [], problems: [] } });
      expect(calls).toEqual(['exercises:list']);

      for (const app of [lan, loopback]) {
        const page = await app.inject({ url: '/', headers: { host: 'room.test:8080' } });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-security-policy']).toContain("script-src 'self'");
        const foreign = await app.inject({ ...call, headers: { ...call.headers, host: 'evil.example:8080' } });
        expect(foreign.statusCode).toBe(403);
      }
      expect(calls).toEqual(['exercises:list']);
    } finally {
      await lan.close();
      await loopback.close();
    }
  });
});
