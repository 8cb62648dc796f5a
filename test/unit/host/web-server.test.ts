import { request as httpRequest } from 'node:http';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startWebHost, type WebHost } from '../../../host/web/server.ts';
import { HttpApiError, invokeOverHttp } from '../../../host/web/http-protocol.ts';
import { parseWebArgs } from '../../../host/web/main.ts';
import { ROOT } from '../../helpers.ts';
import { keyedFetch, miniSetup, tempDir } from './host-helpers.ts';

let root: string;
let cleanup: () => Promise<void>;
let host: WebHost;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of the headers (fetch will not let a test forge Host). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // The page's launch secret by default (tests of other refusals); a test about the secret overrides it.
    const all = { host: `127.0.0.1:${host.port}`, 'x-firebreak-key': host.launchSecret!, ...headers };
    const req = httpRequest({ host: '127.0.0.1', port: host.port, method, path, headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  await mkdir(join(root, 'static', 'assets'), { recursive: true });
  await writeFile(join(root, 'static', 'index.html'), '<!doctype html><title>Firebreak</title>');
  await writeFile(join(root, 'static', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the static folder');
  host = await startWebHost({
    port: 0,
    dataDir: join(root, 'data'),
    staticDir: join(root, 'static'),
    builtinScenariosDir: join(ROOT, 'test/fixtures'),
    maxBodyBytes: 256 * 1024,
    renderReport: (format, ex) => `${format}:${ex.meta.id}`,
  });
});
afterEach(async () => {
  await host.close();
  await cleanup();
});

describe('browser host API', () => {
  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.port).toBeGreaterThan(0);
  });

  it('round-trips exercises over real HTTP', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const scenarios = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'scenarios:list', {});
    expect(scenarios.find((s) => s.summary?.id === 'mini')).toBeTruthy();

    const meta = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:create', miniSetup());
    await expect(
      invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:append', {
        exerciseId: meta.id,
        entries: [{ seq: 1, t: 60_000, input: { type: 'ACKNOWLEDGE' } }],
      }),
    ).resolves.toEqual({
      entryCount: 1,
      lastT: 60_000,
    });
    const loaded = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:load', { exerciseId: meta.id });
    expect(loaded.entries).toHaveLength(1);
    expect((await invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:list', {})).exercises.map((e) => e.id)).toEqual([meta.id]);

    const report = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'report:export', { exerciseId: meta.id, format: 'md' });
    expect(report).toMatchObject({ savedTo: null, mime: 'text/markdown; charset=utf-8' });
    expect(Buffer.from((report as { base64: string }).base64, 'base64').toString()).toBe(`md:${meta.id}`);
    await expect(invokeOverHttp(keyedFetch(host.launchSecret), base, 'projector:open', { exerciseId: meta.id })).resolves.toEqual({ opened: false });
  });

  it('answers errors with the envelope and the status for the code', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const bad = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:load', { exerciseId: '../x' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(HttpApiError);
    expect(bad).toMatchObject({ status: 400, code: 'invalid-request', message: expect.stringContaining('exerciseId') });
    await expect(invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:load', { exerciseId: 'ex-missing' })).rejects.toMatchObject({
      status: 404,
      code: 'not-found',
    });

    const meta = await invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:create', miniSetup());
    const dup = { exerciseId: meta.id, entries: [{ seq: 2, t: 0, input: { type: 'ACKNOWLEDGE' as const } }] };
    await expect(invokeOverHttp(keyedFetch(host.launchSecret), base, 'exercises:append', dup)).rejects.toMatchObject({ status: 409, code: 'conflict' });
  });

  it.each([
    ['no launch secret', {}],
    ['a wrong launch secret', { 'x-firebreak-key': 'A'.repeat(32) }],
    ['the secret in another header', { authorization: 'Bearer x' }],
  ])('refuses a local process with %s (401) and does nothing', async (_what, headers) => {
    const r = await raw('POST', '/api/exercises:create', { ...json, 'x-firebreak-key': '', ...headers }, JSON.stringify(miniSetup()));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('launch secret') } });
    const list = await raw('POST', '/api/exercises:list', { ...json, 'x-firebreak-key': '', ...headers }, '{}');
    expect(list.status).toBe(401);
    await expect(readdir(join(root, 'data', 'exercises'))).rejects.toMatchObject({ code: 'ENOENT' });
    // The page itself needs no secret (it reads it from the link it was opened with).
    expect((await raw('GET', '/', { 'x-firebreak-key': '' })).status).toBe(200);
  });

  it('accepts a same-origin browser request', async () => {
    const r = await raw('POST', '/api/exercises:list', { ...json, origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' }, '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, result: { exercises: [], problems: [] } });
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['a null Origin (sandboxed frame, file page)', { origin: 'null' }],
    ['another port on localhost', { origin: 'http://127.0.0.1:1' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s with 403 and does nothing', async (_what, headers) => {
    const r = await raw('POST', '/api/exercises:create', { ...json, ...headers }, JSON.stringify(miniSetup()));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(readdir(join(root, 'data', 'exercises'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['a foreign name', (port: number) => `evil.example:${port}`],
    ['a rebinding name without a port', () => 'rebind.attacker.test'],
    ['a LAN address', (port: number) => `192.168.1.10:${port}`],
    ['loopback on another port', (port: number) => `127.0.0.1:${port + 1}`],
  ])('refuses a Host header with %s (DNS rebinding) with 403', async (_what, hostHeader) => {
    const r = await raw('POST', '/api/exercises:list', { ...json, host: hostHeader(host.port) }, '{}');
    expect(r.status).toBe(403);
    const page = await raw('GET', '/', { host: hostHeader(host.port) });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('<title>Firebreak</title>');
  });

  it('accepts localhost and [::1] Host names for our port', async () => {
    for (const name of ['localhost', '[::1]']) {
      const r = await raw('POST', '/api/exercises:list', { ...json, host: `${name}:${host.port}` }, '{}');
      expect(r.status).toBe(200);
    }
  });

  it('404s an unknown channel', async () => {
    const r = await raw('POST', '/api/fs:readFile', json, '{}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('unknown channel') } });
  });

  it('413s a body over the limit (declared or streamed) without parsing it', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(300 * 1024) });
    const r = await raw('POST', '/api/scenarios:import', json, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('larger than') } });

    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/scenarios:import',
          headers: { host: `127.0.0.1:${host.port}`, 'x-firebreak-key': host.launchSecret!, ...json, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 30; i++) req.write('x'.repeat(10 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it.each([
    ['GET', {}, undefined, 405],
    ['POST', { 'content-type': 'text/plain' }, '{}', 415],
    ['POST', json, '{not json', 400],
    ['POST', json, Buffer.from([0x7b, 0xff, 0x7d]), 400],
  ] as const)('%s with %j → %i', async (method, headers, body, status) => {
    const r = await raw(method, '/api/exercises:list', { ...headers }, body);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body).ok).toBe(false);
  });
});

describe('browser host reports', () => {
  it('renders a report with the report module by default', async () => {
    const plain = await startWebHost({
      port: 0,
      dataDir: join(root, 'data2'),
      staticDir: join(root, 'static'),
      builtinScenariosDir: join(ROOT, 'test/fixtures'),
    });
    try {
      const base = `http://127.0.0.1:${plain.port}`;
      const meta = await invokeOverHttp(keyedFetch(plain.launchSecret), base, 'exercises:create', miniSetup());
      await invokeOverHttp(keyedFetch(plain.launchSecret), base, 'exercises:append', {
        exerciseId: meta.id,
        entries: [{ seq: 1, t: 60 * 60_000, input: { type: 'ACKNOWLEDGE' } }],
      });
      await invokeOverHttp(keyedFetch(plain.launchSecret), base, 'exercises:finish', { exerciseId: meta.id, status: 'finished' });
      const r = await invokeOverHttp(keyedFetch(plain.launchSecret), base, 'report:export', { exerciseId: meta.id, format: 'md' });
      expect(r).toMatchObject({ fileName: `mini-${meta.id}-aar.md`, savedTo: null });
      const md = Buffer.from((r as { base64: string }).base64, 'base64').toString('utf8');
      expect(md).toContain('Mini incident');
      expect(md).toContain('Blue team');
    } finally {
      await plain.close();
    }
  });
});

describe('browser host static files', () => {
  it('serves the app with a strict CSP and security headers', async () => {
    const r = await raw('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Firebreak</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const js = await raw('GET', '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('sends scripts gzipped to a browser that accepts it, and as they are to one that does not', async () => {
    const source = `export const big = ${JSON.stringify('firebreak '.repeat(2000))};`;
    await writeFile(join(root, 'static', 'assets', 'big.js'), source);
    const zipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/assets/big.js', headers: { host: `127.0.0.1:${host.port}`, 'accept-encoding': 'gzip, deflate, br' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('accept-encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(source.length / 10);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(source);
    const plain = await raw('GET', '/assets/big.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
  });

  it('falls back to the app for client routes and 404s missing files', async () => {
    expect((await raw('GET', '/history/ex-1')).body).toContain('<title>Firebreak</title>');
    expect((await raw('GET', '/assets/missing.js')).status).toBe(404);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A'])('does not serve %s', async (path) => {
    const r = await raw('GET', path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside the static folder');
  });
});

describe('npm run web arguments', () => {
  it('reads --port / PORT and --data / FIREBREAK_DATA with defaults', () => {
    expect(parseWebArgs([], {}).port).toBe(5178);
    expect(parseWebArgs([], { PORT: '6000' }).port).toBe(6000);
    expect(parseWebArgs(['--port', '7000'], { PORT: '6000' }).port).toBe(7000);
    expect(parseWebArgs([], { FIREBREAK_DATA: '/tmp/fb' }).dataDir).toBe('/tmp/fb');
    expect(parseWebArgs(['--data', '/tmp/x'], { FIREBREAK_DATA: '/tmp/fb' }).dataDir).toBe('/tmp/x');
    expect(parseWebArgs([], { XDG_CONFIG_HOME: '/cfg' }).dataDir).toMatch(/Firebreak$/);
    expect(() => parseWebArgs(['--port', 'http'], {})).toThrow('not a port number');
  });
});
