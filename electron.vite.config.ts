import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { catalogueParts } from './vite.config.ts';

/**
 * The desktop build: `electron-vite build` → out/main (ESM), out/preload (CommonJS, required for
 * a sandboxed preload), out/renderer (the same renderer/index.html the browser host serves).
 *
 * Main and preload bundle what they import (zod, yaml, xstate; the preload only `electron`), so the
 * packaged app needs no node_modules: electron-builder.yml leaves them out, which keeps the CLI/web
 * dependencies (playwright-core; tsx and esbuild are development-only) and the renderer's libraries (already
 * in the renderer bundle) out of the desktop package.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), catalogueParts()],
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
