import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp(), inputsManifest()],
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
