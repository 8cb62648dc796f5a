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

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp()],
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
