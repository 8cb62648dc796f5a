/**
 * The built renderer's files, as a Fastify plugin (both listeners): GET and HEAD only, confined
 * to the static folder (the raw path is decoded once, normalised and must stay under the folder;
 * NUL and bad encodings are a 404), a client-side route without an extension gets the app's
 * page, hashed assets are cached for a year, scripts, styles and pages go out gzipped to a
 * browser that accepts it. The security headers (CSP) come with every answer (http-app.ts).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from './http-reply.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.map', '.txt']);
/** Gzipped static files, by path; an entry is used while the file's size and mtime are unchanged. */
const gzipCache = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();

function gzipped(file: string, info: { mtimeMs: number; size: number }): Promise<Buffer> {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.body;
  const body = readFile(file).then((raw) => promisify(gzip)(raw, { level: 9 }));
  body.catch(() => gzipCache.delete(file));
  gzipCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, body });
  return body;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .headers({ ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    .send('Not found\n');
}

export const staticFiles: FastifyPluginCallback<{ staticDir: string }> = (app, options, done) => {
  const staticRoot = resolve(options.staticDir);

  async function serve(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    // The raw path, not the router's decoded parameter: decoded here once, then confined.
    let pathname: string;
    try {
      pathname = new URL(req.raw.url ?? '/', 'http://x').pathname;
    } catch {
      return notFound(reply);
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return notFound(reply);
    }
    if (decoded.includes('\0')) return notFound(reply);
    const rel = normalize(decoded).replace(/^[/\\]+/, '');
    let file = resolve(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return notFound(reply);

    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info && extname(rel) === '') {
      // A client-side route (/history, /exercise/…): the app's page.
      file = join(staticRoot, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info || !info.isFile()) return notFound(reply);

    const ext = extname(file).toLowerCase();
    const immutable = rel.startsWith(`assets${sep}`) || rel.startsWith('assets/');
    reply.code(200).headers({
      ...SECURITY_HEADERS,
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    });
    // Scripts, styles and pages go out gzipped (a third of their size; compressed once per file).
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = await gzipped(file, info);
      reply.headers({ 'content-encoding': 'gzip', 'content-length': String(body.length) });
      return reply.send(req.method === 'HEAD' ? undefined : body);
    }
    reply.header('content-length', String(info.size));
    if (req.method === 'HEAD') return reply.send();
    return reply.send(createReadStream(file));
  }

  app.route({
    method: app.supportedMethods,
    url: '/*',
    // Refused before any body is read (a form posted here is not parsed).
    onRequest: async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return reply
          .code(405)
          .headers({ ...SECURITY_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
          .send('Method not allowed\n');
      return undefined;
    },
    handler: serve,
  });
  done();
};
