import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { cataloguePart, type CataloguePart } from './shared/i18n/catalogue-parts.ts';

/**
 * The renderer bundle for the browser host (`vite build` → dist-web/) and `vite` dev serving.
 *
 * The Electron build (electron.vite.config.ts) uses renderer/index.html as its renderer input too.
 */

/**
 * Relaxes the page's CSP in `vite` dev only.
 *
 * React Fast Refresh injects an inline module script and the dev client opens a websocket; the
 * strict policy in index.html (no inline scripts, connect-src 'self') would block both. Builds keep
 * the policy exactly as written.
 */
function devCsp(): Plugin {
  return {
    name: 'firebreak-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    },
  };
}

/**
 * Writes `<outDir>/.build-inputs.json`: every project source the bundle was built from.
 *
 * `npm run web` (scripts/web.mjs) rebuilds the renderer only when one of them, or the lock file
 * (bundled libraries), is newer than the build (bin/freshness.mjs).
 */
function inputsManifest(): Plugin {
  const repo = import.meta.dirname;
  let outDir = '';
  let builtAt = 0;
  return {
    name: 'firebreak-inputs-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      builtAt = Date.now();
    },
    writeBundle() {
      const sources = [...this.getModuleIds()]
        .map((id) => id.split('?')[0]!)
        .filter((id) => id.startsWith(repo) && !id.includes('node_modules'))
        .map((id) => relative(repo, id));
      const inputs = [...new Set([...sources, 'renderer/index.html', 'vite.config.ts', 'package-lock.json'])].sort();
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, '.build-inputs.json'), `${JSON.stringify({ builtAt, inputs }, null, 1)}\n`);
    },
  };
}

/**
 * The page's English catalogue in two parts (#18, shared/i18n/catalogue-parts.ts): en.json as
 * shared/i18n/words.ts imports it holds the first part only (in the entry, with the shell), and as
 * shared/i18n/later-english.ts imports it the rest (a chunk loaded with the debrief, History and
 * author screens). Everything else (host, CLI, tests) reads en.json whole. The parts keep the
 * file's path, with a query, so the inputs manifest still lists en.json as a source.
 */
export function catalogueParts(): Plugin {
  const repo = import.meta.dirname;
  const catalogue = join(repo, 'shared/i18n/messages/en.json');
  const importers: Record<string, CataloguePart> = {
    [join(repo, 'shared/i18n/words.ts')]: 'first',
    [join(repo, 'shared/i18n/later-english.ts')]: 'later',
  };
  const QUERY = '?catalogue-part=';
  return {
    name: 'firebreak-catalogue-parts',
    enforce: 'pre',
    async resolveId(source, importer) {
      const part = importer && source.endsWith('/en.json') ? importers[importer.split('?')[0]!] : undefined;
      if (!part) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved?.id === catalogue ? `${catalogue}${QUERY}${part}` : null;
    },
    load(id) {
      if (!id.startsWith(`${catalogue}${QUERY}`)) return null;
      const part = id.slice(catalogue.length + QUERY.length) as CataloguePart;
      this.addWatchFile(catalogue);
      return { code: JSON.stringify(cataloguePart(JSON.parse(readFileSync(catalogue, 'utf8')) as Record<string, string>, part)), moduleType: 'json' };
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp(), inputsManifest(), catalogueParts()],
  // The debrief worker (renderer/src/debrief/debrief-worker.ts) is a module worker sharing chunks.
  worker: { format: 'es' },
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev:web`: the browser host serves /api; point the dev server at it when running.
    proxy: process.env.FIREBREAK_API ? { '/api': process.env.FIREBREAK_API } : undefined,
  },
});
